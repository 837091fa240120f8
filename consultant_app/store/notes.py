"""Notes typed during a call, with their themes. ``save`` is the autosave path: one short
transaction that writes the note and its theme links."""

from __future__ import annotations

from dataclasses import replace

from consultant_app.domain.model import Note, now_iso
from consultant_app.store.base import RecordPart


class Notes(RecordPart[Note]):
    table, record_type, noun = "notes", Note, "note"
    not_columns = ("themes",)

    def for_interview(self, interview_id: str) -> list[Note]:
        notes = self._select("interview_id = ?", [interview_id], order="position, rid")
        return self._with_themes(notes)

    def for_client(self, client_id: str) -> list[Note]:
        """Every note of the client's interviews, in interview and position order."""
        notes = self._select(
            "interview_id IN (SELECT i.id FROM interviews i JOIN candidates c ON c.id = i.candidate_id "
            "WHERE c.client_id = ?)",
            [client_id],
            order="interview_id, position, rid",
        )
        return self._with_themes(notes)

    def get(self, note_id: str) -> Note:
        return self._with_themes([super().get(note_id)])[0]

    def save(self, note: Note) -> Note:
        """Inserts or updates a note and its themes (creating unknown themes in the codebook)."""
        note = replace(note, updated_at=now_iso())
        with self.store.write("notes"):
            self._write(note)
            self._link_themes(note.id, note.themes)
        return note

    def delete(self, note_id: str) -> None:
        with self.store.write("notes"):
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    def _link_themes(self, note_id: str, names: list[str]) -> None:
        ids = self.store.themes.ensure(names)
        self.db.execute("DELETE FROM note_themes WHERE note_id = ?", [note_id])
        self.db.executemany(
            "INSERT OR IGNORE INTO note_themes (note_id, theme_id) VALUES (?, ?)", [(note_id, ids[n]) for n in names]
        )

    def _with_themes(self, notes: list[Note]) -> list[Note]:
        by_note: dict[str, list[str]] = {n.id: [] for n in notes}
        ids = list(by_note)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for note_id, name in self.db.execute(
                f"SELECT nt.note_id, t.name FROM note_themes nt JOIN themes t ON t.id = nt.theme_id "
                f"WHERE nt.note_id IN ({', '.join('?' for _ in chunk)}) ORDER BY t.name COLLATE NOCASE",
                chunk,
            ):
                by_note[note_id].append(name)
        return [replace(n, themes=by_note[n.id]) for n in notes]
