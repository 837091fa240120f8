"""The operations a sync carries between replicas (``domain.merge`` says what they do): a field ``Write``, an
``Erasure`` of a candidate, an ``IdentityErasure`` (their name becomes a pseudonym, contacts gone) and a consent
``Withdrawal``, each stamped with a hybrid logical clock, and their plain JSON form in change bundles, which
refuses a malformed change with a ValueError naming what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from consultant_app.domain.merge_clock import Clock


@dataclass(frozen=True)
class Write:
    """Sets ``field`` of ``entity`` ("notes/<id>") to ``value``; replaces the writes in ``supersedes`` (the heads
    of this register its writer had seen). ``owner`` is the candidate the record belongs to, if any."""

    op_id: str
    entity: str
    field: str
    value: Any
    clock: Clock
    supersedes: frozenset[str] = frozenset()
    owner: str | None = None


@dataclass(frozen=True)
class Erasure:
    """The candidate is erased: every write owned by them, made before or after, is dropped everywhere."""

    op_id: str
    candidate_id: str
    clock: Clock


@dataclass(frozen=True)
class IdentityErasure:
    """The candidate's identity is erased: their name is ``pseudonym`` and their e-mail and phone are gone on every
    replica, whatever was written to them before or after (two concurrent erasures: the earlier's pseudonym)."""

    op_id: str
    candidate_id: str
    pseudonym: str
    clock: Clock


@dataclass(frozen=True)
class Withdrawal:
    """The candidate withdrew consent; nothing makes that undone."""

    op_id: str
    candidate_id: str
    clock: Clock


Op = Write | Erasure | IdentityErasure | Withdrawal


def new_op_id(clock: Clock) -> str:
    """A change's id, unique because a replica's clock never gives the same stamp twice."""
    return f"{clock.replica}:{clock.wall_ms}:{clock.counter}"


# -- operations as plain JSON, for change bundles ---------------------------------------------------------------
FIELDS = {
    "write": ("op_id", "entity", "field", "value", "clock", "supersedes", "owner"),
    "erasure": ("op_id", "candidate_id", "clock"),
    "withdrawal": ("op_id", "candidate_id", "clock"),
    "identity_erasure": ("op_id", "candidate_id", "pseudonym", "clock"),
}
KEYS = {kind: frozenset({"kind", *names}) for kind, names in FIELDS.items()}
KINDS = {Write: "write", Erasure: "erasure", Withdrawal: "withdrawal", IdentityErasure: "identity_erasure"}


def op_to_json(op: Op) -> dict[str, Any]:
    kind = KINDS[type(op)]
    out: dict[str, Any] = {"kind": kind, **{name: getattr(op, name) for name in FIELDS[kind]}}
    out["clock"] = [op.clock.wall_ms, op.clock.counter, op.clock.replica]
    if kind == "write":
        out["supersedes"] = sorted(op.supersedes)
    return out


def op_from_json(data: Any) -> Op:
    """The operation a change bundle holds; a malformed one is refused with a ValueError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"A change must be a JSON object, not {type(data).__name__}.")
    kind = data.get("kind")
    if kind not in FIELDS:
        raise ValueError(f"Unknown kind of change {kind!r}; expected one of {', '.join(FIELDS)}.")
    expected = KEYS[kind]
    if data.keys() != expected:
        if missing := sorted(expected - data.keys()):
            raise ValueError(f"A {kind} change lacks {', '.join(missing)}.")
        raise ValueError(f"A {kind} change has unknown keys {', '.join(map(str, sorted(data.keys() - expected)))}.")
    _text(data, "op_id")
    clock = _clock(data["clock"])
    if kind == "identity_erasure":
        return IdentityErasure(data["op_id"], _text(data, "candidate_id"), _text(data, "pseudonym"), clock)
    if kind != "write":
        cls = Erasure if kind == "erasure" else Withdrawal
        return cls(data["op_id"], _text(data, "candidate_id"), clock)
    if "/" not in _text(data, "entity"):
        raise ValueError(f"A write's entity must read table/id, not {data['entity']!r}.")
    supersedes = data["supersedes"]
    if not isinstance(supersedes, list) or not all(isinstance(s, str) and s for s in supersedes):
        raise ValueError("A write's supersedes must be a list of change ids.")
    if data["owner"] is not None:
        _text(data, "owner")
    _check_plain(data["value"])
    return Write(
        data["op_id"], data["entity"], _text(data, "field"), data["value"], clock, frozenset(supersedes), data["owner"]
    )


def _text(data: dict, key: str) -> str:
    if type(data[key]) is not str or not data[key]:
        raise ValueError(f"A change's {key} must be a non-empty string, not {data[key]!r}.")
    return data[key]


def _clock(raw: Any) -> Clock:
    if not (
        type(raw) is list
        and len(raw) == 3
        and type(raw[0]) is int
        and type(raw[1]) is int
        and raw[0] >= 0
        and raw[1] >= 0
        and type(raw[2]) is str
        and raw[2]
    ):
        raise ValueError(f"A change's clock must be [wall_ms, counter, replica], not {raw!r}.")
    return Clock(*raw)


PLAIN = (str, int, float, bool)


def _check_plain(value: Any) -> None:
    if value is None or type(value) in PLAIN:
        return
    if isinstance(value, list):
        for item in value:
            _check_plain(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"A written value's keys must be strings, not {key!r}.")
            _check_plain(item)
    elif not (value is None or isinstance(value, str | int | float | bool)):
        raise ValueError(f"A written value must be plain JSON, not {type(value).__name__}.")
