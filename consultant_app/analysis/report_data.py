"""Everything a client report shows, computed from the store and already safe to print.

``build_report_data`` keeps only candidates who may appear in outputs, counts only notes that
count in statistics, quotes only what may be quoted, and folds every group smaller than the
firm's *k*. The ``suppressed`` list says, in plain words, what was folded or left out.

Every printed figure also names its population (``figures``; the rows of a table in ``tables``), and
secondary suppression folds breakdown rows and trend periods further until no subtraction of printed
figures (a total minus the rows shown, one table against another, one section against another) gives the
answers of fewer than *k* people: ``confidentiality.audit_figures`` decides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from consultant_app.analysis.quotes import Quote, QuoteDraft
from consultant_app.analysis.statistics import (
    RatingSummary,
    RecommendScore,
    Tally,
    mentions,
    period_key,
    rating_summary,
    recommend_score,
    tally,
)
from consultant_app.domain import confidentiality
from consultant_app.domain.model import Client, Firm
from consultant_app.domain.taxonomy import (
    DECLINE_REASONS,
    HEADLINE,
    LEVELS,
    RATING_DIMENSIONS,
    REPORT_SECTIONS,
    WORK_MODES,
    label,
)
from consultant_app.domain.wording import agree, plural
from consultant_app.store import Store
from consultant_app.store.reporting import InterviewRecord

CONTACTED = ("completed", "no_answer", "refused", "withdrawn")
BREAKDOWNS = {"department": "Department", "level": "Level", "location": "Location", "work_mode": "Work mode"}
QUOTES_PER_SECTION = 6
_INTERVIEW_ID = attrgetter("interview.id")


@dataclass
class CompetitorRow:
    company: str
    wins: int
    share: float
    salary_gap: float | None  # mean gap of their offer over ours, as a fraction, when enough salaries are known
    salary_n: int


@dataclass
class BreakdownRow:
    group: str
    n: int
    top_reason: str | None
    top_share: float
    recommend: float | None


@dataclass
class ReportData:
    client: Client
    firm: Firm
    date_from: str | None
    date_to: str | None
    generated: str
    k: int
    sections: list[str]
    summary_text: str | None = None
    quotes_reviewed: bool = False  # every quote shown was approved by a person
    quotes_awaiting: int = 0  # highlighted quotes left out because no one has approved them yet
    quote_drafts: list[QuoteDraft] = field(default_factory=list)  # what the quote review shows
    enough_data: bool = False
    offers_declined: int = 0
    contacted: int = 0
    completed: int = 0
    reasons: Tally | None = None
    trend_periods: list[str] = field(default_factory=list)
    trend_series: dict[str, list[float]] = field(default_factory=dict)
    trend_by_quarter: bool = False
    ratings: list[RatingSummary] = field(default_factory=list)
    recommend: RecommendScore | None = None
    strengths: Tally | None = None
    weaknesses: Tally | None = None
    competitor_themes: Tally | None = None
    extra_themes: Tally | None = None
    competitors: list[CompetitorRow] = field(default_factory=list)
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    breakdowns: dict[str, list[BreakdownRow]] = field(default_factory=dict)
    suppressed: list[str] = field(default_factory=list)
    population: frozenset[str] = frozenset()  # the completed interviews it covers (for the release ledger)
    release_figures: list[confidentiality.Figure] = field(default_factory=list)  # its breakdown rows, for the ledger
    recommend_split: bool = True  # each of promoters, passives and detractors is 0 or at least k
    figures: list[confidentiality.Figure] = field(default_factory=list)  # what each printed figure counts
    tables: list[list[str]] = field(default_factory=list)  # labels of figures printed as rows of one table

    @property
    def response_rate(self) -> float:
        return self.completed / self.contacted if self.contacted else 0.0

    def headline(self) -> list[tuple[str, str]]:
        """The headline figures as printed — (value, what it is) — on the report's summary and the dashboard."""
        values = (
            f"{self.offers_declined:,}",
            f"{self.completed:,}",
            f"{self.response_rate:.0%}",
            f"{self.recommend.score:+.0f}" if self.recommend else "—",
        )
        return list(zip(values, HEADLINE))

    first_interview: str | None = None
    last_interview: str | None = None

    def period_label(self) -> str:
        """The requested period, or the span of the interviews when no bound was given, in months: the days
        of the first and the last interview would point at the people interviewed on them."""
        start = self.date_from or self.first_interview
        end = self.date_to or self.last_interview
        if not start or not end:
            return "all interviews to date"
        first, last = confidentiality.month_label(start), confidentiality.month_label(end)
        return first if first == last else f"{first} – {last}"


