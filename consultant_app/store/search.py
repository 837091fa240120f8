"""Full-text search (SQLite FTS5) over note text, summaries, candidate names and companies.

A plain query matches every word as a prefix ("recruit" finds "recruiter"). A query that uses
FTS5 syntax (quotes, AND/OR/NOT, parentheses, ``*``) runs as written; if SQLite rejects it, it
falls back to a literal search of its words, so no user input ever raises. Snippets mark each
hit between ``HIT_START`` and ``HIT_END`` for the caller to render. Results come best first by
bm25 over every match, however many (a common word in a million notes: ~50,000 ranked in ~35 ms),
the newest first among equals; only the page asked for is looked up again for its snippets. One
client's search keeps the matches whose record belongs to that client, found through the tables'
own indexes rather than by reading each match's stored row. Filters beside the words (``SearchFilter``: client,
note section, visibility, theme, period of the interview) narrow the matches the same way; a filter only notes
have keeps notes only, and with such a filter an empty query lists every note that passes it, newest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from consultant_app.store.engine import sqlite
from consultant_app.store.initial_schema import SEARCH_KINDS

if TYPE_CHECKING:
    from consultant_app.store.store import Store

HIT_START, HIT_END = "\x02", "\x03"
_SYNTAX = re.compile(r"[\"*():^+{}-]|\b(AND|OR|NOT|NEAR)\b")
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 500
# The index rows (rowid = rid * 4 + kind) of one client's notes, interviews, candidates and the client itself.
_CLIENT_ROWS = (
    f"SELECT n.rid * 4 + {SEARCH_KINDS['note']} FROM interviews i JOIN notes n ON n.interview_id = i.id "
    f"WHERE i.client_id = :client UNION ALL "
    f"SELECT rid * 4 + {SEARCH_KINDS['interview']} FROM interviews WHERE client_id = :client UNION ALL "
    f"SELECT rid * 4 + {SEARCH_KINDS['candidate']} FROM candidates WHERE client_id = :client UNION ALL "
    f"SELECT rid * 4 + {SEARCH_KINDS['client']} FROM clients WHERE id = :client"
)


@dataclass
class SearchHit:
    kind: str  # note, interview, candidate or client
    ref_id: str
    interview_id: str | None
    candidate_id: str | None
    client_id: str | None
    snippet: str


def literal_query(text: str) -> str:
    """An FTS5 query that matches each word of ``text`` as a prefix, all words required."""
    return " ".join(f'"{w}"*' for w in _WORD.findall(text))


def candidate_queries(text: str) -> list[str]:
    """The FTS5 queries to try in turn for what a user typed."""
    text = text[:MAX_QUERY_LENGTH].replace("\x00", " ")
    literal = literal_query(text)
    queries = [text] if _SYNTAX.search(text) else []
    return [q for q in queries + [literal] if q.strip()]


# The notes that pass a filter, by the interview they were typed in (its date, as the client page's period filter).
_NOTE_DAY = "substr(coalesce(i.conducted_at, i.scheduled_at), 1, 10)"
_NOTE_CONDITIONS = (
    ("client_id", "i.client_id = :client_id"),
    ("section", "n.section = :section"),
    ("visibility", "n.visibility = :visibility"),
    ("theme_id", "n.id IN (SELECT note_id FROM note_themes WHERE theme_id = :theme_id)"),
    ("date_from", f"{_NOTE_DAY} >= :date_from"),
    ("date_to", f"{_NOTE_DAY} <= :date_to"),
)
SNIPPET_CHARACTERS = 240  # of a note listed without words to match


@dataclass(frozen=True)
class SearchFilter:
    """What narrows a search beside its words; None lets everything through. Dates are YYYY-MM-DD, inclusive."""

    client_id: str | None = None
    section: str | None = None
    visibility: str | None = None
    theme_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @property
    def notes_only(self) -> bool:
        """Whether the filter names something only notes have, so it keeps notes only."""
        return any((self.section, self.visibility, self.theme_id, self.date_from, self.date_to))

    def params(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name, _ in _NOTE_CONDITIONS}


def _notes_where(flt: SearchFilter) -> str:
    return " AND ".join([clause for name, clause in _NOTE_CONDITIONS if getattr(flt, name)] or ["1"])


def scope_sql(flt: SearchFilter) -> str:
    """The index rows (``rid * 4 + kind``) that may match under the filter, or "" when all may."""
    if flt.notes_only:
        return (
            f"SELECT n.rid * 4 + {SEARCH_KINDS['note']} FROM notes n JOIN interviews i ON i.id = n.interview_id "
            f"WHERE {_notes_where(flt)}"
        )
    return _CLIENT_ROWS.replace(":client", ":client_id") if flt.client_id else ""


def page_sql(scope: str = "") -> str:
    """The query for one page of hits, best first (``:query``, ``:limit``, ``:offset``, and the filter's values
    when ``scope`` names the index rows that may match). The unary + keeps the scope a filter on the matches (one
    probe each) rather than a separate full-text look-up per row of it. The page is then found by scanning the
    matches once more (CROSS JOIN keeps that order): a look-up of one row by rowid and MATCH costs ~1.5 ms."""
    where = f" AND +rowid IN ({scope})" if scope else ""
    return (
        f"WITH best AS (SELECT rowid AS hit, bm25(search_index) AS score FROM search_index "
        f"WHERE search_index MATCH :query{where} ORDER BY score, hit DESC LIMIT :limit OFFSET :offset) "
        f"SELECT kind, ref_id, interview_id, candidate_id, client_id, "
        f"snippet(search_index, 0, '{HIT_START}', '{HIT_END}', '…', 14) "
        f"FROM search_index CROSS JOIN best ON best.hit = search_index.rowid "
        f"WHERE search_index MATCH :query ORDER BY best.score, best.hit DESC"
    )


def notes_sql(flt: SearchFilter) -> str:
    """The notes that pass the filter, newest interview first, each with the start of its text as its snippet."""
    return (
        f"SELECT 'note', n.id, n.interview_id, i.candidate_id, i.client_id, CASE WHEN length(n.text) > "
        f"{SNIPPET_CHARACTERS} THEN substr(n.text, 1, {SNIPPET_CHARACTERS}) || '…' ELSE n.text END "
        f"FROM notes n JOIN interviews i ON i.id = n.interview_id WHERE {_notes_where(flt)} "
        f"ORDER BY coalesce(i.conducted_at, i.scheduled_at, '') DESC, n.interview_id, n.position, n.rid "
        f"LIMIT :limit OFFSET :offset"
    )


def count_sql(scope: str = "") -> str:
    """How many index rows match ``:query`` (within ``scope`` when given, as ``page_sql``)."""
    where = f" AND +rowid IN ({scope})" if scope else ""
    return f"SELECT count(*) FROM search_index WHERE search_index MATCH :query{where}"


def notes_count_sql(flt: SearchFilter) -> str:
    """How many notes pass the filter."""
    return f"SELECT count(*) FROM notes n JOIN interviews i ON i.id = n.interview_id WHERE {_notes_where(flt)}"


class Search:
    def __init__(self, store: Store) -> None:
        self.store = store

    def query(
        self,
        text: str,
        client_id: str | None = None,
        limit: int = 50,
        offset: int = 0,
        where: SearchFilter | None = None,
    ) -> list[SearchHit]:
        """The best matches for ``text``, across the workspace or within one client, narrowed by ``where``; with
        no words, the notes a notes-only filter lets through (else nothing)."""
        flt = _with_client(where, client_id)
        page = {"limit": int(limit), "offset": int(offset), **flt.params()}
        queries = candidate_queries(text)
        if not queries:
            rows = self.store.db.execute(notes_sql(flt), page).fetchall() if flt.notes_only else []
            return [SearchHit(*row) for row in rows]
        return [SearchHit(*row) for row in self._matching(page_sql(scope_sql(flt)), queries, page)]

    def count(self, text: str, client_id: str | None = None, where: SearchFilter | None = None) -> int:
        """How many matches ``query`` finds in all, over every page."""
        flt = _with_client(where, client_id)
        queries = candidate_queries(text)
        if not queries:
            return self.store.db.execute(notes_count_sql(flt), flt.params()).fetchone()[0] if flt.notes_only else 0
        rows = self._matching(count_sql(scope_sql(flt)), queries, flt.params())
        return rows[0][0] if rows else 0

    def _matching(self, sql: str, queries: list[str], params: dict) -> list[tuple]:
        """The rows of ``sql`` for the first of ``queries`` SQLite accepts (none when it accepts none)."""
        for fts_query in queries:
            try:
                return self.store.db.execute(sql, {"query": fts_query, **params}).fetchall()
            except sqlite.OperationalError:
                continue
        return []


def _with_client(where: SearchFilter | None, client_id: str | None) -> SearchFilter:
    flt = where or SearchFilter()
    return replace(flt, client_id=client_id) if client_id else flt
