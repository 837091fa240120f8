"""Finding people's names in free text: the names the workspace knows (any client), as token sequences
matched word by word, fast with tens of thousands of names.

A full name matches case-insensitively ("alex moreno"). A single part of a name (three letters or more,
particles such as "van" or "de" excluded, each part of a double-barrelled name too: "Smith" of
"Smith-Jones") matches when written as a name, capitalised or in capitals ("Moreno", "MORENO"), so "mark
the note" is not caught by a "Mark"; the particles before it go with it ("van der Berg"). Possessives
("Alex's") are caught. Names in ``keep`` are left alone: a named candidate's own name in their own quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TOKEN = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)
PARTICLES = {
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
    "ter",
    "ten",
    "op",
}
_POSSESSIVE = ("'s", "’s", "'S", "’S")


def name_tokens(name: str) -> list[str]:
    return TOKEN.findall(name or "")


def name_parts(tokens: Iterable[str]) -> set[str]:
    """The parts of a name that are matched alone, casefolded: each token and each part of a hyphenated one."""
    parts = set()
    for token in tokens:
        for piece in {token, *re.split(r"[-'’]", token)}:
            if len(piece) >= 3 and piece.casefold() not in PARTICLES:
                parts.add(piece.casefold())
    return parts


def looks_like_a_name(word: str) -> bool:
    return word[:1].isupper()


class NameIndex:
    """Names as token sequences (matched whole, any case) and their parts (matched when written as names)."""

    def __init__(self, names: Iterable[str], parts: bool = True) -> None:
        self.full: set[tuple[str, ...]] = set()
        self.parts: set[str] = set()
        for name in names:
            tokens = name_tokens(name)
            if not tokens or len(" ".join(tokens)) < 2:
                continue
            self.full.add(tuple(t.casefold() for t in tokens))
            if parts:
                self.parts |= name_parts(tokens)
        self.longest = max((len(f) for f in self.full), default=0)
        self.first = {f[0] for f in self.full}
        self.words = self.first | self.parts

    def __bool__(self) -> bool:
        return bool(self.full)

    def spans(self, text: str, keep: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
        """Where known names stand in ``text``; names made only of ``keep`` words (casefolded) are skipped."""
        folded = [w.casefold() for w in TOKEN.findall(text)]
        if self.words.isdisjoint(folded) and (
            not ("'" in text or "’" in text or "-" in text) or self.words.isdisjoint(_stems(folded))
        ):
            return []  # fast path: not one word of the text (nor a stem of one) is part of a known name
        words = list(TOKEN.finditer(text))
        found, i = [], 0
        while i < len(words):
            length = self._full_match(text, words, folded, i) if folded[i] in self.first else 0
            if length:
                if not set(folded[i : i + length]) <= keep:
                    found.append((words[i].start(), words[i + length - 1].end()))
                i += length
                continue
            stem = _stem(words[i].group())
            if looks_like_a_name(stem) and self._is_part(stem.casefold()) and stem.casefold() not in keep:
                first = i  # with the particles before it: "van der Berg"
                while (
                    first
                    and folded[first - 1] in PARTICLES
                    and text[words[first - 1].end() : words[first].start()] == " "
                ):
                    first -= 1
                found.append((words[first].start(), words[i].start() + len(stem)))
            i += 1
        return found

    def _is_part(self, folded: str) -> bool:
        return (
            folded in self.parts
            or (folded,) in self.full
            or any(p in self.parts for p in re.split(r"[-'’]", folded) if len(p) >= 3)
        )

    def _full_match(self, text: str, words: list, folded: list[str], start: int) -> int:
        for length in range(min(self.longest, len(words) - start), 0, -1):
            if tuple(folded[start : start + length]) not in self.full:
                continue
            if length == 1 and not looks_like_a_name(words[start].group()):
                continue  # a one-word name ("Mark") counts only when written as a name
            run = words[start : start + length]
            if all(text[a.end() : b.start()].isspace() for a, b in zip(run, run[1:])):
                return length
        return 0


def _stem(word: str) -> str:
    return word[:-2] if word.endswith(_POSSESSIVE) else word


def _stems(folded: list[str]) -> set[str]:
    return {w[:-2] for w in folded if w.endswith(("'s", "’s"))} | {p for w in folded if "-" in w for p in w.split("-")}
