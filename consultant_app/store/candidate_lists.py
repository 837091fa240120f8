"""Candidate lists from clients' applicant-tracking systems, as the store sees them: what a file is checked against
before anything is written (the client's roles, and the e-mails and ATS ids already stored for the client), the
column mapping a person last confirmed for the client's files, and the import itself — new roles and candidates
in one transaction through the write door (so the sync triggers and the change hub see it), in batches."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultant_app.domain.model import Candidate, Role
from consultant_app.domain.validation import validate_record

if TYPE_CHECKING:
    from consultant_app.store.store import Store


@dataclass(frozen=True)
class KnownPeople:
    """What a client's stored candidates are recognised by: e-mails (case-folded) and ATS ids (``id_key``)."""

    emails: frozenset[str]
    external_ids: frozenset[str]


class CandidateLists:
    def __init__(self, store: Store) -> None:
        self.store = store

    def known_people(self, client_id: str) -> KnownPeople:
        from consultant_app.domain.redaction.ids import id_key

        rows = self.store.db.execute(
            "SELECT email, external_id FROM candidates WHERE client_id = ? "
            "AND (email IS NOT NULL OR external_id IS NOT NULL)",
            [client_id],
        ).fetchall()
        return KnownPeople(
            frozenset(e.strip().casefold() for e, _ in rows if e), frozenset(id_key(x) for _, x in rows if x) - {""}
        )

    def external_ids(self) -> list[str]:
        """Every candidate's id in their client's hiring system, for redaction (a client can look it up)."""
        return [
            i
            for (i,) in self.store.db.execute(
                "SELECT DISTINCT external_id FROM candidates WHERE external_id IS NOT NULL"
            )
        ]

    def erased_matcher(self, client_id: str) -> Callable[[str | None, str | None, str | None], bool]:
        """A test of whether an e-mail, phone or the client's ATS id is a person's erased earlier (an import never
        brings them back)."""
        by_contact = self.store.erasures.by_contact(self.store.erasures.all())
        if not by_contact:
            return lambda email, phone, external_id: False
        secret = self.store.identities.secret()
        erasures = self.store.erasures
        return lambda email, phone, external_id: (
            erasures.contact_matches(email, phone, by_contact, secret, (client_id, external_id)) is not None
        )

    def mapping(self, client_id: str) -> dict[str, str] | None:
        """The mapping (our field → the file's column name) last confirmed for the client's files, if any."""
        row = self.store.db.execute("SELECT mapping FROM import_mappings WHERE client_id = ?", [client_id]).fetchone()
        return json.loads(row[0]) if row else None

    def remember_mapping(self, client_id: str, mapping: dict[str, str]) -> None:
        with self.store.write("clients"):
            self._remember(client_id, mapping)

    def _remember(self, client_id: str, mapping: dict[str, str]) -> None:
        self.store.db.execute(
            "INSERT INTO import_mappings (client_id, mapping) VALUES (?, ?) "
            "ON CONFLICT(client_id) DO UPDATE SET mapping = excluded.mapping",
            [client_id, json.dumps(mapping, sort_keys=True)],
        )

    def add(
        self, client_id: str, roles: Sequence[Role], candidates: Sequence[Candidate], mapping: dict[str, str]
    ) -> None:
        """Stores the new roles and candidates and remembers the mapping, all or nothing: a record the shared
        field rules refuse rolls the whole import back."""
        for role in roles:
            validate_record("role", role)
        for candidate in candidates:
            validate_record("candidate", candidate)
        with self.store.write("roles", "candidates"), self.store.bulk.roomy_cache():
            self.store.db.execute("UPDATE firm SET id = id WHERE 0")  # the write lock first, while it may still wait
            if roles:
                self.store.roles._upsert_many(list(roles))
            for start in range(0, len(candidates), 1000):
                self.store.candidates._upsert_many(list(candidates[start : start + 1000]))
            self._remember(client_id, mapping)
            self.store.audit.record(
                "import-candidates", client_id=client_id, candidates=len(candidates), roles=len(roles)
            )
