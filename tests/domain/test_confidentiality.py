"""The confidentiality rules: who may be named, which notes count and may be quoted, erasure of
anonymous identities, the small-cell rule for breakdowns, and secondary suppression with the audit of every
subtraction printed figures allow."""

import pytest

from consultant_app.domain import confidentiality as conf
from consultant_app.domain.model import Candidate, Interview, Note
from consultant_app.domain.redaction import Redactor


def candidate(disclosure="confidential", **kw):
    return Candidate(
        client_id="c",
        full_name="Alex Moreno",
        email="alex@example.org",
        phone="+49 30 1234567",
        disclosure=disclosure,
        **kw,
    )


def note(visibility, text="Alex Moreno liked it"):
    return Note(interview_id="i", section="right", text=text, visibility=visibility)


@pytest.mark.parametrize("disclosure,expected", [("named", True), ("confidential", False), ("anonymous", False)])
def test_identity_appears_only_for_named_candidates(disclosure, expected):
    assert conf.identity_may_appear(candidate(disclosure)) is expected


def test_withdrawn_consent_removes_candidate_from_every_output():
    withdrawn = candidate("named", consent_withdrawn="2026-04-01")
    assert not conf.in_outputs(withdrawn)
    assert not conf.identity_may_appear(withdrawn)
    assert not conf.may_quote(note("shareable"), withdrawn)


@pytest.mark.parametrize(
    "visibility,counts,quotable", [("shareable", True, True), ("aggregate", True, False), ("internal", False, False)]
)
def test_visibility_decides_counting_and_quoting(visibility, counts, quotable):
    assert conf.counts_in_statistics(note(visibility)) is counts
    assert conf.may_quote(note(visibility), candidate()) is quotable


def test_quotes_keep_a_named_candidates_own_name_in_reports_only():
    redactor = Redactor(["Alex Moreno"])
    assert conf.printed_quote(note("shareable"), candidate("confidential"), redactor).text == "[name] liked it"
    assert conf.printed_quote(note("shareable"), candidate("named"), redactor).text == "Alex Moreno liked it"
    assert (
        conf.printed_quote(note("shareable"), candidate("named"), redactor, in_dataset=True).text == "[name] liked it"
    )


def test_quoting_a_forbidden_note_raises_instead_of_leaking():
    with pytest.raises(ValueError):
        conf.printed_quote(note("aggregate"), candidate("named"), Redactor())


def test_a_quote_leaves_the_firm_only_as_review_allows():
    from consultant_app.domain.model import QuoteReview, text_hash

    shared = note("shareable")
    approved = QuoteReview(shared.id, text_hash(shared.text), "approved", redact=("liked",))
    dropped = QuoteReview(shared.id, text_hash(shared.text), "dropped")
    stale = QuoteReview(shared.id, text_hash("an earlier text"), "approved")
    assert conf.quote_cleared(shared, approved, review_required=True)
    assert not conf.quote_cleared(shared, None, review_required=True)
    assert not conf.quote_cleared(shared, stale, review_required=True)  # the note changed since
    assert not conf.quote_cleared(shared, dropped, review_required=False)  # dropped stays dropped
    assert conf.quote_cleared(shared, None, review_required=False)
    assert stale.edits_for(shared.text) == ((), ())
    printed = conf.printed_quote(
        shared, candidate("confidential"), Redactor(["Alex Moreno"]), *approved.edits_for(shared.text)
    )
    assert printed.text == "[name] [redacted] it" and [s[3] for s in printed.segments] == ["Alex Moreno", "liked"]


def test_anonymous_identity_must_be_erased_once_an_interview_is_completed():
    anonymous = candidate("anonymous")
    assert not conf.must_erase_identity(anonymous, [Interview(candidate_id="p", status="scheduled")])
    assert conf.must_erase_identity(anonymous, [Interview(candidate_id="p", status="completed")])
    assert not conf.must_erase_identity(candidate("confidential"), [Interview(candidate_id="p", status="completed")])


def test_erasing_identity_replaces_name_and_scrubs_the_candidates_own_text():
    anonymous = candidate("anonymous")
    interview = Interview(candidate_id=anonymous.id, status="completed", summary="Alex was candid.")
    text = "I'm Alex Moreno, reach me at alex@example.org or +49 30 1234567."
    erased, interviews, notes = conf.erase_identity(anonymous, [interview], [note("internal", text)], "Candidate 7F3A")
    assert (erased.full_name, erased.email, erased.phone, erased.identity_erased) == (
        "Candidate 7F3A",
        None,
        None,
        True,
    )
    assert interviews[0].summary == "[name] was candid."
    assert notes[0].text == "I'm [name], reach me at [email] or [phone]."


def test_new_pseudonyms_avoid_those_taken():
    taken = {conf.new_pseudonym() for _ in range(50)}
    fresh = conf.new_pseudonym(taken)
    assert fresh.startswith("Candidate ") and fresh not in taken


def test_small_groups_fold_into_other_when_other_reaches_k():
    folded = conf.fold_small_groups({"Berlin": 12, "Paris": 3, "Rome": 2, "Oslo": 1}, k=5)
    assert folded.shown == {"Berlin": 12, "Other": 6}
    assert sorted(folded.folded) == ["Oslo", "Paris", "Rome"]
    assert folded.suppressed_anything


