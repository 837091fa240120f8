"""Opening a workspace file: checks, pragmas, a backup before migrating, then the migrations.

A file that is not an SQLite database, or is one but not a Debrief workspace, or was written by
a newer version of Debrief is refused with a plain message and never modified. The connection
runs in WAL mode with ``synchronous=FULL`` (durable across power loss), foreign keys on and
``secure_delete`` on, so erased text does not linger in free pages.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from consultant_app.store.sqlite_utils_lite import Database

from consultant_app.paths import backup_dir
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.migrations import APPLICATION_ID, KNOWN_MIGRATIONS, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def open_database(path: Path) -> Database:
    """Opens (creating if needed) and migrates the workspace at ``path``."""
    path = Path(path)
    _refuse_foreign_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as exc:
        raise WorkspaceError(f"Cannot open {path}: {exc}.") from exc
    db = Database(conn, execute_plugins=False)
    try:
        _check_is_ours(db, path)
        _configure(db)
        pending = migrations.pending(db)
        if pending and _has_tables(db):
            backup_copy(db, backup_dir(path) / f"{path.stem}-before-{pending[0].name}-{stamp()}.db")
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise WorkspaceError(plain_error(exc, path)) from exc
    except WorkspaceError:
        conn.close()
        raise
    return db


def _refuse_foreign_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise WorkspaceError(f"Cannot read {path}: {exc.strerror}.") from exc
    if header != SQLITE_HEADER:
        raise WorkspaceError(f"{path} is not a Debrief workspace (it is not a database file).")


def _has_tables(db: Database) -> bool:
    return bool(db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone())


def _check_is_ours(db: Database, path: Path) -> None:
    if not _has_tables(db):
        return
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"{path} is a database, but not a Debrief workspace.")
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(KNOWN_MIGRATIONS)
    if unknown:
        raise WorkspaceError(
            f"{path} was written by a newer version of Debrief (schema step {sorted(unknown)[-1]}). "
            "Update Debrief to open it; the file was not changed."
        )


def _configure(db: Database) -> None:
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise WorkspaceError("The workspace could not switch to write-ahead logging; is the folder writable?")
    for pragma in ("synchronous = FULL", "foreign_keys = ON", "secure_delete = ON", f"busy_timeout = {BUSY_TIMEOUT_MS}"):
        db.execute(f"PRAGMA {pragma}")


def backup_copy(db: Database, target: Path) -> Path:
    """A consistent copy of the open database at ``target``, made with SQLite's backup API."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    dest = sqlite3.connect(str(partial))
    try:
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    partial.replace(target)
    return target


def stamp() -> str:
    """A timestamp for backup file names."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def plain_error(exc: sqlite3.DatabaseError, path: Path) -> str:
    """A user-facing sentence for a database error on ``path``."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{path} is in use by another program; close it and try again."
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only; Debrief needs to write to it."
    if "disk is full" in text or "full" in text:
        return "The disk is full; free some space and try again. Nothing was lost."
    if "not a database" in text or "malformed" in text:
        return f"{path} is damaged or not a Debrief workspace ({text})."
    return f"Cannot open {path}: {text}."

