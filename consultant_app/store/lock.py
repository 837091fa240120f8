"""One writer process per workspace: a second app window or command on the same file is told plainly that
the file is in use, instead of two processes writing to one SQLite file at once. Taking the lock is also the
first write to the workspace's folder (created if needed), so a folder Debrief cannot write to is found here.

On Linux the lock is an open-file-description lock (``F_OFD_SETLK``) on one byte of the workspace file
itself, far beyond SQLite's own lock bytes. It belongs to the file, not to its name: a symlink, a hard link
or a ``..`` path to the same file finds it taken, and there is no lock file anyone could delete. Its
descriptor is opened before the store's SQLite connection and closed after it (on POSIX, closing any
descriptor of the file drops every SQLite lock the process holds on it), and a process never opens a second
one for a file it already holds. Elsewhere the lock is ``<real path>.lock`` (filelock) on the resolved path.

Connections opened by the same process for background work skip the lock (the process holds it).
"""

from __future__ import annotations

import errno
import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app.store.errors import FolderNotWritable, WorkspaceInUse

try:
    from fcntl import F_OFD_SETLK, F_WRLCK, fcntl
except ImportError:  # not Linux
    F_OFD_SETLK = None

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_BYTE = 0x7FFF_FFF0  # SQLite locks bytes 0x4000_0000 to 0x4000_01FF; this one is never used
_held: set[tuple[int, int]] = set()  # (device, inode) of the workspaces this process holds


class WorkspaceLock:
    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None
        self._file_lock: FileLock | None = None

    def acquire(self) -> None:
        try:
            self.workspace.parent.mkdir(parents=True, exist_ok=True)
            if F_OFD_SETLK is None or not self._lock_the_file():
                self._lock_a_lock_file()
        except BlockingIOError:
            raise self._in_use() from None
        except OSError as exc:
            raise FolderNotWritable(self.workspace, (exc.strerror or str(exc)).lower()) from exc

    def _lock_the_file(self) -> bool:
        """Locks a byte of the workspace file; False when its file system has no such locks."""
        try:
            status = os.stat(self.workspace)
        except FileNotFoundError:
            status = None
        if status is not None and (status.st_dev, status.st_ino) in _held:
            raise self._in_use()  # opening (and closing) a second descriptor would drop this process's locks
        fd = os.open(self.workspace, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl(fd, F_OFD_SETLK, struct.pack("hhqqi4x", F_WRLCK, os.SEEK_SET, LOCK_BYTE, 1, 0))
        except OSError as exc:
            os.close(fd)  # no SQLite connection of this process has the file open yet
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise self._in_use() from None
            if exc.errno in (errno.EINVAL, errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                return False
            raise
        self._fd = fd
        opened = os.fstat(fd)
        self._identity = (opened.st_dev, opened.st_ino)
        _held.add(self._identity)
        return True

    def _lock_a_lock_file(self) -> None:
        from filelock import FileLock, Timeout  # only where the file itself cannot be locked: not at every start

        self._file_lock = FileLock(os.path.realpath(self.workspace) + ".lock", timeout=0)
        try:
            self._file_lock.acquire()
        except Timeout:
            raise self._in_use() from None

    def _in_use(self) -> WorkspaceInUse:
        return WorkspaceInUse(
            f"{self.workspace} is open in another Debrief window or command. Close it there, "
            "or wait for the command to finish, and try again."
        )

    def release(self) -> None:
        """Call after the store's SQLite connection has closed."""
        if self._fd is not None:
            _held.discard(self._identity)
            os.close(self._fd)
            self._fd = None
        if self._file_lock is not None:
            self._file_lock.release()
            self._file_lock = None
