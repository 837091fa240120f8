"""Attack 2 of issue 15, subtraction inside one report, run against reports of generated workspaces.

The client is the adversary. It knows its own candidates (department, level, location and work mode of each
role, offer dates) and, at worst, which of them were interviewed; it reads every number the report prints.
A red team found that a breakdown's rows add up to the total minus the groups left out (levels summed to 30
of 31: the missing one, a CFO, was a detractor), and that figures of one table, of another table and of other
sections nest: the difference of two figures about the same answers is the answers of the people in one and
not in the other. When that difference is 1 to *k*−1 people, they are recovered.

The attacker here rebuilds, from the printed report and its own knowledge alone, whom each printed figure
covers: the total, every breakdown row (the "Other" row is every group not named), every trend period, every
rating, the recommendation score and its promoters, passives and detractors, every competitor and its salary
gap. Then it tries every subtraction (``confidentiality.audit_figures``): each figure against every other about
the same answers, every sum of a table's rows against the total, against every figure and against the rows of
every other table that fit inside it; plus, across sections, the total minus each count printed as a share of
it (who rated a dimension, who answered the recommendation question, who named a shown competitor) and the
three recommendation classes. The defence is secondary suppression (``fold_small_groups`` and the audit loop in
``report_data``): nothing it prints leaves 1 to *k*−1 people to subtract. On the commit before it, these
reports gave away 85 people in 14 of the 26 reports (344 subtractions succeeded, in 17 reports); now none.

``python -m tests.proof.test_attack_subtraction`` prints the figures the README states.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from consultant_app.analysis.report_data import BREAKDOWNS, ReportData, build_report_data
from consultant_app.analysis.statistics import period_key
from consultant_app.demo import create_demo_workspace
from consultant_app.domain import confidentiality
from consultant_app.domain.taxonomy import LEVELS, RATING_DIMENSIONS, WORK_MODES, label
from consultant_app.store import Store

# (clients, interviews, seed, k): small clients with groups of a few people, a large one, other k.
WORKSPACES = [(6, 400, 7, 5), (8, 260, 3, 5), (4, 900, 11, 5), (5, 300, 19, 3), (3, 700, 23, 10)]


@dataclass
class Attack:
    tried: int = 0
    recovered: set = field(default_factory=set)  # interview ids of people whose answers a subtraction gives
    found: list[str] = field(default_factory=list)


def attack_report(store: Store, data: ReportData) -> Attack:
    """Every subtraction the printed report allows, from what the client knows."""
    k = data.k
    completed = [
        r
        for r in store.reporting.interviews(data.client.id, data.date_from, data.date_to)
        if r.interview.status == "completed" and not r.candidate.consent_withdrawn
    ]
    attack = Attack()
    if not data.enough_data:
        return attack
    assert len(completed) == data.completed
    figures: list[confidentiality.Figure] = []
    tables: list[list[str]] = []

    def figure(name: str, variable: str, records, printed_n: int | None = None) -> str:
        ids = frozenset(r.interview.id for r in records)
        assert printed_n is None or printed_n == len(ids), f"the attacker misread {name}"
        figures.append(confidentiality.Figure(name, variable, ids))
        return name

    def answered(records):
        return [r for r in records if r.interview.recommend is not None]

    figure("Total", "reasons", completed)
    for attr, title in BREAKDOWNS.items():
        rows = data.breakdowns.get(title, [])
        named = {r.group for r in rows} - {confidentiality.OTHER_GROUP}
        members = defaultdict(list)
        for r in completed:
            group = _group(r, attr)
            members[group if group in named else confidentiality.OTHER_GROUP].append(r)
        labels = []
        for row in rows:
            who = members[row.group]
            if row.top_reason:
                labels.append(figure(f"{title}: {row.group}", "reasons", who, row.n))
            if row.recommend is not None:
                labels.append(figure(f"{title}: {row.group} (recommendation)", "recommend", answered(who)))
        tables.append(labels)
        attack.tried += 1  # the total minus the rows shown: every group not named, when no "Other" row holds them
        left_out = (
            [] if confidentiality.OTHER_GROUP in {r.group for r in rows} else members[confidentiality.OTHER_GROUP]
        )
        if rows and 0 < len(left_out) < k:
            attack.recovered |= {r.interview.id for r in left_out}
            attack.found.append(f"{title}: {len(left_out)} left out of {data.completed}")
    by_period = defaultdict(list)
    for r in completed:
        day = (r.interview.conducted_at or r.interview.scheduled_at or r.interview.created_at)[:10]
        by_period[period_key(day, data.trend_by_quarter)].append(r)
    tables.append([figure(f"Trend: {p}", "reasons", by_period[p]) for p in data.trend_periods])
    for code, name in RATING_DIMENSIONS.items():
        shown = next((x for x in data.ratings if x.label == name), None)
        if shown:
            figure(f"Rating: {name}", f"rating:{code}", [r for r in completed if code in r.interview.ratings], shown.n)
            _cells(attack, k, f"skipped {name}", [data.completed - shown.n], counts_answers=False)
    if data.recommend:
        figure("Recommendation", "recommend", answered(completed), data.recommend.n)
        _cells(attack, k, "did not answer the recommendation question", [data.completed - data.recommend.n], False)
        if getattr(data, "recommend_split", True):  # the commit before secondary suppression always printed them
            classes = [round(s * data.recommend.n) for s in (data.recommend.promoters, data.recommend.detractors)]
            _cells(attack, k, "recommendation classes", classes + [data.recommend.n - sum(classes)], True)
    for attr, what in (
        ("reasons", "reasons"),
        ("strengths", "themes:right"),
        ("weaknesses", "themes:wrong"),
        ("competitor_themes", "themes:competitors"),
        ("extra_themes", "themes:extra"),
    ):
        if getattr(data, attr):
            figure(f"Tally: {attr}", what, completed)
    if data.competitors:
        figure("Competitors", "competitor", completed)
        named = {c.company for c in data.competitors} - {confidentiality.OTHER_GROUP}
        by_company = defaultdict(list)
        for r in completed:
            if r.interview.competing_company:
                company = " ".join(r.interview.competing_company.split())
                by_company[company if company in named else confidentiality.OTHER_GROUP].append(r)
        salaries = []
        for c in data.competitors:
            if c.salary_gap is not None:
                known = [r for r in by_company[c.company] if r.interview.competing_salary and r.role.salary_offered]
                salaries.append(figure(f"Salary gap: {c.company}", "salary", known, c.salary_n))
        tables.append(salaries)
        _cells(attack, k, "named no competitor shown", [data.completed - sum(c.wins for c in data.competitors)], True)
    audit = confidentiality.audit_figures(figures, tables, k)
    attack.tried += audit.subtractions
    for d in audit.disclosures:
        attack.recovered |= d.members
        attack.found.append(f"{d.whole} − {d.part or 'nothing'}: {d.people}")
    return attack


def _group(record, attr: str) -> str:
    value = getattr(record.role, attr, None) if record.role else None
    if not value:
        return "Not recorded"
    return label(LEVELS, value) if attr == "level" else label(WORK_MODES, value) if attr == "work_mode" else value


def _cells(attack: Attack, k: int, what: str, counts: list[int], counts_answers: bool) -> None:
    """A count the report prints, or the total minus one. A count of people who skipped a question tells no
    one's answers (no figure covers them), so it is tried but is no recovery; a count of an answer is."""
    for n in counts:
        attack.tried += 1
        if counts_answers and 0 < n < k:
            attack.found.append(f"{what}: {n}")


def run_attacks(tmp_path) -> tuple[int, int, list[str]]:
    """(subtractions tried, people recovered, what was found) over every workspace and client."""
    tried, recovered, found = 0, 0, []
    for n, (clients, interviews, seed, k) in enumerate(WORKSPACES):
        with Store.open(tmp_path / f"attack-{n}.db") as store:
            create_demo_workspace(store, clients=clients, interviews=interviews, seed=seed)
            store.firm.update(min_group_size=k)
            for summary in store.clients.summaries():
                attack = attack_report(store, build_report_data(store, summary.client.id))
                tried += attack.tried
                recovered += len(attack.recovered)
                found += [f"{summary.client.name} (k={k}): {f}" for f in attack.found]
    return tried, recovered, found


def test_no_subtraction_of_printed_figures_recovers_anyone(tmp_path):
    tried, recovered, found = run_attacks(tmp_path)
    print(f"{tried:,} subtractions tried, {recovered} individuals recovered")
    assert tried > 10_000
    assert (recovered, found) == (0, [])


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        tried, recovered, found = run_attacks(Path(folder))
    print(f"{tried:,} subtractions tried, {recovered} individuals recovered")
    print("\n".join(found))
