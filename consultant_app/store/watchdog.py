"""Noticing when another program removes or replaces the workspace file or its write-ahead log while the
workspace is open — a stray ``rm``, a sync tool, another SQLite program that believed it was the last user.
SQLite would go on writing into a file nobody will read again and report success; the store checks the two
files before and after every write transaction and raises ``WorkspaceLost`` instead, so the call screen can
keep what is typed in a recovery file and say so.
"""

from __future__ import annotations

import os
from pathlib import Path

from consultant_app.store.engine import sqlite
from consultant_app.store.errors import WorkspaceLost


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


class FileWatch:
    """The identities (device, inode) of the workspace file and its write-ahead log, as the connection opened them."""

    def __init__(self, path: Path, conn: sqlite.Connection) -> None:
        self.files = (path, Path(str(path) + "-wal"))
        if _identity(self.files[1]) is None:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a read opens the log
        self._expected = [_identity(f) for f in self.files]

    def verify(self) -> None:
        for file, expected in zip(self.files, self._expected):
            if _identity(file) != expected:
                raise WorkspaceLost(
                    f"Another program removed or replaced {file.name} while Debrief had the workspace open, so "
                    "what is saved now would not reach the file."
                )
