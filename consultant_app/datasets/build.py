"""Building an anonymised dataset before anything is written: which interviews and answers go out,
pseudonyms, redacted text, and the generalisation that reaches *k* and *l*. The interview rows are held in
memory; the answers are streamed and spilled (``answers``), so memory does not grow with the notes.

Who receives the data decides what counts as a quasi-identifier: a client knows its own candidates and
learns from public profiles where they went, so for a client the competitor and the salary gap count too,
and answers come unlinked from the rows unless the steward asks. The result (``DatasetPlan``) is what the
export dialog previews and what the writers write; it names the rows kept and suppressed and the levels
used, so a release ledger can hold later releases to the same recipient to them (``min_levels``,
``withheld_interviews``).
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
from array import array
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from consultant_app.analysis import releases
from consultant_app.analysis.quotes import QuoteDraft
from consultant_app.datasets.anonymise import Anonymisation, anonymise
from consultant_app.datasets.answers import Answers, stream
from consultant_app.datasets.hierarchies import HIERARCHIES, RELEASE_CELL, recommendation_class
from consultant_app.datasets.schema import Column, answer_columns, interview_columns
from consultant_app.domain import confidentiality
from consultant_app.domain.model import Role
from consultant_app.domain.requests import RECIPIENT_PROFILES, DatasetRequest
from consultant_app.domain.taxonomy import DECLINE_REASONS, RATING_DIMENSIONS
from consultant_app.gc_pause import pause_gc
from consultant_app.store import Store
from consultant_app.store.releases import Release
from consultant_app.store.reporting import InterviewRecord

L_DIVERSITY = 2  # distinct recommendation classes every group must hold


@dataclass(frozen=True, slots=True)
class Respondent:
    """What a dataset keeps of an eligible interview while it is planned and written: its facts and role (one
    shared object per role), not its candidate (``answers`` reads the candidates a few hundred at a time). A
    full record of every interview held at once took ~3.6 KB each, 360 MB at 100,000 interviews."""

    id: str
    client_id: str
    day: str  # when it took place (else was scheduled, else was entered), YYYY-MM-DD
    competing_company: str | None
    competing_salary: float | None
    recommend: int | None
    decline_reasons: tuple[str, ...]
    ratings: tuple[int | None, ...]  # in the order of RATING_DIMENSIONS
    role: Role | None

    @classmethod
    def of(cls, r: InterviewRecord, roles: dict[str, Role]) -> Respondent:
        i = r.interview
        role = roles.setdefault(r.role.id, r.role) if r.role else None
        day = (i.conducted_at or i.scheduled_at or i.created_at)[:10]
        reasons, ratings = tuple(i.decline_reasons), tuple(map(i.ratings.get, RATING_DIMENSIONS))
        return cls(
            i.id,
            r.candidate.client_id,
            day,
            i.competing_company,
            i.competing_salary,
            i.recommend,
            reasons,
            ratings,
            role,
        )


@dataclass
class DatasetPlan:
    scope: str  # a client's name, or "all clients"
    client_id: str | None
    date_from: str | None
    date_to: str | None
    k: int
    stable_key: bool
    interview_columns: list[Column]
    interviews: list[dict[str, Any]]
    answers: Answers  # streamed: spilled to a temporary file, read back as the writer writes them
    anonymisation: Anonymisation
    quasi_identifiers: list[str]
    redactions: dict[str, int]
    eligible: int
    quote_drafts: list[QuoteDraft]  # every answer the quote review shows, cleared or not (only without the ledger)
    quotes_awaiting: int  # answers left out because no one has approved them yet
    profile: str = "client"  # who receives it: "client" or "researcher"
    recipient: str | None = None
    answers_linked: bool = False
    dropped: tuple[str, ...] = ()
    l: int = L_DIVERSITY  # noqa: E741 — the l of l-diversity
    population: frozenset[str] = frozenset()  # interview ids of the rows written
    suppressed_interviews: frozenset[str] = frozenset()  # interview ids of the eligible rows suppressed
    recipient_key: str = ""  # who receives it, for the release ledger
    interview_of: dict[str, str] = field(default_factory=dict)  # respondent -> interview id, never written
    created: str = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat())

    @property
    def levels(self) -> dict[str, int]:
        """Quasi-identifier -> hierarchy level used, a dropped column at its top ("*"): what a later release to
        the same recipient may not go below."""
        dropped = {q: len(HIERARCHIES[q]) - 1 for q in self.dropped}
        return {**dropped, **self.anonymisation.levels}

    def release_figures(self) -> list[confidentiality.Figure]:
        """The groups of rows the recipient can pick out by a quasi-identifier's value, each telling every
        answer of its rows: what a later report's rows may not be subtracted from (for the release ledger)."""
        groups: dict[tuple[str, str], set[str]] = {}
        for row in self.interviews:
            for q in self.quasi_identifiers:
                groups.setdefault((q, str(row.get(q))), set()).add(self.interview_of[row["respondent"]])
        figures = []
        for q, value in list(groups):  # each group's set goes as its figures' one frozenset comes
            population = frozenset(groups.pop((q, value)))
            figures += [confidentiality.Figure(f"{q}: {value}", v, population) for v in ("reasons", "recommend")]
        return figures

    def adversary_model(self) -> str:
        """Who receives the data, what they are assumed to know, and what that makes the quasi-identifiers."""
        who = (
            f"{self.recipient}, {RECIPIENT_PROFILES[self.profile]}"
            if self.recipient
            else RECIPIENT_PROFILES[self.profile]
        )
        if self.profile == "client":
            knows = (
                "knows its own candidates (names, roles, departments, levels, locations, offer dates and its own "
                "salary offers), can learn from public profiles where each of them went, and keeps every report and "
                "dataset it receives"
            )
        else:
            knows = (
                "does not know the candidates but may know public facts about the roles (title, department, level, "
                "place, period, salary range), and keeps every dataset it receives"
            )
        quasi = ", ".join(q.replace("_", " ") for q in self.quasi_identifiers) or "none"
        answers = (
            "Answers carry the pseudonym of their interview row."
            if self.answers_linked
            else "Answers carry no pseudonym and are in random order, so they cannot be joined to a row."
        )
        dropped = f" Left out at the steward's choice: {', '.join(self.dropped)}." if self.dropped else ""
        return (
            f"This dataset is for {who}. We assume the recipient {knows}. So the quasi-identifiers are: {quasi}. "
            f"Every combination of them is shared by at least k = {self.k} rows, and each such group holds at least "
            f"l = {self.l} distinct recommendation classes (promoter, passive, detractor, not answered), so no row "
            f"stands out and no group's answer is certain. {answers}{dropped}"
        )

    def generalisation_summary(self) -> list[str]:
        """Plain sentences on how much of each quasi-identifier survives, and which columns were dropped."""
        lines = []
        for q, loss in self.anonymisation.loss.items():
            lines.append(
                f"{q}: {'kept exact' if loss.level == 0 else 'generalised to ' + loss.level_name}"
                f" ({loss.exact_share:.0%} of rows exact, {loss.distinct_kept} of {loss.distinct_exact} values)"
            )
        if self.dropped:
            lines.append(f"dropped (not written): {', '.join(self.dropped)}")
        return lines