def build_report_data(
    store: Store,
    client_id: str,
    date_from: str | None = None,
    date_to: str | None = None,
    sections: list[str] | None = None,
    summary_text: str | None = None,
    only: frozenset[str] | None = None,
    earlier: Sequence[confidentiality.Figure] = (),
) -> ReportData:
    """The report of a client over whole months (YYYY-MM; None: open); ``only`` limits it to those interviews
    (a report held back to the interviews of an earlier release); ``earlier`` are the figures of the releases
    the client already holds, which no breakdown row may be subtracted from to leave fewer than k people."""
    data, completed = _counted(store, client_id, date_from, date_to, sections, summary_text, only)
    if not data.enough_data:
        return data
    _reasons(data, completed)
    _trend(data, completed)
    _ratings(data, completed)
    _themes(data, completed, _theme_mentions(store, client_id, data.population))
    _competitors(data, completed)
    _quotes(data, store, completed, store.reporting.notes([r.interview.id for r in completed], highlighted_only=True))
    _breakdowns(data, completed, earlier)
    return data


def build_headline(
    store: Store,
    client_id: str,
    date_from: str | None = None,
    date_to: str | None = None,
    only: frozenset[str] | None = None,
) -> ReportData:
    """The report's headline alone — its counts, decline reasons and recommendation score, computed by the same
    steps as ``build_report_data``, so they are the report's own figures, suppressed where it suppresses them —
    without the themes, quotes and breakdowns that take most of a report's time (the app's client dashboard);
    ``only`` as for ``build_report_data``."""
    data, completed = _counted(store, client_id, date_from, date_to, only=only)
    if data.enough_data:
        _reasons(data, completed)
        _recommend(data, completed)
    return data


def _counted(
    store: Store,
    client_id: str,
    date_from: str | None,
    date_to: str | None,
    sections: list[str] | None = None,
    summary_text: str | None = None,
    only: frozenset[str] | None = None,
) -> tuple[ReportData, list[InterviewRecord]]:
    """The report's counts, with the completed interviews it shows (no results unless there are at least k)."""
    firm = store.firm.get()
    data = ReportData(
        client=store.clients.get(client_id),
        firm=firm,
        date_from=date_from,
        date_to=date_to,
        generated=date.today().isoformat(),
        k=firm.min_group_size,
        sections=[s for s in REPORT_SECTIONS if sections is None or s in sections],
        summary_text=(summary_text or "").strip() or None,
    )
    records = [
        r
        for r in store.reporting.interviews(client_id, *confidentiality.month_bounds(date_from, date_to))
        if confidentiality.in_outputs(r.candidate) and (only is None or r.interview.id in only)
    ]
    data.offers_declined = len({r.candidate.id for r in records})
    data.contacted = sum(r.interview.status in CONTACTED for r in records)
    completed = [r for r in records if r.interview.status == "completed"]
    days = sorted(_interview_day(r) for r in (completed or records))
    data.first_interview, data.last_interview = (days[0], days[-1]) if days else (None, None)
    data.completed = len(completed)
    data.population = frozenset(r.interview.id for r in completed)
    data.enough_data = data.completed >= data.k
    if not data.enough_data:
        data.suppressed.append(
            f"Only {plural(data.completed, 'completed interview')} in the period, fewer than the minimum "
            f"group size of {data.k}: no results are shown, so that no one can be identified."
        )
    return data, completed


def _figure(data: ReportData, label: str, variable: str, records) -> str:
    data.figures.append(confidentiality.Figure(label, variable, frozenset(map(_INTERVIEW_ID, records))))
    return label


def _note_folds(data: ReportData, what: str, t: Tally) -> None:
    if t.folded:
        data.suppressed.append(
            f"{what}: {plural(len(t.folded), 'item')} mentioned by fewer than {data.k} respondents "
            f"{agree(len(t.folded), 'was', 'were')} combined into “Other”."
        )
    if t.dropped:
        data.suppressed.append(
            f"{what}: {plural(len(t.dropped), 'item')} mentioned by fewer than {data.k} respondents "
            f"{agree(len(t.dropped), 'was', 'were')} left out, as even combined they stay below {data.k}."
        )


