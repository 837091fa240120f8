"""Text redaction: replaces known names, e-mail addresses, phone numbers and URLs with typed
placeholders such as ``[name]``.

This is the mechanism only; *when* to redact is decided by ``confidentiality``. Full names match
case-insensitively; single name parts (at least three letters, particles excluded) match when
capitalised, so "Alex said" is caught but "mark the note" is not caught by a "Mark".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

PLACEHOLDERS = {"name": "[name]", "email": "[email]", "phone": "[phone]", "url": "[url]"}

_NAME_PARTICLES = {"van", "von", "der", "den", "del", "della", "des", "dos", "das", "bin", "ibn", "al", "la", "le", "de", "da", "di", "du", "mc", "st"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]", re.IGNORECASE)
# Phone-like runs of digits that phonenumbers may not recognise for the firm's region.
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d[\d\s().\-/]{6,}\d(?![\w])")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    full, parts = set(), set()
    for name in names:
        name = " ".join((name or "").split())
        if len(name) < 2:
            continue
        full.add(name)
        for part in re.split(r"[\s\-]+", name):
            if len(part) >= 3 and part.lower() not in _NAME_PARTICLES and part[0].isupper():
                parts.add(part)
    if not full:
        return None
    alternatives = [
        "(?i:" + r"\s+".join(map(re.escape, n.split())) + ")" for n in sorted(full, key=len, reverse=True)
    ] + [re.escape(p) for p in sorted(parts - full, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


@dataclass
class Redactor:
    """Redacts one set of known names plus every e-mail, phone number and URL in a text."""

    names: Iterable[str] = ()
    phone_region: str = "DE"
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._names = _name_pattern(self.names)

    def redact(self, text: str) -> str:
        """The text with identifying details replaced; ``counts`` tallies what was replaced."""
        if not text:
            return text
        text = self._sub(_EMAIL, "email", text)
        text = self._sub(_URL, "url", text)
        text = self._redact_phones(text)
        if self._names is not None:
            text = self._sub(self._names, "name", text)
        return text

    def _sub(self, pattern: re.Pattern[str], kind: str, text: str) -> str:
        text, n = pattern.subn(PLACEHOLDERS[kind], text)
        self.counts[kind] += n
        return text

    def _redact_phones(self, text: str) -> str:
        spans = [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, self.phone_region)]
        for m in _DIGIT_RUN.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if len(digits) >= 7 and not _ISO_DATE.match(m.group().strip()):
                spans.append((m.start(), m.end()))
        if not spans:
            return text
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in reversed(merged):
            text = text[:start] + PLACEHOLDERS["phone"] + text[end:]
        self.counts["phone"] += len(merged)
        return text
