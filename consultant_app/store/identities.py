"""The people the workspace knows, for redaction: every output's redactor (every person of every client,
erased people from their keyed hashes, candidates' ids in their client's hiring system, companies not to be
named), and erasing one person everywhere.

Erasing someone (a candidate erased, or an anonymous candidate's interview completed) keeps keyed hashes
of their name, e-mail, phone and ATS id, so outputs still recognise them while the file no longer holds them, and
redacts them in every note and summary of the workspace that mentions them, whichever client's. Callers
request the search-index purge in the same write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # redaction loads when someone is first redacted or erased, not when the workspace opens
    from consultant_app.domain.redaction import ErasedIndex, Redactor
    from consultant_app.domain.redaction.names import NameIndex
    from consultant_app.store.store import Changes, Store

NOTE, INTERVIEW = 0, 1  # search-index row kinds (``initial_schema.SEARCH_KINDS``)


class Identities:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._others: NameIndex | None = None  # every known full name, kept until people change

    def forget(self) -> None:
        """Called by the store after a write that changed people."""
        self._others = None

    def secret(self) -> bytes:
        return self.store.db.execute("SELECT value FROM workspace_keys WHERE name = 'redaction'").fetchone()[0]

    def erased(self) -> ErasedIndex:
        from consultant_app.domain.redaction import ErasedIndex

        digests = self.store.db.execute("SELECT kind, digest FROM erased_identities").fetchall()
        return ErasedIndex(self.secret(), digests)

    def redactor(self, companies: Iterable[str] = ()) -> Redactor:
        """The redactor for a client output: everyone the workspace knows, in any client, erased or not."""
        from consultant_app.domain.redaction import Redactor

        return Redactor(
            self.store.clients.known_names(None),
            self.store.firm.get().phone_region,
            self.erased(),
            companies,
            organisations=self.store.clients.known_companies(),
            known_ids=self.store.candidate_lists.external_ids(),
        )

    def erase_everywhere(
        self,
        full_name: str,
        email: str | None,
        phone: str | None,
        changes: Changes,
        external_id: str | None = None,
        client_id: str | None = None,
    ) -> set[tuple[str, str]]:
        """Remembers the person by keyed hashes and redacts them (and their id in the client's hiring system) in every
        note and summary that mentions them; returns the hashes (for the erasure ledger). Call inside a write,
        before the person's own record is changed."""
        from consultant_app.domain.redaction import ErasedIndex, Redactor, identity_digests
        from consultant_app.domain.redaction.names import NameIndex

        secret = self.secret()
        found = identity_digests(secret, full_name, email, phone, external_id, client_id)
        self.store.db.executemany(
            "INSERT OR IGNORE INTO erased_identities (digest, kind) VALUES (?, ?)", [(d, kind) for kind, d in found]
        )
        if self._others is None:
            self._others = NameIndex(self.store.clients.known_names(None), parts=False)
        person = Redactor(  # "Emil Kaya" keeps his surname when Leila Kaya is erased
            [full_name],
            self.store.firm.get().phone_region,
            ErasedIndex(secret, found),
            identifiers=False,
            protect=self._others,
            known_ids=[external_id] if external_id else (),
        )
        self._redact_rows(self._mentioning(full_name, email, phone, external_id), person, changes)
        return found

    def redact_erased(self, erased: ErasedIndex, changes: Changes) -> int:
        """Redacts, in every note and summary, the erased people ``erased`` recognises from keyed hashes — for
        texts that arrive after their erasure (an older file imported, a backup or another copy held to the
        ledger), when their plain names are no longer known. The index's vocabulary is hashed to find the texts
        naming them; returns how many texts changed."""
        from consultant_app.domain.redaction import ErasedIndex, Redactor
        from consultant_app.domain.redaction.names import NameIndex

        parts = erased.by_kind.get("part", set())
        if not parts:
            return 0
        self.store.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, search_index, row)"
        )
        terms = [t for (t,) in self.store.db.execute("SELECT term FROM temp.search_terms") if len(t) >= 3]
        named = [t for t in terms if erased.known("part", t)]
        if not named:
            return 0
        whole = ErasedIndex(
            erased.secret, [(k, d) for k, found in erased.by_kind.items() if k != "part" for d in found]
        )
        if self._others is None:
            self._others = NameIndex(self.store.clients.known_names(None), parts=False)
        # whole names, e-mails and phones only: a part alone ("Jonas") names too many living people to rewrite
        # stored notes by it (outputs still redact it), and the people the workspace knows keep their names
        eraser = Redactor((), self.store.firm.get().phone_region, whole, identifiers=False, protect=self._others)
        return self._redact_rows(self._rows_with(named), eraser, changes)

    def _redact_rows(self, rows: list[tuple[str, str, int, str]], redactor: Redactor, changes: Changes) -> int:
        changed = 0
        for table, column, rid, text in rows:
            clean = redactor.redact(text)
            if clean != text:
                self.store.db.execute(f"UPDATE {table} SET {column} = ? WHERE rid = ?", [clean, rid])
                if table == "notes":
                    self.store.quotes.forget_for_note(rid=rid)
                changed += 1
        if changed:
            changes.touch("notes", "interviews")
        return changed

    def _mentioning(
        self, full_name: str, email: str | None, phone: str | None, external_id: str | None = None
    ) -> list[tuple[str, str, int, str]]:
        """Notes and summaries whose indexed words include a part of the name, the e-mail, the phone or the id (its
        longest word, its key or its long number: "GH-48211" typed "GH48211" or "48211")."""
        from consultant_app.domain.redaction.ids import id_key, id_number
        from consultant_app.domain.redaction.names import name_parts, name_tokens

        terms = name_parts(name_tokens(full_name)) | {
            t.casefold() for t in re.findall(r"\w+", email or "") if len(t) > 2
        }
        key = id_key(external_id or "")
        terms |= {max(re.findall(r"\w+", external_id or ""), key=len, default="").casefold(), key, id_number(key)}
        terms -= {"", None}
        digits = max(re.findall(r"\d+", phone or ""), key=len, default="")
        terms |= {digits} if len(digits) >= 4 else set()
        return self._rows_with(terms)

    def _rows_with(self, terms: Iterable[str]) -> list[tuple[str, str, int, str]]:
        """(table, column, rid, text) of the notes and summaries whose indexed words include any of ``terms``."""
        if not terms:
            return []
        query = " OR ".join(f'"{t}"' for t in sorted(terms))
        rows = self.store.db.execute("SELECT rowid FROM search_index WHERE search_index MATCH ?", [query]).fetchall()
        notes = [r // 4 for (r,) in rows if r % 4 == NOTE]
        summaries = [r // 4 for (r,) in rows if r % 4 == INTERVIEW]
        found = []
        for table, column, rids in (("notes", "text", notes), ("interviews", "summary", summaries)):
            for start in range(0, len(rids), 500):
                chunk = rids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                found += [
                    (table, column, rid, text)
                    for rid, text in self.store.db.execute(
                        f"SELECT rid, {column} FROM {table} WHERE rid IN ({marks}) AND {column} IS NOT NULL", chunk
                    )
                ]
        return found
