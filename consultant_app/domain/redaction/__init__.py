"""Text redaction: replaces people's names, contact details and identifiers with typed placeholders such as
``[name]``. This is the mechanism only; *when* to redact, and whose name may stay, is decided by
``confidentiality``. ``Redactor.find`` says where each finding is (the quote review shows them);
``Redactor.redact`` replaces them and tallies what it replaced in ``counts``.

What it finds: names the workspace knows (``names``), erased people from their keyed hashes (``erased``),
candidates' ids in their client's hiring system however they are typed (``known_ids``, matched as ``ids`` says; an
erased person's from its keyed hash), companies not to be named (``companies``:
competitors too few candidates went to), and, unless ``identifiers`` is off (erasing one person from other people's
notes touches nothing else), people the workspace does not know (``people``: by title, role or given name; not
inside a company the workspace knows, ``organisations``: "Morgan Stanley") and everything in ``patterns`` —
e-mails, links, handles, identity numbers and IBANs, dates of birth, addresses, phones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from consultant_app.domain.redaction import patterns, people
from consultant_app.domain.redaction.erased import ErasedIndex, identity_digests
from consultant_app.domain.redaction.ids import LONGEST_KEY, MIN_KNOWN_ID, id_key, id_number, id_spans
from consultant_app.domain.redaction.names import NameIndex, name_parts, name_tokens

PLACEHOLDERS = {  # when two findings overlap, the one listed first wins: an address holding a name is an address
    "email": "[email]",
    "url": "[url]",
    "handle": "[handle]",
    "id": "[id]",
    "birth date": "[date of birth]",
    "address": "[address]",
    "phone": "[phone]",
    "name": "[name]",
    "company": "[another company]",
    "reviewer": "[redacted]",  # what a person hid in the quote review
}
_PRIORITY = list(PLACEHOLDERS)

__all__ = ["PLACEHOLDERS", "ErasedIndex", "Finding", "Printed", "Redactor", "identity_digests"]


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Printed:
    """A redacted text and, in its coordinates, what each placeholder stands for."""

    text: str
    segments: tuple[tuple[int, int, str, str], ...] = ()  # start, end, kind, the original words


@dataclass
class Redactor:
    names: Iterable[str] = ()
    phone_region: str = "DE"
    erased: ErasedIndex | None = None
    companies: Iterable[str] = ()
    identifiers: bool = True  # False: only the names and the erased people's own contact details
    protect: NameIndex | None = None  # full names of other people whose parts stay (a namesake's surname)
    organisations: Iterable[str] = ()  # companies the workspace knows: no person found inside their names
    known_ids: Iterable[str] = ()  # candidates' ids in their client's hiring system: the client can look them up
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        keys = {k for k in map(id_key, self.known_ids) if len(k) >= MIN_KNOWN_ID}
        self._ids = frozenset(keys | {n for n in map(id_number, keys) if n})  # "gh48211" and its "48211"
        self._longest_id = max(map(len, keys), default=0)
        self._ids_have_digits = all(not k.isalpha() for k in keys)  # as most do: texts without a digit are skipped
        if self.erased and self.erased.by_kind.get("id"):  # erased people's ids hold a digit to be found
            self._longest_id = LONGEST_KEY
            self._is_id = lambda key: key in self._ids or self.erased.is_id(key)
        else:
            self._is_id = self._ids.__contains__ if self._ids else None
        self._names = NameIndex(self.names)
        self._companies = NameIndex(self.companies, parts=False)
        self._organisations = NameIndex(self.organisations, parts=False)

    def find(self, text: str, keep: str | None = None) -> list[Finding]:
        """Every finding in ``text``, in order, overlaps resolved. ``keep`` is a person's name to leave alone
        (a named candidate's own name in their own words); their contact details are still found."""
        if not text:
            return []
        spans = list(patterns.find_all(text, self.phone_region)) if self.identifiers else []
        kept = (
            frozenset(name_parts(name_tokens(keep)) | {t.casefold() for t in name_tokens(keep)})
            if keep
            else frozenset()
        )
        names = self._names.spans(text, kept) if self._names else []
        if self.erased:
            names += self.erased.name_spans(text)
            if not self.identifiers:  # otherwise every e-mail and phone is found anyway
                spans += self.erased.contact_spans(text)
        if self.identifiers:
            unknown = people.spans(text, kept, names)
            if self._organisations and unknown:
                companies = self._organisations.spans(text)
                unknown = [(a, b) for a, b in unknown if not any(c <= a and b <= d for c, d in companies)]
            names += unknown
        spans += [(a, b, "name") for a, b in names]
        if self._is_id:
            spans += [(a, b, "id") for a, b in id_spans(text, self._is_id, self._longest_id, self._ids_have_digits)]
        if self._companies:
            spans += [(a, b, "company") for a, b in self._companies.spans(text)]
        if self.protect:
            kept_names = self.protect.spans(text)
            spans = [s for s in spans if s[2] != "name" or not any(a <= s[0] and s[1] <= b for a, b in kept_names)]
        return _resolve(spans)

    def redact(self, text: str, keep: str | None = None) -> str:
        """The text with every finding replaced by its placeholder; ``counts`` tallies them by kind."""
        return self.printed(text, keep).text

    def printed(
        self, text: str, keep: str | None = None, redact: Iterable[str] = (), restore: Iterable[str] = ()
    ) -> Printed:
        """As ``redact``, with a reviewer's edits: each of ``redact`` hidden wherever it occurs, and findings
        whose words are in ``restore`` left as they are. Says where each placeholder stands."""
        if not text:
            return Printed(text)
        restored = set(restore)
        spans = [(f.start, f.end, f.kind) for f in self.find(text, keep) if text[f.start : f.end] not in restored]
        for words in filter(None, redact):
            start = text.find(words)
            while start >= 0:
                spans.append((start, start + len(words), "reviewer"))
                start = text.find(words, start + len(words))
        out, segments, at, length = [], [], 0, 0
        for f in _resolve(spans):
            out.append(text[at : f.start])
            length += f.start - at
            placeholder = PLACEHOLDERS[f.kind]
            segments.append((length, length + len(placeholder), f.kind, text[f.start : f.end]))
            out.append(placeholder)
            length += len(placeholder)
            at = f.end
            self.counts[f.kind] += 1
        out.append(text[at:])
        return Printed("".join(out), tuple(segments))


def _resolve(spans: list[tuple[int, int, str]]) -> list[Finding]:
    """Overlapping findings merge into one span of the kind that ranks first."""
    merged: list[list] = []
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _PRIORITY.index(kind) < _PRIORITY.index(last[2]):
                last[2] = kind
        else:
            merged.append([start, end, kind])
    return [Finding(*m) for m in merged]
