"""Attack 1 of the red team (issue 15): a client keeps every report it receives and subtracts two of them.
Two reports that differ by one interview — a day apart, a month apart, or the same period asked again after
one more call — give that person's decline reasons, recommendation and ratings. The defence is the release
ledger: a report that differs from an earlier one to the same client by 1 to k − 1 interviews is refused,
naming the earlier one, or held back to the earlier one's interviews, or widened until it differs by k or
more; periods are whole months. The attacker here holds every report that was written, and tries every pair.
"""

from collections import Counter
from itertools import combinations

import pytest

from consultant_app.domain.model import Candidate, Client, Interview, Role
from consultant_app.domain.requests import ReportRequest
from consultant_app.domain.taxonomy import DECLINE_REASONS, label
from consultant_app.reports.generate import generate_report
from consultant_app.store import Store

REASONS = list(DECLINE_REASONS)
ATTACKS = {"tried": 0, "recovered": 0}


def add_interview(store, client, role, n, month, reasons, recommend):
    person = store.candidates.save(
        Candidate(client_id=client.id, role_id=role.id, full_name=f"Person {n} Zulu", disclosure="confidential")
    )
    return store.interviews.save(
        Interview(
            candidate_id=person.id,
            status="completed",
            conducted_at=f"{month}-{10 + n % 15:02d}T10:00:00",
            decline_reasons=reasons,
            recommend=recommend,
            ratings={"compensation": 1 + n % 5},
        )
    )


