"""Keeping a workspace healthy: backups, restores, the integrity check and purging erased text.

Backups use SQLite's online backup API, never a copy of the live file. Opening a workspace takes
an automatic backup at most once a day and keeps the newest few.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app.domain.wording import agree, plural
from consultant_app.leftovers import MARK, clear_stale
from consultant_app.paths import backup_dir
from consultant_app.store import backups
from consultant_app.store.database import BUSY_TIMEOUT_MS, backup_copy, plain_error
from consultant_app.store.database import stamp as _stamp
from consultant_app.store.engine import connect, sqlite
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.migrations import APPLICATION_ID

if TYPE_CHECKING:
    from consultant_app.store.store import Changes, Store

SQLITE_HEADER = b"SQLite format 3\x00"
AUTO_PREFIX = "auto-"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


class Maintenance:
    def __init__(self, store: Store) -> None:
        self.store = store

    def backup(self, to: Path | None = None) -> Path:
        """A consistent copy of the workspace (encrypted with its key), by default in the backups folder, which
        keeps the newest few of each kind."""
        made = _backup(self.store.db, self.store.path, to)
        backups.prune(self.store.path)
        return made

    def automatic_backup(self, now: datetime | None = None) -> Path | None:
        """Takes a backup when the newest automatic one is over a day old."""
        now = now or datetime.now()
        existing = [b for b in backups.list_backups(self.store.path) if b.kind == backups.AUTOMATIC]
        if existing and now - existing[-1].made < timedelta(days=1):
            return None
        return self.backup(backup_dir(self.store.path) / f"{AUTO_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}.db")

    def check(self) -> CheckReport:
        """Integrity of the file, foreign keys, the search index and the anonymity rule."""
        report = CheckReport()
        try:
            self._check(report)
        except sqlite.DatabaseError as exc:  # too damaged to finish checking
            report.problems.append(f"integrity: {exc}")
        return report

    def _check(self, report: CheckReport) -> None:
        db = self.store.db
        result = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            report.problems += [f"integrity: {r}" for r in result]
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
            report.problems.append(f"{table} row {rowid} points to a missing {parent} record")
        try:
            db.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
        except sqlite.DatabaseError as exc:
            report.problems.append(f"search index: {exc}")
        indexed = db.execute("SELECT COUNT(*) FROM search_index").fetchone()[0]
        for table in ("clients", "candidates", "interviews", "notes"):
            report.counts[table] = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        if indexed != sum(report.counts.values()):
            report.problems.append(
                f"search index has {plural(indexed, 'entry', 'entries')} for "
                f"{plural(sum(report.counts.values()), 'record')}"
            )
        exposed = db.execute(
            "SELECT COUNT(*) FROM candidates c WHERE c.disclosure = 'anonymous' AND c.identity_erased = 0 "
            "AND EXISTS (SELECT 1 FROM interviews i WHERE i.candidate_id = c.id AND i.status = 'completed')"
        ).fetchone()[0]
        if exposed:
            report.problems.append(
                f"{plural(exposed, 'anonymous candidate')} with completed interviews still "
                f"{agree(exposed, 'has their', 'have their')} identity stored"
            )
        if self.backups_pending():
            report.problems.append(
                "an erasure has not reached every backup yet (it is applied when the workspace is next opened)"
            )
        if self.purge_pending():
            report.problems.append(
                "erased text may still be readable in the file's log: its clean-up has not run yet "
                "(it runs when the workspace is next opened)"
            )

    def request_purge(self, changes: Changes) -> None:
        """Call inside the write that deletes or erases text: notes in that same transaction that the file must be
        cleaned and the backups held to the erasure ledger, so a kill after the commit leaves both noted and the
        next open finishes them. Both run once the write commits (the backups off the GUI thread in the app)."""
        now = datetime.now().isoformat(timespec="seconds")
        self.store.db.executemany(
            "INSERT OR REPLACE INTO maintenance_state (key, value) VALUES (?, ?)",
            [("purge_pending", now), ("backups_pending", now)],
        )
        changes.purge = True
        changes.touch("erasures")

    def purge_pending(self) -> bool:
        return self._noted("purge_pending")

    def backups_pending(self) -> bool:
        return self._noted("backups_pending")

    def _noted(self, key: str) -> bool:
        return self.store.db.execute("SELECT 1 FROM maintenance_state WHERE key = ?", [key]).fetchone() is not None

    def purge(self) -> None:
        """The one place the file is cleaned after an erasure: the search index already deleted the words in place
        (FTS5 secure-delete) and freed pages are zeroed (``secure_delete``); checkpointing the write-ahead log
        moves the new pages over the old ones and empties the log, so erased text leaves no readable copy.
        Does nothing unless it was requested."""
        if not self.purge_pending():
            return
        busy = self.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:  # a reader (a report being made) holds old pages: it stays noted, for the next write or the close
            return
        with self.store.write():
            self.store.db.execute("DELETE FROM maintenance_state WHERE key = 'purge_pending'")

    def erase_from_backups(self) -> list[str]:
        """Holds every backup the app keeps to the erasure ledger, when an erasure asked for it; returns the
        backups that could not be opened (they stay noted, and are tried again at the next open)."""
        if not self.backups_pending():
            return []
        workspace = self.store.path
        clear_stale(backup_dir(workspace), older_than=0)  # a half-written backup is a copy too
        clear_stale(workspace.parent, older_than=0, prefix=f".{workspace.name}{MARK}")  # a restore cut short
        problems = backups.hold_to_ledger(self.store)
        if not problems:
            with self.store.write():
                self.store.db.execute("DELETE FROM maintenance_state WHERE key = 'backups_pending'")
        return problems


def backup_open_workspace(workspace: Path, to: Path | None = None, passphrase: str | None = None) -> Path:
    """A consistent copy of a workspace that may be open in the app at this moment: read through a read-only
    SQLite connection with the backup API, so it needs neither the app's lock nor any write to the file."""
    workspace = Path(workspace).resolve()
    if not workspace.is_file():
        raise WorkspaceError(f"There is no workspace at {workspace}.")
    try:
        conn = connect(f"{workspace.as_uri()}?mode=ro", passphrase, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        ours = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except sqlite.Error as exc:
        raise WorkspaceError(plain_error(exc, workspace)) from exc
    try:
        if not ours:
            raise WorkspaceError(f"{workspace} is not a Debrief workspace.")
        made = _backup(conn, workspace, to, passphrase)
    finally:
        conn.close()
    backups.prune(workspace)
    return made


def _backup(conn: sqlite.Connection, workspace: Path, to: Path | None, passphrase: str | None = None) -> Path:
    target = Path(to) if to else backup_dir(workspace)
    if not to or target.is_dir():
        name, n = f"{workspace.stem}-{_stamp()}", 1
        while (target / f"{name}.db").exists():  # two backups in one second both stay
            name, n = f"{workspace.stem}-{_stamp()}-{n + 1}", n + 1
        target = target / f"{name}.db"
    try:
        return backup_copy(conn, target, passphrase)
    except OSError as exc:
        raise WorkspaceError(f"Could not write the backup to {target}: {exc.strerror or exc}.") from exc
    except sqlite.Error as exc:
        raise WorkspaceError(f"Could not write the backup to {target}: {plain_error(exc, workspace)}") from exc
