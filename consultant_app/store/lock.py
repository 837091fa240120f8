"""One writer process per workspace: an operating-system lock on ``<workspace>.lock``, held while
the workspace is open. A second app window or command on the same file is told plainly that the
file is in use, instead of two processes writing to one SQLite file at once.

Connections opened by the same process for background work skip the lock (the process holds it).
"""

from __future__ import annotations

import errno
from pathlib import Path

from filelock import FileLock, Timeout

from consultant_app.store.errors import WorkspaceError


class WorkspaceLock:
    def __init__(self, workspace: Path) -> None:
        self.path = Path(str(workspace) + ".lock")
        self._lock = FileLock(str(self.path), timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise WorkspaceError(
                f"{self.path.with_suffix('')} is open in another Debrief window or command. "
                "Close it there, or wait for the command to finish, and try again."
            ) from None
        except OSError as exc:
            workspace = self.path.with_suffix("")
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise WorkspaceError(f"{workspace} is in a read-only place; Debrief needs to write to it. Copy it to "
                                     "a folder you can write to, or restore it from a backup there.") from exc
            raise WorkspaceError(f"Cannot lock {workspace}: {exc.strerror or exc}.") from exc

    def release(self) -> None:
        self._lock.release()
