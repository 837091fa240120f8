"""Recognising people whose identity was erased, without keeping their names: the workspace keeps keyed
hashes (HMAC-SHA256 with a secret of its own) of each erased person's full name, the parts of it, their
e-mail address, the digits of their phone and their id in the client's hiring system (its key and long number,
``ids``; and the key with the client's id, which an import of the client's next list is checked against), and text is
matched by hashing its words the same way. A word's hash is worked out once per run however often the word appears.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

from consultant_app.domain.redaction.ids import MIN_KNOWN_ID, id_key, id_number
from consultant_app.domain.redaction.names import TOKEN, looks_like_a_name, name_parts, name_tokens

LONGEST_NAME = 4  # words


def digest(secret: bytes, value: str) -> str:
    return hmac.new(secret, value.casefold().encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def identity_digests(
    secret: bytes,
    full_name: str,
    email: str | None,
    phone: str | None,
    external_id: str | None = None,
    client_id: str | None = None,
) -> set[tuple[str, str]]:
    """(kind, digest) pairs that recognise this person later: "name" for the full name, "part" for each part, "id"
    for the ATS id's key and long number, "ats" for the key within the client (``client_ats_id``)."""
    tokens = name_tokens(full_name)
    found = {("name", digest(secret, " ".join(tokens)))} if tokens else set()
    found |= {("part", digest(secret, part)) for part in name_parts(tokens)}
    if email:
        found.add(("email", digest(secret, email.strip())))
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) >= 7:
        found.add(("phone", digest(secret, digits[-9:])))  # the national part, with or without a country code
    key = id_key(external_id or "")
    if len(key) >= MIN_KNOWN_ID:
        found |= {("id", digest(secret, k)) for k in (key, id_number(key)) if k}
        if client_id:
            found.add(("ats", digest(secret, client_ats_id(client_id, key))))
    return found


def client_ats_id(client_id: str, key: str) -> str:
    """An ATS id's key within its client: another client's hiring system may give someone else the same id."""
    return f"{client_id}\x1f{key}"


class ErasedIndex:
    """Finds erased people's names, e-mails, phone numbers and ATS ids in text from their keyed hashes."""

    def __init__(self, secret: bytes, digests: Iterable[tuple[str, str]]) -> None:
        self.secret = secret
        self.by_kind: dict[str, set[str]] = {}
        for kind, value in digests:
            self.by_kind.setdefault(kind, set()).add(value)
        self._seen: dict[str, str] = {}
        self._parts: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.by_kind)

    def _hash(self, value: str) -> str:
        found = self._seen.get(value)
        if found is None:
            found = self._seen[value] = digest(self.secret, value)
        return found

    def known(self, kind: str, value: str) -> bool:
        return self._hash(value) in self.by_kind.get(kind, ())

    def contact_spans(self, text: str) -> list[tuple[int, int, str]]:
        """The erased people's own e-mail addresses and phone numbers in ``text``."""
        from consultant_app.domain.redaction.patterns import DIGIT_RUN, EMAIL

        found = [(m.start(), m.end(), "email") for m in EMAIL.finditer(text) if self.known("email", m.group())]
        for m in DIGIT_RUN.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if len(digits) >= 7 and self.known("phone", digits[-9:]):
                found.append((m.start(), m.end(), "phone"))
        return found

    def is_id(self, key: str) -> bool:
        """Whether an id's key or long number (``ids``) is an erased person's; only keys holding a digit are hashed."""
        return not key.isalpha() and self._hash(key) in self.by_kind.get("id", ())

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        names, parts = self.by_kind.get("name", set()), self.by_kind.get("part", set())
        if not names and not parts:
            return []
        words = list(TOKEN.finditer(text))
        groups = [w.group() for w in words]
        # how many words from each one on are joined by whitespace only: a full name is such a run
        joined = [0] * (len(words) + 1)
        for i in range(len(words) - 2, -1, -1):
            if text[words[i].end() : words[i + 1].start()].isspace():
                joined[i] = joined[i + 1] + 1
        found, i = [], 0
        while i < len(words):
            for length in range(min(LONGEST_NAME, joined[i] + 1), 1, -1):
                if self._hash(" ".join(groups[i : i + length])) in names:
                    found.append((words[i].start(), words[i + length - 1].end()))
                    i += length
                    break
            else:
                word = groups[i]
                stem = word[:-2] if word.endswith(("'s", "’s")) else word
                if self._is_part(stem, parts):
                    found.append((words[i].start(), words[i].start() + len(stem)))
                i += 1
        return found

    def _is_part(self, stem: str, parts: set[str]) -> bool:
        """Whether a word (without its possessive) is written as a name and is a part of an erased name; worked out
        once per word."""
        found = self._parts.get(stem)
        if found is None:
            found = self._parts[stem] = (
                looks_like_a_name(stem)
                and len(stem) >= 3
                and (self._hash(stem) in parts or any(self._hash(p) in parts for p in name_parts([stem])))
            )
        return found