@pytest.fixture
def workspace(tmp_path):
    store = Store.open(tmp_path / "w.db")
    store.firm.update(review_quotes=False)
    client = store.clients.save(Client(name="Northwind"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer", department="Engineering"))
    for n in range(30):  # January to September: thirty people, each reason given by many
        add_interview(store, client, role, n, f"2026-0{1 + n % 9}", [REASONS[n % 3], REASONS[3 + n % 2]], n % 11)
    yield store, client, role, tmp_path
    store.close()


def released(store, client, out, **period):
    """The report as the client gets it, or None when the app refused to write it."""
    try:
        return generate_report(store, ReportRequest(client.id, out, **period)).data
    except ValueError:  # the ledger refused it (ReleaseTooClose)
        assert not out.exists()
        return None


def attack(reports, truth) -> int:
    """Every pair of reports: when they differ by one respondent, the difference of their reason counts is that
    respondent's reasons. Returns how many people were recovered exactly."""
    recovered = 0
    for a, b in combinations(reports, 2):
        ATTACKS["tried"] += 1
        if a is None or b is None:  # one of them was never written
            continue
        small, large = sorted((a, b), key=lambda r: r.completed)
        if large.completed - small.completed != 1:
            continue
        counts = [{row[0]: row[1] for row in r.reasons.rows} for r in (small, large)]
        guessed = {reason for reason in counts[1] if counts[1][reason] - counts[0].get(reason, 0) == 1}
        recovered += guessed in truth
    ATTACKS["recovered"] += recovered
    return recovered


def test_two_reports_a_month_apart_reveal_no_one(workspace):
    store, client, role, folder = workspace
    october = add_interview(store, client, role, 99, "2026-10", [REASONS[1], REASONS[4]], 0)
    truth = [{label(DECLINE_REASONS, c) for c in october.decline_reasons}]
    first = released(store, client, folder / "a.pdf", date_from="2026-01", date_to="2026-09")
    second = released(store, client, folder / "b.pdf", date_from="2026-01", date_to="2026-10")
    assert first is not None and second is None  # refused: it differs from the first by one interview
    assert attack([first, second], truth) == 0


def test_the_same_period_asked_again_after_one_more_call_reveals_no_one(workspace):
    store, client, role, folder = workspace
    first = released(store, client, folder / "a.pdf", date_to="2026-10")
    late = add_interview(store, client, role, 98, "2026-10", [REASONS[2], REASONS[3]], 10)
    truth = [{label(DECLINE_REASONS, c) for c in late.decline_reasons}]
    second = released(store, client, folder / "b.pdf", date_to="2026-10")
    held_back = generate_report(
        store, ReportRequest(client.id, folder / "c.pdf", date_to="2026-10", if_too_close="hold back")
    ).data
    assert second is None and held_back.population == first.population  # the new interview waits
    assert attack([first, second, held_back], truth) == 0


def test_a_refusal_names_the_earlier_release_and_widening_reaches_k(workspace):
    store, client, role, folder = workspace
    released(store, client, folder / "a.pdf", date_from="2026-03", date_to="2026-09")
    with pytest.raises(ValueError, match=r"the report of \d{4}-\d\d-\d\d \(\d+ interviews, a.pdf\).*fewer than k = 5"):
        generate_report(store, ReportRequest(client.id, folder / "b.pdf", date_from="2026-02", date_to="2026-09"))
    widened = generate_report(
        store, ReportRequest(client.id, folder / "b.pdf", date_from="2026-02", date_to="2026-09", if_too_close="widen")
    ).data
    first = store.releases.list(client.id)[-1]
    assert widened.date_from == "2026-01"  # February adds 4 people, fewer than k; with January, 8
    assert len(widened.population) - len(first.population) >= 5


def test_periods_are_whole_months():
    with pytest.raises(ValueError, match="whole months"):
        ReportRequest("c", "r.pdf", date_to="2026-10-14")


def test_a_dataset_is_not_let_through_one_row_short_of_a_report(workspace):
    """A report's totals minus a dataset's rows would give the rows the dataset left out: a report and a dataset
    to the same client are releases of the same ledger."""
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.domain.requests import DatasetRequest
    from consultant_app.store.releases import ReleaseTooClose

    store, client, _, folder = workspace
    report = released(store, client, folder / "a.pdf")
    one = sorted(report.population)[0]
    with pytest.raises(ReleaseTooClose, match="the report of"):
        plan_dataset(store, DatasetRequest(client.id), withheld_interviews=frozenset({one}))
    assert plan_dataset(store, DatasetRequest(client.id)).population == report.population


def test_four_reports_added_and_subtracted_reveal_no_one(tmp_path):
    """Jan–Feb, Jan–Mar, then Feb–Mar after one more call in March, then Feb alone: each pair differs by k or
    more, yet A + B − C − D is the late caller. The ledger looks at every combination, not pairs."""
    store = Store.open(tmp_path / "w.db")
    client = store.clients.save(Client(name="Southwind"))
    role = store.roles.save(Role(client_id=client.id, title="Analyst", department="Finance"))
    for n in range(18):  # six a month, every one giving the same two reasons
        add_interview(store, client, role, n, f"2026-0{1 + n // 6}", [REASONS[0], REASONS[3]], 5)
    a = released(store, client, tmp_path / "a.pdf", date_from="2026-01", date_to="2026-02")
    c = released(store, client, tmp_path / "c.pdf", date_from="2026-01", date_to="2026-03")
    late = add_interview(store, client, role, 50, "2026-03", [REASONS[0]], 0)
    b = released(store, client, tmp_path / "b.pdf", date_from="2026-02", date_to="2026-03")
    d = released(store, client, tmp_path / "d.pdf", date_from="2026-02", date_to="2026-02")
    ATTACKS["tried"] += 1
    if None not in (a, b, c, d):
        counts = [Counter({row[0]: row[1] for row in r.reasons.rows}) for r in (a, b, c, d)]
        left = counts[0] + counts[1]
        left.subtract(counts[2] + counts[3])
        recovered = a.completed + b.completed - c.completed - d.completed == 1 and {
            reason for reason, n in left.items() if n == 1
        } == {label(DECLINE_REASONS, c) for c in late.decline_reasons}
        ATTACKS["recovered"] += recovered
    assert b is None  # refused: with the three before it, it leaves the late caller alone
    store.close()


def breakdown_groups_apart(reports, k) -> int:
    """Every pair of reports, every breakdown row they both print: a row that grew by 1 to k − 1 people gives
    those people's top reason and recommendation by subtraction ("People: 5 in January, 6 in January–February"
    is February's one recruiter). Returns how many people such rows single out."""
    recovered = 0
    for a, b in combinations([r for r in reports if r is not None], 2):
        for title in set(a.breakdowns) & set(b.breakdowns):
            ATTACKS["tried"] += 1
            rows = [{row.group: row.n for row in r.breakdowns[title]} for r in (a, b)]
            for group in set(rows[0]) & set(rows[1]):
                if 0 < abs(rows[1][group] - rows[0][group]) < k:
                    recovered += abs(rows[1][group] - rows[0][group])
    ATTACKS["recovered"] += recovered
    return recovered


def test_a_breakdown_row_a_month_apart_reveals_no_one(tmp_path):
    """The red team's second pass: two reports whose interviews differ by k or more (January; January and
    February), so the ledger lets both through, yet the People row grows by the one recruiter of February."""
    store = Store.open(tmp_path / "w.db")
    client = store.clients.save(Client(name="Northwind"))
    engineer = store.roles.save(Role(client_id=client.id, title="Engineer", department="Engineering"))
    recruiter = store.roles.save(Role(client_id=client.id, title="Recruiter", department="People"))
    for n in range(10):
        add_interview(store, client, engineer, n, "2026-01", [REASONS[0]], 8)
    for n in range(10, 15):
        add_interview(store, client, recruiter, n, "2026-01", [REASONS[0]], 9)
    for n in range(15, 20):
        add_interview(store, client, engineer, n, "2026-02", [REASONS[0]], 8)
    add_interview(store, client, recruiter, 20, "2026-02", [REASONS[1]], 2)
    january = released(store, client, tmp_path / "jan.pdf", date_from="2026-01", date_to="2026-01")
    both = released(store, client, tmp_path / "janfeb.pdf", date_from="2026-01", date_to="2026-02")
    assert january is not None and both is not None  # six more interviews: the ledger lets it through
    assert breakdown_groups_apart([january, both], 5) == 0
    store.close()


def test_attacks_tried_and_recovered():
    """Runs last in this module: the figures the README quotes."""
    assert ATTACKS["tried"] >= 3 and ATTACKS["recovered"] == 0
    print(f"\ndifferencing: {ATTACKS['tried']} combinations of reports tried, {ATTACKS['recovered']} people recovered")
