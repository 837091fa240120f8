"""One writer process per workspace: an operating-system lock on ``<workspace>.lock``, held while
the workspace is open. A second app window or command on the same file is told plainly that the
file is in use, instead of two processes writing to one SQLite file at once. Taking the lock is
also the first write to the workspace's folder (created if needed), so a folder Debrief cannot
write to is found here, before anything else is tried.

Connections opened by the same process for background work skip the lock (the process holds it).
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from consultant_app.store.errors import FolderNotWritable, WorkspaceInUse


class WorkspaceLock:
    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.path = Path(str(workspace) + ".lock")
        self._lock = FileLock(str(self.path), timeout=0)

    def acquire(self) -> None:
        try:
            self.workspace.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout:
            raise WorkspaceInUse(
                f"{self.workspace} is open in another Debrief window or command. "
                "Close it there, or wait for the command to finish, and try again."
            ) from None
        except OSError as exc:
            raise FolderNotWritable(self.workspace, (exc.strerror or str(exc)).lower()) from exc

    def release(self) -> None:
        self._lock.release()
