"""Passphrase fields shared by the welcome, the unlock dialog, the lock screen and the passphrase dialogs: a
field whose eye button shows or hides what was typed, and a new passphrase typed twice with a live hint (at
least ``MIN_LENGTH`` characters; the two must match)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from consultant_app.store.encryption import MIN_LENGTH, check_new_passphrase
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import SIGNAL_COLORS, colors


class PassphraseEdit(QLineEdit):
    """A password field with a show/hide button at its end."""

    def __init__(self, placeholder: str = "Passphrase", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setPlaceholderText(placeholder)
        self.setMinimumWidth(260)
        self.toggle = QAction(self)
        self.toggle.triggered.connect(lambda: self.reveal(self.echoMode() == QLineEdit.EchoMode.Password))
        self.addAction(self.toggle, QLineEdit.ActionPosition.TrailingPosition)
        self.reveal(False)

    def reveal(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle.setIcon(icon("eye-off" if shown else "eye", colors().muted, 16))
        self.toggle.setToolTip("Hide the passphrase" if shown else "Show the passphrase")


class NewPassphrase(QObject):
    """A new passphrase and its repetition, with a hint under them; ``value()`` checks both."""

    def __init__(self, parent: QWidget, label: str = "Passphrase") -> None:
        super().__init__(parent)
        self.label = label
        self.first = PassphraseEdit("New passphrase")
        self.second = PassphraseEdit("The same passphrase again")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        for edit in (self.first, self.second):
            edit.textChanged.connect(self._update_hint)
        self.first.toggle.triggered.connect(
            lambda: self.second.reveal(self.first.echoMode() == QLineEdit.EchoMode.Normal)
        )
        self._update_hint()

    def rows(self) -> list[tuple[str, QWidget]]:
        return [(self.label, self.first), ("Repeat it", self.second), ("", self.hint)]

    def _update_hint(self) -> None:
        first, second = self.first.text(), self.second.text()
        if len(first) < MIN_LENGTH:
            left = MIN_LENGTH - len(first)
            text = f"At least {MIN_LENGTH} characters ({left} more). A few unrelated words are easy to remember."
            color = colors().muted
        elif second and not first.startswith(second):
            text, color = "The two passphrases differ.", SIGNAL_COLORS["warn"]
        elif second == first:
            text, color = "Long enough, and both match.", SIGNAL_COLORS["good"]
        else:
            text, color = "Long enough. Type it once more below.", SIGNAL_COLORS["good"]
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {color}; font-size: 12px;")

    def value(self) -> str:
        """The passphrase, or ValueError with what to fix (the core's own rule for a workspace's passphrase)."""
        first = self.first.text()
        if not first:
            raise ValueError("Choose a passphrase.")
        check_new_passphrase(first, self.second.text())
        return first

    def focus(self) -> None:
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)
