"""The SQL of the firm's sync keys (``sync.keys`` holds the logic): this workspace's own secret keys, the members of
the firm's sync, who is assigned to which client, each client's key sealed to each member who may read it, the
bundles passed over for want of a key, what each of this workspace's own bundles was sealed for, and which client
each record belongs to (a client's records travel in bundles only that client's readers can open)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consultant_app.store.store import Store

# the client of a record of each table, by the record's id
CLIENT_OF = {
    "clients": "SELECT id, id FROM clients WHERE id IN ({})",
    "roles": "SELECT id, client_id FROM roles WHERE id IN ({})",
    "candidates": "SELECT id, client_id FROM candidates WHERE id IN ({})",
    "interviews": "SELECT id, client_id FROM interviews WHERE id IN ({})",
    "guides": "SELECT id, client_id FROM guides WHERE id IN ({})",
    "notes": "SELECT n.id, i.client_id FROM notes n JOIN interviews i ON i.id = n.interview_id WHERE n.id IN ({})",
}

RECORDS_OF_CLIENT = {
    "roles": "SELECT id FROM roles WHERE client_id = ?",
    "candidates": "SELECT id FROM candidates WHERE client_id = ?",
    "interviews": "SELECT id FROM interviews WHERE client_id = ?",
    "guides": "SELECT id FROM guides WHERE client_id = ?",
    "notes": "SELECT n.id FROM notes n JOIN interviews i ON i.id = n.interview_id WHERE i.client_id = ?",
}


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    public_key: str
    lead: bool


@dataclass(frozen=True)
class SealedClientKey:
    """A client's key (its public half) with its secret half sealed to one member's public key."""

    id: str
    client_id: str
    public_key: str
    member_id: str
    sealed_secret: str


class SyncKeys:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def db(self):
        return self.store.db

    # -- this workspace's own secrets (never synced) ---------------------------------------------------------------
    def secret(self, name: str) -> str | None:
        found = self.db.execute("SELECT value FROM workspace_keys WHERE name = ?", [f"sync_{name}"]).fetchone()
        return bytes(found[0]).decode() if found else None

    def keep_secret(self, name: str, value: str) -> None:
        """Inside the caller's write: the firm's key or this workspace's own (``name`` ``firm`` or ``own``)."""
        self.db.execute(
            "INSERT OR REPLACE INTO workspace_keys (name, value) VALUES (?, ?)", [f"sync_{name}", value.encode()]
        )

    # -- synced: members, assignments, clients' keys ----------------------------------------------------------
    def members(self) -> list[Member]:
        rows = self.db.execute("SELECT id, name, public_key, lead FROM sync_members ORDER BY name, id")
        return [Member(i, name, key, bool(lead)) for i, name, key, lead in rows]

    def put_member(self, member: Member) -> None:
        self.db.execute(
            "INSERT INTO sync_members (id, name, public_key, lead) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE "
            "SET name = excluded.name, public_key = excluded.public_key, lead = excluded.lead",
            [member.id, member.name, member.public_key, int(member.lead)],
        )

    def assignments(self) -> set[tuple[str, str]]:
        """(client id, member id) of every assignment."""
        return set(self.db.execute("SELECT client_id, member_id FROM sync_assignments"))

    def assign(self, assignment_id: str, client_id: str, member_id: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sync_assignments (id, client_id, member_id) VALUES (?, ?, ?)",
            [assignment_id, client_id, member_id],
        )

    def unassign(self, assignment_id: str) -> None:
        self.db.execute("DELETE FROM sync_assignments WHERE id = ?", [assignment_id])

    def client_keys(self) -> list[SealedClientKey]:
        rows = self.db.execute(
            "SELECT id, client_id, public_key, member_id, sealed_secret FROM sync_client_keys ORDER BY id"
        )
        return [SealedClientKey(*row) for row in rows]

    def put_client_key(self, key: SealedClientKey) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sync_client_keys (id, client_id, public_key, member_id, sealed_secret) "
            "VALUES (?, ?, ?, ?, ?)",
            [key.id, key.client_id, key.public_key, key.member_id, key.sealed_secret],
        )

    def client_ids(self) -> list[str]:
        return [client_id for (client_id,) in self.db.execute("SELECT id FROM clients ORDER BY id")]

    def clients_of(self, entities: Iterable[str]) -> dict[str, str]:
        """The client each of these entities ("notes/<id>") belongs to, for those in the workspace that have one."""
        by_table: dict[str, list[str]] = {}
        for entity in entities:
            table, _, record_id = entity.partition("/")
            if table in CLIENT_OF:
                by_table.setdefault(table, []).append(record_id)
        found = {}
        for table, ids in by_table.items():
            for chunk in _chunks(ids):
                sql = CLIENT_OF[table].format(", ".join("?" for _ in chunk))
                found |= {f"{table}/{record_id}": client for record_id, client in self.db.execute(sql, chunk)}
        return found

    def drop_client(self, client_id: str) -> int:
        """Inside the caller's write: the client and everything of it leave this workspace — records, the merge's
        state of them, changes not sent — without a deletion sent anywhere (this laptop's member was taken off
        it); the client is read again if they are put back on (``dropped``). Returns the candidates removed."""
        entities = {f"clients/{client_id}"}
        for table, sql in RECORDS_OF_CLIENT.items():
            entities |= {f"{table}/{record_id}" for (record_id,) in self.db.execute(sql, [client_id])}
        for table in RECORDS_OF_CLIENT:  # records deleted since, whose registers the merge still keeps
            entities |= set(self.store.sync_state.entities_naming(table, "client_id", client_id))
        candidates = [e.partition("/")[2] for e in entities if e.startswith("candidates/")]
        with self.store.replica.applying():
            self.db.execute("DELETE FROM clients WHERE id = ?", [client_id])  # its records go with it (cascade)
        for chunk in _chunks(sorted(entities)):
            marks = ", ".join("?" for _ in chunk)
            for table in ("sync_heads", "sync_pending", "sync_waiting", "sync_resolved"):
                self.db.execute(f"DELETE FROM {table} WHERE entity IN ({marks})", chunk)
        for chunk in _chunks(candidates):
            marks = ", ".join("?" for _ in chunk)
            self.db.execute(f"DELETE FROM sync_heads WHERE owner IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM sync_waiting WHERE owner IN ({marks})", chunk)
        self.db.execute("INSERT OR IGNORE INTO sync_dropped (client_id) VALUES (?)", [client_id])
        return len(candidates)

    def dropped(self) -> set[str]:
        return {client_id for (client_id,) in self.db.execute("SELECT client_id FROM sync_dropped")}

    def read_everything_again(self, client_id: str) -> None:
        """Inside the caller's write: this laptop's member is back on a client it dropped: every bundle is to be
        read again from the first (the merge takes in what it already holds as it was)."""
        self.db.execute("DELETE FROM sync_dropped WHERE client_id = ?", [client_id])
        self.db.execute("DELETE FROM sync_read")
        self.db.execute("DELETE FROM sync_passed_over")

    # -- kept here only: bundles passed over, own bundles' scopes -----------------------------------------------
    def pass_over(self, replica_id: str, number: int, keys_held: int) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO sync_passed_over (replica_id, number, keys_held) VALUES (?, ?, ?)",
            [replica_id, number, keys_held],
        )

    def passed_over(self, fewer_keys_than: int) -> list[tuple[str, int]]:
        """The bundles passed over while this workspace held fewer keys than it does now, in order."""
        rows = self.db.execute(
            "SELECT replica_id, number FROM sync_passed_over WHERE keys_held < ? ORDER BY replica_id, number",
            [fewer_keys_than],
        )
        return [(replica_id, number) for replica_id, number in rows]

    def read_at_last(self, replica_id: str, number: int) -> None:
        self.db.execute("DELETE FROM sync_passed_over WHERE replica_id = ? AND number = ?", [replica_id, number])

    def note_own_scope(self, number: int, scope: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO sync_own_scopes (number, scope) VALUES (?, ?)", [number, scope])

    def own_scope(self, number: int) -> str:
        found = self.db.execute("SELECT scope FROM sync_own_scopes WHERE number = ?", [number]).fetchone()
        return found[0] if found else "firm"


def _chunks(keys: list[str]) -> list[list[str]]:
    return [keys[start : start + 500] for start in range(0, len(keys), 500)]
