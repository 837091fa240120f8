"""k-anonymity by full-domain generalisation with limited suppression.

Starting from exact values, one quasi-identifier at a time is generalised one level up — the one
whose step leaves the fewest rows in groups smaller than *k* — until those rows are few enough to
suppress (at most ``max_suppressed`` of them). Then any step the later ones made unnecessary is
given back. If *k* cannot be reached without suppressing most of the data, the export is refused.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from consultant_app.datasets.hierarchies import HIERARCHIES
from consultant_app.domain import confidentiality


class TooFewToAnonymise(ValueError):
    """The data cannot reach *k* without suppressing most of it."""


@dataclass
class Anonymisation:
    levels: dict[str, int]  # quasi-identifier -> hierarchy level used
    values: list[dict[str, str]]  # generalised quasi-identifier values per kept row
    kept: list[int]  # indexes of the rows kept
    suppressed: int
    k_reached: int  # size of the smallest group (0 when nothing is kept)
    generalised: dict[str, int]  # quasi-identifier -> rows whose value changed from the exact one


def anonymise(
    raw: list[dict[str, Any]], quasi: list[str], k: int, max_suppressed: float = 0.05, refuse_above: float = 0.5
) -> Anonymisation:
    """Generalises ``raw`` quasi-identifier values until every kept row shares its values with at
    least ``k - 1`` others."""
    confidentiality.check_k(k)
    levels = dict.fromkeys(quasi, 0)
    n = len(raw)
    codes = {q: [_encode(HIERARCHIES[q][level], raw, q) for level in range(len(HIERARCHIES[q]))] for q in quasi}

    def violators(trial: dict[str, int]) -> list[int]:
        keys = list(zip(*(codes[q][trial[q]] for q in quasi))) if quasi else [()] * n
        sizes = Counter(keys)
        return [i for i, key in enumerate(keys) if sizes[key] < k]

    violating = violators(levels)
    while len(violating) > max_suppressed * n:
        candidates = [q for q in quasi if levels[q] < len(HIERARCHIES[q]) - 1]
        if not candidates:
            break
        trials = {q: violators({**levels, q: levels[q] + 1}) for q in candidates}
        best = min(candidates, key=lambda q: (len(trials[q]), -len(set(codes[q][levels[q]])), quasi.index(q)))
        levels[best] += 1
        violating = trials[best]
    improved = len(violating) <= max_suppressed * n
    while improved:  # give back any step that the others made unnecessary
        improved = False
        for q in quasi:
            if levels[q] > 0:
                trial = violators({**levels, q: levels[q] - 1})
                if len(trial) <= max_suppressed * n:
                    levels[q] -= 1
                    violating, improved = trial, True
    if n == 0 or len(violating) > refuse_above * n:
        raise TooFewToAnonymise(
            f"These {n} interviews cannot be made {k}-anonymous without suppressing "
            f"{len(violating)} of them; widen the period, export more clients together, or lower k."
        )
    dropped = set(violating)
    kept = [i for i in range(n) if i not in dropped]
    columns = {q: [HIERARCHIES[q][levels[q]](row[q]) for row in raw] for q in quasi}
    values = [{q: columns[q][i] for q in quasi} for i in kept]
    exact = {q: [HIERARCHIES[q][0](row[q]) for row in raw] for q in quasi}
    generalised = {q: sum(columns[q][i] != exact[q][i] for i in kept) for q in quasi}
    sizes = Counter(tuple(values_row.values()) for values_row in values)
    k_reached = min(sizes.values(), default=0)
    return Anonymisation(levels, values, kept, len(dropped), k_reached, generalised)


def _encode(level_fn, raw: list[dict[str, Any]], q: str) -> list[int]:
    """The generalised values of one quasi-identifier as small integers (fast to group)."""
    table: dict[str, int] = {}
    return [table.setdefault(level_fn(row[q]), len(table)) for row in raw]
