"""Importing a file as a stream: a file bigger than one batch that turns out bad halfway (a wrong record, an id
used twice, a cut-off end) changes nothing and says why in one line, and a document whose keys come in any
order at every level imports as the same workspace as Debrief's own order."""

import copy
import json
import subprocess
import sys

import pytest

from consultant_app.interchange import InterchangeError, export_document, import_document, import_file
from consultant_app.store import Store

TABLES = ("clients", "roles", "candidates", "interviews", "notes", "note_themes", "themes", "guides", "audit_log")


def snapshot(store: Store) -> dict:
    return {t: store.db.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}


def big_document(example_doc: dict, people: int = 900) -> dict:
    """The example with ``people`` candidates of one interview and three notes each: 4,500 records and more, more
    than one batch."""
    doc = copy.deepcopy(example_doc)
    client = doc["clients"][0]
    person = client["candidates"][0]
    client["candidates"] = []
    for p in range(people):
        copy_ = copy.deepcopy(person)
        copy_["id"], copy_["email"], copy_["phone"] = f"p{p}", f"person{p}@example.org", f"+49 30 {1000000 + p}"
        interview = copy_["interviews"][0]
        interview["id"] = f"i{p}"
        for n, note in enumerate(interview["notes"]):
            note["id"] = f"n{p}-{n}"
        client["candidates"].append(copy_)
    return doc


def comparable(store: Store) -> dict:
    """The workspace's export less what differs between two imports of one file: the time of import of records
    without one, the ids of themes made for notes and the random pseudonyms of people erased on the way."""

    def scrub(value):
        if isinstance(value, dict):
            return {
                k: "…"
                if k in ("created_at", "updated_at") or k == "full_name" and value.get("identity_erased")
                else scrub(v)
                for k, v in value.items()
            }
        return [scrub(v) for v in value] if isinstance(value, list) else value

    doc = scrub(export_document(store))
    doc["themes"] = [t if t["id"] == "t1" else dict(t, id="…") for t in doc["themes"]]
    return doc


def write(path, doc) -> None:
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")


@pytest.fixture
def before(store, example_doc):
    import_document(store, example_doc)
    return snapshot(store)


def refused(store, doc, path) -> InterchangeError:
    """The error importing ``doc`` from a file at ``path`` raises."""
    write(path, doc)
    with pytest.raises(InterchangeError) as caught:
        import_file(store, path)
    return caught.value


def test_a_bad_record_halfway_through_a_big_file_changes_nothing(store, before, example_doc, tmp_path):
    doc = big_document(example_doc, people=2000)
    doc["clients"][0]["candidates"][1500]["interviews"][0]["notes"][1]["visibility"] = "secret"
    error = refused(store, doc, tmp_path / "big.json")
    assert "\n" not in str(error) and "nothing was changed" in str(error)
    assert [p.split(":")[0] for p in error.problems] == [
        "clients[0].candidates[1500].interviews[0].notes[1].visibility"
    ]
    assert snapshot(store) == before


def test_an_id_used_twice_far_apart_is_found_with_both_places(store, before, example_doc, tmp_path):
    doc = big_document(example_doc, people=2000)
    doc["clients"][0]["candidates"][1800]["interviews"][0]["notes"][2]["id"] = "n3-0"
    assert refused(store, doc, tmp_path / "twice.json").problems == [
        "clients[0].candidates[1800].interviews[0].notes[2].id: the id 'n3-0' is used twice "
        "(also at clients[0].candidates[3].interviews[0].notes[0])"
    ]
    assert snapshot(store) == before


