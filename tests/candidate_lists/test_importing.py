"""Importing a client's list into a real workspace: every problem is named by row and column and nothing is written
while there is one; duplicates (the client's own candidates, earlier rows, people erased before) are found before
anything is written and skipped or refused, never doubled; job titles become roles once; the store writes it all or
nothing; the confirmed mapping is offered next time; and the candidate's ATS id lives like their e-mail: it travels
in interchange files and sync records, and an identity erasure removes it, from other people's notes too."""

import pytest

from consultant_app.candidate_lists import importing
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.interchange import export_document, import_document
from consultant_app.store import Store, WorkspaceError

HEADER = "Candidate ID;Name;Email;Phone;Job;Offer date"


@pytest.fixture
def client(store):
    client = store.clients.save(Client("Acme Labs"))
    store.roles.save(Role(client.id, "Data Analyst"))
    store.candidates.save(Candidate(client.id, "Stored Person", email="Stored@Example.com", external_id="GH-1"))
    return client


def planned(store, client, tmp_path, *rows, skip=True, mapping=None):
    path = tmp_path / "list.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    table = importing.open_list(path)
    mapping = mapping or importing.offered_mapping(store, client.id, table)[0]
    return importing.plan(store, client.id, table, mapping, skip)


def names(store, client):
    return sorted(c.full_name for c in store.candidates.for_client(client.id))


def test_every_problem_names_its_row_and_column_and_nothing_is_written(store, client, tmp_path):
    plan = planned(
        store,
        client,
        tmp_path,
        "GH-2;Ann Lee;ann@example.com;+49 30 1234567;Engineer;2026-03-02",
        "GH-3;;nobody@example.com;;Engineer;",
        "GH-4;Bo Li;bo@example;030 12;Engineer;31/02/2026",
    )
    assert [str(p) for p in plan.problems] == [
        "Row 3, column 'Name': no name",
        "Row 4, column 'Email': 'bo@example' is not an e-mail address",
        "Row 4, column 'Phone': '030 12' is not a possible phone number for DE",
        "Row 4, column 'Offer date': '31/02/2026' is not a date that exists",
    ]
    assert plan.blocked
    with pytest.raises(ValueError, match="Nothing was imported"):
        importing.commit(store, plan)
    assert names(store, client) == ["Stored Person"]
    assert [r.title for r in store.roles.for_client(client.id)] == ["Data Analyst"]


def test_duplicates_are_found_before_writing_and_skipped_or_refused(store, client, tmp_path):
    rows = (
        "GH-5;Stored Again;stored@example.com;;;",  # the client's e-mail, another case
        "GH-1;Same Id;other@example.com;;;",  # the client's ATS id
        "GH-6;Cy Dee;cy@example.com;;data analyst;",
        "GH-7;Cy Twice;CY@example.com;;;",  # row 5's e-mail
        "GH-6;Cy Thrice;third@example.com;;;",  # row 5's ATS id
    )
    refused = planned(store, client, tmp_path, *rows, skip=False)
    assert [(d.row, d.reason) for d in refused.duplicates] == [
        (2, "the client already has a candidate with this e-mail"),
        (3, "the client already has a candidate with this ATS id"),
        (5, "same e-mail as row 4"),
        (6, "same ATS id as row 4"),
    ]
    assert refused.blocked and not refused.problems
    with pytest.raises(ValueError):
        importing.commit(store, refused)
    assert names(store, client) == ["Stored Person"]

    skipped = planned(store, client, tmp_path, *rows)
    assert importing.commit(store, skipped) == "Imported 1 candidate; 4 duplicates skipped."
    assert names(store, client) == ["Cy Dee", "Stored Person"]
    cy = next(c for c in store.candidates.for_client(client.id) if c.full_name == "Cy Dee")
    assert store.roles.get(cy.role_id).title == "Data Analyst"  # a known role, whatever its case
    again = planned(store, client, tmp_path, *rows)
    assert not again.to_add  # a second run doubles nobody


def test_new_job_titles_become_one_role_each(store, client, tmp_path):
    plan = planned(
        store,
        client,
        tmp_path,
        "A-1;Ann Lee;ann@example.com;;Product Designer;",
        "A-2;Bo Li;bo@example.com;;Product Designer;",
        "A-3;Cy Dee;cy@example.com;;Data Analyst;",
    )
    assert [(p.role_title, p.new_role) for p in plan.to_add] == [
        ("Product Designer", True),
        ("Product Designer", True),
        ("Data Analyst", False),
    ]
    assert importing.commit(store, plan) == "Imported 3 candidates and 1 new role."
    assert sorted(r.title for r in store.roles.for_client(client.id)) == ["Data Analyst", "Product Designer"]


