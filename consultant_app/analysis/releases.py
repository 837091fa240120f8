"""Clearing a release against the ledger before it is written. A report or dataset that, set against the
earlier releases to the same recipient, would single out 1 to *k* − 1 interviews is refused, naming an earlier
release, unless the user chose to hold back the interviews that make the difference (the release then covers
that release's interviews) or to widen the period, a month at a time back, until it singles out no one.
The caller reads the recipient's earlier releases once (``store.releases.list``) and hands them in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from consultant_app.domain.confidentiality import Figure
from consultant_app.store import Store
from consultant_app.store.releases import Conflict, Release, ReleaseTooClose

T = TypeVar("T")
Build = Callable[[str | None, frozenset[str] | None], tuple[T, Collection[str]]]
WIDEN_MONTHS = 60  # how far back widening looks


@dataclass(frozen=True)
class Clearance(Generic[T]):
    """A cleared release: what was made, the period's start it was made for, and the interviews held back."""

    result: T
    date_from: str | None
    held_back: int = 0  # interviews held back to the population of ``against``
    against: Release | None = None


def cleared(
    store: Store, earlier: list[Release], recipient_key: str, k: int, choice: str, date_from: str | None, build: Build
) -> Clearance[T]:
    """What ``build(date_from, only)`` makes (with the interview ids it covers), cleared against the ``earlier``
    releases to the recipient (read only: the caller records what it writes). Raises ``ReleaseTooClose`` when it
    cannot be."""

    def _conflicts(population: Collection[str]) -> list[Conflict]:
        return store.releases.conflicts(recipient_key, store.releases.digests(population).values(), k, earlier)

    result, population = build(date_from, None)
    conflicts = _conflicts(population)
    if not conflicts or choice == "refuse":
        return Clearance(_unless(conflicts, k, result), date_from)
    if choice == "hold back":
        against = conflicts[0].earlier
        only = frozenset(i for i, digest in store.releases.digests(population).items() if digest in against.population)
        result, kept = build(date_from, only)
        return Clearance(_unless(_conflicts(kept), k, result), date_from, len(set(population) - set(kept)), against)
    start = date_from  # a release of every interview to date cannot be widened
    for _ in range(WIDEN_MONTHS if start else 0):
        start = _month_before(start)
        result, population = build(start, None)
        if not _conflicts(population):
            return Clearance(result, start)
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
    digests = store.releases.digests(set().union(population, suppressed, *(f.population for f in figures)))
    groups: dict[int, frozenset[str]] = {}  # figures of one group (one per variable) share its hashes
    for f in figures:
        if id(f.population) not in groups:
            groups[id(f.population)] = frozenset(map(digests.__getitem__, f.population))
    entry = Release(
        population=frozenset(map(digests.__getitem__, population)),
        suppressed=frozenset(map(digests.__getitem__, suppressed)),
        figures=tuple((f.label, f.variable, groups[id(f.population)]) for f in figures),
        **release,
    )
    del figures, digests, groups  # the groups by interview id go before the ledger's text is made (~40 MB at 100k)
    return store.releases.record(entry)


def earlier_figures(store: Store, earlier: list[Release], client_id: str | None) -> list[Figure]:
    """The figures of the ``earlier`` releases, their groups as interview ids again (an interview no longer in
    the workspace stays as its hash, which no id equals), labelled by release."""
    if not any(r.figures for r in earlier):
        return []
    ids = {digest: i for i, digest in store.releases.digests(store.reporting.interview_ids(client_id)).items()}
    return [
        Figure(f"{r.kind} of {r.created[:10]} · {label}", variable, frozenset(map(ids.get, group, group)))
        for r in earlier
        for label, variable, group in r.figures
    ]


def _unless(conflicts: list[Conflict], k: int, result: T) -> T:
    if conflicts:
        raise ReleaseTooClose(conflicts[0], k)
    return result


def _month_before(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    earlier = date(year - (number == 1), 12 if number == 1 else number - 1, 1)
    return earlier.isoformat()[:7]