def test_a_file_cut_off_halfway_changes_nothing(store, before, example_doc, tmp_path):
    raw = json.dumps(big_document(example_doc, people=2000), indent=1).encode()
    (tmp_path / "cut.json").write_bytes(raw[: len(raw) * 3 // 4])
    with pytest.raises(InterchangeError, match="not valid JSON") as caught:
        import_file(store, tmp_path / "cut.json")
    assert "\n" not in str(caught.value)
    assert snapshot(store) == before


def test_the_same_big_file_imports_as_it_would_whole(tmp_path, example_doc):
    doc = big_document(example_doc)
    write(tmp_path / "big.json", doc)
    with Store.open(tmp_path / "streamed.db") as streamed, Store.open(tmp_path / "whole.db") as whole:
        assert import_file(streamed, tmp_path / "big.json").summary() == import_document(whole, doc).summary()
        assert comparable(streamed) == comparable(whole)


def reversed_keys(value):
    """``value`` with the keys of every object in reverse order: the clients before the format, a client's
    candidates before its id and roles, a note's text before its id."""
    if isinstance(value, dict):
        return {k: reversed_keys(v) for k, v in reversed(value.items())}
    if isinstance(value, list):
        return [reversed_keys(v) for v in value]
    return value


def fields_after_candidates(doc: dict) -> dict:
    """``doc`` with each client's id first, then its candidates, then its other fields and roles."""
    doc = copy.deepcopy(doc)
    doc["clients"] = [
        {"id": c["id"], "candidates": c["candidates"]} | {k: v for k, v in c.items() if k not in ("id", "candidates")}
        for c in doc["clients"]
    ]
    return doc


def test_keys_in_any_order_import_the_same(tmp_path, example_doc):
    doc = big_document(example_doc, people=40)
    doc["clients"].append(copy.deepcopy(doc["clients"][0]) | {"id": "c2", "name": "Second Client"})
    second = doc["clients"][1]
    second["roles"][0]["id"] = "r2"
    for p, person in enumerate(second["candidates"]):
        person["id"], person["role_id"], person["disclosure"] = f"q{p}", "r2", "anonymous"
        person["interviews"][0]["id"] = f"j{p}"
        for n, note in enumerate(person["interviews"][0]["notes"]):
            note["id"] = f"m{p}-{n}"
    doc["themes"] = [{"id": "t1", "name": "Prepared interviewers", "color": "#112233"}]
    doc["guides"] = [{"id": "g1", "name": "Second guide", "client_id": "c2", "questions": {"right": ["What?"]}}]
    write(tmp_path / "usual.json", doc)
    write(tmp_path / "reversed.json", reversed_keys(doc))
    assert list(reversed_keys(doc)) == ["guides", "themes", "clients", "version", "format"]
    write(tmp_path / "late.json", fields_after_candidates(doc))
    with Store.open(tmp_path / "a.db") as usual:
        first = import_file(usual, tmp_path / "usual.json")
        assert first.identities_erased == 40
        for name in ("reversed.json", "late.json"):
            with Store.open(tmp_path / f"{name}.db") as odd:
                assert import_file(odd, tmp_path / name).summary() == first.summary()
                assert comparable(usual) == comparable(odd)
                assert odd.db.execute("SELECT count(*) FROM audit_log WHERE action = 'import'").fetchone() == (1,)


DEEP_FILES = {
    "at the top": b"[" * 100_000 + b"]" * 100_000,
    "in a firm field": b'{"format": "debrief-interchange", "firm": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "in a candidate": b'{"clients": [{"id": "c1", "candidates": [{"id": "p1", "x": '
    + b"[" * 100_000
    + b"]" * 100_000
    + b"}]}]}",
}
PEAK_OF_A_DEEP_IMPORT = """
import sys
from pathlib import Path
from consultant_app.interchange import InterchangeError, import_file
from consultant_app.store import Store
store = Store.open(Path(sys.argv[1]))
try:
    import_file(store, Path(sys.argv[2]))
except InterchangeError as exc:
    print(exc)
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")))
"""


@pytest.mark.parametrize("where", list(DEEP_FILES))
def test_a_file_nested_deep_is_refused_in_bounded_memory(tmp_path, where):
    """The parser lists each read's events with their paths before any is checked: brackets alone once took 10 GB
    (in a fresh process, so the peak is this import's own)."""
    source = tmp_path / "deep.json"
    source.write_bytes(DEEP_FILES[where])
    child = subprocess.run(
        [sys.executable, "-c", PEAK_OF_A_DEEP_IMPORT, str(tmp_path / "w.db"), str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    refusal, peak_kb = child.stdout.strip().splitlines()
    assert "nested too deeply" in refusal
    assert int(peak_kb) < 300 * 1024
