"""Encrypting a plain workspace in place, and changing an encrypted workspace's passphrase — the workspace and
every backup the app keeps, so that no plain copy and no copy under an old passphrase stays behind.

Encrypting takes a verified backup first (the one that stays if anything fails), writes an encrypted copy
beside the workspace (``sqlcipher_export``), checks that the copy opens with the passphrase and holds the same
records, and only then replaces the workspace with it; the backups are then encrypted one by one, the safety
backup last. Changing the passphrase re-keys the open workspace (``PRAGMA rekey``) and then every backup. A
passphrase is never stored by the app; "remember on this computer" is the keyring's (``keychain``).
"""

from __future__ import annotations

from pathlib import Path

from consultant_app.leftovers import clear_stale
from consultant_app.store import backups
from consultant_app.store.engine import is_encrypted, quote
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.restoring import copy_database, staged_replacement
from consultant_app.store.store import Store

MIN_LENGTH = 10


def check_new_passphrase(passphrase: str, confirmation: str | None = None) -> None:
    """Raises ValueError with a plain sentence when ``passphrase`` will not do as a workspace's passphrase."""
    if len(passphrase) < MIN_LENGTH:
        raise ValueError(f"A passphrase needs at least {MIN_LENGTH} characters; a few words are easiest to type.")
    if passphrase != passphrase.strip():
        raise ValueError("A passphrase cannot start or end with a space.")
    if confirmation is not None and confirmation != passphrase:
        raise ValueError("The two passphrases differ; type the same one twice.")


def encrypt_in_place(workspace: Path, passphrase: str) -> Path:
    """Encrypts the closed plain workspace at ``workspace`` and every backup with ``passphrase``; returns the
    safety backup taken first (encrypted too by the end). Nothing is replaced unless the copy proves whole."""
    workspace = Path(workspace)
    check_new_passphrase(passphrase)
    if not workspace.is_file():
        raise WorkspaceError(f"There is no workspace at {workspace}.")
    if is_encrypted(workspace):
        raise WorkspaceError(f"{workspace.name} is already encrypted; change its passphrase instead.")
    clear_stale(workspace.parent)
    with Store.open(workspace) as store:  # finishes pending housekeeping and migrates first
        safety = store.maintenance.backup()
        counts = store.maintenance.check().counts
    with staged_replacement(workspace) as staged:
        copy_database(workspace, staged, None, passphrase)
        with Store.open_copy(staged, passphrase) as copy:
            report = copy.maintenance.check()
        if not report.ok or report.counts != counts:
            raise WorkspaceError(f"The encrypted copy did not check out ({report.problems}); nothing was changed.")
        for suffix in ("-wal", "-shm"):
            Path(f"{workspace}{suffix}").unlink(missing_ok=True)
        staged.replace(workspace)
    with Store.open(workspace, passphrase=passphrase) as store, store.write():
        store.audit.record("encrypt-workspace", backups=len(backups.list_backups(workspace)))
    backups.encrypt_plain_backups(workspace, passphrase)
    return safety


def _empty_log(store: Store) -> None:
    if store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
        raise WorkspaceError("The workspace is busy (a report or export is being made); try again when it is done.")


def change_passphrase(store: Store, new: str) -> int:
    """Re-keys the open encrypted workspace and every backup it keeps to ``new``; returns the backups re-keyed."""
    check_new_passphrase(new)
    if not store.encrypted:
        raise WorkspaceError("This workspace is not encrypted; encrypt it first.")
    old = store.passphrase
    _empty_log(store)  # pages in the log stay under the key they were written with
    store.db.execute(f"PRAGMA rekey = {quote(new)}")
    store.passphrase = new
    _empty_log(store)
    with store.write():
        store.audit.record("change-passphrase")
    problems = backups.for_each_backup(store.path, old, lambda copy: copy.db.execute(f"PRAGMA rekey = {quote(new)}"))
    if problems:
        raise WorkspaceError(
            "The workspace has its new passphrase, but these backups could not be re-keyed: " + "; ".join(problems)
        )
    return len(backups.list_backups(store.path))
