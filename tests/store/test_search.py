"""Full-text search: prefixes, accents, snippets, client scope, index kept in step, and queries
typed by people (stray quotes, operators, anything at all) that never raise."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultant_app.domain.model import Candidate, Client, Interview, Note
from consultant_app.store.search import HIT_END, HIT_START, SearchFilter
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


def test_a_count_says_how_many_results_all_the_pages_hold(store):
    client, candidate, interview = client_with_interview(store)
    for i in range(12):
        add_note(store, interview, f"common word {i}", section="wrong" if i % 3 else "right")
    wrong = SearchFilter(section="wrong")
    assert store.search.count("common") == len(store.search.query("common", limit=100)) == 12
    assert store.search.count("common", where=wrong) == 8
    assert store.search.count("", where=wrong) == len(store.search.query("", where=wrong, limit=100)) == 8
    assert store.search.count("common", client_id=client.id) == 12
    assert store.search.count('"common') == 12  # broken syntax counts as its literal search lists
    assert store.search.count("") == store.search.count("nowhere") == 0


@pytest.fixture
def crowded(store):
    """3,000 notes that all say "common" (more than the 2,000 a query once ranked before listing the newest
    instead), in two clients, the best match the oldest; many rank equal (same length, same count)."""
    home, _, first = client_with_interview(store)
    other = store.clients.save(Client(name="Other Co"))
    away = store.interviews.save(
        Interview(candidate_id=store.candidates.save(Candidate(client_id=other.id, full_name="Ada Brook")).id)
    )
    notes = [Note(interview_id=first.id, section="right", text="common common common, common")]
    for i in range(2_999):
        words = ["common"] * (1 + i % 3) + ["market"] * (i % 2) + ["filler"] * (i % 11) + [f"n{i}"]
        notes.append(Note(interview_id=(first, away)[i % 2].id, section="right", text=" ".join(words)))
    with store.write("notes"):
        store.bulk.merge(store.notes, notes)
    return store, home, other


def ranked(store, fts_query, client_id=None):
    """Every match of ``fts_query`` ranked by bm25 (newest first among equals), straight from the index."""
    rows = store.db.execute(
        "SELECT ref_id, client_id FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index), rowid DESC",
        [fts_query],
    ).fetchall()
    return [ref for ref, client in rows if client_id in (None, client)]


def test_a_common_word_lists_the_best_matches_of_all_in_bm25_order(crowded):
    store, _, _ = crowded
    hits = store.search.query("common", limit=50)
    best = ranked(store, '"common"*')
    assert len(best) > 2_000
    assert [h.ref_id for h in hits] == best[:50]
    assert hits[0].snippet.count(f"{HIT_START}common{HIT_END}") == 4  # the oldest note, the best match


def test_every_word_is_required_and_the_matches_ranked(crowded):
    store, _, _ = crowded
    hits = store.search.query("common market", limit=40)
    assert [h.ref_id for h in hits] == ranked(store, '"common"* "market"*')[:40]
    assert all("market" in h.snippet and "common" in h.snippet for h in hits)


def test_one_clients_search_ranks_that_clients_matches_only(crowded):
    store, home, other = crowded
    for client in (home, other):
        hits = store.search.query("common", client_id=client.id, limit=30)
        assert [h.ref_id for h in hits] == ranked(store, '"common"*', client.id)[:30]
        assert {h.client_id for h in hits} == {client.id}


def test_pages_follow_on_without_gaps_or_repeats(crowded):
    store, home, _ = crowded
    for client_id in (None, home.id):
        pages = [store.search.query("common", client_id=client_id, limit=50, offset=o) for o in range(0, 400, 50)]
        listed = [h.ref_id for page in pages for h in page]
        assert listed == [h.ref_id for h in store.search.query("common", client_id=client_id, limit=400)]
        assert len(set(listed)) == 400


def test_each_snippet_is_its_own_notes_text(crowded):
    store, _, _ = crowded
    for hit in store.search.query("filler market", limit=50, offset=100):
        text = store.notes.get(hit.ref_id).text
        shown = hit.snippet.replace(HIT_START, "").replace(HIT_END, "")
        assert shown.strip("…") in text and f"{HIT_START}filler{HIT_END}" in hit.snippet
