"""Importing interchange files: the documented example, idempotence, updates, anonymity, and
every kind of bad input rejected with its path while the workspace stays exactly as it was."""

import copy
import json

import pytest

from consultant_app.interchange import InterchangeError, import_document, import_file
from tests.conftest import DATA


def test_the_documented_example_imports_unchanged(store):
    result = import_file(store, DATA / "example.json")
    assert result.created == {"client": 1, "role": 1, "candidate": 1, "interview": 1, "note": 3}
    client = store.clients.get("c1")
    assert (client.name, client.industry, client.brand_color) == ("Northwind Robotics", "Manufacturing", "#1F6FB2")
    role = store.roles.get("r1")
    assert (role.salary_offered, role.currency, role.hiring_manager, role.work_mode) == (
        85000,
        "EUR",
        "Dana Whitfield",
        "hybrid",
    )
    candidate = store.candidates.get("p1")
    assert (candidate.full_name, candidate.email, candidate.disclosure, candidate.role_id) == (
        "Alex Moreno",
        "alex@example.org",
        "confidential",
        "r1",
    )
    interview = store.interviews.get("i1")
    assert interview.decline_reasons == ["compensation", "process_speed"]
    assert interview.ratings == {"compensation": 2, "process_speed": 2, "interviewers": 5}
    assert (interview.recommend, interview.competing_company, interview.competing_salary) == (6, "Contoso", 92000)
    notes = store.notes.for_interview("i1")
    assert [(n.id, n.section, n.visibility, n.highlight) for n in notes] == [
        ("n1", "right", "shareable", True),
        ("n2", "wrong", "aggregate", False),
        ("n3", "extra", "internal", False),
    ]
    assert notes[0].themes == ["prepared interviewers"]
    assert store.maintenance.check().ok


def test_importing_the_same_file_twice_changes_nothing(store, workspace_path):
    import_file(store, DATA / "example.json")
    before = store.db.execute("SELECT * FROM notes ORDER BY rid").fetchall()
    result = import_file(store, DATA / "example.json")
    assert sum(result.created.values()) == 0 and sum(result.updated.values()) == 0
    assert result.unchanged["note"] == 3
    assert store.db.execute("SELECT * FROM notes ORDER BY rid").fetchall() == before


def test_a_changed_record_updates_and_nothing_is_deleted(store, example_doc):
    import_document(store, example_doc)
    changed = copy.deepcopy(example_doc)
    interview = changed["clients"][0]["candidates"][0]["interviews"][0]
    interview["recommend"] = 9
    interview["notes"] = interview["notes"][:1]
    result = import_document(store, changed)
    assert result.updated == {"interview": 1}
    assert store.interviews.get("i1").recommend == 9
    assert len(store.notes.for_interview("i1")) == 3


def test_an_anonymous_completed_candidate_arrives_erased(store, example_doc):
    candidate = example_doc["clients"][0]["candidates"][0]
    candidate["disclosure"] = "anonymous"
    candidate["interviews"][0]["notes"][0]["text"] = "Alex Moreno: call me on +49 30 1234567."
    result = import_document(store, example_doc)
    assert result.identities_erased == 1
    stored = store.candidates.get("p1")
    assert stored.identity_erased and stored.full_name.startswith("Candidate ") and stored.email is None
    assert store.notes.get("n1").text == "[name]: call me on [phone]."
    again = import_document(store, example_doc)
    assert sum(again.updated.values()) == 0 and store.candidates.get("p1").full_name == stored.full_name
    assert not store.search.query("moreno")


def test_an_export_with_erased_candidates_imports_twice_without_changes(tmp_path, example_doc):
    """An erased candidate's pseudonym ("Candidate 7F3A") is not a name: a second import of an export must
    not redact the word "Candidate" in their notes (78 notes changed on every re-import)."""
    from consultant_app.interchange import export_file
    from consultant_app.store import Store

    candidate = example_doc["clients"][0]["candidates"][0]
    candidate["disclosure"] = "anonymous"
    candidate["interviews"][0]["notes"][0]["text"] = "Candidate asked about remote work; Alex Moreno said so."
    with Store.open(tmp_path / "first.db") as first:
        import_document(first, example_doc)
        export_file(first, tmp_path / "export.json")
    with Store.open(tmp_path / "second.db") as second:
        import_file(second, tmp_path / "export.json")
        before = second.db.execute("SELECT id, full_name FROM candidates").fetchall(), second.notes.get("n1").text
        again = import_file(second, tmp_path / "export.json")
        assert sum(again.created.values()) == 0 and sum(again.updated.values()) == 0, again.summary()
        assert (
            second.db.execute("SELECT id, full_name FROM candidates").fetchall(),
            second.notes.get("n1").text,
        ) == before
        assert before[1] == "Candidate asked about remote work; [name] said so."


