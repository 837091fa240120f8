"""The SQL of syncing (``sync.engine`` holds the logic, ``domain.merge`` the rules): what this replica knows of
the merge — registers' heads, replaced write ids, the erasure and withdrawal ledger of the merge, how far other
replicas' bundles were read, the bundles made but not yet written to the folder — and each synced record as the
plain field values a change carries, as stored (a note's themes travel as one field, a logo as base64)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from consultant_app.store.migrations import SYNCED_TABLES

if TYPE_CHECKING:
    from consultant_app.store.store import Store

DERIVED = {("interviews", "client_id")}  # kept by triggers from the candidate; never sent
HEAD = "op_id, entity, field, owner, op"  # a head's row: the write's JSON (``op``) holds the rest of it, KEPT
KEPT = ("value", "clock", "supersedes")
_COMPACT = json.JSONEncoder(separators=(",", ":"))
BINARY = {("firm", "logo"), ("clients", "logo")}
# the records a record refers to (a sync writes it only once they are in the workspace), and tables parents first
REFERENCES = {
    "roles": (("client_id", "clients"),),
    "candidates": (("client_id", "clients"), ("role_id", "roles")),
    "interviews": (("candidate_id", "candidates"),),
    "notes": (("interview_id", "interviews"),),
    "guides": (("client_id", "clients"),),
}
PARENTS = ("firm", "clients", "themes", "roles", "candidates", "interviews", "notes", "guides")


class SyncState:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._fields: dict[str, list[str]] = {}

    @property
    def db(self):
        return self.store.db

    # -- the merge's state -------------------------------------------------------------------------------------
    def heads_of(self, entities: Iterable[str]) -> list[dict[str, Any]]:
        """The heads of every register of these entities, each the write as a bundle carries it."""
        return [_head(row) for row in self._rows_in(f"SELECT {HEAD} FROM sync_heads WHERE entity IN ({{}})", entities)]

    def head_ids_of(self, entities: Iterable[str]) -> set[str]:
        """The ids of the heads of every register of these entities."""
        return set(self._where_in("SELECT op_id FROM sync_heads WHERE entity IN ({})", entities))

    def drop_heads(self, op_ids: Iterable[str]) -> None:
        """Inside the caller's write: these heads are heads no more."""
        self.db.executemany("DELETE FROM sync_heads WHERE op_id = ?", [(i,) for i in op_ids])

    def add_heads(self, heads: Iterable[dict[str, Any]]) -> None:
        """Inside the caller's write: new heads, each a write as a bundle carries it, kept without what the row's
        columns say (its id, entity, field and owner): a third of the bytes."""
        rows = [
            (h["op_id"], h["entity"], h["field"], h["owner"], _COMPACT.encode({k: h[k] for k in KEPT})) for h in heads
        ]
        self.db.executemany(f"INSERT OR REPLACE INTO sync_heads ({HEAD}) VALUES (?, ?, ?, ?, ?)", rows)

    def heads_owned(self, candidate_id: str) -> list[dict[str, Any]]:
        return [_head(row) for row in self.db.execute(f"SELECT {HEAD} FROM sync_heads WHERE owner = ?", [candidate_id])]

    def drop_fields_of(self, entities: Iterable[str], keep_field: str) -> None:
        """Inside the caller's write: these entities' heads except ``keep_field``'s (a deleted record's tombstone)."""
        self.db.executemany(
            "DELETE FROM sync_heads WHERE entity = ? AND field != ?", [(e, keep_field) for e in set(entities)]
        )

    def drop_owned(self, candidate_id: str) -> None:
        self.db.execute("DELETE FROM sync_heads WHERE owner = ?", [candidate_id])

    def superseded_among(self, op_ids: Iterable[str]) -> set[str]:
        return set(self._where_in("SELECT op_id FROM sync_superseded WHERE op_id IN ({})", op_ids))

    def _where_in(self, sql: str, keys: Iterable[str]) -> list[Any]:
        """The first column of ``sql`` for these keys."""
        return [row[0] for row in self._rows_in(sql, keys)]

    def _rows_in(self, sql: str, keys: Iterable[str]) -> list[tuple]:
        """The rows of ``sql`` for these keys, asked a few hundred at a time (SQLite's parameter limit)."""
        wanted, found = sorted(set(keys)), []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found += self.db.execute(sql.format(", ".join("?" for _ in chunk)), chunk).fetchall()
        return found

    def add_superseded(self, op_ids: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO sync_superseded (op_id) VALUES (?)", [(i,) for i in op_ids])

    def ledger(self) -> list[str]:
        """The merge's erasures and withdrawals (operations as JSON text)."""
        return [op for (op,) in self.db.execute("SELECT op FROM sync_ledger ORDER BY op_id")]

    def add_to_ledger(self, op_id: str, candidate_id: str, kind: str, op: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sync_ledger (op_id, candidate_id, kind, op) VALUES (?, ?, ?, ?)",
            [op_id, candidate_id, kind, op],
        )

    def has_identity_erasures(self) -> bool:
        return self.db.execute("SELECT 1 FROM sync_ledger WHERE kind = 'identity' LIMIT 1").fetchone() is not None

    def conflicted_registers(self) -> list[tuple[str, str]]:
        """Registers with more than one head (which of them are conflicts is the merge rules' call)."""
        rows = self.db.execute("SELECT entity, field FROM sync_heads GROUP BY entity, field HAVING COUNT(*) > 1")
        return [(entity, field) for entity, field in rows]

    def mark_resolved(self, entity: str, field: str) -> None:
        """Inside the caller's write: a person chose this register's text; the next sync sends it as such."""
        self.db.execute("INSERT OR IGNORE INTO sync_resolved (entity, field) VALUES (?, ?)", [entity, field])
        self.db.execute("INSERT OR IGNORE INTO sync_pending (entity) VALUES (?)", [entity])

    def resolved(self) -> set[tuple[str, str]]:
        return set(self.db.execute("SELECT entity, field FROM sync_resolved"))

    def forget_resolved(self) -> None:
        self.db.execute("DELETE FROM sync_resolved")

    def read_up_to(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT replica_id, up_to FROM sync_read"))

    def mark_read(self, replica_id: str, number: int) -> None:
        self.db.execute(
            "INSERT INTO sync_read (replica_id, up_to) VALUES (?, ?) "
            "ON CONFLICT(replica_id) DO UPDATE SET up_to = MAX(up_to, excluded.up_to)",
            [replica_id, number],
        )

    def to_outbox(self, changes: list[dict], scope: str) -> None:
        """Inside the caller's write: a bundle's changes and who may read them (``sync.keys``), kept until the
        bundle is in the sync folder."""
        self.db.execute("INSERT INTO sync_outbox (changes, scope) VALUES (?, ?)", [json.dumps(changes), scope])

    def outbox(self) -> list[tuple[int, str, list[dict]]]:
        """(number, scope, changes) of each bundle not yet in the sync folder, in order."""
        rows = self.db.execute("SELECT number, scope, changes FROM sync_outbox ORDER BY number")
        return [(number, scope, json.loads(changes)) for number, scope, changes in rows]

    def written(self, number: int) -> None:
        self.db.execute("DELETE FROM sync_outbox WHERE number = ?", [number])

    def forget_owned(self, candidate_id: str) -> None:
        """Inside the erasure's write: nothing of an erased candidate stays in the merge's state or the outbox."""
        self.drop_owned(candidate_id)
        self.db.execute(
            "DELETE FROM sync_waiting WHERE owner = ? OR entity = ?", [candidate_id, f"candidates/{candidate_id}"]
        )
        for number, _, changes in self.outbox():
            kept = [c for c in changes if c.get("owner") != candidate_id]
            self.db.execute("UPDATE sync_outbox SET changes = ? WHERE number = ?", [json.dumps(kept), number])

    # -- records as fields ---------------------------------------------------------------------------------------
    def fields(self, table: str) -> list[str]:
        """The fields a change of this table carries, read from its schema once per connection."""
        if table not in self._fields:
            columns = [row[1] for row in self.db.execute(f"PRAGMA table_info({_synced(table)})")]
            extra = ["themes"] if table == "notes" else []
            self._fields[table] = [c for c in columns if c != "rid" and (table, c) not in DERIVED] + extra
        return self._fields[table]

    def record(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The record's fields as plain JSON values, or None when it is not (or no longer) in the workspace."""
        fields = [f for f in self.fields(table) if f != "themes"]
        row = self.db.execute(
            f"SELECT {', '.join(fields)} FROM {_synced(table)} WHERE id = ?", [_key(table, record_id)]
        )
        found = row.fetchone()
        if found is None:
            return None
        values = {f: _plain(table, f, v) for f, v in zip(fields, found, strict=True)}
        if table == "notes":
            themes = self.db.execute(
                "SELECT theme_id FROM note_themes WHERE note_id = ? ORDER BY theme_id", [record_id]
            )
            values["themes"] = [t for (t,) in themes]
        return values

    def owner(self, table: str, record_id: str) -> str | None:
        """The candidate a record belongs to (erasing them takes it too), if it is in the workspace."""
        sql = {
            "candidates": "SELECT id FROM candidates WHERE id = ?",
            "interviews": "SELECT candidate_id FROM interviews WHERE id = ?",
            "notes": "SELECT i.candidate_id FROM notes n JOIN interviews i ON i.id = n.interview_id WHERE n.id = ?",
        }.get(table)
        found = self.db.execute(sql, [record_id]).fetchone() if sql else None
        return found[0] if found else None

    def put_record(self, table: str, values: dict[str, Any], owner: str | None = None) -> None:
        """Inside the caller's write: inserts the record or updates the fields given (``put_records``)."""
        self.put_records(table, [values], [owner])

    def put_records(self, table: str, records: list[dict[str, Any]], owners: list[str | None] | None = None) -> None:
        """Inside the caller's write: inserts each record or updates the fields it gives, those giving the same
        fields in one statement; a note's themes replaced by those it gives. A record whose parent is not in the
        workspace yet waits for it (``put_waiting``), with the candidate it belongs to (``owners``)."""
        owners = owners or [None] * len(records)
        if table in REFERENCES:
            records, owners = self._not_waiting(table, records, owners)
        alike: dict[tuple[str, ...], list[list[Any]]] = {}
        binary = [f for t, f in BINARY if t == table]
        for values in records:
            names = tuple(f for f in values if f != "themes")
            stored = [values[f] for f in names]
            for f in binary:
                if f in values:
                    stored[names.index(f)] = _stored(table, f, values[f])
            alike.setdefault(names, []).append(stored)
        for names, rows in alike.items():
            updates = ", ".join(f"{c} = excluded.{c}" for c in names if c != "id") or "id = id"
            self.db.executemany(
                f"INSERT INTO {_synced(table)} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
                f"ON CONFLICT(id) DO UPDATE SET {updates}",
                rows,
            )
        tagged = [values for values in records if table == "notes" and "themes" in values]
        if tagged:
            aliases = self.theme_aliases()
            self.db.executemany("DELETE FROM note_themes WHERE note_id = ?", [(v["id"],) for v in tagged])
            self.db.executemany(
                "INSERT OR IGNORE INTO note_themes (note_id, theme_id) SELECT ?, id FROM themes WHERE id = ?",
                [(v["id"], _canonical(aliases, t)) for v in tagged for t in v["themes"] or []],
            )

    def _not_waiting(
        self, table: str, records: list[dict[str, Any]], owners: list[str | None]
    ) -> tuple[list[dict[str, Any]], list[str | None]]:
        """Of these records, those whose parents are in the workspace (what waited of them joined in); the others
        are kept waiting."""
        if self.db.execute("SELECT 1 FROM sync_waiting LIMIT 1").fetchone():
            entities = [f"{table}/{values['id']}" for values in records]
            earlier = dict(self._rows_in("SELECT entity, record FROM sync_waiting WHERE entity IN ({})", entities))
            records = [
                {**json.loads(earlier.get(entity, "{}")), **values}
                for entity, values in zip(entities, records, strict=True)
            ]
            self.db.executemany("DELETE FROM sync_waiting WHERE entity = ?", [(e,) for e in earlier])
        present = {}
        for column, parent in REFERENCES[table]:
            wanted = {values[column] for values in records if values.get(column) is not None}
            present[column] = set(self._where_in(f"SELECT id FROM {parent} WHERE id IN ({{}})", wanted))
        ready, waiting = ([], []), []
        for values, owner in zip(records, owners, strict=True):
            if any(values.get(c) is not None and values[c] not in present[c] for c, _ in REFERENCES[table]):
                waiting.append((f"{table}/{values['id']}", owner, json.dumps(values)))
            else:
                ready[0].append(values)
                ready[1].append(owner)
        self.db.executemany("INSERT OR REPLACE INTO sync_waiting (entity, owner, record) VALUES (?, ?, ?)", waiting)
        return ready

    def put_waiting(self) -> None:
        """Inside the caller's write: the records that waited for a parent that has now arrived are written."""
        while True:
            rows = list(self.db.execute("SELECT entity, owner, record FROM sync_waiting"))
            if not rows:
                return
            before = len(rows)
            for table in PARENTS:
                mine = [(owner, json.loads(record)) for entity, owner, record in rows if entity.startswith(f"{table}/")]
                if mine:
                    self.put_records(table, [values for _, values in mine], [owner for owner, _ in mine])
            if self.db.execute("SELECT COUNT(*) FROM sync_waiting").fetchone()[0] == before:
                return

    def defer_references(self) -> None:
        """Inside the caller's write: foreign keys are checked at its commit, not row by row (a sync writes a
        record's parts in the order they come). A first write opens the transaction the setting lasts for."""
        self.db.execute("UPDATE replica SET id = id WHERE 0")
        self.db.execute("PRAGMA defer_foreign_keys = ON")

    def theme_named(self, name: str, other_than: str) -> str | None:
        found = self.db.execute("SELECT id FROM themes WHERE name = ? AND id != ?", [name, other_than]).fetchone()
        return found[0] if found else None

    def guide_for_client(self, client_id: str | None, other_than: str) -> str | None:
        if client_id is None:
            return None
        sql = "SELECT id FROM guides WHERE client_id = ? AND id != ?"
        found = self.db.execute(sql, [client_id, other_than]).fetchone()
        return found[0] if found else None

    def entities_naming(self, table: str, field: str, value: str | None) -> list[str]:
        """The entities of ``table`` whose ``field`` the merge holds as ``value`` (deleted records included)."""
        sql = (  # the table's entities are a range of the (entity, field) index: no scan of every head
            "SELECT DISTINCT entity FROM sync_heads WHERE entity > ? AND entity < ? AND field = ? "
            "AND json_extract(op, '$.value') = ?"
        )
        return [entity for (entity,) in self.db.execute(sql, [f"{table}/", f"{table}0", field, value])]

    def set_field(self, table: str, record_id: str, field: str, value: Any) -> None:
        """Inside the caller's write: one field of a record in the workspace."""
        if field not in self.fields(table):
            raise ValueError(f"{field!r} is not a field of {table}.")
        self.db.execute(f"UPDATE {_synced(table)} SET {field} = ? WHERE id = ?", [value, _key(table, record_id)])

    def theme_aliases(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT alias, canonical FROM sync_aliases"))

    def merge_themes(self, alias: str, canonical: str) -> None:
        """Inside the caller's write: two laptops' themes of one name are one (``canonical``); notes tagged with
        ``alias`` carry ``canonical`` instead, and so do the themes under it, here and for whatever arrives tagged
        with it or under it later."""
        self.db.execute("INSERT OR REPLACE INTO sync_aliases (alias, canonical) VALUES (?, ?)", [alias, canonical])
        self.db.execute(
            "INSERT OR IGNORE INTO note_themes (note_id, theme_id) SELECT note_id, ? FROM note_themes "
            "WHERE theme_id = ?",
            [canonical, alias],
        )
        self.db.execute("UPDATE themes SET parent_id = ? WHERE parent_id = ?", [canonical, alias])
        self.db.execute("DELETE FROM themes WHERE id = ?", [alias])

    def delete_record(self, table: str, record_id: str) -> None:
        self.delete_records(table, [record_id])

    def delete_records(self, table: str, record_ids: list[str]) -> None:
        self.db.executemany("DELETE FROM sync_waiting WHERE entity = ?", [(f"{table}/{i}",) for i in record_ids])
        self.db.executemany(f"DELETE FROM {_synced(table)} WHERE id = ?", [(_key(table, i),) for i in record_ids])


def _canonical(aliases: dict[str, str], theme_id: str) -> str:
    """The theme an alias stands for, through aliases of aliases (three laptops typed one name)."""
    seen = set()
    while theme_id in aliases and theme_id not in seen:
        seen.add(theme_id)
        theme_id = aliases[theme_id]
    return theme_id


def _synced(table: str) -> str:
    if table not in SYNCED_TABLES:
        raise ValueError(f"{table!r} is not a table a sync carries.")
    return table


def _key(table: str, record_id: str) -> Any:
    return int(record_id) if table == "firm" else record_id


def _plain(table: str, field: str, value: Any) -> Any:
    if (table, field) in BINARY and value is not None:
        return base64.b64encode(value).decode()
    return value


def _stored(table: str, field: str, value: Any) -> Any:
    if (table, field) in BINARY and value is not None:
        return base64.b64decode(value)
    return value


def _head(row: tuple) -> dict[str, Any]:
    """A head's row as the write a bundle carries; a row kept whole (by a version before ``KEPT``) as it is."""
    op_id, entity, field, owner, op = row
    kept = json.loads(op)
    if "kind" in kept:
        return kept
    return {"kind": "write", "op_id": op_id, "entity": entity, "field": field, "owner": owner, **kept}
