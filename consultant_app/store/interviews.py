"""Interviews: schedule, record answers, complete. Completing an anonymous candidate's interview
erases their identity from the store. ``scheduled_between`` reads the calls of a period across clients, for the
day's list and calendar files, with the calls of the period an erasure deleted, which a calendar file cancels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from consultant_app.domain.model import Candidate, Interview, now_iso
from consultant_app.store.base import RecordPart
from consultant_app.store.erasures import ErasedCall
from consultant_app.store.rows import row_reader


@dataclass(frozen=True)
class ScheduledCall:
    """One interview on the calendar, with its candidate and the names shown beside it."""

    interview: Interview
    candidate: Candidate
    client: str
    role: str | None


class Schedule(list[ScheduledCall]):
    """The calls of a period, as a list, and ``erased``: the calls of the period an erasure deleted, which only a
    calendar file shows (as cancelled, naming no one)."""

    def __init__(self, calls: Iterable[ScheduledCall] = (), erased: Iterable[ErasedCall] = ()) -> None:
        super().__init__(calls)
        self.erased = list(erased)


class Interviews(RecordPart[Interview]):
    table, record_type, noun = "interviews", Interview, "interview"

    def for_candidate(self, candidate_id: str) -> list[Interview]:
        return self._select("candidate_id = ?", [candidate_id], order="coalesce(scheduled_at, created_at), rid")

    def for_client(self, client_id: str) -> list[Interview]:
        """Every interview of the client's candidates, in insertion order."""
        return self._select("client_id = ?", [client_id])

    def save(self, interview: Interview) -> Interview:
        """Writes the interview (stamping ``updated_at``). Completing an anonymous candidate's interview also
        erases their identity, at once and in the same write (the candidate and their notes change too)."""
        interview = replace(interview, updated_at=now_iso())
        with self.store.write("interviews") as changes:
            self._write(interview)
            if interview.status == "completed":
                self.store.candidates.enforce_anonymity(interview.candidate_id, changes)
        return self.get(interview.id)

    def consultants(self) -> list[str]:
        """Every consultant named on an interview of the workspace, alphabetically."""
        rows = self.db.execute("SELECT DISTINCT consultant FROM interviews WHERE coalesce(consultant, '') != ''")
        return sorted((name for (name,) in rows), key=str.casefold)

    def left_out_of_scheduling(self, candidate_ids: Iterable[str]) -> dict[str, str]:
        """Of the candidates given, those a scheduling of many leaves out, each with why: "completed" (they were
        interviewed already) or "scheduled" (one of their interviews is still open)."""
        ids, found = list(dict.fromkeys(candidate_ids)), {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.db.execute(
                "SELECT candidate_id, status FROM interviews WHERE status IN ('completed', 'scheduled') "
                f"AND candidate_id IN ({', '.join('?' * len(chunk))}) ORDER BY status = 'completed'",
                chunk,
            )
            found.update(dict(rows.fetchall()))  # "completed" read last, so it wins over an open one
        return found

    def schedule_many(
        self,
        candidate_ids: list[str],
        scheduled_at: str,
        consultant: str | None,
        channel: str | None,
        minutes_apart: int = 0,
    ) -> list[Interview]:
        """Schedules one interview for each candidate given whom ``left_out_of_scheduling`` does not leave out, in
        one transaction, the first at ``scheduled_at`` and each next one ``minutes_apart`` later; returns them."""
        made = []
        start = datetime.fromisoformat(scheduled_at)
        with self.store.write("interviews"):
            left_out = self.left_out_of_scheduling(candidate_ids)
            for candidate_id in dict.fromkeys(candidate_ids):
                if candidate_id not in left_out:
                    at = start + timedelta(minutes=minutes_apart * len(made))
                    interview = Interview(
                        candidate_id,
                        scheduled_at=at.isoformat(timespec="seconds"),
                        consultant=consultant,
                        channel=channel,
                    )
                    made.append(self.save(interview))
        return made

    def assign_consultant(self, interview_ids: list[str], consultant: str | None) -> int:
        """Gives the open (scheduled) interviews among those given to ``consultant``, in one transaction; returns how
        many changed hands."""
        with self.store.write("interviews"):
            changing = [
                i
                for i in map(self.get, dict.fromkeys(interview_ids))
                if i.status == "scheduled" and i.consultant != consultant
            ]
            for interview in changing:
                self.save(replace(interview, consultant=consultant))
        return len(changing)

    def delete(self, interview_id: str) -> None:
        with self.store.write("interviews", "notes"):
            self.db.execute("DELETE FROM interviews WHERE id = ?", [interview_id])

    def scheduled_between(self, start: str, end: str, client_id: str | None = None) -> Schedule:
        """The interviews scheduled from ``start`` up to ``end`` (ISO date-times as stored, ``end`` excluded), of
        one client or all, earliest first; archived clients and candidates left out; with the erased calls of the
        same period. A range on the stored text, so an index on ``scheduled_at`` serves it."""
        where, params = "i.scheduled_at >= ? AND i.scheduled_at < ?", [start, end]
        if client_id:
            where, params = f"{where} AND i.client_id = ?", [*params, client_id]
        return Schedule(self._calls(where, params), self.store.erasures.calls_between(start, end, client_id))

    def scheduled_call(self, interview_id: str) -> ScheduledCall | None:
        """The interview as a call on the calendar; None when it has no scheduled time."""
        calls = self._calls("i.id = ? AND i.scheduled_at IS NOT NULL", [interview_id], archived=True)
        return calls[0] if calls else None

    def _calls(self, where: str, params: list, archived: bool = False) -> list[ScheduledCall]:
        shown = "" if archived else " AND p.archived = 0 AND c.archived = 0"
        cursor = self.db.execute(
            f"SELECT i.*, p.*, c.name, r.title FROM interviews i JOIN candidates p ON p.id = i.candidate_id "
            f"JOIN clients c ON c.id = p.client_id LEFT JOIN roles r ON r.id = p.role_id WHERE {where}{shown} "
            f"ORDER BY i.scheduled_at, c.name COLLATE NOCASE, p.full_name COLLATE NOCASE, i.rid",
            params,
        )
        names = tuple(d[0] for d in cursor.description)
        split = names.index("rid", 1)  # each table's columns start with its rid
        interview, candidate = row_reader(Interview, names[:split]), row_reader(Candidate, names[split:-2], split)
        return [ScheduledCall(interview(row), candidate(row), row[-2], row[-1]) for row in cursor.fetchall()]

    def competing_companies(self, prefix: str = "", limit: int = -1) -> list[str]:
        """Competing companies named before, most frequent first, for completion while typing."""
        rows = self.db.execute(
            "SELECT competing_company FROM interviews WHERE competing_company LIKE ? ESCAPE '\\' "
            "GROUP BY competing_company COLLATE NOCASE ORDER BY COUNT(*) DESC, competing_company LIMIT ?",
            [_like_prefix(prefix), limit],
        )
        return [r[0] for r in rows]


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
