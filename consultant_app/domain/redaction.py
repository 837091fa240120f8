"""Text redaction: replaces known names, e-mail addresses, phone numbers and URLs with typed
placeholders such as ``[name]``.

This is the mechanism only; *when* to redact is decided by ``confidentiality``. Full names match
case-insensitively, word by word; single name parts (at least three letters, particles excluded)
match when capitalised, so "Alex said" is caught but "mark the note" is not caught by a "Mark".
Possessives ("Alex's") are caught too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

PLACEHOLDERS = {"name": "[name]", "email": "[email]", "phone": "[phone]", "url": "[url]"}

_NAME_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "del",
    "della",
    "des",
    "dos",
    "das",
    "bin",
    "ibn",
    "al",
    "la",
    "le",
    "de",
    "da",
    "di",
    "du",
    "mc",
    "st",
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]", re.IGNORECASE)
# Phone-like runs of digits that phonenumbers may not recognise for the firm's region.
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d[\d\s().\-/]{6,}\d(?![\w])")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ENOUGH_DIGITS = re.compile(r"(?:\d\D{0,3}){6}")
_ANY_DIGIT = re.compile(r"\d")  # a cheaper first test: most notes hold no digit at all


_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)


class _NameIndex:
    """Known names as token sequences, matched word by word (fast with thousands of names)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.full: set[tuple[str, ...]] = set()
        self.parts: set[str] = set()
        for name in names:
            tokens = _TOKEN.findall(name or "")
            if not tokens or len(" ".join(tokens)) < 2:
                continue
            self.full.add(tuple(t.casefold() for t in tokens))
            self.parts.update(t for t in tokens if len(t) >= 3 and t.lower() not in _NAME_PARTICLES and t[0].isupper())
        self.longest = max((len(f) for f in self.full), default=0)
        self.first = {f[0] for f in self.full}
        self.any_word = self.first | {p.casefold() for p in self.parts}

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.any_word.isdisjoint(_TOKEN.findall(text.casefold())):
            return []  # fast path: not one word of the text starts a known name
        words = list(_TOKEN.finditer(text))
        folded = [w.group().casefold() for w in words]
        found, i = [], 0
        while i < len(words):
            length = self._full_match(text, words, folded, i) if folded[i] in self.first else 0
            if length:
                found.append((words[i].start(), words[i + length - 1].end()))
                i += length
                continue
            word = words[i].group()
            if word[0].isupper() or folded[i] in self.first:
                stem = word[:-2] if word[-2:] in ("'s", "’s", "'S", "’S") else word
                if stem in self.parts or (stem.casefold(),) in self.full:
                    found.append((words[i].start(), words[i].start() + len(stem)))
            i += 1
        return found

    def _full_match(self, text: str, words: list, folded: list[str], start: int) -> int:
        for length in range(min(self.longest, len(words) - start), 0, -1):
            if tuple(folded[start : start + length]) not in self.full:
                continue
            run = words[start : start + length]
            if all(text[a.end() : b.start()].isspace() for a, b in zip(run, run[1:])):
                return length
        return 0


@dataclass
class Redactor:
    """Redacts one set of known names plus every e-mail, phone number and URL in a text."""

    names: Iterable[str] = ()
    phone_region: str = "DE"
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._names = _NameIndex(self.names)

    def redact(self, text: str) -> str:
        """The text with identifying details replaced; ``counts`` tallies what was replaced."""
        if not text:
            return text
        if "@" in text:
            text = self._sub(_EMAIL, "email", text)
        lowered = text.lower()
        if "http" in lowered or "www." in lowered:
            text = self._sub(_URL, "url", text)
        text = self._redact_phones(text)
        spans = self._names.spans(text) if self._names.full else []
        for start, end in reversed(spans):
            text = text[:start] + PLACEHOLDERS["name"] + text[end:]
        self.counts["name"] += len(spans)
        return text

    def _sub(self, pattern: re.Pattern[str], kind: str, text: str) -> str:
        text, n = pattern.subn(PLACEHOLDERS[kind], text)
        self.counts[kind] += n
        return text

    def _redact_phones(self, text: str) -> str:
        if not _ANY_DIGIT.search(text) or not _ENOUGH_DIGITS.search(text):
            return text  # no phone number has fewer than six digits: skip the (slow) matcher
        import phonenumbers  # loaded on first use: it is large, and the app's start does not need it

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
