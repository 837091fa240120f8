"""Retention: when a candidate's identity, or everything of them, is due to be erased. Pure dates, no I/O.

A firm's policy (``Firm.retention_months``), or a client's override of it (``Client.retention_months``), erases
a candidate's identity that many whole calendar months after their last completed interview (the day it was
conducted, else the day it was last saved): completed on the 31st of March, one month later is the 30th of
April. A candidate with an interview still scheduled is not due, nor one whose identity is already erased
(an anonymous candidate's is, at completion). A candidate who withdrew consent is due to be erased entirely
from the day of the withdrawal, whatever the policy says.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from consultant_app.domain.wording import plural

IDENTITY, EVERYTHING = "identity", "everything"
WHAT = {IDENTITY: "identity erased", EVERYTHING: "everything erased (consent withdrawn)"}
MAX_RETENTION_MONTHS = 1200  # a hundred years: anything longer is a typing slip, not a policy
FIRM_POLICY, CLIENT_OVERRIDE, NO_POLICY = "firm policy", "client override", "no policy"


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months: the same day of the month, or the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_elapsed(start: date, end: date) -> int:
    """How many whole calendar months from ``start`` have passed on ``end`` (0 before the first is up)."""
    months = max(0, (end.year - start.year) * 12 + end.month - start.month)
    while months and add_months(start, months) > end:
        months -= 1
    return months


def check_retention_months(months: object) -> int:
    """A retention period, refused plainly unless it is a whole number of months from 1 to the maximum."""
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= MAX_RETENTION_MONTHS:
        raise ValueError(f"A retention period is a whole number of months from 1 to {MAX_RETENTION_MONTHS}.")
    return months


def policy(firm_months: int | None, client_months: int | None) -> tuple[int | None, str]:
    """The months a client's candidates keep their identity, and where that comes from."""
    if client_months is not None:
        return client_months, CLIENT_OVERRIDE
    if firm_months is not None:
        return firm_months, FIRM_POLICY
    return None, NO_POLICY


def describe_policy(firm_months: int | None, overrides: dict[str, int]) -> str:
    """The firm's policy and the clients' overrides (client name → months), as one sentence."""
    if firm_months is not None:
        text = f"Identities are erased {plural(firm_months, 'month')} after the interview (firm policy)"
    elif overrides:
        text = "No firm retention policy is set (identities are kept)"
    else:
        return "No retention policy is set: identities are kept."
    clients = sorted(overrides.items(), key=lambda pair: pair[0].casefold())
    named = [
        f"{name}{' overrides it' if not n else ''} with {plural(months, 'month')}"
        for n, (name, months) in enumerate(clients)
    ]
    return f"{text}; {', '.join(named)}." if named else f"{text}."


@dataclass(frozen=True)
class Subject:
    """What the rule needs to know of one candidate."""

    candidate_id: str
    label: str  # the name shown inside the firm's own app (a pseudonym once the identity is erased)
    client_id: str
    client: str
    identity_erased: bool
    consent_withdrawn: str | None  # the day consent was withdrawn
    last_completed: date | None  # the day the last completed interview was conducted (else saved)
    open_interview: bool  # an interview is still scheduled
    firm_months: int | None
    client_months: int | None


@dataclass(frozen=True)
class RetentionItem:
    """One erasure due: whose, which client's, what will happen and why."""

    candidate_id: str
    candidate: str
    client_id: str
    client: str
    action: str  # IDENTITY or EVERYTHING
    why: str

    @property
    def what(self) -> str:
        return WHAT[self.action]


def decide(subject: Subject, today: date) -> RetentionItem | None:
    """The erasure due for this candidate on ``today``, or None."""
    s = subject
    if s.consent_withdrawn and s.consent_withdrawn[:10] <= today.isoformat():
        why = f"consent withdrawn on {s.consent_withdrawn[:10]}"
        return RetentionItem(s.candidate_id, s.label, s.client_id, s.client, EVERYTHING, why)
    months, source = policy(s.firm_months, s.client_months)
    if months is None or s.identity_erased or s.last_completed is None or s.open_interview:
        return None
    if add_months(s.last_completed, months) > today:
        return None
    ago = plural(months_elapsed(s.last_completed, today), "month")
    why = f"completed {s.last_completed.isoformat()}, {ago} ago; policy {plural(months, 'month')} ({source})"
    return RetentionItem(s.candidate_id, s.label, s.client_id, s.client, IDENTITY, why)


def counts(items: Iterable[RetentionItem]) -> dict[str, int]:
    """How many identities a run erases, and how many candidates it erases entirely."""
    actions = [i.action for i in items]
    return {"identities": actions.count(IDENTITY), "erased": actions.count(EVERYTHING)}


def summary(items: Iterable[RetentionItem]) -> str:
    """What a run erases, as a person says it: "3 identities and everything of 1 candidate"."""
    return say_counts(counts(items))


def say_counts(n: dict[str, int]) -> str:
    """Counts of identities and whole candidates erased (``counts``), as a person says them."""
    parts = [plural(n["identities"], "identity", "identities")] if n["identities"] else []
    parts += [f"everything of {plural(n['erased'], 'candidate')}"] if n["erased"] else []
    return " and ".join(parts) or "nothing"
