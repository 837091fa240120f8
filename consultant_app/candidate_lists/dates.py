"""Dates as clients' spreadsheets hold them: Excel date cells, ISO (``2026-03-12``, with or without a time),
``12/03/2026`` or ``03/12/2026`` (the order read from the file's own dates where one part is above 12, else from the
firm's region: month first in the United States, Canada and the Philippines), ``12.03.2026``, and ``12 Mar 2026`` or
``Mar 12, 2026``. Each becomes ``YYYY-MM-DD``, or None with the reason."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

MONTH_FIRST_REGIONS = {"US", "CA", "PH"}
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y")


def day_first_for(values: Iterable[object], region: str) -> bool:
    """Whether ``a/b/yyyy`` dates in this file are day first: the file's own dates decide when one of them can only
    be read one way, else the firm's region."""
    for value in values:
        found = _NUMERIC.match(value.strip()) if isinstance(value, str) else None
        if found:
            first, second = int(found[1]), int(found[2])
            if first > 12 >= second:
                return True
            if second > 12 >= first:
                return False
    return region.upper() not in MONTH_FIRST_REGIONS


def order_read(values: list[object], day_first: bool) -> str | None:
    """How a column's ``a/b/yyyy`` dates are read, for the person to check, when it has any: ``10/03/2026 is read
    day first, as 2026-03-10``."""
    example = next((v.strip() for v in values if isinstance(v, str) and _NUMERIC.match(v.strip())), None)
    read, _ = parse_date(example, day_first) if example else (None, None)
    return read and f"{example} is read {'day' if day_first else 'month'} first, as {read}"


def parse_date(value: object, day_first: bool) -> tuple[str | None, str | None]:
    """(the ISO date, None) or (None, why it is not a date)."""
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, (int, float)):
        return None, f"{value!r} is a number, not a date"
    text = str(value).strip()
    try:
        if found := _ISO.match(text):
            return date(int(found[1]), int(found[2]), int(found[3])).isoformat(), None
        if found := _NUMERIC.match(text):
            a, b, year = int(found[1]), int(found[2]), int(found[3])
            year += 2000 if year < 100 else 0
            day, month = (a, b) if day_first else (b, a)
            return date(year, month, day).isoformat(), None
    except ValueError:
        return None, f"{text[:40]!r} is not a date that exists"
    for form in _FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat(), None
        except ValueError:
            continue
    return None, f"{text[:40]!r} is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)"
