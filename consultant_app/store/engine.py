"""The SQLite the workspace runs on, and its encryption: SQLCipher's build of SQLite (``sqlcipher3``), which
is plain SQLite 3.53 when no passphrase is given and encrypts every page (AES-256, keyed by PBKDF2 over the
passphrase and the file's own salt) when one is. Every connection to a workspace, its backups and its copies
comes from ``connect`` here, so one SQLite version reads them all (FTS5 ``secure-delete``, which erasure
needs, came with 3.42). A file is known to be encrypted by its first bytes: a plain SQLite file starts with
"SQLite format 3"; read them only while no connection of this process has the file open (POSIX locks).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite

from consultant_app.store.errors import PassphraseNeeded, WrongPassphrase

SQLITE_HEADER = b"SQLite format 3\x00"
Connection = sqlite.Connection
DatabaseError = sqlite.DatabaseError

__all__ = ["Connection", "DatabaseError", "SQLITE_HEADER", "connect", "is_encrypted", "key", "sqlite", "versions"]


def versions() -> tuple[str, str]:
    """The SQLCipher and SQLite versions workspaces run on."""
    connection = sqlite.connect(":memory:")
    try:
        [cipher] = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    return cipher, sqlite.sqlite_version


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an encrypted database: whole pages of what looks like noise, not a plain SQLite
    file (nor a text or other file, which is simply not a workspace)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
        size = os.path.getsize(path)
    except (FileNotFoundError, IsADirectoryError):
        return False
    return head != SQLITE_HEADER and size >= 512 and size % 512 == 0


def connect(path: Path | str, passphrase: str | None = None, **options) -> sqlite.Connection:
    """A connection to ``path``, keyed with ``passphrase`` when there is one. Raises ``WrongPassphrase`` when the
    passphrase does not open the file, ``PassphraseNeeded`` when the file is encrypted and none was given."""
    conn = sqlite.connect(str(path), **options)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong passphrase is our one plain line, not SQLCipher's log
    if passphrase is not None:
        key(conn, passphrase)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite.DatabaseError as exc:
        conn.close()
        if "not a database" not in str(exc):
            raise
        if passphrase is not None:
            raise WrongPassphrase(f"The passphrase does not open {Path(path).name}; nothing was changed.") from None
        if is_encrypted(Path(path)):
            raise PassphraseNeeded(f"{Path(path).name} is encrypted; its passphrase is needed to open it.") from None
        raise
    return conn


def key(conn: sqlite.Connection, passphrase: str, schema: str = "main") -> None:
    """Keys (or, before the first page is written, sets the key of) ``schema`` on ``conn``."""
    if not passphrase:
        raise ValueError("A passphrase cannot be empty.")
    conn.execute(f"PRAGMA {schema}.key = {quote(passphrase)}")


def quote(text: str) -> str:
    """``text`` as an SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"
