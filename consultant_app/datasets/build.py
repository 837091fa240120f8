"""Building an anonymised dataset in memory, before anything is written: which interviews and
answers go out, pseudonyms, redacted text, and the generalisation that reaches *k*.

The result (``DatasetPlan``) is what the export dialog previews and what the writers write.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from consultant_app.analysis.quotes import QuoteDraft
from consultant_app.datasets.anonymise import Anonymisation, anonymise
from consultant_app.datasets.hierarchies import LEVEL_NAMES
from consultant_app.datasets.schema import QUASI_IDENTIFIERS, Column, interview_columns
from consultant_app.domain import confidentiality
from consultant_app.domain.requests import DatasetRequest
from consultant_app.domain.taxonomy import DECLINE_REASONS, RATING_DIMENSIONS
from consultant_app.gc_pause import pause_gc
from consultant_app.store import Store
from consultant_app.store.reporting import InterviewRecord


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
    answers: list[dict[str, Any]]
    anonymisation: Anonymisation
    quasi_identifiers: list[str]
    redactions: dict[str, int]
    eligible: int
    quote_drafts: list[QuoteDraft]  # every answer the quote review shows, cleared or not
    quotes_awaiting: int  # answers left out because no one has approved them yet
    created: str = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat())

    def generalisation_summary(self) -> list[str]:
        """Plain sentences on how each quasi-identifier was generalised."""
        lines = []
        for q in self.quasi_identifiers:
            level = self.anonymisation.levels[q]
            name = LEVEL_NAMES[q][level]
            changed = self.anonymisation.generalised[q]
            lines.append(
                f"{q}: {'kept exact' if level == 0 else 'generalised to ' + name}"
                + (f" ({changed} values changed)" if changed else "")
            )
        return lines


def _pseudonyms(records: list[InterviewRecord], key: str | None) -> dict[str, str]:
    if key:
        return {
            r.interview.id: "R-"
            + hmac.new(key.encode(), r.interview.id.encode(), hashlib.sha256).hexdigest()[:10].upper()
            for r in records
        }
    names: set[str] = set()
    out = {}
    for r in records:
        name = "R-" + secrets.token_hex(5).upper()
        while name in names:
            name = "R-" + secrets.token_hex(5).upper()
        names.add(name)
        out[r.interview.id] = name
    return out


def _quasi_values(r: InterviewRecord, client_names: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    role = r.role
    day = (r.interview.conducted_at or r.interview.scheduled_at or r.interview.created_at)[:10]
    name, industry = client_names[r.candidate.client_id]
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
    }


def _salary_gap(r: InterviewRecord) -> str:
    offered = r.role.salary_offered if r.role else None
    if not offered or not r.interview.competing_salary:
        return ""
    gap = (r.interview.competing_salary - offered) / offered * 100
    low = int(gap // 10 * 10)
    return f"{low:+d} to {low + 10:+d}%"


def plan_dataset(store: Store, request: DatasetRequest, max_suppressed: float = 0.05) -> DatasetPlan:
    """Everything that will be exported, anonymised; raises TooFewToAnonymise when k is out of reach."""
    with pause_gc():
        return _plan(store, request, max_suppressed)


def _plan(store: Store, request: DatasetRequest, max_suppressed: float) -> DatasetPlan:
    client_id, date_from, date_to, stable_key = (
        request.client_id,
        request.date_from,
        request.date_to,
        request.stable_key,
    )
    firm = store.firm.get()
    k = confidentiality.check_k(request.k or firm.min_group_size)
    multi = client_id is None
    clients = {c.id: (c.name, c.industry) for c in store.clients.list(include_archived=True)}
    records = [
        r
        for r in store.reporting.interviews(client_id, date_from, date_to)
        if r.interview.status == "completed" and confidentiality.in_outputs(r.candidate)
    ]
    quasi = [q for q in QUASI_IDENTIFIERS if multi or q not in ("client", "industry")]
    result = anonymise([_quasi_values(r, clients) for r in records], quasi, k, max_suppressed)
    kept = [records[i] for i in result.kept]
    pseudonyms = _pseudonyms(kept, stable_key)
    notes = store.reporting.notes([r.interview.id for r in kept])
    wins = Counter(" ".join(r.interview.competing_company.split()) for r in kept if r.interview.competing_company)
    shown = [company for company, n in wins.items() if n >= k]
    hidden = confidentiality.companies_to_hide(store.interviews.competing_companies(), shown)
    clients_hidden = [name for name, _ in clients.values()] if multi else []  # a multi-client dataset names none
    redactor = store.identities.redactor(companies=hidden + clients_hidden)
    reviews = store.quotes.for_notes(n.id for found in notes.values() for n in found)
    interviews, answers, drafts, awaiting = [], [], [], 0
    reason_columns = [(f"reason_{code}", code) for code in DECLINE_REASONS]
    rating_columns = [(f"rating_{code}", code) for code in RATING_DIMENSIONS]
    for r, quasi_row in zip(kept, result.values):
        i, respondent, its_notes = r.interview, pseudonyms[r.interview.id], notes[r.interview.id]
        themes = sorted(
            {t for n in its_notes if confidentiality.themes_may_show_on_a_row(n) for t in n.themes}, key=str.casefold
        )
        row = {"respondent": respondent, **quasi_row, "decline_reasons": ";".join(i.decline_reasons)}
        for column, code in reason_columns:
            row[column] = int(code in i.decline_reasons)
        row["recommend"] = i.recommend
        for column, code in rating_columns:
            row[column] = i.ratings.get(code)
        company = confidentiality.company_shown(i.competing_company, shown)
        row.update(competing_company=company or "", salary_gap=_salary_gap(r), themes=";".join(themes))
        interviews.append(row)
        for note in its_notes:
            if not confidentiality.may_quote(note, r.candidate):
                continue
            draft = QuoteDraft(note, r.candidate, r.role, redactor, in_dataset=True)
            drafts.append(draft)
            review = reviews.get(note.id)
            if confidentiality.quote_cleared(note, review, firm.review_quotes):
                text = draft.printed(review).text
                answers.append(
                    {"respondent": respondent, "section": note.section, "themes": ";".join(note.themes), "text": text}
                )
            elif review is None or not review.holds_for(note.text):
                awaiting += 1
    if stable_key:
        interviews.sort(key=lambda row: row["respondent"])
    else:
        random.SystemRandom().shuffle(interviews)
    order = {row["respondent"]: n for n, row in enumerate(interviews)}
    answers.sort(key=lambda a: order[a["respondent"]])
    scope = "all clients" if multi else store.clients.get(client_id).name
    return DatasetPlan(
        scope,
        client_id,
        date_from,
        date_to,
        k,
        bool(stable_key),
        interview_columns(multi),
        interviews,
        answers,
        result,
        quasi,
        dict(redactor.counts),
        len(records),
        drafts,
        awaiting,
    )
