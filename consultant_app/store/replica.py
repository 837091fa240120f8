"""This workspace as a replica of the firm's data: its own id, the last reading of its hybrid logical clock, and
the records changed since its last sync (``table/id`` entities noted by the triggers of migration m012 on every
write path). While other replicas' changes are applied (``applying``), the triggers note nothing, so a change is
sent only by the replica that made it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consultant_app.store.store import Store


class Replica:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def id(self) -> str:
        return self.store.db.execute("SELECT replica_id FROM replica").fetchone()[0]

    def clock(self) -> tuple[int, int]:
        """The last (wall milliseconds, counter) this replica's hybrid logical clock gave or saw."""
        return tuple(self.store.db.execute("SELECT clock_wall, clock_counter FROM replica").fetchone())

    def save_clock(self, wall_ms: int, counter: int) -> None:
        """Keeps the clock's reading, inside the caller's write (it must never go back, even after a restart)."""
        self.store.db.execute("UPDATE replica SET clock_wall = ?, clock_counter = ?", [wall_ms, counter])

    def pending(self) -> list[str]:
        """The entities changed (written, or deleted) since they were last sent, in a stable order."""
        return [entity for (entity,) in self.store.db.execute("SELECT entity FROM sync_pending ORDER BY entity")]

    def sent(self, entities: list[str]) -> None:
        """Forgets these pending entities, inside the caller's write (the one that recorded them as sent)."""
        self.store.db.executemany("DELETE FROM sync_pending WHERE entity = ?", [(e,) for e in entities])

    @contextmanager
    def applying(self) -> Iterator[None]:
        """Inside the caller's write: other replicas' changes written meanwhile are not noted as this one's."""
        self.store.db.execute("UPDATE replica SET applying = 1")
        try:
            yield
        finally:
            self.store.db.execute("UPDATE replica SET applying = 0")
