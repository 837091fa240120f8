"""Full-text search (SQLite FTS5) over note text, summaries, candidate names and companies.

A plain query matches every word as a prefix ("recruit" finds "recruiter"). A query that uses
FTS5 syntax (quotes, AND/OR/NOT, parentheses, ``*``) runs as written; if SQLite rejects it, it
falls back to a literal search of its words, so no user input ever raises. Snippets mark each
hit between ``HIT_START`` and ``HIT_END`` for the caller to render. Results come best first; when
a query matches more than ``RANKED_LIMIT`` entries (a common word in a million notes), ranking
them all would be slow, so the newest come first instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultant_app.store.engine import sqlite

if TYPE_CHECKING:
    from consultant_app.store.store import Store

HIT_START, HIT_END = "\x02", "\x03"
_SYNTAX = re.compile(r"[\"*():^+{}-]|\b(AND|OR|NOT|NEAR)\b")
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_LENGTH = 500
RANKED_LIMIT = 2000


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


class Search:
    def __init__(self, store: Store) -> None:
        self.store = store

    def query(self, text: str, client_id: str | None = None, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """The best matches for ``text``, across the workspace or within one client."""
        where, params = "search_index MATCH ?", []
        if client_id:
            where += " AND client_id = ?"
            params.append(client_id)
        select = (
            f"SELECT kind, ref_id, interview_id, candidate_id, client_id, "
            f"snippet(search_index, 0, '{HIT_START}', '{HIT_END}', '…', 14) FROM search_index WHERE {where} "
        )
        db = self.store.db
        for fts_query in candidate_queries(text):
            try:
                matches = db.execute(
                    f"SELECT COUNT(*) FROM (SELECT 1 FROM search_index WHERE {where} LIMIT ?)",
                    [fts_query, *params, RANKED_LIMIT + 1],
                ).fetchone()[0]
                order = "rank" if matches <= RANKED_LIMIT else "rowid DESC"
                rows = db.execute(
                    select + f"ORDER BY {order} LIMIT ? OFFSET ?", [fts_query, *params, int(limit), int(offset)]
                ).fetchall()
            except sqlite.OperationalError:
                continue
            return [SearchHit(*row) for row in rows]
        return []