def _pseudonyms(records: list[Respondent], key: str | None) -> dict[str, str]:
    if key:
        return {
            r.id: "R-" + hmac.new(key.encode(), r.id.encode(), hashlib.sha256).hexdigest()[:10].upper() for r in records
        }
    names: set[str] = set()
    out = {}
    for r in records:
        name = "R-" + secrets.token_hex(5).upper()
        while name in names:
            name = "R-" + secrets.token_hex(5).upper()
        names.add(name)
        out[r.id] = name
    return out


def _quasi_values(
    r: Respondent, client_names: dict[str, tuple[str, str | None]], competitors: dict[str, tuple[str, int]]
) -> dict[str, Any]:
    role, day = r.role, r.day
    name, industry = client_names[r.client_id]
    return {
        "client": name,
        "industry": industry,
        "role_family": role.title if role else None,
        "department": role.department if role else None,
        "level": role.level if role else None,
        "location": role.location if role else None,
        "work_mode": role.work_mode if role else None,
        "period": day[:7],
        "salary_band": (role.salary_offered, role.currency) if role and role.salary_offered else None,
        "competing_company": competitors.get(_company_key(r.competing_company)),
        "salary_gap": _salary_gap(r),
    }


def _company_key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def _competitors(records: list[Respondent]) -> dict[str, tuple[str, int]]:
    """Each competitor (by its name folded) -> its most used spelling and its rank among the most chosen."""
    spellings: dict[str, Counter] = {}
    for r in records:
        if r.competing_company:
            name = " ".join(r.competing_company.split())
            spellings.setdefault(name.casefold(), Counter())[name] += 1
    ranked = sorted(spellings, key=lambda key: (-sum(spellings[key].values()), key))
    return {key: (spellings[key].most_common(1)[0][0], rank) for rank, key in enumerate(ranked)}


