"""The main window's side of encryption at rest: "Lock now" and the idle lock of an encrypted workspace (the
firm's auto-lock minutes within the machine's policy), "Encrypt workspace…" for a plain one (the store is
closed, encrypted in place off the GUI thread, and the window goes on with the store reopened with the
passphrase), "Change passphrase…" for an encrypted one (and the keyring entry, if the passphrase was
remembered), and, at start, the firm policy's demands. ``WorkspaceSecurity`` is a small object the window makes,
as it makes ``Outputs``.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from consultant_app import keychain
from consultant_app.policy import auto_lock_minutes, load_policy, passphrase_required
from consultant_app.store import Store, WorkspaceError
from consultant_app.ui import worker
from consultant_app.ui.lock_screen import MINUTE_MS, AutoLock
from consultant_app.ui.unlocking import remember_here
from consultant_app.ui.widgets import wait_cursor

if TYPE_CHECKING:
    from consultant_app.ui.main_window import MainWindow

BUSY = (
    "Debrief is still working on something in the background (a backup, report or export); try again when it is done."
)


class WorkspaceSecurity:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.policy = load_policy()
        self.autolock = AutoLock(lambda: window.store.passphrase if window.isVisible() else None, window)
        self.act_lock = window._action("Lock now", self.autolock.lock, "Ctrl+Shift+L", "lock")
        self.act_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from a call screen too
        self.act_encrypt = window._action("Encrypt workspace…", lambda: self.encrypt(), None, "shield-check")
        self.act_passphrase = window._action("Change passphrase…", self.change_passphrase, None, "shield-check")
        self.actions = [self.act_encrypt, self.act_passphrase, self.act_lock]
        self.apply_settings()

    def apply_settings(self) -> None:
        """Shows the actions that fit the workspace and arms the idle lock (only an encrypted workspace locks)."""
        store = self.window.store
        self.act_encrypt.setVisible(not store.encrypted)
        self.act_passphrase.setVisible(store.encrypted)
        self.act_lock.setVisible(store.encrypted)
        minutes = auto_lock_minutes(store.firm.get().auto_lock_minutes, self.policy) if store.encrypted else 0
        self.autolock.arm(minutes * MINUTE_MS)

    def enforce_policy(self) -> None:
        """At start: says when the policy file is unreadable, and offers to encrypt a plain workspace that the
        policy or the firm profile says must be encrypted (asked again at every start until it is)."""
        if self.policy.problem:
            QMessageBox.warning(self.window, "Firm policy", self.policy.problem)
        self.require_encryption()

    def require_encryption(self) -> None:
        """Offers to encrypt a plain workspace that the policy or the firm profile says must be encrypted."""
        store = self.window.store
        if not store.encrypted and passphrase_required(self.policy, store.firm.get().require_passphrase):
            self.encrypt("Your firm requires every workspace to be encrypted.")

    # encrypting ---------------------------------------------------------------------------
    def encrypt(self, reason: str = "") -> None:
        from consultant_app.ui.dialogs.passphrase_dialog import PassphraseDialog

        window = self.window
        if window.store.encrypted:
            return
        if worker.busy():
            QMessageBox.information(window, "Encrypt workspace", BUSY)
            return
        dialog = PassphraseDialog(reason=reason, parent=window)
        if not dialog.exec():
            return
        passphrase, remember = dialog.result_value
        if not window.close_call_screens():
            return
        path = window.store.path
        window.store.close()
        window.setEnabled(False)  # nothing may read the closed store until the encrypted one is open

        def work():
            from consultant_app.store.encryption import encrypt_in_place

            return encrypt_in_place(path, passphrase)

        def done(backup) -> None:
            reopened = self._reopen(path, passphrase)
            if reopened is None:
                return
            if remember:
                remember_here(path, passphrase, window)
            where = f" A verified backup was taken first: {backup.name}." if backup else ""
            window.statusBar().showMessage(f"The workspace and its backups are encrypted.{where}", 15000)

        def failed(exc: Exception) -> None:
            if self._reopen(path, None) is not None:
                QMessageBox.warning(
                    window, "Encrypt workspace", f"The workspace could not be encrypted, and is unchanged: {exc}"
                )

        worker.run_in_background(window, "Encrypting the workspace and its backups…", work, done, failed)

    def _reopen(self, path, passphrase: str | None) -> Store | None:
        window = self.window
        try:
            store = Store.open(path, passphrase=passphrase)
        except WorkspaceError as exc:
            QMessageBox.critical(window, "Debrief", f"{exc} Debrief closes now; start it again to open the workspace.")
            window.close()
            return None
        window.setEnabled(True)
        window.use_store(store)
        self.apply_settings()
        return store

    # changing the passphrase --------------------------------------------------------------
    def change_passphrase(self) -> None:
        from consultant_app.store.encryption import change_passphrase
        from consultant_app.ui.dialogs.passphrase_dialog import PassphraseDialog

        window, store = self.window, self.window.store
        if not store.encrypted:
            return
        if worker.busy():
            QMessageBox.information(window, "Change passphrase", BUSY)
            return
        current = store.passphrase

        def check(typed: str) -> bool:
            return hmac.compare_digest(typed.encode(), current.encode())

        dialog = PassphraseDialog(check_current=check, parent=window)
        if not dialog.exec():
            return
        new, _remember = dialog.result_value
        remembered = keychain.recall(store.path) is not None
        problem = None
        with wait_cursor():
            try:
                rekeyed = change_passphrase(store, new)
            except (WorkspaceError, ValueError) as exc:
                problem = str(exc)
        if store.passphrase != new:  # refused before anything changed
            QMessageBox.warning(window, "Change passphrase", f"The passphrase was not changed: {problem}")
            return
        if remembered:
            remember_here(store.path, new, window)
        if problem:  # the workspace has the new passphrase, some backup does not
            QMessageBox.warning(window, "Change passphrase", problem)
            return
        backups = {0: "", 1: " and its backup"}.get(rekeyed, f" and its {rekeyed} backups")
        window.statusBar().showMessage(f"The passphrase of the workspace{backups} is changed.", 15000)
