"""k-anonymity and distinct l-diversity by full-domain generalisation with limited suppression.

A row is at risk when its combination of quasi-identifier values (its equivalence class) is shared by
fewer than *k* rows, or when the rows of that class hold fewer than *l* distinct sensitive values (so a
reader learns the value of everyone in it), as ARX defines them. The rows at risk may be suppressed, up to
``max_suppressed`` of them. Two greedy searches look for the levels: bottom-up from exact values (or from
the levels an earlier release to the same recipient used, never finer), one column a level up at a time,
then giving back what later steps made unnecessary; and top-down from every column suppressed, one column
a level down at a time while the rows at risk stay few enough. Each result is improved by trading a level
of one column for levels of another, and the one that keeps more detail wins. Rows withheld from an earlier
release stay suppressed and count in no class. If the data cannot be made safe without suppressing most of
it, the export is refused.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from consultant_app.datasets.hierarchies import HIERARCHIES, LEVEL_NAMES
from consultant_app.domain import confidentiality
from consultant_app.domain.wording import agree


class TooFewToAnonymise(ValueError):
    """The data cannot reach *k* (and *l*) without suppressing most of it."""


@dataclass(frozen=True)
class ColumnLoss:
    """How much detail of one quasi-identifier survives (ARX-style information loss)."""

    name: str
    level: int
    level_name: str
    rows: int  # rows kept
    exact_rows: int  # kept rows whose value is still the exact one
    distinct_kept: int  # distinct values written
    distinct_exact: int  # distinct exact values among the rows that could be kept

    @property
    def exact_share(self) -> float:
        return self.exact_rows / self.rows if self.rows else 0.0


@dataclass
class Anonymisation:
    levels: dict[str, int]  # quasi-identifier -> hierarchy level used
    values: list[dict[str, str]]  # generalised quasi-identifier values per kept row
    kept: list[int]  # indexes of the rows kept
    suppressed_rows: list[int]  # indexes of the rows suppressed (withheld ones included)
    k_reached: int  # size of the smallest class (0 when nothing is kept)
    l_reached: int  # fewest distinct sensitive values in a class (0 when nothing is kept)
    loss: dict[str, ColumnLoss]  # quasi-identifier -> how much of it survives

    @property
    def suppressed(self) -> int:
        return len(self.suppressed_rows)

    @property
    def generalised(self) -> dict[str, int]:
        """Quasi-identifier -> kept rows whose value changed from the exact one."""
        return {q: loss.rows - loss.exact_rows for q, loss in self.loss.items()}


def anonymise(
    raw: list[dict[str, Any]],
    quasi: list[str],
    k: int,
    max_suppressed: float = 0.05,
    refuse_above: float = 0.5,
    *,
    sensitive: list[str] | None = None,
    l: int = 1,  # noqa: E741 — the l of l-diversity
    min_levels: dict[str, int] | None = None,
    withheld: frozenset[int] = frozenset(),
) -> Anonymisation:
    """Generalises ``raw`` quasi-identifier values until every kept row shares its values with at least
    ``k - 1`` others and its class holds at least ``l`` distinct ``sensitive`` values; no level goes below
    ``min_levels`` and the rows of ``withheld`` (indexes into ``raw``) are always suppressed."""
    confidentiality.check_k(k)
    active = [i for i in range(len(raw)) if i not in withheld]
    n = len(active)
    rows = [raw[i] for i in active]
    top = {q: len(HIERARCHIES[q]) - 1 for q in quasi}
    floor = {q: min(max(0, (min_levels or {}).get(q, 0)), top[q]) for q in quasi}
    levels = dict(floor)
    kinds_seen: dict[str, int] = {}
    labels = [kinds_seen.setdefault(s, len(kinds_seen)) for s in sensitive] if sensitive else [0] * len(raw)
    # rows alike at every level of every quasi-identifier, and in their sensitive value, are searched as one
    signatures = {q: _signatures(q, rows) for q in quasi}
    members: dict[tuple, list[int]] = {}
    for pos, i in enumerate(active):
        members.setdefault((*(signatures[q][0][pos] for q in quasi), labels[i]), []).append(pos)
    alike = list(members.values())
    weights = [len(positions) for positions in alike]
    classes = [key[-1] for key in members]
    codes = {
        q: [[signatures[q][1][key[n]][level] for key in members] for level in range(top[q] + 1)]
        for n, q in enumerate(quasi)
    }

    def violators(trial: dict[str, int]) -> list[int]:
        keys = list(zip(*(codes[q][trial[q]] for q in quasi))) if quasi else [()] * len(alike)
        sizes: Counter = Counter()
        kinds: dict[tuple, set[int]] = defaultdict(set)
        for key, weight, label in zip(keys, weights, classes):
            sizes[key] += weight
            kinds[key].add(label)
        bad = {key for key, size in sizes.items() if size < k or len(kinds[key]) < l}
        return [pos for key, positions in zip(keys, alike) if key in bad for pos in positions]

    budget = max_suppressed * n
    cache: dict[tuple[int, ...], list[int]] = {}

    def cached(trial: dict[str, int]) -> list[int]:
        key = tuple(trial[q] for q in quasi)
        if key not in cache:
            cache[key] = violators(trial)
        return cache[key]

    distinct = {q: [len(set(codes[q][level])) for level in range(top[q] + 1)] for q in quasi}
    levels, violating = _bottom_up(dict(floor), floor, top, budget, cached, distinct)
    found = [(levels, violating)] if len(violating) <= budget else []
    found += _top_down(floor, top, budget, cached, distinct)
    if found:  # the search that keeps more detail, after trading levels between columns
        costs = _costs(distinct)
        traded = [_trade(*search, floor, top, budget, cached, costs) for search in found]
        levels, violating = min(traded, key=lambda search: (_height(search[0], costs), len(search[1])))
    if n == 0 or len(violating) > refuse_above * n:
        diverse = f" with at least {l} recommendation classes in every group" if l > 1 else ""
        raise TooFewToAnonymise(
            f"{agree(n, 'This interview', f'These {n:,} interviews')} cannot be made {k}-anonymous{diverse} without "
            f"suppressing "
            f"{len(violating)} of them; widen the period, export more clients together, drop a column, or lower k."
        )
    dropped = {active[pos] for pos in violating} | set(withheld)
    kept = [i for i in range(len(raw)) if i not in dropped]
    values = [{q: HIERARCHIES[q][levels[q]](raw[i][q]) for q in quasi} for i in kept]
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, row in zip(kept, values):
        groups[tuple(row.values())].append(labels[i])
    return Anonymisation(
        levels,
        values,
        kept,
        sorted(dropped),
        min(map(len, groups.values()), default=0),
        min((len(set(found)) for found in groups.values()), default=0),
        {q: _loss(q, levels[q], [raw[i] for i in kept], [row[q] for row in values], rows) for q in quasi},
    )


def _costs(distinct: dict[str, list[int]]) -> dict[str, list[float]]:
    """What each level of each column loses: the share of the column's information (the logarithm of its
    number of distinct values) gone, from 0 (exact) to 1 (one value left)."""
    return {
        q: [1 - math.log(d) / math.log(counts[0]) if counts[0] > 1 else 0.0 for d in counts]
        for q, counts in distinct.items()
    }


def _height(levels: dict[str, int], costs: dict[str, list[float]]) -> float:
    """The information lost over all columns at these levels (see ``_costs``), with a tie-break on the levels
    themselves so a step that merges no values still counts."""
    return sum(costs[q][level] + level / 1000 for q, level in levels.items())


def _bottom_up(levels, floor, top, budget, violators, distinct):
    """From the lowest levels allowed, one column a level up at a time (the one whose step leaves the fewest
    rows at risk) until the rest can be suppressed; then any step the later ones made unnecessary is given
    back."""
    quasi = list(levels)
    violating = violators(levels)
    while len(violating) > budget:
        candidates = [q for q in quasi if levels[q] < top[q]]
        if not candidates:
            break
        trials = {q: violators({**levels, q: levels[q] + 1}) for q in candidates}
        best = min(candidates, key=lambda q: (len(trials[q]), -distinct[q][levels[q]], quasi.index(q)))
        levels[best] += 1
        violating = trials[best]
    improved = len(violating) <= budget
    while improved:  # give back any step that the others made unnecessary
        improved = False
        for q in quasi:
            if levels[q] > floor[q]:
                trial = violators({**levels, q: levels[q] - 1})
                if len(trial) <= budget:
                    levels[q] -= 1
                    violating, improved = trial, True
    return levels, violating


def _top_down(floor, top, budget, violators, distinct) -> list[tuple[dict[str, int], list[int]]]:
    """From every column suppressed, one column a level down at a time (the one that gains the most values
    for the fewest rows at risk) while the rows at risk stay within the budget; nothing when even full
    suppression leaves too many at risk."""
    levels = dict(top)
    violating = violators(levels)
    if len(violating) > budget:
        return []
    while True:
        trials = {q: violators({**levels, q: levels[q] - 1}) for q in levels if levels[q] > floor[q]}
        allowed = [q for q, found in trials.items() if len(found) <= budget]
        if not allowed:
            return [(levels, violating)]
        gain = {q: distinct[q][levels[q] - 1] / max(1, distinct[q][levels[q]]) for q in allowed}  # no rows: 0 values
        best = min(allowed, key=lambda q: (len(trials[q]), -gain[q], q))
        levels[best] -= 1
        violating = trials[best]


def _trade(levels, violating, floor, top, budget, violators, costs, tries: int = 300):
    """Local search after the greedy one: give one column back a level while another takes on as many as it
    needs, whenever that keeps more detail overall (less information lost, see ``_costs``), within the
    suppression budget; at most ``tries`` trials."""

    improved = True
    while improved and tries > 0:
        improved = False
        for down in [q for q in levels if levels[q] > floor[q]]:
            for up in [q for q in levels if q != down and levels[q] < top[q]]:
                for step in range(1, top[up] - levels[up] + 1):
                    trial = {**levels, down: levels[down] - 1, up: levels[up] + step}
                    if _height(trial, costs) >= _height(levels, costs) or tries <= 0:
                        break
                    tries -= 1
                    found = violators(trial)
                    if len(found) <= budget:
                        levels, violating, improved = trial, found, True
                        break
                if improved:
                    break
            if improved:
                break
    return levels, violating


def _loss(q: str, level: int, kept: list[dict[str, Any]], written: list[str], eligible: list[dict]) -> ColumnLoss:
    exact: Callable = HIERARCHIES[q][0]
    return ColumnLoss(
        q,
        level,
        LEVEL_NAMES[q][level],
        len(kept),
        sum(exact(row[q]) == value for row, value in zip(kept, written)),
        len(set(written)),
        len({exact(row[q]) for row in eligible}),
    )


def _signatures(q: str, rows: list[dict[str, Any]]) -> tuple[list[int], list[tuple[int, ...]]]:
    """Each row's values of ``q`` at every level, as the number of its signature, and the signatures (the
    values at each level as small integers, fast to group). The hierarchy runs once per distinct value."""
    levels = HIERARCHIES[q]
    numbers: list[dict[str, int]] = [{} for _ in levels]
    found: dict[tuple[int, ...], int] = {}
    seen: dict[Any, int] = {}
    ids = []
    for row in rows:
        value = row[q]
        if value not in seen:
            signature = tuple(table.setdefault(fn(value), len(table)) for fn, table in zip(levels, numbers))
            seen[value] = found.setdefault(signature, len(found))
        ids.append(seen[value])
    return ids, list(found)
