"""Hostile and unusual input, property-based: mutated interchange files end in a clear error or a
correct import (and a failed import changes nothing); any Unicode round-trips through the store,
the interchange format and search, and prints in a report; broken or huge logos are refused
plainly."""

import copy
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from consultant_app.domain.model import Candidate, Client, Interview, Note
from consultant_app.domain.validation import MAX_TEXT
from consultant_app.interchange import InterchangeError, export_document, import_document
from consultant_app.interchange.document import parse_document
from consultant_app.reports.logos import load_logo
from consultant_app.store import Store
from tests.conftest import DATA

EXAMPLE = json.loads((DATA / "example.json").read_text())
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, prefix + (index,))


@st.composite
def mutated_documents(draw):
    doc = copy.deepcopy(EXAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        targets = [p for p in paths(doc) if p]
        path = draw(st.sampled_from(targets))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return doc


def snapshot(store: Store) -> dict:
    return {
        t: store.db.execute(f"SELECT * FROM {t} ORDER BY rid").fetchall()
        for t in ("clients", "roles", "candidates", "interviews", "notes", "themes", "guides")
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_mutated_files_import_cleanly_or_change_nothing(doc):
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.db") as store:
        base = copy.deepcopy(EXAMPLE)
        base["clients"][0]["id"] = "base-client"
        for kind in ("roles", "candidates"):
            for record in base["clients"][0][kind]:
                record["id"] = "base-" + record["id"]
        base["clients"][0]["candidates"][0]["role_id"] = "base-r1"
        interview = base["clients"][0]["candidates"][0]["interviews"][0]
        interview["id"] = "base-i1"
        for note in interview["notes"]:
            note["id"] = "base-" + note["id"]
        import_document(store, base)
        before = snapshot(store)
        try:
            import_document(store, doc)
        except InterchangeError as error:
            assert error.problems and all(isinstance(p, str) and p for p in error.problems)
            assert snapshot(store) == before
        else:
            assert store.maintenance.check().ok


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_either_a_document_or_a_plain_error(raw):
    try:
        parse_document(raw)
    except InterchangeError as error:
        assert error.problems[0].startswith("document:")


def test_a_10_mb_string_imports_whole_and_one_character_more_fails_plainly(store):
    doc = copy.deepcopy(EXAMPLE)
    note = doc["clients"][0]["candidates"][0]["interviews"][0]["notes"][0]
    note["text"] = "z" * (MAX_TEXT + 1)
    with pytest.raises(InterchangeError, match=r"notes\[0\]\.text: 10,485,761 characters; at most 10,485,760"):
        import_document(store, doc)
    note["text"] = "z" * MAX_TEXT
    import_document(store, doc)
    assert len(store.notes.get("n1").text) == MAX_TEXT == 10 * 1024 * 1024


@pytest.mark.parametrize(
    "literal, message",
    [
        ("NaN", "nan is not a number that can be stored"),
        ("Infinity", "inf is not a number that can be stored"),
        ("-Infinity", "-inf is not a number"),
        ("1e999", "inf is not a number"),
        ("-5", "-5 is outside"),
        ("1" * 4000, "a number of about 4000 digits is outside the allowed range 0–100,000,000,000"),
    ],
)
def test_impossible_salaries_in_a_file_are_refused_with_their_path(store, literal, message):
    doc = copy.deepcopy(EXAMPLE)
    doc["clients"][0]["candidates"][0]["interviews"][0]["competing_salary"] = "SALARY"
    raw = json.dumps(doc).replace('"SALARY"', literal).encode()
    with pytest.raises(InterchangeError, match=f"interviews\\[0\\]\\.competing_salary: {message}"):
        import_document(store, parse_document(raw))
    assert store.is_empty()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("full_name", "W" * 10_000, "10,000 characters; at most 200 are allowed"),
        ("full_name", "Alex\nMoreno", "must be one line"),
        ("full_name", "Alex \ud800 Moreno", "not valid text"),
        ("email", "a" * 201, "201 characters"),
    ],
)
def test_extreme_text_is_refused_with_its_path(store, field, value, message):
    doc = copy.deepcopy(EXAMPLE)
    doc["clients"][0]["candidates"][0][field] = value
    with pytest.raises(InterchangeError, match=f"candidates\\[0\\]\\.{field}: .*{message}"):
        import_document(store, doc)
    assert store.is_empty()


UNICODE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(UNICODE)
def test_any_unicode_round_trips_through_store_interchange_and_search(store, text):
    text = text + " zqmarker"
    client = store.clients.save(Client(name="C"))
    person = store.candidates.save(Candidate(client_id=client.id, full_name="P"))
    interview = store.interviews.save(Interview(candidate_id=person.id))
    note = store.notes.save(Note(interview_id=interview.id, section="right", text=text, visibility="shareable"))
    assert store.notes.get(note.id).text == text
    assert any(h.ref_id == note.id for h in store.search.query("zqmarker", limit=500))
    doc = json.loads(json.dumps(export_document(store)))
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "copy.db") as other:
        import_document(other, doc)
        assert other.notes.get(note.id).text == text
    store.search.query(text)  # the text itself as a query never raises


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(UNICODE)
def test_any_unicode_prints_in_a_report(store, tmp_path, text):
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report

    line = "".join(" " if ch.isspace() else ch for ch in text)  # names and themes are one line
    client = store.clients.save(Client(name="Unicode Co " + line[:20]))
    for i in range(5):
        person = store.candidates.save(Candidate(client_id=client.id, full_name=f"Person {i}"))
        interview = store.interviews.save(
            Interview(
                candidate_id=person.id,
                status="completed",
                conducted_at="2026-05-01T10:00:00",
                decline_reasons=["timing"],
            )
        )
        store.notes.save(
            Note(
                interview_id=interview.id,
                section="extra",
                text=text + " quote",
                visibility="shareable",
                highlight=True,
                themes=[line[:30].strip() or "theme"],
            )
        )
    result = generate_report(store, ReportRequest(client.id, tmp_path / "u.pdf"))
    assert result.pages >= 3 and (tmp_path / "u.pdf").read_bytes().startswith(b"%PDF")


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data,message",
    [
        (b"not an image at all", "could not be read"),
        (png(200, 80)[:60], "could not be read"),
        (png(12000, 12000), "too large to print"),
        (b"\x89PNG\r\n\x1a\n" + b"\xff" * 5000, "could not be read"),
    ],
)
def test_broken_and_huge_logos_are_refused_plainly(data, message):
    warnings: list[str] = []
    assert load_logo(data, "client", warnings) is None
    assert len(warnings) == 1 and message in warnings[0]


def test_the_app_refuses_a_huge_logo_file_plainly(tmp_path, qapp):
    from consultant_app.ui.dialogs.form import read_logo

    (tmp_path / "huge.png").write_bytes(png(12000, 12000))
    with pytest.raises(ValueError, match="under 25 megapixels"):
        read_logo(str(tmp_path / "huge.png"))
