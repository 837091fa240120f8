"""The one-writer lock follows the file, not its name: while one process has a workspace open, another is
refused through a symlink, a hard link, a ``..`` path or after every ``*.lock`` file beside it was deleted;
and a second open inside the same process is refused without dropping the first one's SQLite locks (which
would let the last outside reader delete the write-ahead log)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from consultant_app.domain.model import Client
from consultant_app.store import Store, WorkspaceInUse

ROOT = Path(__file__).resolve().parents[2]
OPEN_AND_WRITE = (
    "import sys; from consultant_app.store import Store; from consultant_app.domain.model import Client; "
    "s = Store.open(sys.argv[1]); s.clients.save(Client(name='Second writer')); s.close()"
)


def second_process(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", OPEN_AND_WRITE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def held(tmp_path):
    """A workspace held open by this process, in a folder of its own."""
    folder = tmp_path / "work"
    folder.mkdir()
    with Store.open(folder / "w.db") as store:
        store.clients.save(Client(name="First writer"))
        yield store


def alias(held, kind: str) -> Path:
    folder = held.path.parent
    if kind == "symlink":
        (folder / "alias.db").symlink_to(held.path)
        return folder / "alias.db"
    if kind == "hard link":
        os.link(held.path, folder / "hard.db")
        return folder / "hard.db"
    if kind == "dot-dot path":
        (folder / "sub").mkdir()
        return folder / "sub" / ".." / "w.db"
    for lock_file in folder.glob("*.lock"):
        lock_file.unlink()
    return held.path


@pytest.mark.parametrize("kind", ["symlink", "hard link", "dot-dot path", "deleted lock files"])
def test_another_process_is_refused_whatever_the_path(held, kind):
    result = second_process(alias(held, kind))
    assert result.returncode != 0 and "is open in another Debrief window or command" in result.stderr, result.stderr
    assert [c.name for c in held.clients.list()] == ["First writer"]


def test_a_second_open_in_the_same_process_keeps_the_first_ones_locks(held):
    wal = Path(str(held.path) + "-wal")
    inode = wal.stat().st_ino
    for path in (held.path, alias(held, "hard link")):
        with pytest.raises(WorkspaceInUse):
            Store.open(path)
    reader = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('PRAGMA integrity_check').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", reader, str(held.path)], check=True, timeout=60)
    assert wal.exists() and wal.stat().st_ino == inode  # the outside reader did not think it was the last one
    held.clients.save(Client(name="Still saving"))


def test_the_lock_is_free_again_once_closed(tmp_path):
    with Store.open(tmp_path / "w.db"):
        pass
    assert second_process(tmp_path / "w.db").returncode == 0
