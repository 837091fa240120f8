"""Reading a client's interviews and notes for a period, in bulk, for reports and datasets.

Returns plain domain records (candidate, role, interview; notes with themes) so that the callers
can ask the confidentiality module about each one. Nothing here decides what may be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultant_app.domain.model import Candidate, Interview, Note, Role
from consultant_app.store.rows import from_row

if TYPE_CHECKING:
    from consultant_app.store.store import Store


@dataclass
class InterviewRecord:
    candidate: Candidate
    role: Role | None
    interview: Interview


_DATE = "substr(coalesce(i.conducted_at, i.scheduled_at, i.created_at), 1, 10)"


class Reporting:
    def __init__(self, store: Store) -> None:
        self.store = store

    def interviews(self, client_id: str | None, date_from: str | None = None, date_to: str | None = None) -> list[InterviewRecord]:
        """Every interview of the client (or of all clients) dated within the period, any status."""
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
        names = [d[0] for d in cursor.description]
        n_interview = len(self._columns("interviews"))
        n_candidate = len(self._columns("candidates"))
        records = []
        for row in cursor:
            interview = from_row(Interview, dict(zip(names[:n_interview], row[:n_interview])))
            cut = n_interview + n_candidate
            candidate = from_row(Candidate, dict(zip(names[n_interview:cut], row[n_interview:cut])))
            role_row = dict(zip(names[cut:], row[cut:]))
            role = from_row(Role, role_row) if role_row.get("id") else None
            records.append(InterviewRecord(candidate, role, interview))
        return records

    def notes(self, interview_ids: list[str]) -> dict[str, list[Note]]:
        """The notes of these interviews with their themes, by interview, in typing order."""
        by_interview: dict[str, list[Note]] = {i: [] for i in interview_ids}
        for start in range(0, len(interview_ids), 500):
            chunk = interview_ids[start : start + 500]
            cursor = self.store.db.execute(
                f"SELECT n.*, (SELECT json_group_array(t.name) FROM note_themes nt JOIN themes t ON t.id = nt.theme_id "
                f"WHERE nt.note_id = n.id) AS theme_names FROM notes n "
                f"WHERE n.interview_id IN ({', '.join('?' for _ in chunk)}) ORDER BY n.interview_id, n.position, n.rid",
                chunk,
            )
            names = [d[0] for d in cursor.description]
            for row in cursor:
                values = dict(zip(names, row))
                values["themes"] = values.pop("theme_names")
                by_interview[values["interview_id"]].append(from_row(Note, values))
        return by_interview

    def _columns(self, table: str) -> list[str]:
        return [r[1] for r in self.store.db.execute(f"PRAGMA table_info({table})")]
