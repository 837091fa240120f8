"""Clients and their roles: create, edit, archive, find by name or id, and per-client counts. A change of a
client's retention override goes to the audit log, as the firm's policy does."""

from __future__ import annotations

from dataclasses import dataclass

from consultant_app.domain.model import Client, Role
from consultant_app.domain.retention import check_retention_months
from consultant_app.store.base import RecordPart
from consultant_app.store.errors import NotFound


@dataclass
class ClientSummary:
    client: Client
    candidates: int
    completed: int
    open: int


class Clients(RecordPart[Client]):
    table, record_type, noun = "clients", Client, "client"

    def list(self, include_archived: bool = False) -> list[Client]:
        where = "1" if include_archived else "archived = 0"
        return self._select(where, order="name COLLATE NOCASE, rid")

    def save(self, client: Client) -> Client:
        if not client.name.strip():
            raise ValueError("A client needs a name.")
        if client.retention_months is not None:
            check_retention_months(client.retention_months)
        before = self.get(client.id).retention_months if self.exists(client.id) else None
        with self.store.write("clients"):
            self._write(client)
            if client.retention_months != before:  # what decides when identities are erased is on the record
                self.store.audit.record(
                    "confidentiality-settings", client_id=client.id, retention_months=client.retention_months
                )
        return client

    def find(self, name_or_id: str) -> Client:
        """The client with this id, else the one with this name (case-insensitive)."""
        if self.exists(name_or_id):
            return self.get(name_or_id)
        found = self._select("name = ? COLLATE NOCASE", [name_or_id.strip()])
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFound(f"Several clients are called {name_or_id!r}; use the client's id.")
        raise NotFound(f"No client called {name_or_id!r}.")

    def known_names(self, client_id: str | None = None) -> list[str]:
        """Every person's name stored for the client (or all clients): candidates, hiring
        managers, client contacts and consultants, for redaction."""
        where, params = ("WHERE client_id = ?", [client_id]) if client_id else ("", [])
        rows = self.db.execute(
            f"""
            SELECT full_name FROM candidates {where} {"AND" if where else "WHERE"} identity_erased = 0
            UNION SELECT hiring_manager FROM roles {where}
            UNION SELECT contact_name FROM clients {where.replace("client_id", "id")}
            UNION SELECT i.consultant FROM interviews i JOIN candidates c ON c.id = i.candidate_id
                  {where.replace("client_id", "c.client_id")}
            """,
            params * 4,
        )
        return sorted({r[0] for r in rows if r[0] and r[0].strip()})

    def known_companies(self) -> list[str]:
        """Every company the workspace names: its clients and the companies candidates chose instead."""
        rows = self.db.execute("SELECT name FROM clients UNION SELECT competing_company FROM interviews")
        return sorted({r[0].strip() for r in rows if r[0] and r[0].strip()})

    def summaries(self, include_archived: bool = False) -> list[ClientSummary]:
        """Every client with its counts of candidates, completed and open interviews, from the counts the
        workspace's triggers keep with every write (``migrations.m011_client_counts``)."""
        counts = {
            client_id: (candidates, completed, scheduled)
            for client_id, candidates, completed, scheduled in self.db.execute(
                "SELECT client_id, candidates, completed, scheduled FROM client_counts"
            )
        }
        return [ClientSummary(c, *counts.get(c.id, (0, 0, 0))) for c in self.list(include_archived)]


class Roles(RecordPart[Role]):
    table, record_type, noun = "roles", Role, "role"

    def for_client(self, client_id: str, include_archived: bool = False) -> list[Role]:
        where = "client_id = ?" + ("" if include_archived else " AND archived = 0")
        return self._select(where, [client_id], order="title COLLATE NOCASE, rid")

    def save(self, role: Role) -> Role:
        if not role.title.strip():
            raise ValueError("A role needs a title.")
        with self.store.write("roles"):
            self._write(role)
        return role
