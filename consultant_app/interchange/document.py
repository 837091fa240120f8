"""Reading and checking an interchange document: JSON parsing with plain errors, and a walk
over the whole tree that reports every problem with its path (``clients[0].roles[1].title``)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from consultant_app.domain.validation import check_fields

FORMAT = "debrief-interchange"
VERSION = 1
TOP_LEVEL = ("format", "version", "scope", "firm", "themes", "guides", "clients")
SCOPES = ("workspace", "client-internal")  # both firm-internal: an interchange file never goes to a client
OLD_CLIENT_COPY = (
    "scope: 'client' is a client copy made by an older Debrief (fresh ids, pseudonyms, redacted text), not the firm's "
    "data; importing it would count its interviews a second time. Import the firm's own export (a workspace or "
    "client-internal file) instead"
)
CHILDREN = {"client": ("roles", "candidates"), "candidate": ("interviews",), "interview": ("notes",)}
MAX_PROBLEMS_SHOWN = 50
PROBLEMS_IN_MESSAGE = 3


class InterchangeError(Exception):
    """A document that cannot be imported. Its message is one line with the first few problems (a command's
    error line); ``problems`` lists every reason with its path and ``all_problems`` shows them one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:PROBLEMS_IN_MESSAGE])
        more = len(problems) - PROBLEMS_IN_MESSAGE
        super().__init__(
            f"The file cannot be imported and nothing was changed: {shown}"
            + (f" (and {more} more problem{'s' * (more != 1)})." if more > 0 else ".")
        )

    @property
    def all_problems(self) -> str:
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        more = len(self.problems) - len(shown)
        return "\n".join(shown + ([f"… and {more} more"] if more else []))


def read_document(path: Path) -> dict[str, Any]:
    """The parsed document at ``path``; unreadable, non-UTF-8 or non-JSON files raise plainly."""
    return parse_document(read_bytes(path))


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InterchangeError([f"{path}: cannot be read ({exc.strerror or exc})"]) from exc


def parse_document(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError([f"document: not UTF-8 text (bad byte at position {exc.start})"]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            [f"document: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"]
        ) from exc
    except ValueError as exc:  # Python refuses to read integers of more than 4,300 digits
        raise InterchangeError(["document: holds a number with thousands of digits, which no field accepts"]) from exc
    except RecursionError as exc:
        raise InterchangeError(["document: nested too deeply to be an interchange file"]) from exc


def decode_logo(value: str | None) -> bytes | None:
    return base64.b64decode(value, validate=True) if value else None


def encode_logo(value: bytes | None) -> str | None:
    return base64.b64encode(value).decode("ascii") if value else None


def walk(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any] | None]]:
    """Every record of a document as (kind, path, record, parent); malformed lists are skipped
    here and reported by ``structural_problems``."""
    for i, theme in _objects(doc, "themes"):
        yield "theme", f"themes[{i}]", theme, None
    for i, guide in _objects(doc, "guides"):
        yield "guide", f"guides[{i}]", guide, None
    for ci, client in _objects(doc, "clients"):
        cpath = f"clients[{ci}]"
        yield "client", cpath, client, None
        for ri, role in _objects(client, "roles"):
            yield "role", f"{cpath}.roles[{ri}]", role, client
        for pi, candidate in _objects(client, "candidates"):
            ppath = f"{cpath}.candidates[{pi}]"
            yield "candidate", ppath, candidate, client
            for ii, interview in _objects(candidate, "interviews"):
                ipath = f"{ppath}.interviews[{ii}]"
                yield "interview", ipath, interview, candidate
                for ni, note in _objects(interview, "notes"):
                    yield "note", f"{ipath}.notes[{ni}]", note, interview


def _objects(record: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = record.get(key)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def structural_problems(doc: Any) -> list[str]:
    """Problems with the shape of the document: top level, lists of objects, field rules."""
    if not isinstance(doc, dict):
        return ["document: expected a JSON object at the top level"]
    problems = [f"{k}: unknown field" for k in doc if k not in TOP_LEVEL]
    if doc.get("format") != FORMAT:
        problems.append(f"format: expected {FORMAT!r}")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append("version: expected a whole number")
    elif version > VERSION:
        problems.append(f"version: written by a newer version of Debrief (format version {version}); update Debrief")
    elif version < 1:
        problems.append(f"version: {version} is not a format version")
    scope = doc.get("scope", SCOPES[0])
    if scope == "client":
        problems.append(OLD_CLIENT_COPY)
    elif scope not in SCOPES:
        problems.append(f"scope: expected {' or '.join(map(repr, SCOPES))}")
    if problems:
        return problems
    if "firm" in doc:
        if isinstance(doc["firm"], dict):
            problems += check_fields("firm", doc["firm"], "firm")
            problems += _logo_problems(doc["firm"], "firm")
        else:
            problems.append("firm: expected an object")
    problems += _list_problems(doc, ("themes", "guides", "clients"), "")
    for kind, path, record, _parent in walk(doc):
        extra = CHILDREN.get(kind, ()) + (("client_id",) if kind == "guide" else ())
        problems += check_fields(kind, record, path, allowed_extra=extra)
        problems += _list_problems(record, CHILDREN.get(kind, ()), path + ".")
        if kind == "client":
            problems += _logo_problems(record, path)
        if kind == "guide" and not isinstance(record.get("client_id", ""), (str, type(None))):
            problems.append(f"{path}.client_id: expected text")
    return problems


def _list_problems(record: dict[str, Any], keys: tuple[str, ...], prefix: str) -> list[str]:
    problems = []
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(f"{prefix}{key}: expected a list")
            continue
        problems += [
            f"{prefix}{key}[{i}]: expected an object" for i, item in enumerate(value) if not isinstance(item, dict)
        ]
    return problems


def _logo_problems(record: dict[str, Any], path: str) -> list[str]:
    try:
        decode_logo(record.get("logo") if isinstance(record.get("logo"), str) else None)
    except (binascii.Error, ValueError):
        return [f"{path}.logo: not valid base64 image data"]
    return []
