"""Candidates: create and edit, consent and disclosure, withdrawal, anonymity and erasure.

An ``anonymous`` candidate's identity is erased (name to pseudonym, e-mail and phone removed, and redacted inside
their own notes) as soon as one of their interviews is completed, and any candidate's by the retention policy.
Erasing a candidate deletes them with their interviews and notes, keeping of their scheduled calls only what a
calendar file needs to cancel them. Either way the search index deletes the words in place and the log is
checkpointed so that no readable copy stays in the file, the person is redacted in every other note that mentions
them and recognised later by keyed hashes (``store.identities``), and the erasure ledger (``store.erasures``)
applies it to every backup and holds restores and imports to it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from consultant_app.domain import confidentiality
from consultant_app.domain.model import Candidate
from consultant_app.store.base import RecordPart
from consultant_app.store.erasures import ERASED, IDENTITY

if TYPE_CHECKING:
    from consultant_app.store.store import Changes


class Candidates(RecordPart[Candidate]):
    table, record_type, noun = "candidates", Candidate, "candidate"

    def for_client(self, client_id: str, include_archived: bool = False) -> list[Candidate]:
        where = "client_id = ?" + ("" if include_archived else " AND archived = 0")
        return self._select(where, [client_id])

    def save(self, candidate: Candidate) -> Candidate:
        if not candidate.full_name.strip():
            raise ValueError("A candidate needs a name.")
        if candidate.disclosure not in ("named", "confidential", "anonymous"):
            raise ValueError(f"Unknown disclosure {candidate.disclosure!r}.")
        with self.store.write("candidates") as changes:
            self._write(candidate)
            self.enforce_anonymity(candidate.id, changes)
        return self.get(candidate.id)

    def withdraw_consent(self, candidate_id: str, on: str | None = None) -> None:
        """Records that the candidate withdrew consent: they vanish from every output."""
        when = on or date.today().isoformat()
        with self.store.write("candidates"):
            self.db.execute("UPDATE candidates SET consent_withdrawn = ? WHERE id = ?", [when, candidate_id])
            self.store.audit.record("withdraw-consent", candidate_id=candidate_id, on=when)

    def withdraw_consent_many(self, candidate_ids: list[str]) -> int:
        """Records the withdrawal of every candidate given who has not withdrawn yet, in one transaction; returns how
        many withdrew now."""
        with self.store.write("candidates"):
            pending = [c for c in candidate_ids if not self.get(c).consent_withdrawn]
            for candidate_id in pending:
                self.withdraw_consent(candidate_id)
        return len(pending)

    def archive_many(self, candidate_ids: list[str], archived: bool = True) -> int:
        """Archives (or restores) the candidates in one transaction; returns how many changed."""
        with self.store.write("candidates"):
            changing = [c for c in candidate_ids if self.get(c).archived != archived]
            for candidate_id in changing:
                self.archive(candidate_id, archived)
        return len(changing)

    def erase(self, candidate_id: str, reason: str = "erased on request") -> dict[str, int]:
        """Deletes the candidate everywhere and leaves no readable copy; returns what was removed. The erasure
        ledger keeps it erased in every backup, restore and import from now on."""
        candidate = self.get(candidate_id)
        with self.store.write("candidates", "interviews", "notes") as changes:
            interviews, notes = self.db.execute(
                "SELECT COUNT(DISTINCT i.id), COUNT(n.id) FROM interviews i "
                "LEFT JOIN notes n ON n.interview_id = i.id WHERE i.candidate_id = ?",
                [candidate_id],
            ).fetchone()
            self.store.erasures.keep_calls_of(candidate_id)  # so that a calendar file cancels their calls
            self.db.execute("DELETE FROM candidates WHERE id = ?", [candidate_id])
            digests = ()
            if not candidate.identity_erased:  # an erased identity was redacted everywhere when it was erased
                digests = self.store.identities.erase_everywhere(
                    candidate.full_name,
                    candidate.email,
                    candidate.phone,
                    changes,
                    candidate.external_id,
                    candidate.client_id,
                )
            self.store.erasures.record(candidate_id, ERASED, reason, digests)
            removed = {"interviews": interviews, "notes": notes}
            self.store.audit.record(
                "erase-candidate", candidate_id=candidate_id, client_id=candidate.client_id, reason=reason, **removed
            )
            self.store.maintenance.request_purge(changes)
        return removed

    def erase_identity(self, candidate_id: str, reason: str, pseudonym: str | None = None) -> bool:
        """Replaces the candidate's name with a pseudonym (``pseudonym``, else ``pseudonym_for``), removes their e-mail
        and phone and redacts them in every note; returns False when the identity was already erased."""
        candidate = self.get(candidate_id)
        if candidate.identity_erased:
            return False
        with self.store.write("candidates") as changes:
            self._erase_identity(candidate, reason, pseudonym, changes)
        return True

    def pseudonym_for(self, candidate: Candidate) -> str:
        """The pseudonym erasing the candidate's identity gives: the label already shown for them
        (``confidentiality.candidate_pseudonym``), so it never changes once seen, unless another erased candidate
        bears it (then a fresh one)."""
        label = confidentiality.candidate_pseudonym(candidate)
        if candidate.identity_erased or not self._pseudonym_taken(label, candidate.id):
            return label
        taken = {r[0] for r in self.db.execute("SELECT full_name FROM candidates WHERE identity_erased = 1")}
        return confidentiality.new_pseudonym(taken)

    def _pseudonym_taken(self, pseudonym: str, candidate_id: str) -> bool:
        sql = "SELECT 1 FROM candidates WHERE identity_erased = 1 AND full_name = ? AND id != ? LIMIT 1"
        return self.db.execute(sql, [pseudonym, candidate_id]).fetchone() is not None

    def enforce_anonymity(self, candidate_id: str, changes: Changes) -> bool:
        """Erases an anonymous candidate's identity if an interview is completed, inside the caller's write
        (whose ``changes`` it adds to); returns True when something was erased."""
        candidate = self.get(candidate_id)
        if not confidentiality.must_erase_identity(candidate, self.store.interviews.for_candidate(candidate_id)):
            return False
        self._erase_identity(candidate, "anonymous interview completed", None, changes)
        return True

    def _erase_identity(self, candidate: Candidate, reason: str, pseudonym: str | None, changes: Changes) -> None:
        interviews = self.store.interviews.for_candidate(candidate.id)
        notes = [n for i in interviews for n in self.store.notes.for_interview(i.id)]
        pseudonym = pseudonym or self.pseudonym_for(candidate)
        erased, new_interviews, new_notes = confidentiality.erase_identity(
            candidate, interviews, notes, pseudonym, self.store.firm.get().phone_region
        )
        self._upsert(erased)
        for interview, before in zip(new_interviews, interviews):
            if interview.summary != before.summary:
                self.db.execute("UPDATE interviews SET summary = ? WHERE id = ?", [interview.summary, interview.id])
        for note, before in zip(new_notes, notes):
            if note.text != before.text:
                self.db.execute("UPDATE notes SET text = ? WHERE id = ?", [note.text, note.id])
                self.store.quotes.forget_for_note(note_id=note.id)
        digests = self.store.identities.erase_everywhere(
            candidate.full_name, candidate.email, candidate.phone, changes, candidate.external_id, candidate.client_id
        )
        self.store.erasures.record(candidate.id, IDENTITY, reason, digests, pseudonym)
        self.store.audit.record("erase-identity", candidate_id=candidate.id, reason=reason)
        changes.touch("candidates", "interviews", "notes")
        self.store.maintenance.request_purge(changes)
