"""Pure statistics over respondents: shares, rating summaries, the recommendation score, trends
and tallies. Each tally goes through the small-cell rule, and reports what it suppressed; a share is drawn as
it is printed (``as_printed``), so no chart is more precise than its label."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from consultant_app.domain.confidentiality import OTHER_GROUP, fold_small_mentions


@dataclass
class Tally:
    """Respondent counts per item after the small-cell rule, with shares of ``base``."""

    rows: list[tuple[str, int, float]]  # label, respondents, share of base (0–1)
    base: int
    folded: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def top(self, n: int) -> list[tuple[str, int, float]]:
        return [r for r in self.rows if r[0] != OTHER_GROUP][:n]

    def share_bars(self) -> list[tuple[str, float, str]]:
        """One bar per row as a chart draws it: (label, share as printed, the text written at the bar's end). The
        report's charts and the app's dashboard both draw these, so the two show the same bars."""
        return [(name, as_printed(share, ".0%"), f"{share:.0%}  ({n})") for name, n, share in self.rows]


def as_printed(value: float, spec: str) -> float:
    """``value`` as a label formatted with ``spec`` prints it: ``as_printed(0.4166, ".0%")`` is 0.42."""
    text = format(value, spec)
    return float(text[:-1]) / 100 if spec.endswith("%") else float(text)


def tally(members: Mapping[str, set], base: int, k: int) -> Tally:
    """Respondents per item (an item is shown only if at least ``k`` respondents mention it)."""
    _, folded = fold_small_mentions(members, k)
    rows = [(label, n, n / base if base else 0.0) for label, n in folded.shown.items()]
    return Tally(rows, base, folded.folded, folded.dropped)


def mentions(items: Iterable[tuple[str, Iterable[str]]]) -> dict[str, set]:
    """Which respondents mention each item, from (respondent, items mentioned) pairs."""
    members: dict[str, set] = defaultdict(set)
    for respondent, mentioned in items:
        for item in mentioned:
            members[item].add(respondent)
    return dict(members)


@dataclass
class RatingSummary:
    label: str
    mean: float
    spread: float  # standard deviation
    n: int


def rating_summary(label: str, scores: list[int]) -> RatingSummary:
    spread = statistics.pstdev(scores) if len(scores) > 1 else 0.0
    return RatingSummary(label, statistics.fmean(scores), spread, len(scores))


@dataclass
class RecommendScore:
    score: float  # promoters minus detractors, in points from -100 to 100
    promoters: float
    passives: float
    detractors: float
    n: int


def recommend_score(values: list[int]) -> RecommendScore | None:
    """The candidate recommendation score: % promoters (9–10) minus % detractors (0–6)."""
    if not values:
        return None
    n = len(values)
    promoters = sum(v >= 9 for v in values) / n
    detractors = sum(v <= 6 for v in values) / n
    return RecommendScore(
        round((promoters - detractors) * 100, 1), promoters, 1 - promoters - detractors, detractors, n
    )


def period_key(iso_date: str, by_quarter: bool) -> str:
    year, month = iso_date[:4], int(iso_date[5:7])
    return f"{year} Q{(month - 1) // 3 + 1}" if by_quarter else f"{year}-{month:02d}"
