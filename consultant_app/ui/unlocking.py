"""Passphrases when the desktop app starts: opening an encrypted workspace (with the passphrase remembered in
this computer's keyring, else the unlock dialog, which lets the user try again after a wrong one), encrypting
the new workspace the welcome set up, and remembering a passphrase when the user asks.

The GUI does not read ``$CONSULTANT_APP_PASSPHRASE``: that is for scripts and the command line. A passphrase in
a desktop session's environment leaks into every program it starts; the keyring is the desktop's way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from consultant_app import keychain
from consultant_app.store import Store, WorkspaceError
from consultant_app.store.errors import WrongPassphrase


def unlock_at_start(path: Path, leave: str = "Quit") -> Store | None:
    """The encrypted workspace at ``path`` opened, or None when the user left (the ``leave`` button: Quit at start,
    Cancel when the window switches workspaces) or it cannot be opened (told why)."""
    from consultant_app.ui.dialogs.unlock_dialog import UnlockDialog

    remembered = keychain.recall(path)
    note = ""
    if remembered:
        try:
            return Store.open(path, passphrase=remembered)
        except WrongPassphrase:
            note = "The passphrase remembered on this computer no longer opens it; it may have been changed."
        except WorkspaceError as exc:
            return _explain(str(exc))
    outcome: dict[str, object] = {}

    def attempt(passphrase: str) -> str | None:
        try:
            outcome["store"] = Store.open(path, passphrase=passphrase)
        except WrongPassphrase:
            return f"That passphrase does not open {path.name}. Check Caps Lock and try again."
        except WorkspaceError as exc:
            outcome["problem"] = str(exc)
        return None

    dialog = UnlockDialog(path.name, attempt, note, remember=bool(remembered), leave=leave)
    if not dialog.exec():
        return None
    if "problem" in outcome:
        return _explain(str(outcome["problem"]))
    if dialog.remember:
        remember_here(path, dialog.passphrase)
    elif remembered:
        keychain.forget(path)  # it no longer opened the workspace, and the user chose not to keep the new one
    return outcome["store"]  # type: ignore[return-value]


def remember_here(path: Path, passphrase: str, parent: QWidget | None = None) -> bool:
    """Keeps the passphrase in this computer's keyring; a keyring that cannot is explained, not an error."""
    try:
        keychain.remember(path, passphrase)
    except keychain.KeyringUnavailable as exc:
        QMessageBox.information(parent, "Debrief", str(exc))
        return False
    return True


def encrypt_new(store: Store, passphrase: str) -> Store | None:
    """The welcome's new workspace, encrypted with ``passphrase`` before anything is written to it; None (the user
    told why) when that fails. A workspace nothing was ever written to is removed and created again encrypted,
    leaving no plain copy; one that holds anything is encrypted in place (with its verified backup)."""
    path = store.path
    untouched = store.is_empty() and not store.audit.entries(limit=1)
    store.close()
    try:
        if untouched:
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
        else:
            from consultant_app.store.encryption import encrypt_in_place

            encrypt_in_place(path, passphrase)
        return Store.open(path, passphrase=passphrase)
    except (WorkspaceError, OSError) as exc:
        return _explain(f"The workspace could not be encrypted: {exc}")


def _explain(message: str) -> None:
    QMessageBox.critical(None, "Debrief", message)
