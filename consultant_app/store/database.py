"""Opening a workspace file: checks, pragmas, a backup before migrating, then the migrations.

A file that is not an SQLite database, or is one but not a Debrief workspace, or was written by
a newer version of Debrief is refused with a plain message and never modified. The file is only
ever read through SQLite: on POSIX, closing any other descriptor of it would drop every SQLite lock
this process holds on it, and another program could then delete the write-ahead log under us. The connection
runs in WAL mode with ``synchronous=FULL`` (durable across power loss), foreign keys on and
``secure_delete`` on, so erased text does not linger in free pages. It is a plain ``sqlite3``
connection in autocommit mode: transactions are always explicit (``Store.atomic``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path

from consultant_app.leftovers import partial_file
from consultant_app.paths import backup_dir
from consultant_app.store.engine import connect, sqlite
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.migrations import (
    APPLICATION_ID,
    KNOWN_MIGRATIONS,
    applied_names,
    migration_set,
    pending_names,
)

BUSY_TIMEOUT_MS = 5000
PRIVATE = 0o600  # backups and copies are readable by their owner only, like the workspace
PRE_MIGRATION_MARK = "-before-"  # in the names of the backups taken before a schema step


def open_database(path: Path, passphrase: str | None = None, backup_first: bool = True) -> sqlite.Connection:
    """Opens (creating if needed) and migrates the workspace at ``path``, encrypted with ``passphrase`` if given
    (a new file is created encrypted; an existing one must have been encrypted with it). A backup is taken
    before migrating unless ``backup_first`` is off (for a file that is itself a backup)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(path, passphrase, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=PlainConnection)
        conn.passphrase = passphrase
    except WorkspaceError:
        raise
    except (OSError, sqlite.Error) as exc:
        raise WorkspaceError(f"Cannot open {path}: {exc}.") from exc
    try:
        _check_is_ours(conn, path)
        _configure(conn)
        pending = pending_names(conn)
        if pending:
            if backup_first and _has_tables(conn):
                backup_copy(conn, backup_dir(path) / f"{path.stem}{PRE_MIGRATION_MARK}{pending[0]}-{stamp()}.db")
            from consultant_app.store.sqlite_utils_lite import wrap  # sqlite-utils loads only when a step is due

            migration_set().apply(wrap(conn))
    except WorkspaceError:
        conn.close()
        raise
    except sqlite.DatabaseError as exc:
        conn.close()
        raise WorkspaceError(plain_error(exc, path)) from exc
    return conn


class PlainCursor(sqlite.Cursor):
    """A cursor whose database errors are the store's own (see ``PlainConnection``)."""

    def execute(self, *args):
        with _plain_errors(self.connection):
            return super().execute(*args)

    def executemany(self, *args):
        with _plain_errors(self.connection):
            return super().executemany(*args)

    def fetchone(self):
        with _plain_errors(self.connection):
            return super().fetchone()

    def fetchall(self):
        with _plain_errors(self.connection):
            return super().fetchall()


class PlainConnection(sqlite.Connection):
    """The workspace connection: a database error raised by a statement is a ``WorkspaceError`` with a plain
    message, so nothing above the store sees a raw one. It stays an error of its sqlite3 kind too, because
    sqlite-utils, which runs migrations and transactions on this connection, catches some of those."""

    passphrase: str | None  # what keyed it, for copies made with the same key (backups)

    def __init__(self, database, *args, **kwargs) -> None:
        super().__init__(database, *args, **kwargs)
        self.workspace = Path(database)  # named from the first statement (a file that is no database fails there)

    def execute(self, *args):
        return self.cursor(PlainCursor).execute(*args)

    def executemany(self, *args):
        return self.cursor(PlainCursor).executemany(*args)


@contextmanager
def _plain_errors(conn: PlainConnection) -> Iterator[None]:
    try:
        yield
    except WorkspaceError:
        raise
    except sqlite.DatabaseError as exc:
        raise _plain_kind(type(exc))(plain_error(exc, conn.workspace)) from exc


@cache
def _plain_kind(kind: type) -> type:
    return type(kind.__name__, (WorkspaceError, kind), {"__module__": __name__})


def _has_tables(conn: sqlite.Connection) -> bool:
    return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone())


def _check_is_ours(conn: sqlite.Connection, path: Path) -> None:
    if not _has_tables(conn):
        return
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise WorkspaceError(f"{path} is a database, but not a Debrief workspace.")
    applied = set(applied_names(conn))
    unknown = applied - set(KNOWN_MIGRATIONS)
    if unknown:
        raise WorkspaceError(
            f"{path} was written by a newer version of Debrief (schema step {sorted(unknown)[-1]}). "
            "Update Debrief to open it; the file was not changed."
        )


def _configure(conn: sqlite.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise WorkspaceError("The workspace could not switch to write-ahead logging; is the folder writable?")
    for pragma in (
        "synchronous = FULL",
        "foreign_keys = ON",
        "secure_delete = ON",
        f"busy_timeout = {BUSY_TIMEOUT_MS}",
    ):
        conn.execute(f"PRAGMA {pragma}")


def backup_copy(conn: sqlite.Connection, target: Path, passphrase: str | None = None) -> Path:
    """A consistent copy of the open database at ``target``, made with SQLite's backup API and encrypted with the
    same passphrase as the database (``passphrase`` when the connection is not a workspace's own)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_file(target)
    passphrase = getattr(conn, "passphrase", None) or passphrase
    try:
        dest = connect(partial, passphrase)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.chmod(partial, PRIVATE)
        partial.replace(target)
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):  # what a failed copy leaves
            leftover.unlink(missing_ok=True)
    return target


def stamp() -> str:
    """A timestamp for backup file names."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def plain_error(exc: sqlite.DatabaseError, path: Path) -> str:
    """A user-facing sentence for a database error on ``path``."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{path} is in use by another program; close it and try again."
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only; Debrief needs to write to it."
    if "disk is full" in text:  # SQLite says "database or disk is full" (not any message with "full" in it)
        return "The disk is full; free some space and try again. Nothing was lost."
    if "disk I/O error" in text:
        return "The disk could not be written (it may be full, removed or failing); nothing was lost. Try again."
    if "file is not a database" in text:
        return f"{path} is not a Debrief workspace (it is not a database file, or its first page is damaged)."
    if "malformed" in text:
        return f"{path} is damaged or not a Debrief workspace ({text})."
    return f"{path} could not be read or written ({text})."
