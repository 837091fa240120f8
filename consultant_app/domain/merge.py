"""The merge rules that combine several consultants' workspaces, in one place (docs/merge.md says them in plain
words). Every workspace is a replica; a change is an operation (a field ``Write``, an ``Erasure`` or a consent
``Withdrawal``) stamped with a hybrid logical clock. ``MergeState`` is a state-based CRDT: each (entity, field) is
a multi-value register holding its heads (writes no later write has superseded), next to a grow-only set of
superseded write ids and grow-only ledgers of erased and withdrawn candidates. Applying operations in any order,
any number of times, or merging whole states, gives the same state on every replica; ``FIELD_KINDS`` then says
how a register's heads resolve to one value: newest wins, confidentiality only tightens on conflict, two texts
typed concurrently are a conflict a person resolves, and nothing owned by an erased candidate survives."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from consultant_app.domain.merge_clock import Clock
from consultant_app.domain.merge_ops import (
    Erasure,
    IdentityErasure,
    Op,
    Withdrawal,
    Write,
    new_op_id,
    op_from_json,
    op_to_json,
)

__all__ = ["Erasure", "IdentityErasure", "MergeState", "Op", "Withdrawal", "Write", "op_from_json", "op_to_json"]
from consultant_app.domain.taxonomy import DISCLOSURES, VISIBILITIES

# (table, field) → how the heads of that register resolve; any other field resolves as "newest"
FIELD_KINDS: dict[tuple[str, str], str] = {
    ("notes", "text"): "text",
    ("interviews", "summary"): "text",
    ("notes", "visibility"): "visibility",
    ("candidates", "disclosure"): "disclosure",
    ("candidates", "consent_withdrawn"): "withdrawal",
    ("candidates", "identity_erased"): "sticky",
}
TIGHTNESS = {  # loosest first: on conflict the value furthest along wins
    "visibility": tuple(VISIBILITIES),  # shareable, aggregate, internal
    "disclosure": tuple(DISCLOSURES),  # named, confidential, anonymous
}


IDENTITY_FIELDS = ("full_name", "email", "phone", "external_id")  # a candidate's, gone with an identity erasure


def field_kind(entity: str, field: str) -> str:
    return FIELD_KINDS.get((entity.partition("/")[0], field), "newest")


def _newest(heads: tuple[Write, ...]) -> Write:
    return max(heads, key=lambda w: (w.clock, w.op_id))


def _tightest(heads: tuple[Write, ...], order: tuple[str, ...]) -> Write:
    def rank(w: Write) -> int:  # a value outside the vocabulary counts as tightest: unknown fails closed
        return order.index(w.value) if w.value in order else len(order)

    return max(heads, key=lambda w: (rank(w), w.clock, w.op_id))


class MergeState:
    """One replica's view of every register and ledger. ``apply`` and ``merge`` are idempotent, commutative and
    associative; two states that have seen the same operations are equal and have the same ``snapshot()``."""

    def __init__(self) -> None:
        self._heads: dict[tuple[str, str], dict[str, Write]] = {}
        self._where: dict[str, tuple[str, str]] = {}  # head op id → its register
        self._superseded: set[str] = set()
        self._erased: set[str] = set()
        self._withdrawn: dict[str, Clock] = {}  # candidate → the earliest withdrawal's clock
        self._scrubbed: dict[str, tuple[Clock, str, str]] = {}  # candidate → earliest (clock, op id, pseudonym)

    # -- taking changes in ------------------------------------------------------------------------------------
    def apply(self, op: Op) -> None:
        if isinstance(op, Write):
            if op.supersedes:
                self._supersede(op.supersedes)
            if op.op_id in self._superseded or op.owner in self._erased or self._scrubs(op.entity, op.field):
                return
            register = (op.entity, op.field)
            self._heads.setdefault(register, {})[op.op_id] = op
            self._where[op.op_id] = register
        elif isinstance(op, Erasure):
            self._erase(op.candidate_id)
        elif isinstance(op, IdentityErasure):
            self._scrub(op.candidate_id, (op.clock, op.op_id, op.pseudonym))
        elif isinstance(op, Withdrawal):
            self._withdraw(op.candidate_id, op.clock)
        else:
            raise TypeError(f"Not a merge operation: {op!r}")

    def merge(self, other: MergeState) -> None:
        """Takes in everything ``other`` knows (the join of the two states)."""
        self._supersede(other._superseded)
        for candidate_id in other._erased:
            self._erase(candidate_id)
        for candidate_id, clock in other._withdrawn.items():
            self._withdraw(candidate_id, clock)
        for candidate_id, scrub in other._scrubbed.items():
            self._scrub(candidate_id, scrub)
        for heads in other._heads.values():
            for write in heads.values():
                self.apply(write)

    def add_superseded(self, op_ids: set[str]) -> None:
        """Takes in that these writes were replaced (a replica holding only part of its state in memory says so of
        the writes it is about to apply, so a late or repeated one is dropped)."""
        self._supersede(set(op_ids))

    def _supersede(self, op_ids: frozenset[str] | set[str]) -> None:
        for op_id in op_ids - self._superseded:
            self._superseded.add(op_id)
            register = self._where.pop(op_id, None)
            if register is not None:
                self._drop(register, op_id)

    def _erase(self, candidate_id: str) -> None:
        self._erased.add(candidate_id)
        owned = [w for heads in self._heads.values() for w in heads.values() if w.owner == candidate_id]
        for write in owned:
            del self._where[write.op_id]
            self._drop((write.entity, write.field), write.op_id)

    def _scrub(self, candidate_id: str, scrub: tuple[Clock, str, str]) -> None:
        earliest = self._scrubbed.get(candidate_id)
        self._scrubbed[candidate_id] = scrub if earliest is None else min(earliest, scrub)
        for name in IDENTITY_FIELDS:
            for op_id in list(self._heads.get((f"candidates/{candidate_id}", name), {})):
                del self._where[op_id]
                self._drop((f"candidates/{candidate_id}", name), op_id)

    def _scrubs(self, entity: str, field: str) -> bool:
        table, _, record_id = entity.partition("/")
        return table == "candidates" and field in IDENTITY_FIELDS and record_id in self._scrubbed

    def _withdraw(self, candidate_id: str, clock: Clock) -> None:
        earliest = self._withdrawn.get(candidate_id)
        self._withdrawn[candidate_id] = clock if earliest is None else min(earliest, clock)

    def _drop(self, register: tuple[str, str], op_id: str) -> None:
        heads = self._heads[register]
        del heads[op_id]
        if not heads:
            del self._heads[register]

    # -- making changes here ----------------------------------------------------------------------------------
    def local_write(self, clock: Clock, entity: str, field: str, value: Any, owner: str | None = None) -> Write:
        """A change made on this replica, replacing every head of the register it has seen; applied here too."""
        if owner in self._erased:
            raise ValueError(f"Candidate {owner} was erased; nothing more can be recorded about them.")
        seen = frozenset(self._heads.get((entity, field), ()))
        write = Write(new_op_id(clock), entity, field, value, clock, seen, owner)
        self.apply(write)
        return write

    def local_erasure(self, clock: Clock, candidate_id: str) -> Erasure:
        erasure = Erasure(new_op_id(clock), candidate_id, clock)
        self.apply(erasure)
        return erasure

    def local_identity_erasure(self, clock: Clock, candidate_id: str, pseudonym: str) -> IdentityErasure:
        erasure = IdentityErasure(new_op_id(clock), candidate_id, pseudonym, clock)
        self.apply(erasure)
        return erasure

    def local_withdrawal(self, clock: Clock, candidate_id: str) -> Withdrawal:
        withdrawal = Withdrawal(new_op_id(clock), candidate_id, clock)
        self.apply(withdrawal)
        return withdrawal

    # -- reading the result -----------------------------------------------------------------------------------
    def heads(self, entity: str, field: str) -> tuple[Write, ...]:
        """The writes of this register no other write replaced, oldest clock first."""
        found = self._heads.get((entity, field))
        if not found:
            return ()
        if len(found) == 1:
            return tuple(found.values())
        return tuple(sorted(found.values(), key=lambda w: (w.clock, w.op_id)))

    def all_heads(self) -> list[Write]:
        """Every register's heads, in no particular order."""
        return [write for heads in self._heads.values() for write in heads.values()]

    def value(self, entity: str, field: str) -> Any:
        """The register's value under its field kind's rule (None when nothing was written)."""
        if self._scrubs(entity, field):
            return self._scrubbed[entity.partition("/")[2]][2] if field == "full_name" else None
        heads, kind = self.heads(entity, field), field_kind(entity, field)
        if kind == "withdrawal":  # the ledger wins over "not withdrawn"; on conflict the earliest date
            dates = [w.value for w in heads if w.value]
            withdrawn = self._withdrawn.get(entity.partition("/")[2])
            if withdrawn is not None:
                dates.append(datetime.fromtimestamp(withdrawn.wall_ms / 1000, UTC).date().isoformat())
            return min(dates, default=None)
        if not heads:
            return None
        if kind == "sticky":
            return any(w.value for w in heads)
        if kind in TIGHTNESS:
            return _tightest(heads, TIGHTNESS[kind]).value
        return _newest(heads).value

    def conflicts(self) -> list[tuple[str, str, tuple[Write, ...]]]:
        """The texts typed on several replicas since they last met: (entity, field, heads), for a person to
        resolve with a ``local_write`` (which supersedes every head it saw)."""
        return [
            (entity, field, self.heads(entity, field))
            for entity, field in sorted(self._heads)
            if field_kind(entity, field) == "text" and len(self._heads[entity, field]) > 1
        ]

    def is_erased(self, candidate_id: str) -> bool:
        return candidate_id in self._erased

    def is_scrubbed(self, candidate_id: str) -> bool:
        return candidate_id in self._scrubbed

    def is_withdrawn(self, candidate_id: str) -> bool:
        return candidate_id in self._withdrawn

    def snapshot(self) -> dict[str, list]:
        """The whole state as sorted plain values: equal on two replicas exactly when the states are equal."""
        return {
            "heads": [
                [entity, field, [op_to_json(w) for w in self.heads(entity, field)]]
                for entity, field in sorted(self._heads)
            ],
            "superseded": sorted(self._superseded),
            "erased": sorted(self._erased),
            "withdrawn": sorted([c, [k.wall_ms, k.counter, k.replica]] for c, k in self._withdrawn.items()),
            "scrubbed": sorted([c, pseudonym] for c, (_, _, pseudonym) in self._scrubbed.items()),
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MergeState) and self.snapshot() == other.snapshot()

    __hash__ = None  # type: ignore[assignment]  # mutable
