"""Generalisation hierarchies for the quasi-identifiers, from exact to fully suppressed ("*").

Each hierarchy is a list of functions, level 0 first; the last level always returns "*". Every level is
a coarsening of the one below it (a 10k salary band lies inside one 20k band, a month inside one quarter),
so two releases at different levels reveal no more together than the finer one alone. Also the
recommendation class, the sensitive value that l-diversity spreads within each group.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from consultant_app.domain.taxonomy import LEVELS, WORK_MODES, label

SUPPRESSED = "*"
NOT_RECORDED = "not recorded"
NOT_NAMED = "not named"
OTHER_COMPETITORS = "Other"
TOP_COMPETITORS = (5, 2)  # how many of the most chosen competitors keep their name at levels 1 and 2

COUNTRY_OF_CITY = {
    "berlin": "Germany",
    "munich": "Germany",
    "hamburg": "Germany",
    "frankfurt": "Germany",
    "cologne": "Germany",
    "london": "United Kingdom",
    "manchester": "United Kingdom",
    "edinburgh": "United Kingdom",
    "dublin": "Ireland",
    "amsterdam": "Netherlands",
    "rotterdam": "Netherlands",
    "brussels": "Belgium",
    "antwerp": "Belgium",
    "paris": "France",
    "lyon": "France",
    "madrid": "Spain",
    "barcelona": "Spain",
    "lisbon": "Portugal",
    "milan": "Italy",
    "rome": "Italy",
    "zurich": "Switzerland",
    "geneva": "Switzerland",
    "vienna": "Austria",
    "stockholm": "Sweden",
    "oslo": "Norway",
    "copenhagen": "Denmark",
    "helsinki": "Finland",
    "warsaw": "Poland",
    "prague": "Czechia",
    "new york": "United States",
    "san francisco": "United States",
    "toronto": "Canada",
}
REGION_OF_COUNTRY = {
    "Germany": "DACH",
    "Austria": "DACH",
    "Switzerland": "DACH",
    "United Kingdom": "UK & Ireland",
    "Ireland": "UK & Ireland",
    "Netherlands": "Benelux",
    "Belgium": "Benelux",
    "France": "Western Europe",
    "Spain": "Southern Europe",
    "Portugal": "Southern Europe",
    "Italy": "Southern Europe",
    "Sweden": "Nordics",
    "Norway": "Nordics",
    "Denmark": "Nordics",
    "Finland": "Nordics",
    "Poland": "Central Europe",
    "Czechia": "Central Europe",
    "United States": "North America",
    "Canada": "North America",
}
ROLE_FAMILIES = [
    (r"engineer|developer|devops|software|architect|programmer|sre\b|qa\b|tester", "Engineering"),
    (r"data|analyst|analytics|scientist|machine learning|\bml\b|\bbi\b", "Data & Analytics"),
    (r"product", "Product"),
    (r"design|ux|ui\b", "Design"),
    (r"sales|account|business development", "Sales"),
    (r"market|brand|content|communications", "Marketing"),
    (r"finance|financial|accountant|controller|audit", "Finance"),
    (r"\bhr\b|people|talent|recruit", "People"),
    (r"supply|logistic|operations|planner|procurement", "Operations"),
    (r"customer|support|success", "Customer"),
    (r"legal|counsel|compliance", "Legal"),
]
LEVEL_BANDS = {
    "intern": "Entry",
    "junior": "Entry",
    "mid": "Mid",
    "senior": "Senior",
    "lead": "Senior",
    "manager": "Management",
    "director": "Management",
    "executive": "Management",
}


def _or_missing(fn: Callable[[str], str]) -> Callable[[str | None], str]:
    return lambda value: fn(value) if value not in (None, "") else NOT_RECORDED


def star(_value) -> str:
    return SUPPRESSED


def role_family(title: str) -> str:
    lowered = title.lower()
    return next((family for pattern, family in ROLE_FAMILIES if re.search(pattern, lowered)), "Other roles")


def country(city: str) -> str:
    return COUNTRY_OF_CITY.get(city.strip().lower(), "Other locations")


def region(city: str) -> str:
    return REGION_OF_COUNTRY.get(country(city), "Other regions")


def quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def salary_band(width: int) -> Callable[[tuple[float, str] | None], str]:
    def band(value: tuple[float, str] | None) -> str:
        if not value or not value[0]:
            return NOT_RECORDED
        amount, currency = value
        low = int(amount // width * width)
        return f"{currency or ''} {low // 1000}–{(low + width) // 1000}k".strip()

    return band


def competitor(top: int | None) -> Callable[[tuple[str, int] | None], str]:
    """A competitor given as (name, rank among the most chosen, 0 first): its name, or "Other" unless it
    is one of the ``top`` most chosen."""

    def level(value: tuple[str, int] | None) -> str:
        if not value:
            return NOT_NAMED
        name, rank = value
        return name if top is None or rank < top else OTHER_COMPETITORS

    return level


def gap_band(width: int) -> Callable[[float | None], str]:
    """The competing salary against the one offered (in %), as a band ``width`` points wide."""

    def band(gap: float | None) -> str:
        if gap is None:
            return NOT_RECORDED
        low = int(gap // width * width)
        return f"{low:+d} to {low + width:+d}%"

    return band


def gap_direction(gap: float | None) -> str:
    if gap is None:
        return NOT_RECORDED
    return "competing offer same or higher" if gap >= 0 else "competing offer lower"


def recommendation_class(recommend: int | None) -> str:
    """Promoter (9–10), passive (7–8), detractor (0–6) or not answered."""
    if recommend is None:
        return "not answered"
    return "promoter" if recommend >= 9 else "passive" if recommend >= 7 else "detractor"


HIERARCHIES: dict[str, list[Callable]] = {
    "client": [_or_missing(str), star],
    "industry": [_or_missing(str), star],
    "role_family": [_or_missing(role_family), star],
    "department": [_or_missing(str), star],
    "level": [_or_missing(lambda v: label(LEVELS, v)), _or_missing(lambda v: LEVEL_BANDS.get(v, "Other levels")), star],
    "location": [_or_missing(str), _or_missing(country), _or_missing(region), star],
    "work_mode": [_or_missing(lambda v: label(WORK_MODES, v)), star],
    "period": [_or_missing(str), _or_missing(quarter), _or_missing(lambda m: m[:4]), star],
    "salary_band": [salary_band(10_000), salary_band(20_000), salary_band(40_000), star],
    "competing_company": [competitor(None), *map(competitor, TOP_COMPETITORS), star],
    "salary_gap": [gap_band(10), gap_band(20), gap_direction, star],
}
# Which earlier datasets to the same recipient held a row: never written, never generalised (the recipient can
# always work it out by joining the datasets on their answers), so every group of new rows reaches k too.
RELEASE_CELL = "earlier_releases"
HIERARCHIES[RELEASE_CELL] = [str]
LEVEL_NAMES = {
    "client": ["client", "suppressed"],
    "industry": ["industry", "suppressed"],
    "role_family": ["role family", "suppressed"],
    "department": ["department", "suppressed"],
    "level": ["level", "level band", "suppressed"],
    "location": ["city", "country", "region", "suppressed"],
    "work_mode": ["work mode", "suppressed"],
    "period": ["month", "quarter", "year", "suppressed"],
    "salary_band": ["10k bands", "20k bands", "40k bands", "suppressed"],
    "competing_company": ["company", "5 most chosen", "2 most chosen", "suppressed"],
    "salary_gap": ["10-point bands", "20-point bands", "higher or lower", "suppressed"],
}
LEVEL_NAMES[RELEASE_CELL] = ["as held by earlier datasets"]
