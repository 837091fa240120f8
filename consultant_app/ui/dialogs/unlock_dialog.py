"""Unlocking an encrypted workspace when the app starts or the window switches to it: its passphrase (shown or
hidden), whether to remember it on this computer (off unless ticked), Unlock or Quit (Cancel when switching). The
dialog hands each try to ``attempt``, which answers with a plain reason when the passphrase does not open the
workspace; the dialog then stays open for another try, and nothing is changed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from consultant_app.ui.icons import icon
from consultant_app.ui.passphrase import PassphraseEdit
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import button, page_header, wait_cursor

REMEMBER_TIP = (
    "Keeps the passphrase in this computer's keyring, so Debrief opens the workspace without asking. Anyone who "
    "can sign in to this computer as you can then open it too."
)


class UnlockDialog(QDialog):
    """``passphrase`` and ``remember`` once accepted; rejected means Quit (or Cancel, the ``leave`` button's text)."""

    def __init__(
        self,
        workspace_name: str,
        attempt: Callable[[str], str | None],
        note: str = "",
        remember: bool = False,
        parent: QWidget | None = None,
        leave: str = "Quit",
    ) -> None:
        super().__init__(parent)
        self.attempt = attempt
        self.passphrase = ""
        self.remember = remember
        self.setWindowTitle("Unlock workspace — Debrief")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        badge = QLabel()
        badge.setPixmap(icon("lock", colors().accent, 28).pixmap(28, 28))
        layout.addWidget(badge)
        page_header(layout, "This workspace is encrypted", f"Enter the passphrase of {workspace_name} to open it.")
        if note:
            remark = QLabel(note)
            remark.setWordWrap(True)
            remark.setObjectName("Muted")
            layout.addWidget(remark)
        self.field = PassphraseEdit("Passphrase")
        layout.addWidget(self.field)
        self.remember_box = QCheckBox("Remember on this computer")
        self.remember_box.setChecked(remember)
        self.remember_box.setToolTip(REMEMBER_TIP)
        layout.addWidget(self.remember_box)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch()
        quit_button = button(leave)
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        self.unlock_button = button("Unlock", primary=True)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.accept)
        row.addWidget(quit_button)
        row.addWidget(self.unlock_button)
        layout.addSpacing(4)
        layout.addLayout(row)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        typed = self.field.text()
        if not typed:
            self._refuse("Type the passphrase first.")
            return
        with wait_cursor():
            problem = self.attempt(typed)
        if problem:
            self._refuse(problem)
            return
        self.passphrase, self.remember = typed, self.remember_box.isChecked()
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        QTimer.singleShot(0, self.adjustSize)
        self.field.selectAll()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
