"""Merging many records at once (imports, demo data): insert the new, update the changed,
leave the identical untouched, in batches. Callers wrap it in one transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from consultant_app.store.base import RecordPart

if TYPE_CHECKING:
    from consultant_app.store.store import Store

BATCH = 500


@dataclass
class MergeCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Bulk:
    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def roomy_cache(self, megabytes: int = 256) -> Iterator[None]:
        """A large page cache for one big write (an import): the pages of a growing file and its index stay in
        memory instead of spilling to the log and being read back — each spill encrypted and each read decrypted
        in an encrypted workspace. The cache goes back to its size afterwards (its memory is freed)."""
        before = self.store.db.execute("PRAGMA cache_size").fetchone()[0]
        self.store.db.execute(f"PRAGMA cache_size = {-megabytes * 1024}")
        try:
            yield
        finally:
            self.store.db.execute(f"PRAGMA cache_size = {int(before)}")

    def begin_import(self) -> None:
        """Opens an import's transaction: foreign keys checked at the commit (a client may follow its candidates
        in the file), and the write lock taken by a first write while the busy timeout still waits out another
        program's lock (a transaction that has read cannot wait for it: SQLite refuses it at once)."""
        self.store.db.execute("PRAGMA defer_foreign_keys = ON")
        self.store.db.execute("UPDATE firm SET id = id WHERE 0")

    def is_empty(self, part: RecordPart) -> bool:
        """Whether the part's table holds no record."""
        return self.store.db.execute(f"SELECT 1 FROM {part.table} LIMIT 1").fetchone() is None

    def existing(self, part: RecordPart, ids: Sequence[str]) -> dict[str, Any]:
        """The stored records among ``ids``, by id."""
        found: dict[str, Any] = {}
        for start in range(0, len(ids), BATCH):
            chunk = list(ids[start : start + BATCH])
            marks = ", ".join("?" for _ in chunk)
            records = part._select(f"id IN ({marks})", chunk)
            if part.table == "notes":
                records = part._with_themes(records)
            found.update((r.id, r) for r in records)
        return found

    def merge(self, part: RecordPart, records: Sequence[Any], existing: dict[str, Any] | None = None) -> MergeCount:
        """Inserts records that are new and updates those that differ from the stored copy."""
        if existing is None:
            existing = self.existing(part, [r.id for r in records])
        count = MergeCount()
        writes = []
        for record in records:
            before = existing.get(record.id)
            if before is None:
                count.created += 1
            elif before != record:
                count.updated += 1
            else:
                count.unchanged += 1
                continue
            writes.append(record)
        if not writes:
            return count
        part._upsert_many(writes)
        if part.table == "notes":
            self._link_themes(writes)
        return count

    def _link_themes(self, notes: Sequence[Any]) -> None:
        names = sorted({name for n in notes for name in n.themes})
        ids = self.store.themes.ensure(names)
        conn = self.store.db
        conn.executemany("DELETE FROM note_themes WHERE note_id = ?", [(n.id,) for n in notes])
        conn.executemany(
            "INSERT OR IGNORE INTO note_themes (note_id, theme_id) VALUES (?, ?)",
            [(n.id, ids[name]) for n in notes for name in n.themes],
        )
