"""Clearing a release against the ledger before it is written. A report or dataset whose interviews differ
from an earlier release to the same recipient by 1 to *k* − 1 is refused, naming the earlier release, unless
the user chose to hold back the interviews that make the difference (the release then covers the earlier
one's interviews) or to widen the period, a month at a time back, until it differs from every earlier release
by none or by at least *k*.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import Any, TypeVar

from consultant_app.domain.confidentiality import Figure
from consultant_app.store import Store
from consultant_app.store.releases import Conflict, Release, ReleaseTooClose

T = TypeVar("T")
Build = Callable[[str | None, frozenset[str] | None], tuple[T, Collection[str]]]
WIDEN_MONTHS = 60  # how far back widening looks


def cleared(
    store: Store, recipient_key: str, k: int, choice: str, date_from: str | None, build: Build
) -> tuple[T, str | None]:
    """What ``build(date_from, only)`` makes (with the interview ids it covers), cleared against the ledger;
    returns it with the period's start it was made for. Raises ``ReleaseTooClose`` when it cannot be."""
    result, population = build(date_from, None)
    conflicts = _conflicts(store, recipient_key, population, k)
    if not conflicts or choice == "refuse":
        return _unless(conflicts, k, result), date_from
    if choice == "hold back":
        earlier = conflicts[0].earlier.population
        only = frozenset(i for i, digest in store.releases.digests(population).items() if digest in earlier)
        result, population = build(date_from, only)
        return _unless(_conflicts(store, recipient_key, population, k), k, result), date_from
    start = date_from  # a release of every interview to date cannot be widened
    for _ in range(WIDEN_MONTHS if start else 0):
        start = _month_before(start)
        result, population = build(start, None)
        if not _conflicts(store, recipient_key, population, k):
            return result, start
    raise ReleaseTooClose(conflicts[0], k)


def record(
    store: Store,
    release: dict[str, Any],
    population: Collection[str],
    suppressed: Collection[str] = (),
    figures: Iterable[Figure] = (),
) -> Release:
    """Adds a written release to the ledger, with keyed hashes of the interviews it covered and suppressed and
    of the groups its ``figures`` are about (the rows of its breakdowns, a dataset's groups of rows)."""
    figures = list(figures)
    digests = store.releases.digests({*population, *suppressed, *(i for f in figures for i in f.population)})
    return store.releases.record(
        Release(
            population=frozenset(digests[i] for i in population),
            suppressed=frozenset(digests[i] for i in suppressed),
            figures=tuple((f.label, f.variable, frozenset(digests[i] for i in f.population)) for f in figures),
            **release,
        )
    )


def earlier_figures(store: Store, recipient_key: str, client_id: str | None) -> list[Figure]:
    """The figures of every earlier release to this recipient, their groups as interview ids again (an
    interview no longer in the workspace stays as its hash, which no id equals), labelled by release."""
    earlier = store.releases.list(recipient_key=recipient_key)
    if not any(r.figures for r in earlier):
        return []
    ids = {digest: i for i, digest in store.releases.digests(store.reporting.interview_ids(client_id)).items()}
    return [
        Figure(f"{r.kind} of {r.created[:10]} · {label}", variable, frozenset(ids.get(h, h) for h in group))
        for r in earlier
        for label, variable, group in r.figures
    ]


def _conflicts(store: Store, recipient_key: str, population: Collection[str], k: int) -> list[Conflict]:
    return store.releases.conflicts(recipient_key, store.releases.digests(population).values(), k)


def _unless(conflicts: list[Conflict], k: int, result: T) -> T:
    if conflicts:
        raise ReleaseTooClose(conflicts[0], k)
    return result


def _month_before(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    earlier = date(year - (number == 1), 12 if number == 1 else number - 1, 1)
    return earlier.isoformat()[:7]
