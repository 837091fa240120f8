"""Restoring a workspace from a backup, so that it never makes things worse and never brings anyone back.

The backup is copied aside and opened as a workspace (which migrates it), checked, and held to the erasure
ledger of the workspace it replaces — whoever the firm erased after the backup was taken is erased in the copy
before anyone can use it. What left the firm stays on record: the audit log and the release ledger of the
workspace being replaced join the backup's. Only then is the workspace replaced; the file it was is kept as a
backup of the kind "replaced by a restore" (so erasures reach it too). Until then nothing is touched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from consultant_app.leftovers import MARK, clear_stale
from consultant_app.paths import backup_dir
from consultant_app.store import backups
from consultant_app.store.database import PRIVATE, backup_copy, stamp
from consultant_app.store.engine import SQLITE_HEADER, connect, is_encrypted, quote, sqlite
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.lock import WorkspaceLock


def restore(backup: Path, workspace: Path, passphrase: str | None = None) -> Path | None:
    """Replaces the (closed) workspace with ``backup``, once a copy of it has proved whole and has been held to
    the workspace's erasure ledger. ``passphrase`` is the workspace's (an encrypted backup has the same one; a
    plain backup restored into an encrypted workspace is encrypted with it). Returns the backup of the replaced
    workspace, if there was one."""
    backup, workspace = Path(backup), Path(workspace)
    if not backup.is_file():
        raise WorkspaceError(f"There is no backup at {backup}.")
    backup_key = passphrase if is_encrypted(backup) else None
    if backup_key is None and not _starts_like_sqlite(backup):
        raise WorkspaceError(f"{backup} is not a Debrief backup (or it is encrypted: give its passphrase).")
    clear_stale(workspace.parent)
    with staged_replacement(workspace) as staged:
        _verified_copy(backup, staged, backup_key, passphrase)
        _as_a_new_replica(staged, passphrase)
        replaced = None
        if workspace.exists() and workspace.stat().st_size:
            replaced = backup_dir(workspace) / f"{workspace.stem}.replaced-{stamp()}.db"
            replaced.parent.mkdir(parents=True, exist_ok=True)
            copy_database(workspace, replaced, passphrase, passphrase)
            _keep_the_record(replaced, staged, passphrase)
        for suffix in ("-wal", "-shm"):
            Path(str(workspace) + suffix).unlink(missing_ok=True)
        staged.replace(workspace)
        backups.prune(workspace)
        return replaced


@contextmanager
def staged_replacement(target: Path, lock: bool = True) -> Iterator[Path]:
    """Where to build the file that will replace ``target`` whole: a hidden folder beside it (so the final move
    is a rename on one file system), under the workspace lock when ``lock``; whatever is left there goes with
    the folder."""
    held = WorkspaceLock(target) if lock else None
    if held:
        held.acquire()
    try:
        with tempfile.TemporaryDirectory(prefix=f".{target.name}{MARK}", dir=target.parent) as folder:
            yield Path(folder) / target.name
    finally:
        if held:
            held.release()


def _starts_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:  # the backup, never the workspace, is read here
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _as_a_new_replica(staged: Path, passphrase: str | None) -> None:
    """A restored workspace syncs as a new replica: the backup's id has stamped changes since, which the restored
    file no longer holds, and two changes must never share an id (docs/merge.md)."""
    db = connect(staged, passphrase)
    try:
        with db:
            db.execute("UPDATE replica SET replica_id = lower(hex(randomblob(16)))")
    finally:
        db.close()


def _keep_the_record(replaced: Path, staged: Path, passphrase: str | None) -> None:
    """The replaced workspace's audit log, release ledger and erasure ledger carry over into the staged copy:
    no release made after the backup can be repeated one interview apart, and nobody erased comes back. The
    release ledger's key comes along when the backup's ledger is empty or shares it."""
    from consultant_app.store.store import Store

    db = connect(staged, passphrase)
    try:
        db.execute(f"ATTACH DATABASE {quote(str(replaced))} AS replaced KEY {quote(passphrase or '')}")
        with db:
            db.execute(
                "INSERT OR IGNORE INTO audit_log (id, at, action, detail) "
                "SELECT id, at, action, detail FROM replaced.audit_log ORDER BY rid"
            )
            key_row = db.execute("SELECT value FROM replaced.workspace_keys WHERE name = 'releases'").fetchone()
            ours = db.execute("SELECT value FROM workspace_keys WHERE name = 'releases'").fetchone()
            own_releases = db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
            if key_row and (key_row == ours or not own_releases):
                db.execute("UPDATE workspace_keys SET value = ? WHERE name = 'releases'", key_row)
                columns = ", ".join(r[1] for r in db.execute("PRAGMA replaced.table_info(releases)"))
                db.execute(f"INSERT OR IGNORE INTO releases ({columns}) SELECT {columns} FROM replaced.releases")
        db.execute("DETACH DATABASE replaced")
    finally:
        db.close()
    with Store.open_copy(replaced, passphrase) as current:
        ledger, hashes, secret = current.erasures.all(), current.erasures.hashes(), current.identities.secret()
    with Store.open_copy(staged, passphrase) as copy:
        copy.erasures.hold_to(ledger, hashes, secret)


def _verified_copy(backup: Path, staged: Path, backup_key: str | None, passphrase: str | None) -> None:
    """Copies the backup to ``staged`` and opens it as a workspace (which migrates it), then checks it."""
    from consultant_app.store.store import Store

    try:
        copy_database(backup, staged, backup_key, passphrase)
        with Store.open_copy(staged, passphrase) as store:
            report = store.maintenance.check()
    except WorkspaceError as exc:
        raise WorkspaceError(f"{backup} was not restored: {exc}") from None
    if not report.ok:
        raise WorkspaceError(f"{backup} was not restored: it fails the check ({'; '.join(report.problems)}).")


def copy_database(source_path: Path, target: Path, source_key: str | None, target_key: str | None) -> None:
    """A consistent copy of a database file (with its write-ahead log) in one file, with the backup API when both
    have the same key, else re-encrypted page by page (``sqlcipher_export``)."""
    Path(target).touch(mode=PRIVATE)  # readable by its owner only, like the workspace
    try:
        source = connect(source_path, source_key)
    except sqlite.DatabaseError as exc:
        raise WorkspaceError(f"{source_path} could not be read: {exc}.") from exc
    try:
        if source_key == target_key:
            backup_copy(source, target, target_key)
        else:
            export_to(source, target, target_key)
    except sqlite.DatabaseError as exc:
        raise WorkspaceError(f"{source_path} could not be read: {exc}.") from exc
    finally:
        source.close()


def export_to(source: sqlite.Connection, target: Path, target_key: str | None) -> None:
    """Writes the whole of ``source`` to the new file ``target``, encrypted with ``target_key`` (plain if None),
    keeping the file's application id and schema version."""
    application_id = source.execute("PRAGMA application_id").fetchone()[0]
    user_version = source.execute("PRAGMA user_version").fetchone()[0]
    source.execute(f"ATTACH DATABASE {quote(str(target))} AS target KEY {quote(target_key or '')}")
    try:
        source.execute("SELECT sqlcipher_export('target')")
        source.execute(f"PRAGMA target.application_id = {int(application_id)}")
        source.execute(f"PRAGMA target.user_version = {int(user_version)}")
    finally:
        source.execute("DETACH DATABASE target")