def _salary_gap(r: Respondent) -> float | None:
    offered = r.role.salary_offered if r.role else None
    if not offered or not r.competing_salary:
        return None
    return (r.competing_salary - offered) / offered * 100


def plan_dataset(
    store: Store,
    request: DatasetRequest,
    max_suppressed: float = 0.05,
    *,
    min_levels: dict[str, int] | None = None,
    withheld_interviews: frozenset[str] = frozenset(),
    ledger: bool = True,
) -> DatasetPlan:
    """Everything that will be exported, anonymised and cleared against the release ledger (``ledger=False``:
    not, for the quotes a review shows); raises
    TooFewToAnonymise when k is out of reach, ReleaseTooClose when it would differ from an earlier release to
    the same recipient by 1 to k − 1 interviews (unless the request holds back or widens). No quasi-identifier
    is generalised below ``min_levels`` or below what earlier datasets to the recipient used, and the interviews
    of ``withheld_interviews`` and those earlier datasets to them suppressed are suppressed."""
    earlier = store.releases.list(recipient_key=request.recipient_key, figures=False) if ledger else []
    levels, suppressed = store.releases.constraints(request.recipient_key, earlier)
    for column, level in (min_levels or {}).items():
        levels[column] = max(level, levels.get(column, 0))
    cells: dict[str, str] = {}
    if earlier:
        digests = store.releases.digests(store.reporting.interview_ids(request.client_id))
        withheld_interviews |= {i for i, digest in digests.items() if digest in suppressed}
        cells = _release_cells(digests, earlier)

    def build(date_from: str | None, only: frozenset[str] | None) -> tuple[DatasetPlan, frozenset[str]]:
        with pause_gc():
            plan = _plan(
                store,
                replace(request, date_from=date_from),
                max_suppressed,
                levels,
                withheld_interviews,
                only,
                cells,
                with_drafts=not ledger,
            )
        return plan, plan.population

    if not ledger:
        return build(request.date_from, None)[0]
    k = request.k or store.firm.get().min_group_size
    recipient_key, choice = request.recipient_key, request.if_too_close
    return releases.cleared(store, earlier, recipient_key, k, choice, request.date_from, build).result


