"""The one home of counted words, for every message the CLI, the GUI, reports and datasets show: "1 client",
"2 clients", "1,204 candidates", and the verb that agrees with a count ("1 row was", "2 rows were")."""

from __future__ import annotations


def agree(n: int, one: str, many: str) -> str:
    """The form of a word that agrees with ``n``: ``one`` for exactly one, ``many`` otherwise (0 too)."""
    return one if n == 1 else many


def plural(n: int, word: str, words: str | None = None) -> str:
    """``n`` with thousands separated and the noun that agrees: plural(1, "client") is "1 client", plural(2,
    "identity", "identities") is "2 identities"."""
    return f"{n:,} {agree(n, word, words or word + 's')}"
