"""Mapping between domain dataclasses and table rows: JSON for list/dict fields, 0/1 for flags.

The plan for each dataclass (which fields are JSON, which are flags) is worked out once and
cached, because bulk reads convert hundreds of thousands of rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import cache, lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _plan(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(field name, kind, empty value) for each field: kind is json, bool or plain."""
    plan = []
    for f in fields(cls):
        name = str(f.type)
        if name.startswith(("list", "dict")):
            plan.append((f.name, "json", list if name.startswith("list") else dict))
        else:
            plan.append((f.name, "bool" if name == "bool" else "plain", None))
    return tuple(plan)


def to_row(obj: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row for a dataclass instance, with JSON-encoded collections."""
    row = {}
    for name, kind, _empty in _plan(type(obj)):
        if name in exclude:
            continue
        value = getattr(obj, name)
        if kind == "json":
            value = json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict), allow_nan=False)
        elif kind == "bool":
            value = int(bool(value))
        row[name] = value
    return row


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """The dataclass instance for a row (columns the dataclass lacks are ignored)."""
    return row_reader(cls, tuple(row))(tuple(row.values()))


@lru_cache(maxsize=256)
def row_reader(cls: type[T], columns: tuple[str, ...], offset: int = 0) -> Callable[[Sequence[Any]], T]:
    """A function making the dataclass instance from a result tuple whose ``columns`` start at
    ``offset`` (bulk reads of joined rows convert several records from one tuple)."""
    positions = {column: offset + i for i, column in enumerate(columns)}
    steps = [(positions[name], name, kind, empty) for name, kind, empty in _plan(cls) if name in positions]

    def read(values: Sequence[Any]) -> T:
        kwargs = {}
        for position, name, kind, empty in steps:
            value = values[position]
            if kind == "json":
                value = json.loads(value) if value else empty()
            elif kind == "bool":
                value = bool(value)
            kwargs[name] = value
        return cls(**kwargs)

    return read
