"""The release ledger: every report and dataset that left the firm, per recipient. A release keeps its kind,
recipient, period, *k*, file name, and keyed hashes (HMAC with a per-workspace key) of the interviews it
covered and of those it suppressed, and the generalisation levels it used; never an interview id, so the
ledger tells nothing to someone who reads the file without the key. A new release to the same recipient
that, added to and subtracted from the earlier ones, would single out 1 to *k* − 1 interviews is refused
(``conflicts``); a dataset to a recipient never becomes finer or brings back a suppressed row
(``constraints``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from consultant_app.domain import confidentiality
from consultant_app.domain.model import new_id, now_iso
from consultant_app.domain.wording import plural

if TYPE_CHECKING:
    from consultant_app.store.store import Store


@dataclass(frozen=True)
class Release:
    kind: str  # "report" or "dataset"
    client_id: str | None  # None: a dataset of every client
    recipient_key: str  # who receives it: "client:<id>" or "researcher:<name>"
    recipient: str  # the same, in words
    date_from: str | None
    date_to: str | None
    k: int
    population: frozenset[str]  # keyed hashes of the interviews it covered
    suppressed: frozenset[str] = frozenset()  # keyed hashes of the interviews it left out to reach k
    levels: dict[str, int] = field(default_factory=dict)  # generalisation level of each quasi-identifier
    figures: tuple[tuple[str, str, frozenset[str]], ...] = ()  # label, variable, keyed hashes of its group
    file: str | None = None
    id: str = field(default_factory=new_id)
    created: str = field(default_factory=now_iso)

    def describe(self) -> str:
        """The release in a few words, for a refusal: "the report of 14 Oct 2026 (293 interviews)"."""
        count = plural(len(self.population), "interview")
        return f"the {self.kind} of {self.created[:10]} ({count}, {self.file or 'no file'})"


@dataclass(frozen=True)
class Conflict:
    earlier: Release
    difference: int

    def message(self, k: int) -> str:
        return (
            f"Set against {self.earlier.describe()} to {self.earlier.recipient} and the other releases to them, "
            f"this release would single out {plural(self.difference, 'interview')}, fewer than k = {k}: adding and "
            "subtracting them would reveal those people. Hold back the interviews that make the difference, widen "
            f"the period, or wait until at least {k} more interviews are completed."
        )


class ReleaseTooClose(ValueError):
    """A release that differs from an earlier one to the same recipient by 1 to k − 1 interviews."""

    def __init__(self, conflict: Conflict, k: int) -> None:
        super().__init__(conflict.message(k))
        self.conflict = conflict


class Releases:
    def __init__(self, store: Store) -> None:
        self.store = store

    def digests(self, interview_ids: Iterable[str]) -> dict[str, str]:
        """Each interview id with its keyed hash (the ledger's only way to name an interview)."""
        key = self.store.db.execute("SELECT value FROM workspace_keys WHERE name = 'releases'").fetchone()[0]
        return {i: hmac.new(key, i.encode(), hashlib.sha256).hexdigest()[:32] for i in interview_ids}

    def record(self, release: Release) -> Release:
        with self.store.write("releases"):
            self.store.db.execute(
                "INSERT INTO releases (id, created, kind, client_id, recipient_key, recipient, date_from, date_to, "
                "k, population_size, population, suppressed, levels, figures, file) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    release.id,
                    release.created,
                    release.kind,
                    release.client_id,
                    release.recipient_key,
                    release.recipient,
                    release.date_from,
                    release.date_to,
                    release.k,
                    len(release.population),
                    json.dumps(sorted(release.population)),
                    json.dumps(sorted(release.suppressed)),
                    json.dumps(release.levels, sort_keys=True),
                    _figures_json(release.figures),
                    release.file,
                ],
            )
        return release

    def list(
        self, client_id: str | None = None, recipient_key: str | None = None, figures: bool = True
    ) -> list[Release]:
        """The releases, newest first: all, those of a client (its reports and datasets made for it), or a
        recipient's; without their figures unless ``figures`` (a dataset's hold every row once per
        quasi-identifier and variable: ~200 MB each read back at 100,000 interviews, and only reports use them)."""
        where, params = [], []
        if client_id:
            where.append("(client_id = ? OR recipient_key = ?)")
            params += [client_id, f"client:{client_id}"]
        if recipient_key:
            where.append("recipient_key = ?")
            params.append(recipient_key)
        rows = self.store.db.execute(
            "SELECT id, created, kind, client_id, recipient_key, recipient, date_from, date_to, k, population, "
            "suppressed, levels, "
            + ("figures" if figures else "'[]'")
            + ", file FROM releases"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY created DESC, rowid DESC",
            params,
        )
        return [
            Release(
                kind=r[2],
                client_id=r[3],
                recipient_key=r[4],
                recipient=r[5],
                date_from=r[6],
                date_to=r[7],
                k=r[8],
                population=frozenset(json.loads(r[9])),
                suppressed=frozenset(json.loads(r[10])),
                levels=json.loads(r[11]),
                figures=tuple((label, variable, frozenset(group)) for label, variable, group in json.loads(r[12])),
                file=r[13],
                id=r[0],
                created=r[1],
            )
            for r in rows
        ]

    def conflicts(
        self, recipient_key: str, population: Iterable[str], k: int, earlier: list[Release] | None = None
    ) -> list[Conflict]:
        """What ``population`` (keyed hashes) would let this recipient single out, set against every earlier
        release to them (``earlier``, when the caller has read them already): each group of 1 to k − 1
        interviews, with the newest earlier release that holds it or lacks it where the new one does the
        opposite."""
        mine = frozenset(population)
        earlier = self.list(recipient_key=recipient_key) if earlier is None else earlier
        k = max([k, *(r.k for r in earlier)])
        found = []
        for cell in confidentiality.cells_too_small(mine, [r.population for r in earlier], k):
            inside = cell <= mine
            named = next((r for r in earlier if (cell <= r.population) != inside), earlier[0])
            found.append(Conflict(named, len(cell)))
        return found

    def constraints(
        self, recipient_key: str, earlier: list[Release] | None = None
    ) -> tuple[dict[str, int], frozenset[str]]:
        """What every later dataset to this recipient must keep: for each quasi-identifier the coarsest
        level used so far (generalisation never gets finer), and the keyed hashes of every interview a
        dataset to them suppressed (it stays suppressed)."""
        levels: dict[str, int] = {}
        suppressed: set[str] = set()
        for release in self.list(recipient_key=recipient_key) if earlier is None else earlier:
            if release.kind == "dataset":
                for column, level in release.levels.items():
                    levels[column] = max(level, levels.get(column, 0))
                suppressed |= release.suppressed
        return levels, frozenset(suppressed)


def _figures_json(figures: Iterable[tuple[str, str, frozenset[str]]]) -> str:
    """The figures as JSON (as ``json.dumps`` writes the list), encoded a figure at a time: a dataset's figures
    hold every row once per quasi-identifier and variable, and encoding them in one go held a string object per
    hash (~200 MB at 100,000 interviews) before joining them."""
    return "[" + ", ".join(json.dumps([label, variable, sorted(group)]) for label, variable, group in figures) + "]"