def mutate(doc, path, value):
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


INTERVIEW = ("clients", 0, "candidates", 0, "interviews", 0)
BAD_DOCUMENTS = [
    (("format",), "spreadsheet", "format: expected 'debrief-interchange'"),
    (("version",), 2, "version: written by a newer version of Debrief"),
    (("version",), "1", "version: expected a whole number"),
    (("scope",), "everything", "scope: expected 'workspace' or 'client-internal'"),
    (("clients",), {"id": "c1"}, "clients: expected a list"),
    (("clients", 0, "name"), None, "clients[0].name: required"),
    (("clients", 0, "brand_color"), "blue", "clients[0].brand_color: not a colour"),
    (("clients", 0, "roles", 0, "work_mode"), "space", "clients[0].roles[0].work_mode: unknown work mode"),
    (("clients", 0, "roles", 0, "salary_offered"), "lots", "clients[0].roles[0].salary_offered: expected a number"),
    (
        ("clients", 0, "candidates", 0, "disclosure"),
        "public",
        "clients[0].candidates[0].disclosure: unknown disclosure",
    ),
    (("clients", 0, "candidates", 0, "offer_date"), "2026-02-30", "clients[0].candidates[0].offer_date: not a date"),
    (("clients", 0, "candidates", 0, "role_id"), "r404", "clients[0].candidates[0].role_id: no role 'r404'"),
    (
        INTERVIEW + ("ratings",),
        {"speed": 3},
        "clients[0].candidates[0].interviews[0].ratings.speed: unknown rating dimension",
    ),
    (INTERVIEW + ("ratings",), {"compensation": 6}, "ratings.compensation: 6 is outside the allowed range 1–5"),
    (INTERVIEW + ("recommend",), 11, "interviews[0].recommend: 11 is outside"),
    (INTERVIEW + ("status",), "done", "interviews[0].status: unknown interview status 'done'"),
    (INTERVIEW + ("decline_reasons",), ["money"], "decline_reasons[0]: unknown decline reason 'money'"),
    (INTERVIEW + ("notes", 0, "visibility"), "public", "notes[0].visibility: unknown visibility"),
    (INTERVIEW + ("notes", 0, "section"), "good", "notes[0].section: unknown note section"),
    (INTERVIEW + ("notes", 0, "id"), "n2", "notes[1].id: the id 'n2' is used twice"),
    (INTERVIEW + ("notes", 1), "just text", "notes[1]: expected an object"),
    (INTERVIEW + ("notes", 0, "text"), 42, "notes[0].text: expected text, got a number"),
    (INTERVIEW + ("colour",), "red", "interviews[0].colour: unknown field"),
    (("clients", 0, "logo"), "***not base64***", "clients[0].logo: not valid base64"),
]


@pytest.mark.parametrize("path,value,message", BAD_DOCUMENTS)
def test_bad_documents_are_rejected_with_the_path_of_the_problem(store, example_doc, path, value, message):
    doc = mutate(example_doc, path, value)
    with pytest.raises(InterchangeError) as caught:
        import_document(store, doc)
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert store.is_empty()


def test_an_older_client_copy_is_refused_plainly_and_changes_nothing(store, example_doc):
    """Older versions wrote a client copy (scope "client"): fresh ids, pseudonyms, redacted notes. Taken back in, it
    would count every interview a second time under a made-up name, so a firm gets a plain refusal instead."""
    import_document(store, example_doc)
    before = store.db.execute("SELECT * FROM candidates").fetchall()
    old_copy = mutate(copy.deepcopy(example_doc), ("scope",), "client")
    mutate(old_copy, ("clients", 0, "candidates", 0, "full_name"), "Candidate 7F3A")
    mutate(old_copy, ("clients", 0, "candidates", 0, "id"), "fresh-id")
    with pytest.raises(InterchangeError) as caught:
        import_document(store, old_copy)
    assert caught.value.problems == [
        "scope: 'client' is a client copy made by an older Debrief (fresh ids, pseudonyms, redacted text), not the "
        "firm's data; importing it would count its interviews a second time. Import the firm's own export (a "
        "workspace or client-internal file) instead"
    ]
    assert str(caught.value).startswith("The file cannot be imported and nothing was changed: scope: 'client'")
    assert store.db.execute("SELECT * FROM candidates").fetchall() == before