def test_a_person_erased_before_is_never_imported_again(store, client, tmp_path):
    gone = store.candidates.save(Candidate(client.id, "Gone Person", email="gone@example.com"))
    store.candidates.erase(gone.id)
    plan = planned(store, client, tmp_path, "X-9;Gone Person;gone@example.com;;;")
    assert [d.reason for d in plan.duplicates] == [
        "erased earlier (at their request or by the retention policy); never imported again"
    ]
    assert not plan.to_add


def test_an_ats_id_is_recognised_however_spelt_and_an_erased_ones_only_within_its_client(store, client, tmp_path):
    gone = store.candidates.save(Candidate(client.id, "Gone Person", external_id="WD-48211"))
    store.candidates.erase(gone.id)
    rows = ("gh 0001;Respelled Id;;;;", "wd48211;Gone Again;;;;", "X-2;Cy Dee;;;;", "X 02;Cy Twice;;;;")
    plan = planned(store, client, tmp_path, *rows)
    assert [(d.row, d.reason) for d in plan.duplicates] == [
        (2, "the client already has a candidate with this ATS id"),
        (3, "erased earlier (at their request or by the retention policy); never imported again"),
        (5, "same ATS id as row 4"),
    ]
    other = store.clients.save(Client("Other Client"))  # its hiring system may give someone else the same id
    assert [p.candidate.full_name for p in planned(store, other, tmp_path, "WD-48211;Not Gone;;;;").to_add] == [
        "Not Gone"
    ]


def test_the_store_writes_all_or_nothing(store, client):
    good = Candidate(client.id, "Ann Lee", external_id="A-1")
    orphan = Candidate("no-such-client", "Bo Li")  # the database refuses it, after the role and Ann were written
    with pytest.raises(WorkspaceError):
        store.candidate_lists.add(client.id, [Role(client.id, "New Role")], [good, orphan], {"full_name": "Name"})
    assert names(store, client) == ["Stored Person"]
    assert [r.title for r in store.roles.for_client(client.id)] == ["Data Analyst"]
    assert store.candidate_lists.mapping(client.id) is None


def test_the_confirmed_mapping_is_offered_next_time(store, client, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Who,Req,Mail\nAnn Lee,Engineer,ann@example.com\n", encoding="utf-8")
    table = importing.open_list(path)
    assert importing.offered_mapping(store, client.id, table)[0] == {"email": "Mail"}  # all a guess finds
    mapping = {"full_name": "Who", "role": "Req", "email": "Mail"}
    importing.commit(store, importing.plan(store, client.id, table, mapping))
    assert importing.offered_mapping(store, client.id, table)[0] == mapping
    other = store.clients.save(Client("Other Client"))
    assert importing.offered_mapping(store, other.id, table)[0] == {"email": "Mail"}


def test_the_ats_id_travels_and_an_identity_erasure_removes_it(store, client, tmp_path):
    stored = next(c for c in store.candidates.for_client(client.id))
    other = store.candidates.save(Candidate(client.id, "Other Person"))
    interview = store.interviews.save(Interview(candidate_id=other.id))
    mention = store.notes.save(Note(interview.id, "extra", "Knows GH-1 from the same team."))
    assert store.sync_state.record("candidates", stored.id)["external_id"] == "GH-1"  # what a sync sends
    document = export_document(store)
    assert document["clients"][0]["candidates"][0]["external_id"] == "GH-1"
    with Store.open(tmp_path / "other.db") as other:
        import_document(other, document)
        assert other.candidates.get(stored.id).external_id == "GH-1"
    store.candidates.erase_identity(stored.id, "retention")
    assert store.candidates.get(stored.id).external_id is None
    assert store.notes.get(mention.id).text == "Knows [id] from the same team."  # gone from the file too
    assert store.sync_state.record("candidates", stored.id)["external_id"] is None


def test_an_older_file_never_brings_back_under_a_new_id_a_person_erased_by_ats_id(store, client):
    gone = store.candidates.save(Candidate(client.id, "Gone Person", external_id="QX-55555"))
    document = export_document(store)
    store.candidates.erase(gone.id)
    [record] = [r for r in document["clients"][0]["candidates"] if r["id"] == gone.id]
    record["id"] = "another-copy-of-gone"  # the same person, entered again elsewhere
    import_document(store, document)
    assert "Gone Person" not in names(store, client)
