"""Field rules for every record, shared by the store (before a write) and the interchange import.

Each record kind has a table of field specs; ``check_fields`` returns every problem as
``path.field: message`` so an import can report all of them at once with their location.
Everything that enters is bounded: a label (a name, title, company, e-mail…) is one line of at
most ``MAX_LABEL`` characters, a text (a note, a summary) at most ``MAX_TEXT``; numbers are finite
and within their range (salaries up to ``MAX_SALARY``); no text holds a character that cannot be
stored (a lone surrogate).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from consultant_app.domain import taxonomy as tx
from consultant_app.domain.confidentiality import MAX_K, MIN_K

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
MAX_ID_LENGTH = 200
MAX_LABEL = 200
MAX_TEXT = 10 * 1024 * 1024  # 10 MiB of characters: a note pasted from a whole transcript fits many times over
MAX_SALARY = 100_000_000_000  # a year's pay in any currency, with room


@dataclass(frozen=True)
class Spec:
    kind: str  # id, label, text, date, datetime, color, int, number, bool, code, codes, ratings, names, base64
    required: bool = False
    choices: dict[str, str] | None = None
    low: float | None = None
    high: float | None = None
    what: str = "value"


def _spec(kind: str, required: bool = False, **kw: Any) -> Spec:
    return Spec(kind, required, **kw)


RECORD_SPECS: dict[str, dict[str, Spec]] = {
    "firm": {
        "name": _spec("label", True),
        "primary_color": _spec("color"),
        "accent_color": _spec("color"),
        "min_group_size": _spec("int", low=MIN_K, high=MAX_K),
        "phone_region": _spec("label"),
        "review_quotes": _spec("bool"),
        "logo": _spec("base64"),
    },
    "theme": {
        "id": _spec("id", True),
        "name": _spec("label", True),
        "color": _spec("color"),
        "description": _spec("text"),
        "parent": _spec("label"),
    },
    "guide": {"id": _spec("id", True), "name": _spec("label", True), "questions": _spec("questions")},
    "client": {
        "id": _spec("id", True),
        "name": _spec("label", True),
        "industry": _spec("label"),
        "region": _spec("label"),
        "brand_color": _spec("color"),
        "logo": _spec("base64"),
        "contact_name": _spec("label"),
        "contact_email": _spec("label"),
        "contact_phone": _spec("label"),
        "archived": _spec("bool"),
    },
    "role": {
        "id": _spec("id", True),
        "title": _spec("label", True),
        "department": _spec("label"),
        "level": _spec("label"),
        "location": _spec("label"),
        "work_mode": _spec("code", choices=tx.WORK_MODES, what="work mode"),
        "salary_offered": _spec("number", low=0, high=MAX_SALARY),
        "currency": _spec("label"),
        "hiring_manager": _spec("label"),
        "archived": _spec("bool"),
    },
    "candidate": {
        "id": _spec("id", True),
        "role_id": _spec("id"),
        "full_name": _spec("label", True),
        "email": _spec("label"),
        "phone": _spec("label"),
        "disclosure": _spec("code", True, choices=tx.DISCLOSURES, what="disclosure"),
        "consent_date": _spec("date"),
        "source": _spec("label"),
        "offer_date": _spec("date"),
        "decline_date": _spec("date"),
        "consent_withdrawn": _spec("date"),
        "identity_erased": _spec("bool"),
        "archived": _spec("bool"),
        "external_id": _spec("label"),
    },
    "interview": {
        "id": _spec("id", True),
        "status": _spec("code", True, choices=tx.INTERVIEW_STATUSES, what="interview status"),
        "scheduled_at": _spec("datetime"),
        "conducted_at": _spec("datetime"),
        "consultant": _spec("label"),
        "channel": _spec("code", choices=tx.CHANNELS, what="channel"),
        "duration_minutes": _spec("int", low=0, high=1440),
        "decline_reasons": _spec("codes", choices=tx.DECLINE_REASONS, what="decline reason"),
        "competing_company": _spec("label"),
        "competing_salary": _spec("number", low=0, high=MAX_SALARY),
        "recommend": _spec("int", low=tx.RECOMMEND_MIN, high=tx.RECOMMEND_MAX),
        "ratings": _spec("ratings", choices=tx.RATING_DIMENSIONS, low=tx.RATING_MIN, high=tx.RATING_MAX),
        "summary": _spec("text"),
        "created_at": _spec("datetime"),
        "updated_at": _spec("datetime"),
    },
    "note": {
        "id": _spec("id", True),
        "section": _spec("code", True, choices=tx.NOTE_SECTIONS, what="note section"),
        "text": _spec("text", True),
        "visibility": _spec("code", True, choices=tx.VISIBILITIES, what="visibility"),
        "themes": _spec("names"),
        "highlight": _spec("bool"),
        "created_at": _spec("datetime"),
        "updated_at": _spec("datetime"),
    },
}


def check_fields(kind: str, data: dict[str, Any], path: str, allowed_extra: tuple[str, ...] = ()) -> list[str]:
    """Every problem with the fields of one record, each as ``path.field: message``."""
    specs = RECORD_SPECS[kind]
    problems = [f"{path}.{k}: unknown field" for k in data if k not in specs and k not in allowed_extra]
    for name, spec in specs.items():
        value = data.get(name)
        if value is None:
            if spec.required:
                problems.append(f"{path}.{name}: required")
            continue
        problems += [f"{path}.{name}{where}: {msg}" for where, msg in _check_value(spec, value)]
    return problems


def validate_record(kind: str, record: Any) -> None:
    """Raises ValueError with every problem of a record (a dataclass) about to be stored."""
    specs = RECORD_SPECS[kind]
    data = {
        f.name: getattr(record, f.name) for f in fields(record) if f.name in specs and specs[f.name].kind != "base64"
    }  # images are checked where they are read
    problems = check_fields(kind, data, kind)
    if problems:
        raise ValueError("; ".join(problems))


def _check_value(spec: Spec, value: Any) -> list[tuple[str, str]]:
    kind = spec.kind
    if kind in ("id", "label", "text", "date", "datetime", "color", "code", "base64"):
        if not isinstance(value, str):
            return [("", f"expected text, got {_type(value)}")]
        if not _storable(value):
            return [("", "holds a character that is not valid text (a lone surrogate)")]
        if kind == "label" and len(value) > MAX_LABEL:
            return [("", f"{len(value):,} characters; at most {MAX_LABEL} are allowed")]
        if kind == "label" and _LINE_BREAK.search(value):
            return [("", "must be one line")]
        if kind == "text" and len(value) > MAX_TEXT:
            return [("", f"{len(value):,} characters; at most {MAX_TEXT:,} are allowed")]
        if kind == "id" and not (0 < len(value) <= MAX_ID_LENGTH):
            return [("", f"an id must have 1 to {MAX_ID_LENGTH} characters")]
        if kind == "date" and not _is_date(value):
            return [("", f"not a date in the form YYYY-MM-DD: {value[:40]!r}")]
        if kind == "datetime" and not _is_datetime(value):
            return [("", f"not a date and time in ISO form: {value[:40]!r}")]
        if kind == "color" and not _COLOR.match(value):
            return [("", f"not a colour in the form #RRGGBB: {value[:40]!r}")]
        if kind == "code" and value not in spec.choices:
            return [("", f"unknown {spec.what} {value[:40]!r}")]
        if spec.required and kind in ("label", "text") and not value.strip():
            return [("", "must not be empty")]
        return []
    if kind == "bool":
        return [] if isinstance(value, bool) else [("", f"expected true or false, got {_type(value)}")]
    if kind in ("int", "number"):
        ok_type = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type:
            return [("", f"expected {'a whole number' if kind == 'int' else 'a number'}, got {_type(value)}")]
        if isinstance(value, float) and not math.isfinite(value):
            return [("", f"{value} is not a number that can be stored")]
        if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
            return [("", f"{_short_number(value)} is outside {_range(spec)}")]
        return []
    if kind in ("codes", "names"):
        if not isinstance(value, list):
            return [("", f"expected a list, got {_type(value)}")]
        problems = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                problems.append((f"[{i}]", f"expected text, got {_type(item)}"))
            elif not _storable(item) or len(item) > MAX_LABEL or _LINE_BREAK.search(item):
                problems.append((f"[{i}]", f"must be one line of valid text of at most {MAX_LABEL} characters"))
            elif kind == "codes" and item not in spec.choices:
                problems.append((f"[{i}]", f"unknown {spec.what} {item[:40]!r}"))
        if len({v.casefold() for v in value if isinstance(v, str)}) != len(value):
            problems.append(("", "lists the same value twice"))
        return problems
    if kind == "ratings":
        if not isinstance(value, dict):
            return [("", f"expected an object of ratings, got {_type(value)}")]
        problems = []
        for dim, score in value.items():
            if dim not in spec.choices:
                problems.append((f".{dim}", "unknown rating dimension"))
            elif isinstance(score, bool) or not isinstance(score, int):
                problems.append((f".{dim}", f"expected a whole number, got {_type(score)}"))
            elif not spec.low <= score <= spec.high:
                problems.append((f".{dim}", f"{_short_number(score)} is outside {_range(spec)}"))
        return problems
    if kind == "questions":
        if not isinstance(value, dict):
            return [("", f"expected an object of questions per section, got {_type(value)}")]
        problems = []
        for section, questions in value.items():
            if section not in tx.NOTE_SECTIONS:
                problems.append((f".{section}", "unknown note section"))
            elif not isinstance(questions, list) or not all(isinstance(q, str) and _storable(q) for q in questions):
                problems.append((f".{section}", "expected a list of questions"))
        return problems
    raise AssertionError(f"unknown spec kind {kind}")


def _storable(value: str) -> bool:
    """Whether the text can be written as UTF-8 (a lone surrogate from JSON cannot)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _short_number(value: float) -> str:
    """A number for a message, short even when it has thousands of digits."""
    if isinstance(value, int) and value.bit_length() > 50:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _is_date(value: str) -> bool:
    try:
        return len(value) == 10 and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _is_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def _range(spec: Spec) -> str:
    if spec.high is None:
        return f"the allowed range (at least {spec.low:g})"
    return f"the allowed range {spec.low:g}–{spec.high:,.0f}"


def _type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def email_problem(text: str) -> str | None:
    """Why the text is not an e-mail address, or None when it is one."""
    return None if _EMAIL.match(text) else f"{text[:40]!r} is not an e-mail address"


def phone_problem(text: str, region: str) -> str | None:
    """Why the text is not a phone number (a local number read as the firm's ``region``), or None when it is one."""
    import phonenumbers  # here: loading its metadata costs time a workspace's opening does not need

    try:
        number = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return f"{text[:40]!r} is not a phone number"
    if len(str(number.national_number)) < 6 or not phonenumbers.is_possible_number(number):
        return f"{text[:40]!r} is not a possible phone number for {region or 'its country'}"
    return None
