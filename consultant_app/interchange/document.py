"""The interchange document's shape: its top level, the errors an import reports (every problem with its path,
``clients[0].roles[1].title``), parsing a small document with plain errors, and logos in base64."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

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


def top_level_problems(doc: dict[str, Any]) -> list[str]:
    """Problems with the top level of a document: fields, format, version, scope."""
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
    return problems


def logo_problems(record: dict[str, Any], path: str) -> list[str]:
    try:
        decode_logo(record.get("logo") if isinstance(record.get("logo"), str) else None)
    except (binascii.Error, ValueError):
        return [f"{path}.logo: not valid base64 image data"]
    return []
