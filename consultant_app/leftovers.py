"""Half-written outputs and what a killed command leaves behind. Every output (a report, a dataset, an
export, a backup, a restore) is first written under a hidden name beside its target that carries
``.debrief-partial-`` and is moved into place when whole. A command killed midway leaves that hidden
file or folder; the next run of a command writing into the same folder removes it, once it is older than
``STALE_AFTER_S`` (so a run still going on in another window keeps its own).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

MARK = ".debrief-partial-"
STALE_AFTER_S = 10 * 60


def partial_file(target: Path, suffix: str = "") -> Path:
    """A new, empty hidden file beside ``target`` to write it in first (its folder is made if needed, and
    what killed commands left there is cleared)."""
    _prepare(target.parent)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}{MARK}", suffix=suffix, dir=target.parent)
    os.close(handle)
    return Path(name)


def partial_folder(target: Path) -> Path:
    """A new, empty hidden folder beside ``target`` to write it in first (as ``partial_file``)."""
    _prepare(target.parent)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}{MARK}", dir=target.parent))


def _prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    clear_stale(folder)


def clear_stale(folder: Path, older_than: float = STALE_AFTER_S, prefix: str = ".") -> None:
    """Removes the partial files and folders in ``folder`` (whose names start with ``prefix``) that a killed
    command left behind, once they are ``older_than`` seconds old."""
    try:
        entries = [p for p in Path(folder).iterdir() if p.name.startswith(prefix) and MARK in p.name]
    except OSError:
        return
    for entry in entries:
        try:
            if older_than and time.time() - entry.lstat().st_mtime < older_than:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:
            continue
