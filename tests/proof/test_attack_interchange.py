"""Attack 5 of the disclosure-control red-team pass (issue 15): a client given interchange exports.

The client knows its own candidates: their names, roles and the dates they declined, and so the order in
which it reported them to the firm, which is the order the firm entered them in and the order an interchange
file lists them in. A "client-safe" interchange export kept that stored order, named the candidates who agreed
to be named and gave everyone else a fresh pseudonym, with exact answers: competitor, competing salary,
duration, recommendation, every rating and every reason. Named records are anchors: between two of them, the
pseudonymous records are the client's own candidates in between, one for one, so the client reads each
person's exact answers; positions stay the same across exports, so fresh pseudonyms do not help.

The defence is that no interchange file is made for a client any more: what leaves for a client is a report
or a dataset, and interchange files are firm-internal. This test tries every route that used to make a
client's interchange file (the command line with each way of naming a client without ``--internal``, and
``export_document``/``export_file`` with the old ``client`` scope), hands the client whatever they wrote, runs
the linkage on it and recovers no one; it checks the attack itself works on what the old client copy held
(the firm-internal transfer with non-named names taken out), and that the firm's own transfer says it is
firm-internal in the file, the command's message and the audit log.
"""

import contextlib
import json
from datetime import date

import pytest

from consultant_app.demo import build_demo_document
from consultant_app.interchange import export_document, export_file, import_document
from consultant_app.store import Store
from tests.test_cli import run

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A demo workspace of a few hundred interviews whose candidates were entered in the order they declined, as
    a firm enters them when a client reports them; returns its path, the client attacked (the largest) and what
    that client knows of its own candidates, in that order."""
    folder = tmp_path_factory.mktemp("attack-interchange")
    doc = build_demo_document(clients=2, interviews=300, seed=15, today=TODAY)
    for client in doc["clients"]:
        client["candidates"].sort(key=lambda p: p["decline_date"])
    target = max(doc["clients"], key=lambda c: len(c["candidates"]))
    known = json.loads(json.dumps(target["candidates"]))  # the client's own knowledge, before any erasure
    path = folder / "w.db"
    with Store.open(path) as store:
        import_document(store, doc)
    return path, target, known


def answers(interview: dict) -> tuple:
    """What a completed interview answered, exactly: the fingerprint a client reads off a record."""
    return (
        interview.get("competing_company"),
        interview.get("competing_salary"),
        interview.get("duration_minutes"),
        interview.get("recommend"),
        tuple(interview.get("decline_reasons") or ()),
        tuple(sorted((interview.get("ratings") or {}).items())),
    )


def completed(record: dict) -> dict | None:
    return next((i for i in record.get("interviews", []) if i.get("status") == "completed"), None)


def recovered(records: list[dict], known: list[dict]) -> set[str]:
    """The people (ids) whose pseudonymous record the client ties to them: named records are anchors; where the
    gap between two anchors holds as many records as the client has candidates between them, the records are
    those candidates, in order. A tie counts only when the record's exact answers are that person's, and theirs
    alone."""
    names = [p["full_name"] for p in known]
    where = {name: i for i, name in enumerate(names) if names.count(name) == 1}
    fingerprints = [answers(i) for p in known if (i := completed(p))]
    anchors = [(-1, -1)]
    for index, record in enumerate(records):
        spot = where.get(record.get("full_name"))
        if spot is not None and spot > anchors[-1][1]:
            anchors.append((index, spot))
    anchors.append((len(records), len(known)))
    found = set()
    for (a, ka), (b, kb) in zip(anchors, anchors[1:]):
        if b - a != kb - ka:
            continue
        for step in range(1, b - a):
            record, person = records[a + step], known[ka + step]
            mine, theirs = completed(record), completed(person)
            if record.get("full_name") in names or mine is None or theirs is None:  # named: nothing to recover
                continue
            if answers(mine) == answers(theirs) and fingerprints.count(answers(theirs)) == 1:
                found.add(person["id"])
    return found


def client_records(doc: dict, client_id: str) -> list[dict]:
    return next((c.get("candidates", []) for c in doc.get("clients", []) if c["id"] == client_id), [])


def old_client_routes(target: dict) -> list[list[str]]:
    """Every way the command line used to make a client's interchange file: a client named without --internal."""
    return [["--client", target["name"]], ["--client", target["name"].upper()], ["--client", target["id"]]]


@pytest.mark.parametrize("route", range(3))
def test_the_command_line_makes_no_client_interchange_file(workspace, tmp_path, route):
    path, target, _ = workspace
    args = old_client_routes(target)[route]
    result = run(path, "export", str(tmp_path / "for-the-client.json"), *args)
    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: ")
    line = result.stderr.lower()
    assert "firm-internal" in line and "report" in line and "dataset" in line
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a partial file


def test_the_core_makes_no_client_scope(workspace, tmp_path):
    path, target, _ = workspace
    with Store.open(path) as store:
        before = len(store.audit.entries())
        for scope in ("client", "client-safe"):
            with pytest.raises(ValueError, match="firm-internal"):
                export_document(store, target["id"], scope=scope)
            with pytest.raises(ValueError, match="firm-internal"):
                export_file(store, tmp_path / f"{scope}.json", target["id"], scope)
        assert len(store.audit.entries()) == before
    assert list(tmp_path.iterdir()) == []


def test_a_client_given_whatever_the_old_routes_make_recovers_no_one(workspace, tmp_path):
    path, target, known = workspace
    received = []
    for n, args in enumerate(old_client_routes(target)):
        run(path, "export", str(tmp_path / f"cli-{n}.json"), *args)
    with Store.open(path) as store:
        with contextlib.suppress(ValueError):
            received.append(export_document(store, target["id"], scope="client"))
        internal = export_document(store, target["id"])
    received += [json.loads(p.read_text(encoding="utf-8")) for p in sorted(tmp_path.glob("cli-*.json"))]
    people = set().union(*(recovered(client_records(doc, target["id"]), known) for doc in received))
    assert not people, f"the client tied {len(people)} pseudonymous records to people"
    assert received == []
    # The attack itself works: on what the old client copy held (stored order, named names, exact answers) it
    # ties most people to their answers, which is why the firm-internal file must never reach a client.
    as_the_old_copy = [
        dict(p, full_name=p["full_name"] if p["disclosure"] == "named" else "Candidate ????")
        for p in client_records(internal, target["id"])
    ]
    pseudonymous = sum(1 for p in as_the_old_copy if p["disclosure"] != "named" and completed(p))
    assert len(recovered(as_the_old_copy, known)) >= pseudonymous // 2


def test_the_firms_own_transfer_says_it_is_firm_internal(workspace, tmp_path):
    path, target, _ = workspace
    out = tmp_path / "transfer.json"
    result = run(path, "export", str(out), "--client", target["name"], "--internal")
    assert result.returncode == 0, result.stderr
    assert "firm-internal" in result.stdout and "never for a client" in result.stdout
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["scope"] == "client-internal"
    assert len(client_records(doc, target["id"])) == len(target["candidates"])  # everything, for the firm
    whole = run(path, "export", str(tmp_path / "all.json"))
    assert whole.returncode == 0 and "firm-internal" in whole.stdout
    with Store.open(path) as store:
        entries = [e.detail for e in store.audit.entries() if e.action == "export-interchange"]
    assert [(e["scope"], e["firm_internal"]) for e in entries[:2]] == [("workspace", True), ("client-internal", True)]