def test_a_left_out_remainder_below_k_takes_the_smallest_shown_group_with_it():
    """Berlin 12 of 15 shown would tell that the other 3 exist and, with every total, what they answered:
    the smallest shown groups fold into "Other" too, until it reaches k (secondary suppression)."""
    folded = conf.fold_small_groups({"Berlin": 12, "Paris": 7, "Rome": 6, "Oslo": 3}, k=5)
    assert folded.shown == {"Berlin": 12, "Paris": 7, "Other": 9}
    assert folded.folded == ["Oslo", "Rome"] and folded.secondary == ["Rome"] and folded.dropped == []
    alone = conf.fold_small_groups({"Berlin": 12, "Paris": 3}, k=5)
    assert alone.shown == {"Other": 15} and alone.secondary == ["Berlin"]


def test_overlapping_groups_are_left_out_as_before_since_no_subtraction_gives_them():
    folded = conf.fold_small_groups({"Pay": 12, "Rare": 3}, k=5, disjoint=False)
    assert folded.shown == {"Pay": 12} and folded.dropped == ["Rare"] and folded.secondary == []


def test_groups_named_by_a_later_check_fold_whatever_their_size():
    folded = conf.fold_small_groups({"Berlin": 12, "Paris": 7, "Rome": 6}, k=5, also_fold=["Paris"])
    assert folded.shown == {"Berlin": 12, "Rome": 6, "Other": 7} and folded.secondary == ["Paris"]


@pytest.mark.parametrize("k", [2, 3, 5, 10])
def test_what_a_partition_leaves_out_is_never_one_to_k_minus_one(k):
    import random

    rng = random.Random(k)
    for _ in range(300):
        counts = {f"g{i}": rng.randint(1, 3 * k) for i in range(rng.randint(1, 8))}
        if sum(counts.values()) < k:
            continue  # a report of fewer than k shows no table at all
        folded = conf.fold_small_groups(counts, k)
        left_out = sum(counts.values()) - sum(folded.shown.values())
        assert left_out == 0 or left_out >= k
        assert all(n >= k for n in folded.shown.values())


def test_a_split_prints_only_when_every_part_is_empty_or_reaches_k():
    assert conf.cells_shown([12, 0, 5], 5) and not conf.cells_shown([12, 4, 9], 5)


def fig(label, variable, *members):
    return conf.Figure(label, variable, frozenset(members))


def test_the_audit_finds_nested_figures_about_the_same_answers():
    whole = fig("All", "reasons", *range(31))
    most = fig("Level: Senior", "reasons", *range(30))
    other_variable = fig("Rating: pay", "rating:pay", *range(28))
    audit = conf.audit_figures([whole, most, other_variable], k=5)
    assert [(d.whole, d.part, d.people) for d in audit.disclosures] == [("All", "Level: Senior", 1)]
    assert audit.subtractions == 4  # each figure on its own, and All − Senior; a rating is no reason


def test_the_audit_adds_up_a_tables_rows_and_fits_them_inside_other_tables():
    """Departments (Eng 10, Sales 10, Ops 6) and levels (Senior 12, Junior 14): all 26 add up; but Sales + Ops
    hold Junior (14 of 16) and Senior holds Eng (10 of 12): both pairs left over are found."""
    figures = [
        fig("Total", "recommend", *range(26)),
        fig("Eng", "recommend", *range(10)),
        fig("Sales", "recommend", *range(10, 20)),
        fig("Ops", "recommend", *range(20, 26)),
        fig("Senior", "recommend", *range(12)),
        fig("Junior", "recommend", *range(12, 26)),
    ]
    audit = conf.audit_figures(figures, [["Eng", "Sales", "Ops"], ["Senior", "Junior"]], k=5)
    found = {(d.whole, d.part, d.people) for d in audit.disclosures}
    assert found == {("Sales + Ops", "Junior", 2), ("Senior", "Eng", 2)}
    assert audit.subtractions > len(figures)


def test_a_figure_of_fewer_than_k_people_is_a_disclosure_on_its_own():
    audit = conf.audit_figures([fig("Paris", "reasons", 1, 2, 3)], k=5)
    assert [(d.whole, d.people) for d in audit.disclosures] == [("Paris", 3)]


def test_no_shown_group_is_ever_below_k():
    counts = {f"g{i}": i for i in range(1, 15)}
    for k in (2, 5, 10):
        assert all(n >= k for n in conf.fold_small_groups(counts, k).shown.values())


def test_the_minimum_group_size_has_one_rule_and_every_way_in_asks_it(tmp_path):
    """k below 2 (a "group" of one is a person) or above 1,000 is refused with the same words by the firm
    profile, a dataset request and the anonymiser; they all ask ``confidentiality.check_k``."""
    import pytest

    from consultant_app.datasets.anonymise import anonymise
    from consultant_app.domain.confidentiality import MAX_K, MIN_K, check_k
    from consultant_app.domain.requests import DatasetRequest
    from consultant_app.store import Store

    assert (MIN_K, MAX_K) == (2, 1000) and check_k(MIN_K) == MIN_K and check_k(MAX_K) == MAX_K
    message = r"The minimum group size k must be a whole number from 2 to 1000"
    with Store.open(tmp_path / "w.db") as store:
        for bad in (1, 0, 1001, True):
            with pytest.raises(ValueError, match=message):
                check_k(bad)
            with pytest.raises(ValueError, match=message):
                DatasetRequest(None, k=bad)
            with pytest.raises(ValueError, match=message):
                anonymise([], [], bad)
            with pytest.raises(ValueError, match="min_group_size"):
                store.firm.update(min_group_size=bad)
        assert store.firm.get().min_group_size == 5
