"""Reading a client's interviews and notes for a period, in bulk, for reports and datasets.

Returns plain domain records (candidate, role, interview; notes with themes) so that the callers
can ask the confidentiality module about each one. Nothing here decides what may be shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultant_app.domain.model import Candidate, Interview, Note, Role
from consultant_app.gc_pause import pause_gc
from consultant_app.store.rows import row_reader

if TYPE_CHECKING:
    from consultant_app.store.store import Store


@dataclass
class InterviewRecord:
    candidate: Candidate
    role: Role | None
    interview: Interview


_DATE = "substr(coalesce(i.conducted_at, i.scheduled_at, i.created_at), 1, 10)"
_NOTE_COLUMNS = "id, interview_id, section, text, visibility, highlight, position, created_at, updated_at"
WHOLE_PASS_SHARE = 4  # asking for a quarter of all interviews or more reads the notes in one pass


class Reporting:
    def __init__(self, store: Store) -> None:
        self.store = store

    def interview_ids(self, client_id: str | None) -> list[str]:
        """The ids of every interview of the client (or of all clients), any status."""
        where, params = ("WHERE p.client_id = ?", [client_id]) if client_id else ("", [])
        return [
            row[0]
            for row in self.store.db.execute(
                f"SELECT i.id FROM interviews i JOIN candidates p ON p.id = i.candidate_id {where}", params
            )
        ]

    def interviews(
        self, client_id: str | None, date_from: str | None = None, date_to: str | None = None
    ) -> list[InterviewRecord]:
        """Every interview of the client (or of all clients) dated within the period, any status."""
        with pause_gc():
            return list(self.each_interview(client_id, date_from, date_to))

    def each_interview(
        self,
        client_id: str | None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> Iterator[InterviewRecord]:
        """``interviews``, one at a time, for a caller that keeps little of each: a record of every interview
        held at once takes ~3.6 KB each (360 MB at 100,000 interviews); the interviews of one role share its
        record."""
        where, params = ["1"], []
        if client_id:
            where.append("p.client_id = ?")
            params.append(client_id)
        if date_from:
            where.append(f"{_DATE} >= ?")
            params.append(date_from)
        if date_to:
            where.append(f"{_DATE} <= ?")
            params.append(date_to)
        cursor = self.store.db.execute(
            f"SELECT i.*, p.*, r.* FROM interviews i JOIN candidates p ON p.id = i.candidate_id "
            f"LEFT JOIN roles r ON r.id = p.role_id WHERE {' AND '.join(where)} ORDER BY i.rid",
            params,
        )
        names = tuple(d[0] for d in cursor.description)
        cut = len(self._columns("interviews"))
        end = cut + len(self._columns("candidates"))
        interview = row_reader(Interview, names[:cut])
        candidate = row_reader(Candidate, names[cut:end], cut)
        role = row_reader(Role, names[end:], end)
        role_id = end + names[end:].index("id")
        roles: dict[str, Role] = {}
        for row in cursor:
            key = row[role_id]
            found = roles.get(key) if key else None
            if key and found is None:
                found = roles[key] = role(row)
            yield InterviewRecord(candidate(row), found, interview(row))

    def candidates(self, interview_ids: list[str]) -> dict[str, Candidate]:
        """The candidate of each of these interviews (a few hundred), by interview id."""
        cursor = self.store.db.execute(
            "SELECT i.id, p.* FROM interviews i JOIN candidates p ON p.id = i.candidate_id "
            f"WHERE i.id IN ({', '.join('?' * len(interview_ids))})",
            interview_ids,
        )
        candidate = row_reader(Candidate, tuple(d[0] for d in cursor.description[1:]), 1)
        return {row[0]: candidate(row) for row in cursor}

    def theme_names(self) -> dict[str, str]:
        """Every theme's name, by id."""
        return dict(self.store.db.execute("SELECT id, name FROM themes"))

    def note_rows(self, interview_ids: list[str], visibility: str) -> list[tuple]:
        """The notes of one visibility of these interviews (a few hundred) as rows — id, interview id, section,
        text, visibility, highlight, position, created, updated, and their theme ids joined by spaces (or None)
        — in the interviews' order, then typing order: for a caller that makes few objects of them."""
        marks = ", ".join("?" * len(interview_ids))
        return self.store.db.execute(
            "SELECT n.id, n.interview_id, n.section, n.text, n.visibility, n.highlight, n.position, n.created_at, "
            "n.updated_at, (SELECT group_concat(theme_id, ' ') FROM note_themes WHERE note_id = n.id) "
            f"FROM interviews i JOIN notes n ON n.interview_id = i.id WHERE i.id IN ({marks}) "
            "AND n.visibility = ? ORDER BY i.rid, n.position, n.rid",
            [*interview_ids, visibility],
        ).fetchall()

    def completed_note_themes(self, client_id: str, visibilities: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        """(interview id, section, theme name) for each theme of each note of these visibilities of the client's
        completed interviews: what theme tallies count, without reading the notes' text."""
        marks = ", ".join("?" for _ in visibilities)
        return self.store.db.execute(
            "SELECT n.interview_id, n.section, t.name FROM interviews i "
            "JOIN notes n ON n.interview_id = i.id JOIN note_themes nt ON nt.note_id = n.id "
            f"JOIN themes t ON t.id = nt.theme_id WHERE i.client_id = ? AND i.status = 'completed' "
            f"AND n.visibility IN ({marks})",
            [client_id, *visibilities],
        )

    def notes(self, interview_ids: list[str], highlighted_only: bool = False) -> dict[str, list[Note]]:
        """The notes of these interviews (only the highlighted ones if asked) with their themes, by interview,
        in typing order.

        A few interviews are read by id, in chunks; a large share of the workspace (a dataset of
        every client) is read in one pass over the notes and one over their themes, which is
        several times faster than looking each note's themes up by its id."""
        by_interview: dict[str, list[Note]] = {i: [] for i in interview_ids}
        highlighted = " AND highlight = 1" if highlighted_only else ""
        db = self.store.db
        with pause_gc():
            theme_names = dict(db.execute("SELECT id, name FROM themes"))
            total = db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0]
            if len(interview_ids) * WHOLE_PASS_SHARE >= total:
                themes = dict(
                    db.execute(
                        "SELECT nt.note_id, group_concat(nt.theme_id, ' ') FROM "
                        # the highlighted notes first, each looking its themes up (not every theme looking up its note)
                        + (
                            "notes n CROSS JOIN note_themes nt ON nt.note_id = n.id WHERE n.highlight = 1 "
                            if highlighted_only
                            else "note_themes nt "
                        )
                        + "GROUP BY nt.note_id"
                    )
                )
                self._add_notes(
                    db.execute(
                        f"SELECT {_NOTE_COLUMNS} FROM notes WHERE 1{highlighted} ORDER BY interview_id, position, rid"
                    ),
                    themes,
                    theme_names,
                    by_interview,
                )
                return by_interview
            for start in range(0, len(interview_ids), 500):
                chunk = interview_ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                themes = dict(
                    db.execute(
                        f"SELECT nt.note_id, group_concat(nt.theme_id, ' ') FROM notes n JOIN note_themes nt "
                        f"ON nt.note_id = n.id WHERE n.interview_id IN ({marks}) GROUP BY nt.note_id",
                        chunk,
                    )
                )
                self._add_notes(
                    db.execute(
                        f"SELECT {_NOTE_COLUMNS} FROM notes WHERE interview_id IN ({marks}){highlighted} "
                        f"ORDER BY interview_id, position, rid",
                        chunk,
                    ),
                    themes,
                    theme_names,
                    by_interview,
                )
        return by_interview

    @staticmethod
    def _add_notes(
        rows, themes: dict[str, str], theme_names: dict[str, str], by_interview: dict[str, list[Note]]
    ) -> None:
        current, notes = None, None  # rows come grouped by interview: look its list up once
        sorted_names: dict[str, list[str]] = {"": []}  # many notes share a combination of themes
        for note_id, interview_id, section, text, visibility, highlight, position, created, updated in rows:
            if interview_id != current:
                current, notes = interview_id, by_interview.get(interview_id)
            if notes is None:
                continue
            theme_ids = themes.get(note_id, "")
            names = sorted_names.get(theme_ids)
            if names is None:
                names = sorted_names[theme_ids] = sorted(
                    (theme_names[t] for t in theme_ids.split(" ")), key=str.casefold
                )
            notes.append(
                Note(
                    interview_id=interview_id,
                    section=section,
                    text=text,
                    id=note_id,
                    visibility=visibility,
                    themes=names.copy(),
                    highlight=bool(highlight),
                    position=position,
                    created_at=created,
                    updated_at=updated,
                )
            )

    def _columns(self, table: str) -> list[str]:
        return [r[1] for r in self.store.db.execute(f"PRAGMA table_info({table})")]