def test_both_firm_internal_scopes_import(store, example_doc):
    for scope in ("workspace", "client-internal"):
        assert import_document(store, mutate(copy.deepcopy(example_doc), ("scope",), scope))


def test_every_problem_is_reported_at_once(store, example_doc):
    mutate(example_doc, INTERVIEW + ("recommend",), 11)
    mutate(example_doc, ("clients", 0, "roles", 0, "work_mode"), "space")
    with pytest.raises(InterchangeError) as caught:
        import_document(store, example_doc)
    assert len(caught.value.problems) == 2
    assert "nothing was changed" in str(caught.value)


def test_a_failed_import_leaves_an_existing_workspace_byte_for_byte(store, example_doc, workspace_path):
    import_document(store, example_doc)
    before = store.db.execute("SELECT * FROM interviews").fetchall(), store.db.execute("SELECT * FROM notes").fetchall()
    bad = copy.deepcopy(example_doc)
    mutate(bad, INTERVIEW + ("recommend",), 3)
    mutate(bad, INTERVIEW + ("notes", 0, "visibility"), "public")
    with pytest.raises(InterchangeError):
        import_document(store, bad)
    after = store.db.execute("SELECT * FROM interviews").fetchall(), store.db.execute("SELECT * FROM notes").fetchall()
    assert after == before


def test_an_id_that_belongs_to_another_parent_is_refused(store, example_doc):
    import_document(store, example_doc)
    moved = copy.deepcopy(example_doc)
    moved["clients"][0]["id"] = "c2"
    with pytest.raises(InterchangeError) as caught:
        import_document(store, moved)
    assert any("already belongs to another client" in p for p in caught.value.problems)


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"", "not valid JSON"),
        (b'{"format": ', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
        (b"null", "expected a JSON object"),
    ],
)
def test_files_that_are_not_interchange_documents(store, tmp_path, raw, message):
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(InterchangeError) as caught:
        import_file(store, path)
    assert message in str(caught.value)


def test_a_missing_file_is_a_plain_error(store, tmp_path):
    with pytest.raises(InterchangeError, match="cannot be read"):
        import_file(store, tmp_path / "nope.json")


def test_huge_text_imports_whole(store, example_doc):
    big = "x" * (5 * 1024 * 1024)
    mutate(example_doc, INTERVIEW + ("notes", 0, "text"), big)
    import_document(store, json.loads(json.dumps(example_doc)))
    assert store.notes.get("n1").text == big


def test_null_lists_import_as_empty(store, example_doc):
    """Found by the hostile-input suite: ``"themes": null`` crashed the import with a TypeError."""
    interview = example_doc["clients"][0]["candidates"][0]["interviews"][0]
    interview["decline_reasons"] = None
    interview["ratings"] = None
    interview["notes"][0]["themes"] = None
    import_document(store, example_doc)
    stored = store.interviews.get("i1")
    assert (stored.decline_reasons, stored.ratings) == ([], {})
    assert store.notes.for_interview("i1")[0].themes == []


def test_the_summary_says_when_only_the_firm_or_themes_changed(store, example_doc):
    import_document(store, example_doc)
    changed = copy.deepcopy(example_doc)
    changed["firm"] = {"name": "Meridian Talent, renamed"}
    changed["themes"] = [{"id": "t-new", "name": "A theme no one had"}]
    summary = import_document(store, changed).summary()
    assert summary == "Imported the firm profile; 1 theme (1 new)."
    assert import_document(store, changed).summary() == "Imported nothing new."


@pytest.mark.parametrize("breakage", ["structure", "reference", "value"])
def test_a_failed_import_leaves_no_audit_entry(store, example_doc, breakage):
    import_document(store, example_doc)
    before = [(e.action, e.detail) for e in store.audit.entries()]
    broken = copy.deepcopy(example_doc)
    candidate = broken["clients"][0]["candidates"][0]
    if breakage == "structure":
        candidate["interviews"] = "not a list"
    elif breakage == "reference":
        candidate["role_id"] = "no-such-role"
    else:
        candidate["interviews"][0]["competing_salary"] = float("inf")
    with pytest.raises(InterchangeError):
        import_document(store, broken)
    assert [(e.action, e.detail) for e in store.audit.entries()] == before
