"""Quotes for a client output. Each output (a report's highlighted notes, a dataset's shareable notes) makes a
``QuoteDraft`` of every note in its scope that may be quoted, with the redactor that output uses; the quote
review shows those same drafts to a person, and the output prints only those the review cleared, exactly as
``QuoteDraft.printed`` prints them: redacted as ``confidentiality.printed_quote`` says, with the reviewer's own
edits, and, in a report, cut to a length a page can hold. A report attributes a quote only to a named
candidate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from consultant_app.domain import confidentiality
from consultant_app.domain.model import Candidate, Note, QuoteReview, Role
from consultant_app.domain.redaction import Printed, Redactor

MAX_QUOTE_CHARS = 700


@dataclass
class Quote:
    text: str
    section: str
    themes: list[str]
    attribution: str | None  # only for named candidates


@dataclass(frozen=True)
class QuoteDraft:
    """A note an output may quote, before a person's decision on it."""

    note: Note
    candidate: Candidate
    role: Role | None
    redactor: Redactor
    in_dataset: bool = False

    def printed(self, review: QuoteReview | None = None) -> Printed:
        """The quote exactly as the output prints it, with the reviewer's edits when ``review`` still holds."""
        return self.edited(*(review.edits_for(self.note.text) if review else ((), ())))

    def edited(self, redact: Iterable[str] = (), restore: Iterable[str] = ()) -> Printed:
        """The quote as the output would print it with these edits (words to hide, findings to restore)."""
        printed = confidentiality.printed_quote(
            self.note, self.candidate, self.redactor, redact, restore, in_dataset=self.in_dataset
        )
        return printed if self.in_dataset else cut(printed)

    def quote(self, review: QuoteReview | None = None) -> Quote:
        attribution = None
        if confidentiality.identity_may_appear(self.candidate):
            attribution = self.candidate.full_name + (f", {self.role.title}" if self.role else "")
        return Quote(self.printed(review).text, self.note.section, list(self.note.themes), attribution)


def shorten(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """Long text is cut at a word boundary and marked; runs of spaces become one."""
    return cut(Printed(" ".join(text.split())), limit).text


def cut(printed: Printed, limit: int = MAX_QUOTE_CHARS) -> Printed:
    """A long quote cut at a word boundary, never inside a placeholder, and marked."""
    text = printed.text
    if len(text) <= limit:
        return printed
    end = len(text[:limit].rsplit(" ", 1)[0])
    for start, stop, *_ in printed.segments:
        if start < end < stop:
            end = start
    kept = tuple(s for s in printed.segments if s[1] <= end)
    return Printed(text[:end].rstrip(" ,;:—-") + " […]", kept)
