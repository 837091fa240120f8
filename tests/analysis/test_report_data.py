"""What a report may show, built from a real workspace: only completed interviews of candidates who did not
withdraw consent, nothing below k, groups folded and said so, quotes only where the rules allow."""

from consultant_app.analysis.quotes import shorten
from consultant_app.analysis.report_data import build_report_data
from consultant_app.domain import confidentiality
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role


def _interview(store, client, role, i, reasons, disclosure="confidential", withdrawn=None, status="completed"):
    person = store.candidates.save(
        Candidate(
            client_id=client.id,
            role_id=role.id,
            full_name=f"Person Number{i}",
            disclosure=disclosure,
            consent_withdrawn=withdrawn,
        )
    )
    return store.interviews.save(
        Interview(
            candidate_id=person.id,
            status=status,
            conducted_at="2026-05-04T10:00:00",
            decline_reasons=reasons,
            recommend=i % 11,
        )
    )


def test_counts_cover_completed_interviews_with_consent_and_fold_small_groups(store):
    client = store.clients.save(Client(name="Northwind"))
    big = store.roles.save(Role(client_id=client.id, title="Engineer", department="Engineering"))
    small = store.roles.save(Role(client_id=client.id, title="Analyst", department="Finance"))
    for i in range(6):
        _interview(store, client, big, i, ["compensation"] + (["timing"] if i < 2 else []))
    _interview(store, client, small, 6, ["compensation"])
    _interview(store, client, big, 7, ["compensation"], withdrawn="2026-05-05")
    _interview(store, client, big, 8, ["culture"], status="scheduled")
    data = build_report_data(store, client.id)
    assert (data.offers_declined, data.completed, data.k) == (8, 7, 5)  # the withdrawn candidate is gone
    assert data.reasons.rows == [("Compensation", 7, 1.0)] and data.reasons.dropped == ["Timing"]
    # Engineering 6 of 7 would tell Finance's one person by subtraction: no department table at all
    assert data.breakdowns["Department"] == []
    assert any(s.startswith("Department: not shown") for s in data.suppressed)
    assert any("Decline reasons: 1 item mentioned" in s for s in data.suppressed)


def test_below_k_completed_interviews_the_report_shows_nothing(store):
    client = store.clients.save(Client(name="Tiny"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer"))
    for i in range(4):
        _interview(store, client, role, i, ["compensation"])
    data = build_report_data(store, client.id)
    assert not data.enough_data and data.reasons is None and data.quotes == {}


def test_quotes_come_only_from_highlighted_shareable_notes_and_are_redacted_unless_named(store):
    store.firm.update(review_quotes=False)  # what automatic redaction prints; review: test_quote_review.py
    client = store.clients.save(Client(name="Northwind"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer"))
    interviews = [
        _interview(store, client, role, i, ["compensation"], disclosure="named" if i == 0 else "confidential")
        for i in range(5)
    ]
    for number, interview in enumerate(interviews):
        name = store.candidates.get(interview.candidate_id).full_name
        for visibility, highlight in (("shareable", True), ("aggregate", True), ("shareable", False)):
            store.notes.save(
                Note(
                    interview_id=interview.id,
                    section="right",
                    visibility=visibility,
                    highlight=highlight,
                    text=f"{name} ({visibility}, {highlight}) liked team {number}",
                )
            )
    quotes = build_report_data(store, client.id).quotes["right"]
    assert len(quotes) == 5 and all("(shareable, True)" in q.text for q in quotes)
    named = [q for q in quotes if q.attribution]
    assert [q.attribution for q in named] == ["Person Number0, Engineer"]
    assert named[0].text.startswith("Person Number0 ")
    assert all(q.text.startswith("[name] ") for q in quotes if not q.attribution)


def test_a_long_quote_is_cut_at_a_word_and_marked():
    assert shorten("one two three four", 9) == "one two […]"
    assert shorten("  short   and   spaced ") == "short and spaced"


def test_a_split_that_would_leave_fewer_than_k_to_subtract_is_not_printed(store):
    """Six of eight went to Acme: printing "Acme 6" tells that the other two named no one shown. Recommendation
    answers 0 to 7: one passive among seven detractors. Neither split is printed; the report says why."""
    from dataclasses import replace

    client = store.clients.save(Client(name="Northwind"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer", department="Engineering"))
    for i in range(8):
        interview = _interview(store, client, role, i, ["compensation"])
        if i < 6:
            store.interviews.save(replace(interview, competing_company="Acme"))
    data = build_report_data(store, client.id)
    assert data.competitors == [] and any(s.startswith("Competitors: not shown") for s in data.suppressed)
    assert data.recommend.n == 8 and not data.recommend_split
    audit = confidentiality.audit_figures(data.figures, data.tables, data.k)
    assert audit.subtractions and not audit.disclosures
