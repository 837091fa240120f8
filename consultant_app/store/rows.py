"""Mapping between domain dataclasses and table rows: JSON for list/dict fields, 0/1 for flags."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def _kind(type_name: Any) -> str:
    name = str(type_name)
    if name.startswith(("list", "dict")):
        return "json"
    return "bool" if name == "bool" else "plain"


def to_row(obj: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row for a dataclass instance, with JSON-encoded collections."""
    row = {}
    for f in fields(obj):
        if f.name in exclude:
            continue
        value = getattr(obj, f.name)
        kind = _kind(f.type)
        if kind == "json":
            value = json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
        elif kind == "bool":
            value = int(bool(value))
        row[f.name] = value
    return row


def from_row(cls: type[T], row: dict[str, Any], **extra: Any) -> T:
    """The dataclass instance for a row (extra keyword values override or add fields)."""
    values = {}
    for f in fields(cls):
        if f.name in extra:
            values[f.name] = extra[f.name]
            continue
        if f.name not in row:
            continue
        value = row[f.name]
        kind = _kind(f.type)
        if kind == "json":
            value = json.loads(value) if value else ([] if str(f.type).startswith("list") else {})
        elif kind == "bool":
            value = bool(value)
        values[f.name] = value
    return cls(**values)


def column_names(cls: type, exclude: tuple[str, ...] = ()) -> list[str]:
    return [f.name for f in fields(cls) if f.name not in exclude]
