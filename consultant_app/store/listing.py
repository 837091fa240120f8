"""The client's table of candidates and interviews, read a page at a time.

One row per interview, plus one per candidate who has none yet. Filtering (status, reason, role,
period, and the quick text filter over name, role and notes) and sorting happen in SQL, so the desktop table stays
instant with 100,000 interviews: it asks for the count, then for pages as the user scrolls. Each word of the text
filter must match the candidate's name or their role's title (anywhere in either) or, from its third letter on,
their interviews' notes or summary (as a prefix, through the full-text index, within the client: a one- or
two-letter prefix would look up most of a large client's million notes at every keystroke). A word's matching
candidates are looked up in the index once and remembered until the workspace changes, so the count and every page
scrolled to reuse them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultant_app.domain.taxonomy import DECLINE_REASONS, DISCLOSURES, INTERVIEW_STATUSES

if TYPE_CHECKING:
    from consultant_app.store.store import Store


def _by_label(expression: str, vocabulary: dict[str, str]) -> str:
    """Orders by the label the table shows for a code (an empty cell first), not by the code."""
    whens = " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in vocabulary.items())
    return f"CASE {expression} {whens} ELSE coalesce({expression}, '') END COLLATE NOCASE"


# Every column of the table sorts by what it shows, empty cells first
SORT_KEYS = {
    "candidate": "p.full_name COLLATE NOCASE",
    "role": "coalesce(r.title, '') COLLATE NOCASE",
    "status": _by_label("i.status", INTERVIEW_STATUSES),
    "date": "coalesce(i.conducted_at, i.scheduled_at, '')",
    "declined": "coalesce(p.decline_date, '')",
    "disclosure": _by_label("p.disclosure", DISCLOSURES),
    "reasons": _by_label("json_extract(i.decline_reasons, '$[0]')", DECLINE_REASONS),  # by the first reason shown
    "consultant": "coalesce(i.consultant, '') COLLATE NOCASE",
}


@dataclass
class ListingFilter:
    status: str | None = None  # an interview status, or "none" for candidates without interview
    reason: str | None = None
    role_id: str | None = None
    date_from: str | None = None  # YYYY-MM-DD, on the interview date
    date_to: str | None = None
    include_archived: bool = False
    text: str = ""  # the quick filter: every word must match the name, the role or the notes


@dataclass
class ListingRow:
    interview_id: str | None
    candidate_id: str
    candidate: str
    role: str | None
    status: str | None
    date: str | None
    declined: str | None
    disclosure: str
    coded_reasons: str | None = None  # as stored (JSON); read through ``reasons`` when a row is shown
    consultant: str | None = None
    consent_withdrawn: str | None = None
    archived: bool = False

    @property
    def reasons(self) -> list[str]:
        return json.loads(self.coded_reasons) if self.coded_reasons else []


class Listing:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._matches: dict[tuple[str, str], tuple[tuple[int, int], str]] = {}

    def count(self, client_id: str, flt: ListingFilter | None = None) -> int:
        where, params = self._where(client_id, flt or ListingFilter())
        return self.store.db.execute(f"SELECT COUNT(*) {_FROM} WHERE {where}", params).fetchone()[0]

    def page(
        self,
        client_id: str,
        flt: ListingFilter | None = None,
        sort: str = "date",
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
    ) -> list[ListingRow]:
        where, params = self._where(client_id, flt or ListingFilter())
        direction = "DESC" if descending else "ASC"
        order = f"{SORT_KEYS.get(sort, SORT_KEYS['date'])} {direction}, p.rid {direction}, i.rid {direction}"
        rows = self.store.db.execute(
            f"SELECT i.id, p.id, p.full_name, r.title, i.status, coalesce(i.conducted_at, i.scheduled_at), "
            f"p.decline_date, p.disclosure, i.decline_reasons, i.consultant, p.consent_withdrawn, p.archived = 1 "
            f"{_FROM} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
        return [ListingRow(*row) for row in rows]

    def _where(self, client_id: str, flt: ListingFilter) -> tuple[str, list]:
        clauses, params = _filters(client_id, flt)
        for word in _WORD.findall(flt.text)[:MAX_FILTER_WORDS]:
            like = "%" + word.replace("_", "\\_") + "%"
            if len(word) < SHORTEST_NOTE_WORD:
                clauses.append(f"({_NAME_MATCH})")
                params += [like, like]
            else:
                clauses.append(f"({_NAME_MATCH} OR p.id IN (SELECT value FROM json_each(?)))")
                params += [like, like, self._noted(client_id, word)]
        return " AND ".join(clauses), params

    def _noted(self, client_id: str, word: str) -> str:
        """The client's candidates (a JSON list) in whose interviews' notes or summary ``word`` begins a word; looked
        up again only once this connection or another has written (``total_changes``, ``data_version``)."""
        db = self.store.db
        state = (db.total_changes, db.execute("PRAGMA data_version").fetchone()[0])
        known = self._matches.get((client_id, word))
        if known is not None and known[0] == state:
            return known[1]
        ids = [row[0] for row in db.execute(_NOTES_MATCH, [f'"{word}"*', client_id])]
        if len(self._matches) >= MAX_REMEMBERED:
            self._matches.clear()
        self._matches[(client_id, word)] = (state, json.dumps(ids))
        return self._matches[(client_id, word)][1]


_FROM = "FROM candidates p LEFT JOIN interviews i ON i.candidate_id = p.id LEFT JOIN roles r ON r.id = p.role_id"


_WORD = re.compile(r"\w+", re.UNICODE)
MAX_FILTER_WORDS = 8
SHORTEST_NOTE_WORD = 3
# A candidate whose name or role's title contains the word (two LIKE patterns)…
_NAME_MATCH = "p.full_name LIKE ? ESCAPE '\\' OR r.title LIKE ? ESCAPE '\\'"
# …or one of whose interviews' notes or summary has it (an FTS query and the client: the index knows both)
_NOTES_MATCH = "SELECT DISTINCT candidate_id FROM search_index WHERE search_index MATCH ? AND client_id = ?"
MAX_REMEMBERED = 32  # words whose matching candidates are remembered
_INTERVIEW_DAY = "substr(coalesce(i.conducted_at, i.scheduled_at), 1, 10)"


def _filters(client_id: str, flt: ListingFilter) -> tuple[list[str], list]:
    """The clauses and parameters of every filter but the text."""
    clauses, params = ["p.client_id = ?"], [client_id]
    if not flt.include_archived:
        clauses.append("p.archived = 0")
    if flt.status == "none":
        clauses.append("i.id IS NULL")
    conditions = [
        ("i.status = ?", flt.status if flt.status != "none" else None),
        ("EXISTS (SELECT 1 FROM json_each(i.decline_reasons) WHERE value = ?)", flt.reason),
        ("p.role_id = ?", flt.role_id),
        (f"{_INTERVIEW_DAY} >= ?", flt.date_from),
        (f"{_INTERVIEW_DAY} <= ?", flt.date_to),
    ]
    for clause, value in conditions:
        if value:
            clauses.append(clause)
            params.append(value)
    return clauses, params