def _plan(
    store: Store,
    request: DatasetRequest,
    max_suppressed: float,
    min_levels: dict[str, int] | None,
    withheld_interviews: frozenset[str],
    only: frozenset[str] | None = None,
    cells: dict[str, str] | None = None,
    *,
    with_drafts: bool = False,
) -> DatasetPlan:
    client_id, date_from, date_to, stable_key = (
        request.client_id,
        request.date_from,
        request.date_to,
        request.stable_key,
    )
    firm = store.firm.get()
    k = confidentiality.check_k(request.k or firm.min_group_size)
    if k < firm.min_group_size:
        raise ValueError(
            f"The firm's minimum group size is {firm.min_group_size}: a dataset may ask for a larger k, not a "
            f"smaller one (the firm profile sets the minimum)."
        )
    multi = client_id is None
    clients = {c.id: (c.name, c.industry) for c in store.clients.list(include_archived=True)}
    roles: dict[str, Role] = {}
    records = [
        Respondent.of(r, roles)
        for r in store.reporting.each_interview(client_id, *confidentiality.month_bounds(date_from, date_to))
        if r.interview.status == "completed"
        and confidentiality.in_outputs(r.candidate)
        and (only is None or r.interview.id in only)  # held back to an earlier release's interviews
    ]
    quasi = request.quasi_identifiers()
    competitors = _competitors(records)
    raw = [_quasi_values(r, clients, competitors) for r in records]
    searched = quasi + [RELEASE_CELL] * bool(cells)
    for row, r in zip(raw, records):
        row[RELEASE_CELL] = (cells or {}).get(r.id, "")
    result = anonymise(
        raw,
        searched,
        k,
        max_suppressed,
        sensitive=[recommendation_class(r.recommend) for r in records],
        l=L_DIVERSITY,
        min_levels=min_levels,
        withheld=frozenset(n for n, r in enumerate(records) if r.id in withheld_interviews),
    )
    for found in (result.levels, result.loss, *result.values):
        found.pop(RELEASE_CELL, None)
    kept = [records[i] for i in result.kept]
    pseudonyms = _pseudonyms(kept, stable_key)
    printed = _printed(kept, [raw[i] for i in result.kept], result.values, request, k)
    eligible, suppressed = len(records), frozenset(records[i].id for i in result.suppressed_rows)
    del records, raw  # what the file needs of them is in ``kept`` and ``printed``: ~100 MB at 100,000 interviews
    wins = Counter(row["competing_company"] for row in printed if "competing_company" in row)
    shown = [company for company, n in wins.items() if n >= k and company in {c for c, _ in competitors.values()}]
    hidden = confidentiality.companies_to_hide(store.interviews.competing_companies(), shown)
    clients_hidden = [name for name, _ in clients.values()] if multi else []  # a multi-client dataset names none
    redactor = store.identities.redactor(companies=hidden + clients_hidden)
    drafts: list[QuoteDraft] | None = [] if with_drafts else None
    answers = stream(store, kept, redactor, firm.review_quotes, drafts)
    interviews = []
    reason_columns = [(f"reason_{code}", code) for code in DECLINE_REASONS]
    rating_columns = [f"rating_{code}" for code in RATING_DIMENSIONS]
    printed.reverse()  # each row's printed values go as its row is made
    for i, its_themes in zip(kept, answers.row_themes):
        shown_row = printed.pop()
        row = {"respondent": pseudonyms[i.id], **shown_row, "decline_reasons": ";".join(i.decline_reasons)}
        for column, code in reason_columns:
            row[column] = int(code in i.decline_reasons)
        row["recommend"] = i.recommend
        for column, rating in zip(rating_columns, i.ratings):
            row[column] = rating
        row["themes"] = its_themes
        interviews.append(row)
    answers.row_themes = []
    respondents = [row["respondent"] for row in interviews]
    if stable_key:
        interviews.sort(key=lambda row: row["respondent"])
    else:
        random.SystemRandom().shuffle(interviews)
    linked = request.answers_linked
    columns = [c.name for c in answer_columns(linked)]
    if linked:  # in the rows' order, each row's answers in the order they were typed
        place = {row["respondent"]: n for n, row in enumerate(interviews)}
        answers.arrange(respondents, _by_row(answers.row, [place[p] for p in respondents]), answers.theme_sets, columns)
    else:  # nothing ties an answer to its row: no pseudonym, not in the rows' order, no rare themes
        order = array("i", range(len(answers)))
        random.SystemRandom().shuffle(order)
        answers.arrange(respondents, order, _unlinked(answers.theme_sets, interviews, k), columns)
    scope = "all clients" if multi else store.clients.get(client_id).name
    recipient = request.recipient or (scope if request.profile == "client" and not multi else None)
    return DatasetPlan(
        scope,
        client_id,
        date_from,
        date_to,
        k,
        bool(stable_key),
        interview_columns(multi, quasi, request.dropped),
        interviews,
        answers,
        result,
        quasi,
        dict(answers.redactions),
        eligible,
        drafts or [],
        answers.awaiting,
        request.profile,
        recipient,
        linked,
        tuple(request.dropped),
        L_DIVERSITY,
        frozenset(r.id for r in kept),
        suppressed,
        request.recipient_key,
        {pseudonyms[r.id]: r.id for r in kept},
    )


