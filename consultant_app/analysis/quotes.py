"""Choosing quotes for a client output: only highlighted shareable notes of candidates who may
appear, redacted unless the candidate is named, attributed only when named."""

from __future__ import annotations

from dataclasses import dataclass

from consultant_app.domain import confidentiality
from consultant_app.domain.model import Candidate, Note, Role
from consultant_app.domain.redaction import Redactor

MAX_QUOTE_CHARS = 700


@dataclass
class Quote:
    text: str
    section: str
    themes: list[str]
    attribution: str | None  # only for named candidates


def shorten(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """Long quotes are cut at a word boundary and marked."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—-") + " […]"


def quote_for(note: Note, candidate: Candidate, role: Role | None, redactor: Redactor) -> Quote | None:
    if not (note.highlight and confidentiality.may_quote(note, candidate)):
        return None
    text = shorten(confidentiality.quote_text(note, candidate, redactor))
    attribution = None
    if confidentiality.identity_may_appear(candidate):
        attribution = candidate.full_name + (f", {role.title}" if role else "")
    return Quote(text, note.section, list(note.themes), attribution)
