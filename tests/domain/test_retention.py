"""The retention rule, as pure dates: whole calendar months (the 31st of March plus one month is the 30th of
April), a client's override before the firm's policy, identities due that long after the last completed
interview, and everything of a candidate who withdrew consent due at once."""

from datetime import date

import pytest

from consultant_app.domain import retention as ret


@pytest.mark.parametrize(
    "start,months,expected",
    [
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-11-15", 3, "2026-02-15"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2025-03-02", 18, "2026-09-02"),
        ("2025-05-31", 0, "2025-05-31"),
        ("2025-01-01", 1200, "2125-01-01"),
    ],
)
def test_adding_whole_calendar_months_keeps_the_day_or_ends_the_month(start, months, expected):
    assert ret.add_months(date.fromisoformat(start), months) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    "start,end,months",
    [
        ("2025-03-31", "2025-04-29", 0),
        ("2025-03-31", "2025-04-30", 1),
        ("2025-03-02", "2026-09-01", 17),
        ("2025-03-02", "2026-09-02", 18),
        ("2024-02-29", "2025-02-28", 12),
        ("2025-06-01", "2025-05-01", 0),  # not yet begun
    ],
)
def test_whole_months_elapsed_is_the_inverse_of_adding_them(start, end, months):
    assert ret.months_elapsed(date.fromisoformat(start), date.fromisoformat(end)) == months


@pytest.mark.parametrize("bad", [0, -3, 1201, 2.5, True, "12"])
def test_a_retention_period_is_a_whole_number_of_months_from_one(bad):
    with pytest.raises(ValueError, match="whole number of months from 1 to 1200"):
        ret.check_retention_months(bad)
    assert ret.check_retention_months(18) == 18


def test_a_clients_override_comes_before_the_firms_policy():
    assert ret.policy(12, None) == (12, "firm policy")
    assert ret.policy(12, 6) == (6, "client override")
    assert ret.policy(None, 24) == (24, "client override")
    assert ret.policy(None, None) == (None, "no policy")


def subject(**kw) -> ret.Subject:
    base = {
        "candidate_id": "p1",
        "label": "Alex Moreno",
        "client_id": "c1",
        "client": "Northwind",
        "identity_erased": False,
        "consent_withdrawn": None,
        "last_completed": date(2025, 3, 2),
        "open_interview": False,
        "firm_months": 12,
        "client_months": None,
    }
    return ret.Subject(**{**base, **kw})


def test_an_identity_is_due_on_the_day_its_months_are_up_and_not_the_day_before():
    assert ret.decide(subject(), date(2026, 3, 1)) is None
    item = ret.decide(subject(), date(2026, 3, 2))
    assert item.action == ret.IDENTITY and item.what == "identity erased"
    assert item.why == "completed 2025-03-02, 12 months ago; policy 12 months (firm policy)"
    later = ret.decide(subject(client_months=12, firm_months=24), date(2026, 9, 2))
    assert later.why == "completed 2025-03-02, 18 months ago; policy 12 months (client override)"


def test_a_clients_longer_override_keeps_an_identity_the_firm_would_erase():
    assert ret.decide(subject(firm_months=6, client_months=24), date(2026, 3, 2)) is None
    assert ret.decide(subject(firm_months=24, client_months=6), date(2025, 9, 2)).action == ret.IDENTITY


def test_nothing_is_due_without_a_policy_a_completed_interview_or_while_one_is_scheduled():
    assert ret.decide(subject(firm_months=None), date(2040, 1, 1)) is None
    assert ret.decide(subject(last_completed=None), date(2040, 1, 1)) is None
    assert ret.decide(subject(open_interview=True), date(2040, 1, 1)) is None
    assert ret.decide(subject(identity_erased=True), date(2040, 1, 1)) is None  # already erased (e.g. anonymous)


def test_a_withdrawn_candidate_is_due_to_be_erased_entirely_whatever_the_policy():
    for kw in (
        {},
        {"firm_months": None},
        {"identity_erased": True},
        {"last_completed": None},
        {"open_interview": True},
    ):
        item = ret.decide(subject(consent_withdrawn="2026-01-05", **kw), date(2026, 1, 5))
        assert item.action == ret.EVERYTHING, kw
        assert item.what == "everything erased (consent withdrawn)"
        assert item.why == "consent withdrawn on 2026-01-05"
    assert ret.decide(subject(consent_withdrawn="2026-01-06", firm_months=None), date(2026, 1, 5)) is None


def test_the_summary_counts_what_a_run_erases():
    due = [ret.decide(subject(candidate_id=str(n)), date(2027, 1, 1)) for n in range(3)] + [
        ret.decide(subject(consent_withdrawn="2026-01-05"), date(2027, 1, 1))
    ]
    assert ret.counts(due) == {"identities": 3, "erased": 1}
    assert ret.summary(due) == "3 identities and everything of 1 candidate"
    assert ret.summary(due[:1]) == "1 identity"
    assert ret.summary(due[3:]) == "everything of 1 candidate"
    assert ret.summary([]) == "nothing"


def test_the_policy_is_described_as_a_person_says_it():
    assert ret.describe_policy(None, {}) == "No retention policy is set: identities are kept."
    assert ret.describe_policy(18, {}) == "Identities are erased 18 months after the interview (firm policy)."
    assert ret.describe_policy(12, {"Helios Health": 6, "Acme": 1}) == (
        "Identities are erased 12 months after the interview (firm policy); Acme overrides it with 1 month, "
        "Helios Health with 6 months."
    )
    assert ret.describe_policy(None, {"Helios Health": 6}) == (
        "No firm retention policy is set (identities are kept); Helios Health overrides it with 6 months."
    )
