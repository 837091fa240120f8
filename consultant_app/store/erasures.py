"""The erasure ledger: every candidate erased (everything of them) or whose identity was erased (an anonymous
interview completed, or retention), with the date, the reason, the pseudonym given and the keyed hashes that
recognise the person (``store.identities``) — never a plain name, e-mail, phone or ATS id. Whatever could bring an
erased person back is held to it: an import skips erased candidates, a restored backup and every backup the
app keeps have the same erasures applied (``hold_to``), so nothing restores, imports or syncs them again. A
scheduled call an erasure deleted is remembered for ``CALLS_KEPT`` after its time by its event's id (the interview's
random id), client, time and length alone (``keep_calls_of``), so that a calendar file of its period cancels the
event that still names the person on a consultant's calendar.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consultant_app.store.store import Store

ERASED, IDENTITY = "erased", "identity"
CALLS_KEPT = timedelta(weeks=8)  # how long after its time an erased call is still cancelled in calendar files


@dataclass(frozen=True)
class Erasure:
    candidate_id: str
    kind: str  # ERASED: the candidate and everything of theirs; IDENTITY: name, e-mail and phone only
    erased_on: str
    reason: str
    pseudonym: str | None
    digests: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class ErasedCall:
    """A scheduled call an erasure deleted, as much of it as cancelling its calendar event needs."""

    interview_id: str
    client_id: str
    scheduled_at: str
    duration_minutes: int | None


class Erasures:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(
        self, candidate_id: str, kind: str, reason: str, digests, pseudonym: str | None = None, on: str | None = None
    ) -> None:
        """Adds to the ledger inside the caller's write; erasing everything supersedes an identity erasure."""
        self.store.db.execute(
            "INSERT INTO erasure_ledger (candidate_id, kind, erased_on, reason, pseudonym, digests) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(candidate_id) DO UPDATE SET kind = excluded.kind, "
            "erased_on = excluded.erased_on, reason = excluded.reason, "
            "digests = CASE WHEN excluded.digests = '[]' THEN digests ELSE excluded.digests END "
            "WHERE excluded.kind = 'erased' AND kind = 'identity'",
            [candidate_id, kind, on or date.today().isoformat(), reason, pseudonym, json.dumps(sorted(digests))],
        )

    def keep_calls_of(self, candidate_id: str) -> None:
        """Inside the erasure's write, before the candidate's interviews go: remembers those with a scheduled time
        (``ErasedCall``), and forgets the calls whose time is over ``CALLS_KEPT`` ago."""
        self.store.db.execute(
            "INSERT OR REPLACE INTO erased_calls (interview_id, client_id, scheduled_at, duration_minutes) "
            "SELECT id, client_id, scheduled_at, duration_minutes FROM interviews "
            "WHERE candidate_id = ? AND scheduled_at IS NOT NULL",
            [candidate_id],
        )
        forgotten = (date.today() - CALLS_KEPT).isoformat()
        self.store.db.execute("DELETE FROM erased_calls WHERE substr(scheduled_at, 1, 10) < ?", [forgotten])

    def calls_between(self, start: str, end: str, client_id: str | None = None) -> list[ErasedCall]:
        """The erased calls scheduled from ``start`` up to ``end`` (as ``Interviews.scheduled_between`` reads
        them), of one client or all, earliest first."""
        where, params = "scheduled_at >= ? AND scheduled_at < ?", [start, end]
        if client_id:
            where, params = f"{where} AND client_id = ?", [*params, client_id]
        rows = self.store.db.execute(
            "SELECT interview_id, client_id, scheduled_at, duration_minutes FROM erased_calls "
            f"WHERE {where} ORDER BY scheduled_at, interview_id",
            params,
        )
        return [ErasedCall(*row) for row in rows]

    def all(self) -> dict[str, Erasure]:
        rows = self.store.db.execute(
            "SELECT candidate_id, kind, erased_on, reason, pseudonym, digests FROM erasure_ledger"
        ).fetchall()
        return {
            r[0]: Erasure(r[0], r[1], r[2], r[3], r[4], frozenset(tuple(d) for d in json.loads(r[5]))) for r in rows
        }

    @staticmethod
    def by_contact(ledger: dict[str, Erasure]) -> dict[tuple[str, str], Erasure]:
        """The ledger's erasures by the keyed hash of each e-mail, phone and ATS id within its client (erasing
        everything wins)."""
        index = {}
        for entry in sorted(ledger.values(), key=lambda e: e.kind == ERASED):
            index.update((d, entry) for d in entry.digests if d[0] in ("email", "phone", "ats"))
        return index

    def contact_matches(
        self,
        email: str | None,
        phone: str | None,
        by_contact: dict,
        secret: bytes | None = None,
        ats: tuple[str | None, str | None] = (None, None),
    ) -> Erasure | None:
        """The erasure (``by_contact`` of the ledger) of a person erased under another id whose e-mail or phone
        this is, or whose ATS id within the client (``ats``: the client's id, the ATS id), if any. ``secret`` is the
        key the ledger's hashes were made with."""
        client_id, external_id = ats
        if not (email or phone or external_id) or not by_contact:
            return None
        from consultant_app.domain.redaction import identity_digests

        secret = secret or self.store.identities.secret()
        found = identity_digests(secret, "", email, phone, external_id, client_id)
        matches = [by_contact[d] for d in found if d in by_contact]
        return min(matches, key=lambda e: e.kind != ERASED, default=None)

    def hold_to(self, ledger: dict[str, Erasure], digests: list[tuple[str, str]], secret: bytes) -> int:
        """Applies another copy's ledger to this workspace (a backup, a restored copy): erases who it erased and
        erases the identities it erased, and keeps its entries and, when both share the redaction key, the keyed
        hashes. Returns how many candidates here were changed."""
        from consultant_app.domain.redaction import ErasedIndex

        changed = 0
        same_key = secret == self.store.identities.secret()
        with self.store.write() as changes:
            if same_key:
                self.store.db.executemany(
                    "INSERT OR IGNORE INTO erased_identities (kind, digest) VALUES (?, ?)", digests
                )
            for candidate_id, entry in self._found_by_contact(ledger, secret).items():
                self.store.erasures.record(candidate_id, entry.kind, entry.reason, entry.digests if same_key else ())
                changed += self._apply(candidate_id, entry.kind, entry.reason, None)
            for entry in ledger.values():
                kept = entry.digests if same_key else ()
                self.record(entry.candidate_id, entry.kind, entry.reason, kept, entry.pseudonym, entry.erased_on)
                changed += self._apply(entry.candidate_id, entry.kind, entry.reason, entry.pseudonym)
            self.store.identities.redact_erased(ErasedIndex(secret, digests), changes)  # mentions in other notes
        return changed

    def _apply(self, candidate_id: str, kind: str, reason: str, pseudonym: str | None) -> int:
        if not self.store.candidates.exists(candidate_id):
            return 0
        if kind == ERASED:
            self.store.candidates.erase(candidate_id, reason)
            return 1
        return int(self.store.candidates.erase_identity(candidate_id, reason, pseudonym))

    def _found_by_contact(self, ledger: dict[str, Erasure], secret: bytes) -> dict[str, Erasure]:
        """Candidates here, under ids the ledger does not know, whose e-mail, phone or ATS id an erased person had
        (the same person in another workspace's copy, or added again)."""
        rows = self.store.db.execute(
            "SELECT id, email, phone, client_id, external_id FROM candidates "
            "WHERE identity_erased = 0 AND (email IS NOT NULL OR phone IS NOT NULL OR external_id IS NOT NULL)"
        ).fetchall()
        found, by_contact = {}, self.by_contact(ledger)
        for candidate_id, email, phone, client_id, external_id in rows:
            if candidate_id not in ledger:
                entry = self.contact_matches(email, phone, by_contact, secret, (client_id, external_id))
                if entry is not None:
                    found[candidate_id] = entry
        return found

    def hashes(self) -> list[tuple[str, str]]:
        """The keyed hashes of every erased person (``erased_identities``), to hand to ``hold_to``."""
        return [tuple(r) for r in self.store.db.execute("SELECT kind, digest FROM erased_identities")]
