"""Choosing a passphrase for a workspace: encrypting a plain workspace (with whether to remember it on this
computer), or changing an encrypted one's passphrase (the current one first). Returns ``(passphrase,
remember)``; the window does the encrypting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QWidget

from consultant_app.ui.dialogs.form import FormDialog
from consultant_app.ui.dialogs.unlock_dialog import REMEMBER_TIP
from consultant_app.ui.passphrase import NewPassphrase, PassphraseEdit

ENCRYPT_NOTE = (
    "Debrief first takes a verified backup, then encrypts the workspace and every backup it keeps with this "
    "passphrase. Without it nobody can read them, and nobody can recover it for you: keep it somewhere safe."
)
CHANGE_NOTE = "The workspace and every backup it keeps are encrypted with the new passphrase from now on."


class PassphraseDialog(FormDialog):
    """With ``check_current`` it changes a passphrase (the current one must pass the check); without, it encrypts."""

    def __init__(
        self, check_current: Callable[[str], bool] | None = None, reason: str = "", parent: QWidget | None = None
    ) -> None:
        changing = check_current is not None
        title = "Change passphrase" if changing else "Encrypt workspace"
        note = CHANGE_NOTE if changing else ENCRYPT_NOTE
        super().__init__(title, f"{reason} {note}".strip(), parent)
        self.setMinimumWidth(540)
        self.check_current = check_current
        self.current = self.add_row("Current passphrase", PassphraseEdit("Current passphrase")) if changing else None
        self.new_passphrase = NewPassphrase(self, "New passphrase" if changing else "Passphrase")
        for label, widget in self.new_passphrase.rows():
            self.add_row(label, widget)
        self.remember = QCheckBox("Remember on this computer")
        self.remember.setToolTip(REMEMBER_TIP)
        if not changing:
            self.add_row("", self.remember)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Change passphrase" if changing else "Encrypt")
        (self.current or self.new_passphrase.first).setFocus()

    def collect(self) -> tuple[str, bool]:
        if self.current is not None and not self.check_current(self.current.text()):
            self.current.selectAll()
            self.current.setFocus()
            raise ValueError("The current passphrase is not right; nothing was changed.")
        new = self.new_passphrase.value()
        if self.current is not None and new == self.current.text():
            raise ValueError("The new passphrase is the same as the current one.")
        return new, self.remember.isChecked()
