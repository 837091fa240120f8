"""The shared shape of the store's per-area parts: get, list and upsert of one record type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from consultant_app.domain.validation import validate_record
from consultant_app.store.errors import NotFound
from consultant_app.store.rows import from_row, to_row

if TYPE_CHECKING:
    from consultant_app.store.store import Store

T = TypeVar("T")


class RecordPart(Generic[T]):
    """One table of records keyed by a text ``id``; subclasses add the area's own operations."""

    table: str
    record_type: type
    noun: str = "record"
    not_columns: tuple[str, ...] = ()

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self):
        return self.store.db

    def get(self, record_id: str) -> T:
        found = self._select("id = ?", [record_id])
        if not found:
            raise NotFound(f"No {self.noun} with id {record_id}.")
        return found[0]

    def exists(self, record_id: str) -> bool:
        return self.db.execute(f"SELECT 1 FROM {self.table} WHERE id = ?", [record_id]).fetchone() is not None

    def archive(self, record_id: str, archived: bool = True) -> None:
        """Hides a record from everyday lists (or shows it again); its data stays."""
        with self.store.write(self.table):
            self.db.execute(f"UPDATE {self.table} SET archived = ? WHERE id = ?", [int(archived), record_id])

    def _select(self, where: str = "1", params: list[Any] | tuple = (), order: str = "rid") -> list[T]:
        cursor = self.db.execute(f"SELECT * FROM {self.table} WHERE {where} ORDER BY {order}", list(params))
        names = [d[0] for d in cursor.description]
        return [self._from_row(dict(zip(names, row))) for row in cursor.fetchall()]

    def _from_row(self, row: dict[str, Any]) -> T:
        return from_row(self.record_type, row)

    def _write(self, obj: T) -> None:
        """Validates a record against the shared field rules, then inserts or updates it."""
        validate_record(self.noun, obj)
        self._upsert(obj)

    def _upsert(self, obj: T) -> None:
        self._upsert_many([obj])

    def _upsert_many(self, records: list[T]) -> None:
        """Inserts the records, or updates every column of those whose id is already stored."""
        rows = [to_row(r, exclude=self.not_columns) for r in records]
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        self.db.executemany(
            f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            [list(row.values()) for row in rows],
        )
