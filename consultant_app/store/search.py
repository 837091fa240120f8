"""Full-text search (SQLite FTS5) over note text, summaries, candidate names and companies.

A plain query matches every word as a prefix ("recruit" finds "recruiter"). A query that uses
FTS5 syntax (quotes, AND/OR/NOT, parentheses, ``*``) runs as written; if SQLite rejects it, it
falls back to a literal search of its words, so no user input ever raises. Snippets mark each
hit between ``HIT_START`` and ``HIT_END`` for the caller to render. Results come best first by
bm25 over every match, however many (a common word in a million notes: ~50,000 ranked in ~35 ms),
the newest first among equals; only the page asked for is looked up again for its snippets. One
client's search keeps the matches whose record belongs to that client, found through the tables'
own indexes rather than by reading each match's stored row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultant_app.store.engine import sqlite
from consultant_app.store.migrations import SEARCH_KINDS

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


def page_sql(scoped: bool) -> str:
    """The query for one page of hits, best first (``:query``, ``:limit``, ``:offset``, and ``:client`` when
    ``scoped``). The unary + keeps the client's rows a filter on the matches (one probe each) rather than a
    separate full-text look-up per row of the client. The page is then found by scanning the matches once
    more (CROSS JOIN keeps that order): a look-up of one row by rowid and MATCH costs ~1.5 ms."""
    scope = f" AND +rowid IN ({_CLIENT_ROWS})" if scoped else ""
    return (
        f"WITH best AS (SELECT rowid AS hit, bm25(search_index) AS score FROM search_index "
        f"WHERE search_index MATCH :query{scope} ORDER BY score, hit DESC LIMIT :limit OFFSET :offset) "
        f"SELECT kind, ref_id, interview_id, candidate_id, client_id, "
        f"snippet(search_index, 0, '{HIT_START}', '{HIT_END}', '…', 14) "
        f"FROM search_index CROSS JOIN best ON best.hit = search_index.rowid "
        f"WHERE search_index MATCH :query ORDER BY best.score, best.hit DESC"
    )


class Search:
    def __init__(self, store: Store) -> None:
        self.store = store

    def query(self, text: str, client_id: str | None = None, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """The best matches for ``text``, across the workspace or within one client."""
        sql = page_sql(scoped=client_id is not None)
        for fts_query in candidate_queries(text):
            params = {"query": fts_query, "client": client_id, "limit": int(limit), "offset": int(offset)}
            try:
                rows = self.store.db.execute(sql, params).fetchall()
            except sqlite.OperationalError:
                continue
            return [SearchHit(*row) for row in rows]
        return []