def _reasons(data: ReportData, completed: list[InterviewRecord]) -> None:
    data.reasons = tally(_reason_mentions(completed), len(completed), data.k)
    _note_folds(data, "Decline reasons", data.reasons)
    _figure(data, "Decline reasons", "reasons", completed)


def _reason_mentions(records: list[InterviewRecord]) -> dict[str, set]:
    return mentions((r.interview.id, [label(DECLINE_REASONS, c) for c in r.interview.decline_reasons]) for r in records)


def _interview_day(r: InterviewRecord) -> str:
    return (r.interview.conducted_at or r.interview.scheduled_at or r.interview.created_at)[:10]


def _trend(data: ReportData, completed: list[InterviewRecord]) -> None:
    """Monthly when enough months reach k, else quarterly; periods below k are not plotted, and when those
    left out add up to fewer than k, neither are the smallest plotted ones (the shares of the whole period
    minus those plotted would give theirs)."""
    for by_quarter in (False, True):
        by_period: dict[str, list[InterviewRecord]] = defaultdict(list)
        for r in completed:
            by_period[period_key(_interview_day(r), by_quarter)].append(r)
        folded = confidentiality.fold_small_groups({p: len(rows) for p, rows in by_period.items()}, data.k)
        plotted = sorted(p for p in folded.shown if p != confidentiality.OTHER_GROUP)
        if len(plotted) >= 3:
            break
    data.trend_by_quarter = by_quarter
    unit = "quarter" if by_quarter else "month"
    if len(plotted) < 2:
        data.suppressed.append(f"Trend: too few {unit}s reach {data.k} interviews to draw a trend.")
        return
    if len(plotted) < len(by_period):
        small = len(by_period) - len(plotted) - len(folded.secondary)
        data.suppressed.append(
            f"Trend: {plural(small, unit)} with fewer than {data.k} interviews {agree(small, 'is', 'are')} not plotted"
            + (
                f", nor {len(folded.secondary)} more, as together with them fewer than {data.k} interviews "
                f"would be left out and could be worked out from the whole period."
                if folded.secondary
                else "."
            )
        )
    data.trend_periods = plotted
    data.tables.append([_figure(data, f"Trend: {p}", "reasons", by_period[p]) for p in plotted])
    top = [row[0] for row in data.reasons.top(3)]
    for reason in top:
        data.trend_series[reason] = [
            sum(reason in [label(DECLINE_REASONS, c) for c in r.interview.decline_reasons] for r in by_period[p])
            / len(by_period[p])
            for p in data.trend_periods
        ]


def _ratings(data: ReportData, completed: list[InterviewRecord]) -> None:
    for code, name in RATING_DIMENSIONS.items():
        rated = [r for r in completed if code in r.interview.ratings]
        scores = [r.interview.ratings[code] for r in rated]
        if len(scores) >= data.k:
            data.ratings.append(rating_summary(name, scores))
            _figure(data, f"Rating: {name}", f"rating:{code}", rated)
        elif scores:
            data.suppressed.append(
                f"Rating of {name.lower()}: only {plural(len(scores), 'answer')}, fewer than {data.k}; not shown."
            )
    _recommend(data, completed)


def _recommend(data: ReportData, completed: list[InterviewRecord]) -> None:
    answered = [r for r in completed if r.interview.recommend is not None]
    values = [r.interview.recommend for r in answered]
    if len(values) >= data.k:
        data.recommend = recommend_score(values)
        _figure(data, "Recommendation score", "recommend", answered)
        classes = [sum(v >= 9 for v in values), sum(7 <= v <= 8 for v in values), sum(v <= 6 for v in values)]
        data.recommend_split = confidentiality.cells_shown(classes, data.k)
        if not data.recommend_split:
            data.suppressed.append(
                f"Recommendation score: the shares of promoters, passives and detractors are not shown, as one of "
                f"them holds fewer than {data.k} candidates; the score itself is."
            )
    elif values:
        data.suppressed.append(
            f"Recommendation score: only {plural(len(values), 'answer')}, fewer than {data.k}; not shown."
        )


def _theme_mentions(store: Store, client_id: str, population: frozenset[str]) -> dict[str, dict[str, set]]:
    """Which of the ``population`` interviews mention each theme in notes that count in statistics, by section."""
    by_section: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    ids = {i: i for i in population}  # each set holds the one string of an id, not a copy per note
    rows = store.reporting.completed_note_themes(client_id, confidentiality.STATISTICS_VISIBILITIES)
    for interview_id, section, theme in rows:
        if interview_id in ids:
            by_section[section][theme].add(ids[interview_id])
    return {section: dict(members) for section, members in by_section.items()}


