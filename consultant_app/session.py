"""The headless state of an interview being run on a call: the notes being typed, the
structured answers and the call timer, saved through the store.

The call screen is a thin Qt view over a ``CallSession``; the crash-safety harness drives the
same object, so both exercise one save path. Edits mark things dirty; ``flush`` writes all that
is dirty in one transaction. Empty notes are not stored (clearing a stored note deletes it). If the
workspace file was removed or replaced under it, ``flush`` keeps the whole call in a recovery file
instead, and says where. Completing an anonymous candidate's interview erases their identity for good, so the
session holds that completion back from the store until the consultant confirms it or the call ends (``finish``),
and erases under the pseudonym the call has shown all along (``label``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from consultant_app.domain.confidentiality import identity_may_appear, must_erase_identity
from consultant_app.domain.model import Candidate, Client, Guide, Interview, Note, Role
from consultant_app.domain.redaction import Redactor
from consultant_app.domain.taxonomy import next_visibility
from consultant_app.paths import recovery_file
from consultant_app.store import Store, WorkspaceError, WorkspaceLost

ANSWER_FIELDS = (
    "status",
    "decline_reasons",
    "competing_company",
    "competing_salary",
    "recommend",
    "ratings",
    "duration_minutes",
    "summary",
    "conducted_at",
    "channel",
    "consultant",
)


@dataclass
class FlushResult:
    saved_notes: int
    saved_interview: bool
    identity_erased: bool  # the candidate was anonymised: the view must reload its texts
    rewritten: list[str] = field(default_factory=list)  # notes whose text was redacted on saving


class CallSession:
    def __init__(self, store: Store, interview_id: str) -> None:
        self.store = store
        self.interview: Interview = store.interviews.get(interview_id)
        self.candidate: Candidate = store.candidates.get(self.interview.candidate_id)
        self.client: Client = store.clients.get(self.candidate.client_id)
        self.role: Role | None = store.roles.get(self.candidate.role_id) if self.candidate.role_id else None
        self.guide: Guide = store.guides.for_client(self.client.id)
        self.notes: list[Note] = store.notes.for_interview(interview_id)
        self._stored_notes = {n.id for n in self.notes}
        self._dirty_notes: set[str] = set()
        self._interview_dirty = False
        self._timer_started: float | None = None
        self._former_identity: Redactor | None = None  # set once an anonymous identity is erased mid-call
        self._stored_status = self.interview.status
        self._erasure_confirmed = False
        self.pseudonym = store.candidates.pseudonym_for(self.candidate)
        self.kept_in = None  # the recovery file holding the whole call, once the workspace could not be written

    # notes -------------------------------------------------------------------------------
    def note(self, note_id: str) -> Note:
        return next(n for n in self.notes if n.id == note_id)

    def notes_in(self, section: str) -> list[Note]:
        return [n for n in self.notes if n.section == section]

    def add_note(self, section: str, text: str = "", visibility: str = "aggregate") -> Note:
        position = max((n.position for n in self.notes), default=-1) + 1
        note = Note(
            interview_id=self.interview.id, section=section, text=text, visibility=visibility, position=position
        )
        self.notes.append(note)
        self._dirty_notes.add(note.id)
        return note

    def edit_note(self, note_id: str, **changes: Any) -> Note:
        """Changes text, visibility, highlight, themes or section of a note (saved on flush)."""
        index = next(i for i, n in enumerate(self.notes) if n.id == note_id)
        self.notes[index] = replace(self.notes[index], **changes)
        self._dirty_notes.add(note_id)
        return self.notes[index]

    def cycle_visibility(self, note_id: str) -> Note:
        return self.edit_note(note_id, visibility=next_visibility(self.note(note_id).visibility))

    # answers -----------------------------------------------------------------------------
    def set_answer(self, field: str, value: Any) -> None:
        self.check_answer(field, value)
        if getattr(self.interview, field) != value:
            self.interview = replace(self.interview, **{field: value})
            self._interview_dirty = True
            if field == "status":
                self._erasure_confirmed = False  # a confirmation holds for the completion it was asked about

    def check_answer(self, field: str, value: Any) -> None:
        """Raises ValueError, saying why, for an answer the interview cannot take: an unknown field, or a status
        other than Completed once the completion erased the candidate's identity (a scheduled interview under a
        pseudonym would be a call that can no longer reach anyone, and the erasure cannot be taken back)."""
        if field not in ANSWER_FIELDS:
            raise ValueError(f"{field} is not an interview answer")
        if field == "status" and value != "completed" and self.completion_is_final:
            raise ValueError("The identity is erased, so this interview stays Completed.")

    @property
    def completion_is_final(self) -> bool:
        """The store holds this interview as Completed and the candidate's identity is erased."""
        return self._stored_status == "completed" and self.candidate.identity_erased

    # the candidate -----------------------------------------------------------------------------------------
    @property
    def label(self) -> str:
        """How the call names the candidate: the name when it may be known, else the pseudonym their identity is
        erased under, the same before and after the erasure."""
        return self.candidate.full_name if identity_may_appear(self.candidate) else self.pseudonym

    @property
    def erasure_awaits(self) -> bool:
        """Whether the status Completed waits to erase the anonymous candidate's identity: held back from the
        store until ``confirm_erasure`` or ``finish``, so a slip of a key can still be taken back."""
        return self.interview.status == "completed" and must_erase_identity(self.candidate, [self.interview])

    def confirm_erasure(self) -> None:
        """The consultant confirmed the completion: the next flush completes the interview and erases the
        candidate's name, e-mail and phone."""
        if self.erasure_awaits:
            self._erasure_confirmed = self._interview_dirty = True

    def finish(self) -> None:
        """The call ends (its screen closes): the timer stops and a completion still standing takes effect."""
        self.stop_timer()
        self.confirm_erasure()

    def reload_candidate(self) -> bool:
        """Takes in changes made elsewhere to the candidate, client and role (call after a flush); True when the
        identity was erased meanwhile (the texts were reloaded too)."""
        self.client = self.store.clients.get(self.candidate.client_id)
        self.role = self.store.roles.get(self.candidate.role_id) if self.candidate.role_id else None
        return self._reload_if_anonymised()

    def set_rating(self, dimension: str, score: int | None) -> None:
        ratings = dict(self.interview.ratings)
        if score is None:
            ratings.pop(dimension, None)
        else:
            ratings[dimension] = score
        self.set_answer("ratings", ratings)

    # timer -------------------------------------------------------------------------------
    @property
    def timer_running(self) -> bool:
        return self._timer_started is not None

    def elapsed_seconds(self) -> int:
        """Seconds on the clock: the saved duration plus the running stretch."""
        base = (self.interview.duration_minutes or 0) * 60
        running = time.monotonic() - self._timer_started if self._timer_started is not None else 0
        return int(base + running)

    def start_timer(self) -> None:
        if self._timer_started is None:
            self._timer_started = time.monotonic()
            if not self.interview.conducted_at:
                self.set_answer("conducted_at", time.strftime("%Y-%m-%dT%H:%M:%S"))

    def stop_timer(self) -> None:
        if self._timer_started is not None:
            minutes = round(self.elapsed_seconds() / 60)
            self._timer_started = None
            self.set_answer("duration_minutes", minutes)

    # saving ------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return bool(self._dirty_notes) or self._interview_dirty

    def flush(self) -> FlushResult:
        """Writes every unsaved change in one transaction."""
        if not self.dirty:
            return FlushResult(0, False, False)
        erasing = self._erasure_confirmed and self.erasure_awaits
        if erasing:  # what is saved from now on is redacted of the identity, as the store redacts what it holds
            self._former_identity = Redactor([self.candidate.full_name], self.store.firm.get().phone_region)
        rewritten = self._scrub_former_identity()
        try:
            saved = self._write(erasing)
        except WorkspaceLost as exc:
            raise WorkspaceLost(f"{exc} {self._keep_in_recovery_file()}") from exc
        self._dirty_notes.clear()
        wrote_interview, self._interview_dirty = self._interview_dirty, False
        erased = self._reload_if_anonymised()
        return FlushResult(saved, wrote_interview, erased, rewritten)

    def _write(self, erasing: bool) -> int:
        current = {n.id: n for n in self.notes}
        saved = 0
        with self.store.write():
            for note_id in sorted(self._dirty_notes):
                note = current.get(note_id)
                if note is None or not note.text.strip():
                    if note_id in self._stored_notes:
                        self.store.notes.delete(note_id)
                        self._stored_notes.discard(note_id)
                    continue
                self.store.notes.save(note)
                self._stored_notes.add(note_id)
                saved += 1
            if erasing:
                reason = "anonymous interview completed"
                self.store.candidates.erase_identity(self.candidate.id, reason, self.pseudonym)
            if self._interview_dirty:
                held = self.erasure_awaits and not erasing  # stored with the status it had until confirmed
                written = replace(self.interview, status=self._stored_status) if held else self.interview
                stored = self.store.interviews.save(written)
                self._stored_status = stored.status
                self.interview = replace(stored, status=self.interview.status)
        return saved

    def _keep_in_recovery_file(self) -> str:
        """Writes the whole call, as it stands, to its recovery file; says where (or that this failed too)."""
        from consultant_app.interchange.exporter import interview_document, write_document
        from consultant_app.interchange.sealing import Seal

        target = recovery_file(self.store.path, self.candidate.id, self.interview.id)
        seal = Seal(passphrase=self.store.passphrase) if self.store.encrypted else None  # as secret as the workspace
        try:
            doc = interview_document(self.client, self.role, self.candidate, self.interview, self.notes)
            write_document(target, doc, seal)
        except WorkspaceError as exc:
            self.kept_in = None
            return f"Keeping the call in a recovery file failed too ({exc}): keep this window open."
        self.kept_in = target
        return (
            f"Everything typed in this call is kept in {target}; once the workspace is back, import that "
            "file (File → Import…" + (", with the workspace's passphrase)." if seal else ").")
        )

    def _scrub_former_identity(self) -> list[str]:
        """After an anonymous candidate's identity was erased during this call, the name, e-mail
        and phone typed afterwards are redacted as they are saved, in notes and the summary (the session
        still knows them)."""
        if self._former_identity is None:
            return []
        rewritten = []
        for index, note in enumerate(self.notes):
            if note.id in self._dirty_notes:
                clean = self._former_identity.redact(note.text)
                if clean != note.text:
                    self.notes[index] = replace(note, text=clean)
                    rewritten.append(note.id)
        summary = self.interview.summary
        if self._interview_dirty and summary and self._former_identity.redact(summary) != summary:
            self.interview = replace(self.interview, summary=self._former_identity.redact(summary))
        return rewritten

    def _reload_if_anonymised(self) -> bool:
        candidate = self.store.candidates.get(self.candidate.id)
        erased = candidate.identity_erased and not self.candidate.identity_erased
        if erased:
            self._former_identity = Redactor([self.candidate.full_name], self.store.firm.get().phone_region)
        self.candidate = candidate
        if erased:
            unsaved = [n for n in self.notes if n.id not in self._stored_notes]
            self.notes = self.store.notes.for_interview(self.interview.id) + unsaved
            self.interview = self.store.interviews.get(self.interview.id)
        return erased
