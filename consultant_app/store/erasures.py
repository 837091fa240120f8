"""The erasure ledger: every candidate erased (everything of them) or whose identity was erased (an anonymous
interview completed, or retention), with the date, the reason, the pseudonym given and the keyed hashes that
recognise the person (``store.identities``) — never a plain name, e-mail or phone. Whatever could bring an
erased person back is held to it: an import skips erased candidates, a restored backup and every backup the
app keeps have the same erasures applied (``hold_to``), so nothing restores, imports or syncs them again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from consultant_app.domain.redaction import identity_digests

if TYPE_CHECKING:
    from consultant_app.store.store import Store

ERASED, IDENTITY = "erased", "identity"


@dataclass(frozen=True)
class Erasure:
    candidate_id: str
    kind: str  # ERASED: the candidate and everything of theirs; IDENTITY: name, e-mail and phone only
    erased_on: str
    reason: str
    pseudonym: str | None
    digests: frozenset[tuple[str, str]]


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

    def all(self) -> dict[str, Erasure]:
        rows = self.store.db.execute(
            "SELECT candidate_id, kind, erased_on, reason, pseudonym, digests FROM erasure_ledger"
        ).fetchall()
        return {
            r[0]: Erasure(r[0], r[1], r[2], r[3], r[4], frozenset(tuple(d) for d in json.loads(r[5]))) for r in rows
        }

    def contact_matches(self, email: str | None, phone: str | None, ledger: dict[str, Erasure]) -> Erasure | None:
        """The erasure of a person erased under another id whose e-mail or phone this is, if any."""
        if not (email or phone):
            return None
        secret = self.store.identities.secret()
        found = {d for d in identity_digests(secret, "", email, phone) if d[0] in ("email", "phone")}
        return next((e for e in ledger.values() if e.kind == ERASED and e.digests & found), None)

    def hold_to(self, ledger: dict[str, Erasure], digests: list[tuple[str, str]], secret: bytes) -> int:
        """Applies another copy's ledger to this workspace (a backup, a restored copy): erases who it erased and
        erases the identities it erased, and keeps its entries and, when both share the redaction key, the keyed
        hashes. Returns how many candidates here were changed."""
        changed = 0
        same_key = secret == self.store.identities.secret()
        with self.store.write():
            if same_key:
                self.store.db.executemany(
                    "INSERT OR IGNORE INTO erased_identities (kind, digest) VALUES (?, ?)", digests
                )
            for entry in ledger.values():
                kept = entry.digests if same_key else ()
                self.record(entry.candidate_id, entry.kind, entry.reason, kept, entry.pseudonym, entry.erased_on)
                if self.store.candidates.exists(entry.candidate_id):
                    if entry.kind == ERASED:
                        self.store.candidates.erase(entry.candidate_id, entry.reason)
                    else:
                        changed -= not self.store.candidates.erase_identity(
                            entry.candidate_id, entry.reason, entry.pseudonym
                        )
                    changed += 1
        return changed

    def hashes(self) -> list[tuple[str, str]]:
        """The keyed hashes of every erased person (``erased_identities``), to hand to ``hold_to``."""
        return [tuple(r) for r in self.store.db.execute("SELECT kind, digest FROM erased_identities")]