def _themes(data: ReportData, completed, mentioned: dict[str, dict[str, set]]) -> None:
    base = len(completed)
    for attr, section, what in (
        ("strengths", "right", "Strengths"),
        ("weaknesses", "wrong", "Weaknesses"),
        ("competitor_themes", "competitors", "What competitors offered"),
        ("extra_themes", "extra", "Extra feedback themes"),
    ):
        t = tally(mentioned.get(section, {}), base, data.k)
        setattr(data, attr, t)
        _note_folds(data, what, t)
        _figure(data, what, f"themes:{section}", completed)


def _competitors(data: ReportData, completed) -> None:
    won = [r for r in completed if r.interview.competing_company]
    t = tally(
        mentions((r.interview.id, [" ".join(r.interview.competing_company.split())]) for r in won),
        len(completed),
        data.k,
    )
    _note_folds(data, "Competitors", t)
    wins = [n for _, n, _ in t.rows]
    if not confidentiality.cells_shown(wins + [len(completed) - sum(wins)], data.k):
        data.suppressed.append(
            f"Competitors: not shown, as the candidates who named none of those shown would number fewer than "
            f"{data.k} and could be worked out from the total."
        )
        return
    _figure(data, "Competitors", "competitor", completed)
    salaries = []
    for company, wins, share in t.rows:
        members = [
            r
            for r in won
            if (" ".join(r.interview.competing_company.split()) == company)
            or (company == confidentiality.OTHER_GROUP and " ".join(r.interview.competing_company.split()) in t.folded)
        ]
        known = [r for r in members if r.interview.competing_salary and r.role and r.role.salary_offered]
        gaps = [(r.interview.competing_salary - r.role.salary_offered) / r.role.salary_offered for r in known]
        gap = sum(gaps) / len(gaps) if len(gaps) >= data.k else None
        data.competitors.append(CompetitorRow(company, wins, share, gap, len(gaps)))
        if gap is not None:
            salaries.append(_figure(data, f"Salary gap: {company}", "salary", known))
    data.tables.append(salaries)


def _quotes(data: ReportData, store: Store, completed, notes) -> None:
    """Up to ``QUOTES_PER_SECTION`` different quotes per section, among the drafts the review cleared."""
    shown = [c.company for c in data.competitors if c.company != confidentiality.OTHER_GROUP]
    hidden = confidentiality.companies_to_hide(store.interviews.competing_companies(), shown)
    redactor = store.identities.redactor(companies=hidden)
    data.quote_drafts = [
        QuoteDraft(note, r.candidate, r.role, redactor)
        for r in completed
        for note in notes[r.interview.id]
        if note.highlight and confidentiality.may_quote(note, r.candidate)
    ]
    reviews = store.quotes.for_notes(d.note.id for d in data.quote_drafts)
    data.quotes_reviewed = data.firm.review_quotes
    by_section: dict[str, list[Quote]] = defaultdict(list)
    seen: set[str] = set()
    for draft in data.quote_drafts:
        review = reviews.get(draft.note.id)
        if not confidentiality.quote_cleared(draft.note, review, data.firm.review_quotes):
            data.quotes_awaiting += review is None or not review.holds_for(draft.note.text)
            continue
        if len(by_section[draft.note.section]) >= QUOTES_PER_SECTION:
            continue
        quote = draft.quote(review)
        if quote.text.casefold() not in seen:
            seen.add(quote.text.casefold())
            by_section[draft.note.section].append(quote)
    data.quotes = dict(by_section)


