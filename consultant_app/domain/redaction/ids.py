"""Candidates' ids in their clients' hiring systems, found in text however they were typed. An id and a text's words
are compared by their letters and digits only, case-folded, each number without its leading zeros (``id_key``:
"JR-0042", "jr 42" and "JR‑42" are one id), across a few words joined by spaces or punctuation ("REQ 17"); and an
id's longest number, when long enough to single out one person (``id_number``: "48211" of "GH-48211"), is found in any
word that holds it ("GH48211/2026"). Callers say what counts as an id: a set of keys, or keyed hashes of erased ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MIN_KNOWN_ID = 3  # a shorter key ("7") would hide every such number in every text
MIN_ID_DIGITS = 5  # a shorter number inside a word ("2026", "1500") is a year or a sum as often as an id
LONGEST_ID = 4  # words an id is looked for across
LONGEST_KEY = 40  # characters

_RUN = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"[0-9]+")
_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"  # hyphens, the non-breaking one, dashes, minus
_JOINS = frozenset(_DASHES + "./#_:")  # what joins an id's parts inside one word
_GAPS = _JOINS | frozenset(" \t\u00a0\u2007\u202f")  # and between words


def id_key(text: str) -> str:
    """The id as compared: letters and digits only, case-folded, each number without its leading zeros."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _ZEROS.sub("", "".join(_RUN.findall(text)).casefold())


def id_number(key: str) -> str | None:
    """The key's longest number, when it is long enough to single out one person."""
    longest = max(_NUMBER.findall(key), key=len, default="")
    return longest if len(longest) >= MIN_ID_DIGITS else None


def id_spans(
    text: str, is_id: Callable[[str], bool], longest_key: int = LONGEST_KEY, with_digits_only: bool = False
) -> list[tuple[int, int]]:
    """(start, end) of every id in ``text``: runs of a few words whose key (of at most ``longest_key`` characters)
    ``is_id``, and words holding a number that ``is_id`` (``id_number``). ``with_digits_only``: only keys holding a
    digit are asked about (each question costs a keyed hash)."""
    runs = list(_RUN.finditer(text))
    words = [_folded(r.group()) for r in runs]
    found = []
    for i, run in enumerate(runs):
        key = ""
        for j in range(i, min(len(runs), i + LONGEST_ID)):
            if j > i and not _joined(text, runs[j - 1].end(), runs[j].start()):
                break
            key += words[j]
            if "0" in key:
                key = _ZEROS.sub("", key)
            if len(key) > longest_key:
                break
            if with_digits_only and key.isalpha():
                continue
            if len(key) >= MIN_KNOWN_ID and is_id(key):
                found.append((run.start(), runs[j].end()))
        word = words[i]
        if len(word) >= MIN_ID_DIGITS and not word.isalpha():
            for number in _NUMBER.findall(word):
                number = number.lstrip("0")
                if len(number) >= MIN_ID_DIGITS and is_id(number):
                    found.append(_widened(text, run.start(), run.end()))
                    break
    return found


def _folded(word: str) -> str:
    return (word if word.isascii() else unicodedata.normalize("NFKC", word)).casefold()


def _joined(text: str, end: int, start: int) -> bool:
    return start - end <= 3 and all(c in _GAPS for c in text[end:start])


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around a number: "GH-48211" around "48211"."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _JOINS):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in _JOINS):
        end += 1
    while not text[start].isalnum():
        start += 1
    while not text[end - 1].isalnum():
        end -= 1
    return start, end