def _release_cells(digests: dict[str, str], earlier: list[Release]) -> dict[str, str]:
    """For each interview (id → keyed hash), which earlier datasets to the recipient held it ("10", "01", …):
    the recipient joins datasets on their answers, so the rows new to this one are a group it can tell apart."""
    datasets = [r for r in earlier if r.kind == "dataset"]
    if not datasets:
        return {}
    return {i: "".join("1" if digest in r.population else "0" for r in datasets) for i, digest in digests.items()}


def _unlinked(theme_sets: list[str], interviews: list[dict[str, Any]], k: int) -> list[str]:
    """Each combination of an answer's themes as written when answers carry no respondent: only as many of its
    themes (the commonest first) as at least ``k`` rows carry together, so its themes cannot narrow it down to
    fewer than ``k`` rows."""
    holders: dict[str, set[int]] = {}
    for n, row in enumerate(interviews):
        for theme in filter(None, row["themes"].split(";")):
            holders.setdefault(theme, set()).add(n)
    out = []
    for found in theme_sets:
        themes = sorted(filter(None, found.split(";")), key=lambda t: -len(holders.get(t, ())))
        rows: set[int] | None = None
        chosen = []
        for theme in themes:
            narrower = holders.get(theme, set()) if rows is None else rows & holders.get(theme, set())
            if len(narrower) < k:
                break
            rows, chosen = narrower, [*chosen, theme]
        out.append(";".join(sorted(chosen, key=str.casefold)))
    return out


def _by_row(rows: array, place: list[int]) -> array:
    """The answers (each of the kept row ``rows[n]``) ordered by their row's place in the file (``place``), in
    their own order within a row: a counting sort, a few bytes an answer."""
    starts = array("i", bytes(4 * (len(place) + 1)))
    for row in rows:
        starts[place[row] + 1] += 1
    for n in range(len(place)):
        starts[n + 1] += starts[n]
    order = array("i", bytes(4 * len(rows)))
    for n, row in enumerate(rows):
        at = place[row]
        order[starts[at]] = n
        starts[at] += 1
    return order


def _printed(
    kept: list[Respondent],
    raw: list[dict[str, Any]],
    generalised: list[dict[str, str]],
    request: DatasetRequest,
    k: int,
) -> list[dict[str, str]]:
    """The quasi-identifier columns of each kept row as written: generalised where they are quasi-identifiers
    for this recipient; else the competitor named only when at least k rows name it, and the gap in 10-point
    bands. Dropped columns are not there."""
    out = []
    columns = [q for q in ("competing_company", "salary_gap") if q not in request.dropped]
    wins = Counter(_company_key(r.competing_company) for r in kept if r.competing_company)
    for row, values in zip(raw, generalised):
        printed = dict(values)
        for q in columns:
            if q not in printed:
                printed[q] = HIERARCHIES[q][0](row[q])
                if q == "competing_company" and row[q] and wins[_company_key(row[q][0])] < k:
                    printed[q] = confidentiality.OTHER_GROUP
        out.append(printed)
    return out
