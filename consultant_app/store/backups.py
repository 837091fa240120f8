"""The backups the app keeps, in the ``<name>-backups`` folder beside the workspace: what each is, which to
prune, and holding every one of them to the workspace's erasure ledger and key.

Four kinds, told apart by name: automatic (``auto-<time>.db``, at most one a day), manual (``<name>-<time>.db``,
or any other database file put in the folder), before a schema step (``<name>-before-<step>-<time>.db``) and
replaced by a restore (``<name>.replaced-<time>.db``). Each kind keeps its newest ``KEEP`` copies. An erasure is
applied to every backup in the folder (each is opened, the ledger applied, and its free pages and index entries
wiped, as in the workspace), rather than crypto-shredded: a backup then restores to exactly the workspace it
copied, less whom the firm erased since, and stays readable with the workspace's own passphrase. A copy written
elsewhere (``backup --to``) is the user's own file, outside the app's reach.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app.paths import backup_dir, recovery_dir
from consultant_app.store.engine import is_encrypted
from consultant_app.store.erasures import ERASED
from consultant_app.store.errors import WorkspaceError

if TYPE_CHECKING:
    from consultant_app.store.store import Store

KEEP = 7
AUTOMATIC, MANUAL, PRE_MIGRATION, REPLACED = "automatic", "manual", "before a schema step", "replaced by a restore"
KINDS = (AUTOMATIC, MANUAL, PRE_MIGRATION, REPLACED)
_STAMP = r"\d{8}-\d{6}"


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    made: datetime
    size: int


def kind_of(workspace: Path, name: str) -> str | None:
    stem = re.escape(workspace.stem)
    for kind, pattern in (
        (AUTOMATIC, rf"auto-{_STAMP}\.db"),
        (PRE_MIGRATION, rf"{stem}-before-.+-{_STAMP}\.db"),
        (REPLACED, rf"{stem}\.replaced-{_STAMP}\.db"),
    ):
        if re.fullmatch(pattern, name):
            return kind
    return MANUAL if name.endswith(".db") and not name.startswith(".") else None


def list_backups(workspace: Path) -> list[Backup]:
    """Every backup of ``workspace`` in its backups folder, oldest first."""
    folder = backup_dir(workspace)
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else ():
        kind = kind_of(workspace, path.name)
        if kind:
            stamps = re.findall(_STAMP, path.name)  # copies keep the times in their names
            made = (
                datetime.strptime(stamps[-1], "%Y%m%d-%H%M%S")
                if stamps
                else datetime.fromtimestamp(path.stat().st_mtime)
            )
            found.append(Backup(path, kind, made, path.stat().st_size))
    return sorted(found, key=lambda b: (b.made, b.path.name))


def prune(workspace: Path, keep: int = KEEP) -> list[Path]:
    """Deletes all but the newest ``keep`` backups of each kind; returns what was deleted."""
    deleted = []
    for kind in KINDS:
        for old in [b for b in list_backups(workspace) if b.kind == kind][:-keep]:
            old.path.unlink(missing_ok=True)
            deleted.append(old.path)
    return deleted


def for_each_backup(workspace: Path, passphrase: str | None, work: Callable[[Store], object]) -> list[str]:
    """Runs ``work`` on every backup opened as a workspace copy with ``passphrase``; returns a plain line for
    each backup that could not be opened (the rest are still done)."""
    from consultant_app.store.store import Store

    problems = []
    for backup in list_backups(workspace):
        key = passphrase if is_encrypted(backup.path) else None  # a plain one left by an encryption cut short
        try:
            with Store.open_copy(backup.path, key) as copy:
                work(copy)
        except WorkspaceError as exc:
            problems.append(f"{backup.path.name}: {exc}")
    return problems


def encrypt_plain_backups(workspace: Path, passphrase: str) -> None:
    """Encrypts every plain backup of an encrypted workspace (what an encryption cut short left plain)."""
    from consultant_app.store.restoring import copy_database, staged_replacement

    for backup in list_backups(workspace):
        if not is_encrypted(backup.path):
            with staged_replacement(backup.path, lock=False) as staged:
                copy_database(backup.path, staged, None, passphrase)
                staged.replace(backup.path)


def hold_to_ledger(store: Store) -> list[str]:
    """Applies the workspace's erasure ledger to every backup it keeps, and deletes the calls kept in recovery
    files of candidates erased since (whose workspace was lost mid-call); returns the backups that failed."""
    ledger, hashes, secret = store.erasures.all(), store.erasures.hashes(), store.identities.secret()
    for candidate_id in (c for c, e in ledger.items() if e.kind == ERASED):
        for kept in recovery_dir(store.path).glob(f"candidate-{candidate_id}-*"):
            kept.unlink(missing_ok=True)
    return for_each_backup(store.path, store.passphrase, lambda copy: copy.erasures.hold_to(ledger, hashes, secret))
