"""Candidates' ids in their clients' hiring systems, found in text however they were typed. An id and a text's words
are compared by their letters and digits only, case-folded, each number without its leading zeros (``id_key``:
"JR-0042", "jr 42" and "JR‑42" are one id), across a word's parts joined by punctuation and one space ("REQ 17",
"GH 48211"); and an id's longest number, when long enough to single out one person (``id_number``: "48211" of
"GH-48211"), is found in any word that holds it ("GH48211/2026"). Callers say what counts as an id: a set of keys, or
keyed hashes of erased ones (``erased``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MIN_KNOWN_ID = 3  # a shorter key ("7") would hide every such number in every text
MIN_ID_DIGITS = 5  # a shorter number inside a word ("2026", "1500") is a year or a sum as often as an id
LONGEST_ID = 4  # words an id is looked for across
LONGEST_KEY = 40  # characters of a key looked for when the ids' own lengths are unknown (erased ones)

_RUN = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"[0-9]+")
_DIGITS = re.compile(r"\d+")
_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"  # hyphens, the non-breaking one, dashes, minus
_JOINS = _DASHES + "./#_:"  # what joins an id's parts inside one word
_GAPS = _JOINS + " \t\u00a0\u2007\u202f"  # and between words


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
    digit are asked about, so only the stretches around a digit are read (a question may cost a keyed hash)."""
    if not with_digits_only:
        return _spans(text, 0, is_id, longest_key, False)
    reach = longest_key + LONGEST_ID * 3  # the characters a key holding a digit can reach from it
    found: list[tuple[int, int]] = []
    stretch = None
    for m in _DIGITS.finditer(text):
        start, end = max(0, m.start() - reach), m.end() + reach
        if stretch and start <= stretch[1]:
            stretch[1] = end
            continue
        if stretch:
            found += _stretch_spans(text, *stretch, is_id, longest_key)
        stretch = [start, end]
    if stretch:
        found += _stretch_spans(text, *stretch, is_id, longest_key)
    return found


def _stretch_spans(text: str, start: int, end: int, is_id, longest_key: int) -> list[tuple[int, int]]:
    """``_spans`` of a stretch of ``text`` widened to whole words."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return _spans(text[start:end], start, is_id, longest_key, True)


def _spans(text: str, offset: int, is_id, longest_key: int, with_digits_only: bool) -> list[tuple[int, int]]:
    runs = list(_RUN.finditer(text))
    words = [r.group() for r in runs]
    starts = range(len(runs))
    if with_digits_only:
        near = {s for d, w in enumerate(words) if not w.isalpha() for s in range(d - LONGEST_ID + 1, d + 1)}
        starts = sorted(s for s in near if s >= 0)
    folded: dict[int, str] = {}
    found = []
    for i in starts:
        key, spaced = "", False
        for j in range(i, min(len(runs), i + LONGEST_ID)):
            if j > i:
                gap = text[runs[j - 1].end() : runs[j].start()]
                between_words = bool(gap.strip(_JOINS))  # not only "-" or "/" inside one word
                if len(gap) > 3 or gap.strip(_GAPS) or (spaced and between_words):
                    break  # an id spans one space at most: "REQ 17", "GH 48211"
                spaced = spaced or between_words
            word = folded.get(j)
            if word is None:
                word = folded[j] = _folded(words[j])
            key += word
            if "0" in key:
                key = _ZEROS.sub("", key)
            if len(key) > longest_key:
                break
            if with_digits_only and key.isalpha():
                continue
            if len(key) >= MIN_KNOWN_ID and is_id(key):
                found.append((offset + runs[i].start(), offset + runs[j].end()))
        word = words[i]
        if len(word) >= MIN_ID_DIGITS and not word.isalpha():
            for number in _NUMBER.findall(_folded(word)):
                number = number.lstrip("0")
                if len(number) >= MIN_ID_DIGITS and is_id(number):
                    found.append(_widened(text, runs[i].start(), runs[i].end(), offset))
                    break
    return found


def _folded(word: str) -> str:
    return (word if word.isascii() else unicodedata.normalize("NFKC", word)).casefold()


def _widened(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The whole word around a number: "GH-48211" around "48211"."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _JOINS):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in _JOINS):
        end += 1
    while not text[start].isalnum():
        start += 1
    while not text[end - 1].isalnum():
        end -= 1
    return offset + start, offset + end
