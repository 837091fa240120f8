"""Full-text search: prefixes, accents, snippets, client scope, index kept in step, and queries
typed by people (stray quotes, operators, anything at all) that never raise."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultant_app.domain.model import Client, Interview
from consultant_app.store.search import HIT_END, HIT_START
from tests.store.builders import add_note, client_with_interview


@pytest.fixture
def searchable(store):
    client, candidate, interview = client_with_interview(store)
    add_note(store, interview, "The recruiter at Jürgen's team was slow to reply.")
    add_note(store, interview, "Contoso paid 15% more (signing bonus).", section="competitors")
    interview.summary = "Declined over relocation."
    interview.competing_company = "Fabrikam"
    store.interviews.save(interview)
    return store, client, interview


def test_words_match_as_prefixes_with_highlighted_snippets(searchable):
    store, _, _ = searchable
    [hit] = store.search.query("recruit")
    assert hit.kind == "note"
    assert f"{HIT_START}recruiter{HIT_END}" in hit.snippet


def test_accents_do_not_matter(searchable):
    store, _, _ = searchable
    assert store.search.query("jurgen") and store.search.query("JÜRGEN")


def test_summaries_companies_names_and_clients_are_found(searchable):
    store, client, interview = searchable
    assert {h.kind for h in store.search.query("relocation")} == {"interview"}
    assert store.search.query("fabrikam")[0].interview_id == interview.id
    assert store.search.query("Quarternack")[0].kind == "candidate"
    assert store.search.query("northwind")[0].client_id == client.id


def test_search_within_one_client(searchable):
    store, client, _ = searchable
    other = store.clients.save(Client(name="Other Co"))
    assert store.search.query("recruiter", client_id=other.id) == []
    assert store.search.query("recruiter", client_id=client.id)


def test_fts_syntax_works_when_valid(searchable):
    store, _, _ = searchable
    assert len(store.search.query("recruiter OR contoso")) == 2
    assert store.search.query('"slow to reply"')
    assert store.search.query("recruiter NOT slow") == []


def test_edits_and_deletes_are_reflected(searchable):
    store, _, interview = searchable
    note = store.notes.for_interview(interview.id)[0]
    note.text = "Completely different words"
    store.notes.save(note)
    assert store.search.query("recruiter") == [] and store.search.query("different")
    store.notes.delete(note.id)
    assert store.search.query("different") == []
    store.interviews.delete(interview.id)
    assert store.search.query("contoso") == [] and store.search.query("fabrikam") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "(",
        ")",
        "((",
        "AND",
        "OR NOT",
        "NEAR(",
        "*",
        "^",
        "-",
        "a:b",
        "recruiter:",
        "{x}",
        "'",
        "\\",
        "%",
        "_",
        "\x00",
        "NOT recruiter",
        '"recruiter',
        "recruiter)",
        "col:recruiter",
        "💥",
        "   ",
        "",
        "a" * 5000,
        "Jürgen's",
        "15%",
        "(signing bonus",
    ],
)
def test_hostile_queries_never_raise(searchable, query):
    store, _, _ = searchable
    assert isinstance(store.search.query(query), list)


def test_broken_syntax_falls_back_to_a_literal_search(searchable):
    store, _, _ = searchable
    assert store.search.query('"recruiter')
    assert store.search.query("(signing bonus")
    assert store.search.query("15%")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_any_string_is_a_safe_query(searchable, query):
    store, _, _ = searchable
    assert isinstance(store.search.query(query, limit=5), list)


def test_search_results_are_limited(store):
    _, candidate, _ = client_with_interview(store)
    for i in range(30):
        interview = store.interviews.save(Interview(candidate_id=candidate.id))
        add_note(store, interview, f"common word {i}")
    assert len(store.search.query("common", limit=10)) == 10
    assert len(store.search.query("common", limit=10, offset=25)) == 5


def test_broad_queries_list_the_newest_first_instead_of_ranking_everything(store, monkeypatch):
    from consultant_app.store import search

    monkeypatch.setattr(search, "RANKED_LIMIT", 3)
    _, _, interview = client_with_interview(store)
    notes = [add_note(store, interview, f"common theme number {i}") for i in range(6)]
    hits = store.search.query("common", limit=4)
    assert [h.ref_id for h in hits] == [n.id for n in reversed(notes)][:4]
    assert len(store.search.query("number 2")) == 1  # a selective query is still ranked
