"""Keeping a workspace healthy: backups, restores, the integrity check and purging erased text.

Backups use SQLite's online backup API, never a copy of the live file. Opening a workspace takes
an automatic backup at most once a day and keeps the newest few.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app.leftovers import MARK, clear_stale
from consultant_app.paths import backup_dir
from consultant_app.store.database import BUSY_TIMEOUT_MS, backup_copy, plain_error
from consultant_app.store.database import stamp as _stamp
from consultant_app.store.engine import sqlite
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.lock import WorkspaceLock
from consultant_app.store.migrations import APPLICATION_ID

if TYPE_CHECKING:
    from consultant_app.store.store import Changes, Store

SQLITE_HEADER = b"SQLite format 3\x00"
AUTO_PREFIX = "auto-"
KEEP_AUTOMATIC = 7


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
        """A consistent copy of the workspace, by default in the backups folder."""
        return _backup(self.store.db, self.store.path, to)

    def automatic_backup(self, now: datetime | None = None) -> Path | None:
        """Takes a backup when the newest automatic one is over a day old; keeps the newest few."""
        now = now or datetime.now()
        folder = backup_dir(self.store.path)
        existing = sorted(folder.glob(f"{AUTO_PREFIX}*.db")) if folder.exists() else []
        if existing and now - datetime.fromtimestamp(existing[-1].stat().st_mtime) < timedelta(days=1):
            return None
        made = self.backup(folder / f"{AUTO_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}.db")
        for old in sorted(folder.glob(f"{AUTO_PREFIX}*.db"))[:-KEEP_AUTOMATIC]:
            old.unlink(missing_ok=True)
        return made

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
            report.problems.append(f"search index has {indexed} entries for {sum(report.counts.values())} records")
        exposed = db.execute(
            "SELECT COUNT(*) FROM candidates c WHERE c.disclosure = 'anonymous' AND c.identity_erased = 0 "
            "AND EXISTS (SELECT 1 FROM interviews i WHERE i.candidate_id = c.id AND i.status = 'completed')"
        ).fetchone()[0]
        if exposed:
            report.problems.append(
                f"{exposed} anonymous candidates with completed interviews still have their identity stored"
            )
        if self.purge_pending():
            report.problems.append(
                "erased text may still be readable in the search index: its purge has not run yet "
                "(it runs when the workspace is next opened)"
            )

    def request_purge(self, changes: Changes, defer: bool = False) -> None:
        """Call inside the write that deletes or erases text: notes in that same transaction that the search
        index must be purged, so a kill after the commit leaves it noted and the next open finishes it; unless
        ``defer``, the write runs the purge once it commits. A call defers it (on a million notes it takes
        seconds): it runs when the call screen or the workspace closes."""
        self.store.db.execute(
            "INSERT OR REPLACE INTO maintenance_state (key, value) VALUES ('purge_pending', ?)",
            [datetime.now().isoformat(timespec="seconds")],
        )
        changes.purge = changes.purge or not defer

    def purge_pending(self) -> bool:
        return (
            self.store.db.execute("SELECT 1 FROM maintenance_state WHERE key = 'purge_pending'").fetchone() is not None
        )

    def purge(self) -> None:
        """The one place the purge runs: rewrites the search index without deleted entries and checkpoints the
        write-ahead log, so erased text leaves no readable copy in the file (``secure_delete`` zeroes freed
        pages). Does nothing unless a purge was requested."""
        if not self.purge_pending():
            return
        with self.store.write():
            self.store.db.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
            self.store.db.execute("DELETE FROM maintenance_state WHERE key = 'purge_pending'")
        self.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def backup_open_workspace(workspace: Path, to: Path | None = None) -> Path:
    """A consistent copy of a workspace that may be open in the app at this moment: read through a read-only
    SQLite connection with the backup API, so it needs neither the app's lock nor any write to the file."""
    workspace = Path(workspace).resolve()
    if not workspace.is_file():
        raise WorkspaceError(f"There is no workspace at {workspace}.")
    try:
        conn = sqlite.connect(f"{workspace.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        ours = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except sqlite.Error as exc:
        raise WorkspaceError(plain_error(exc, workspace)) from exc
    try:
        if not ours:
            raise WorkspaceError(f"{workspace} is not a Debrief workspace.")
        return _backup(conn, workspace, to)
    finally:
        conn.close()


def _backup(conn: sqlite.Connection, workspace: Path, to: Path | None) -> Path:
    target = Path(to) if to else backup_dir(workspace) / f"{workspace.stem}-{_stamp()}.db"
    if target.is_dir():
        target = target / f"{workspace.stem}-{_stamp()}.db"
    try:
        return backup_copy(conn, target)
    except OSError as exc:
        raise WorkspaceError(f"Could not write the backup to {target}: {exc.strerror or exc}.") from exc
    except sqlite.Error as exc:
        raise WorkspaceError(f"Could not write the backup to {target}: {plain_error(exc, workspace)}") from exc


def restore(backup: Path, workspace: Path) -> Path | None:
    """Replaces the (closed) workspace with a backup, once a copy of the backup has proved whole: a Debrief
    workspace, not from a newer version, migrated to this one, intact and passing the check. Until then the
    workspace is not touched. The workspace being replaced is first copied beside it as
    ``<name>.replaced-<time>.db``, whose path is returned."""
    backup, workspace = Path(backup), Path(workspace)
    if not backup.is_file():
        raise WorkspaceError(f"There is no backup at {backup}.")
    with backup.open("rb") as fh:  # the backup, never the workspace, is read here
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise WorkspaceError(f"{backup} is not a Debrief backup.")
    clear_stale(workspace.parent)
    lock = WorkspaceLock(workspace)
    lock.acquire()
    try:
        with tempfile.TemporaryDirectory(prefix=f".{workspace.name}{MARK}", dir=workspace.parent) as folder:
            staged = Path(folder) / workspace.name
            _verified_copy(backup, staged)
            replaced = None
            if workspace.exists() and workspace.stat().st_size:
                replaced = workspace.with_name(f"{workspace.stem}.replaced-{_stamp()}.db")
                _copy(workspace, replaced)
                _keep_the_record(replaced, staged)
            for suffix in ("-wal", "-shm"):
                Path(str(workspace) + suffix).unlink(missing_ok=True)
            staged.replace(workspace)
            return replaced
    finally:
        lock.release()


def _keep_the_record(replaced: Path, staged: Path) -> None:
    """What left the firm stays on record through a restore: the audit log and the release ledger of the
    workspace being replaced join the backup's, so no release made after the backup can be repeated one
    interview apart. The ledger's key comes along when the backup's ledger is empty or shares it."""
    db = sqlite.connect(str(staged))
    try:
        db.execute("ATTACH DATABASE ? AS replaced", [str(replaced)])
        tables = {row[0] for row in db.execute("SELECT name FROM replaced.sqlite_master WHERE type = 'table'")}
        with db:
            if "audit_log" in tables:
                db.execute(
                    "INSERT OR IGNORE INTO audit_log (id, at, action, detail) "
                    "SELECT id, at, action, detail FROM replaced.audit_log ORDER BY rid"
                )
            if "releases" in tables:
                key = db.execute("SELECT value FROM replaced.workspace_keys WHERE name = 'releases'").fetchone()
                ours = db.execute("SELECT value FROM workspace_keys WHERE name = 'releases'").fetchone()
                own_releases = db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
                if key and (key == ours or not own_releases):
                    db.execute("UPDATE workspace_keys SET value = ? WHERE name = 'releases'", key)
                    columns = ", ".join(r[1] for r in db.execute("PRAGMA replaced.table_info(releases)"))
                    db.execute(f"INSERT OR IGNORE INTO releases ({columns}) SELECT {columns} FROM replaced.releases")
    finally:
        db.close()


def _verified_copy(backup: Path, staged: Path) -> None:
    """Copies the backup to ``staged`` and opens it as a workspace (which migrates it), then checks it."""
    from consultant_app.store.store import Store

    try:
        _copy(backup, staged)
        with Store.open(staged) as store:
            report = store.maintenance.check()
    except WorkspaceError as exc:
        raise WorkspaceError(f"{backup} was not restored: {exc}") from None
    if not report.ok:
        raise WorkspaceError(f"{backup} was not restored: it fails the check ({'; '.join(report.problems)}).")


def _copy(source_path: Path, target: Path) -> None:
    """A consistent copy of a database file (with its write-ahead log) by the backup API."""
    source = sqlite.connect(str(source_path))
    dest = sqlite.connect(str(target))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    except sqlite.DatabaseError as exc:
        raise WorkspaceError(f"{source_path} could not be read: {exc}.") from exc
    finally:
        dest.close()
        source.close()