def _breakdowns(data: ReportData, completed, earlier: Sequence[confidentiality.Figure] = ()) -> None:
    """One table per role attribute, its rows folded by the small-cell rule; then, while any subtraction of
    printed figures gives fewer than k people (``confidentiality.audit_figures``) — within this report, or
    between a breakdown row and a group of a release the client already holds ("People: 5 in January, 6 in
    January–February") — the smallest breakdown row it uses is folded into "Other" too, and a table left with
    "Other" alone is not shown."""
    earlier = list({(f.variable, f.population): f for f in earlier}.values())
    groups = {title: _groups(completed, attr) for attr, title in BREAKDOWNS.items()}
    forced: dict[str, set[str]] = {title: set() for title in groups}
    elsewhere, other_tables = list(data.figures), list(data.tables)
    while True:
        data.figures, data.tables = list(elsewhere), list(other_tables)
        owners: dict[str, tuple[str, str, int]] = {}
        folds = {}
        for title, members in groups.items():
            folds[title] = confidentiality.fold_small_groups(
                {g: len(rows) for g, rows in members.items()}, data.k, also_fold=forced[title]
            )
            data.breakdowns[title] = _breakdown_rows(data, title, members, folds[title], owners)
        disclosures = confidentiality.audit_figures(data.figures, data.tables, data.k).disclosures
        if earlier:
            rows = [f for f in data.figures if f.label in owners]
            across = confidentiality.audit_figures(rows + earlier, (), data.k).disclosures
            disclosures += [d for d in across if any(label in owners for label in d.labels)]
        if not disclosures:
            data.release_figures = [f for f in data.figures if f.label in owners]
            break
        used = [owners[label] for d in disclosures for label in d.labels if label in owners]
        if not used:
            raise RuntimeError("A printed figure would reveal fewer than k people and no breakdown row is to blame.")
        named = [u for u in used if u[1] != confidentiality.OTHER_GROUP]
        if named:  # the smallest named row any subtraction uses
            title, group, _ = min(named, key=lambda u: (u[2], u[0], u[1]))
        else:  # only "Other" rows: "Other" grows by the smallest row of its table
            title = used[0][0]
            group = min(
                (g for g in folds[title].shown if g != confidentiality.OTHER_GROUP),
                key=lambda g: (len(groups[title][g]), g),
            )
        forced[title].add(group)
    for title, folded in folds.items():
        _note_breakdown(data, title, folded)


def _groups(completed, attr: str) -> dict[str, list[InterviewRecord]]:
    groups: dict[str, list[InterviewRecord]] = defaultdict(list)
    for r in completed:
        value = getattr(r.role, attr, None) if r.role else None
        value = (
            {"level": lambda v: label(LEVELS, v), "work_mode": lambda v: label(WORK_MODES, v)}.get(attr, str)(value)
            if value
            else "Not recorded"
        )
        groups[value].append(r)
    return groups


def _breakdown_rows(data: ReportData, title: str, groups, folded, owners) -> list[BreakdownRow]:
    """The rows of one breakdown, each figure it prints recorded with its owner (title, group, size)."""
    if list(folded.shown) in ([], [confidentiality.OTHER_GROUP]):
        return []  # "Other" alone is everyone: the table would tell nothing
    rows, labels = [], []
    for group, n in folded.shown.items():
        members = [r for g in (folded.folded if group == confidentiality.OTHER_GROUP else [group]) for r in groups[g]]
        reasons = tally(_reason_mentions(members), n, 1)
        top = reasons.top(1)
        answered = [r for r in members if r.interview.recommend is not None]
        score = recommend_score([r.interview.recommend for r in answered])
        shown_score = score.score if score and score.n >= data.k else None
        rows.append(BreakdownRow(group, n, top[0][0] if top else None, top[0][2] if top else 0.0, shown_score))
        labels.append(_figure(data, f"{title}: {group}", "reasons", members))
        owners[labels[-1]] = (title, group, n)
        if shown_score is not None:
            labels.append(_figure(data, f"{title}: {group} (recommendation)", "recommend", answered))
            owners[labels[-1]] = (title, group, n)
    data.tables.append(labels)
    return rows


def _note_breakdown(data: ReportData, title: str, folded) -> None:
    small = len(folded.folded or folded.dropped) - len(folded.secondary)
    if not data.breakdowns[title]:
        data.suppressed.append(
            f"{title}: not shown, as every group would have to be combined into “Other” so that no group of "
            f"fewer than {data.k} respondents could be shown or worked out from the other figures."
        )
        return
    secondary = len(folded.secondary)
    further = f"{plural(secondary, 'larger group')} by secondary suppression" if secondary else ""
    if small or further:
        data.suppressed.append(
            f"{title}: "
            + " and ".join(
                filter(None, [small and f"{plural(small, 'group')} with fewer than {data.k} respondents", further])
            )
            + f" {agree(small + secondary, 'was', 'were')}"
            + (" combined into “Other”." if folded.folded else " left out.")
        )
