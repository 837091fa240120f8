"""Confirming an erasure that cannot be undone: the consultant types the candidate's name (for a pseudonymous
candidate, the label shown for them) before the button that says whom it erases is enabled. Cancel is the
default button, so Enter in the empty field erases nothing (the GNOME and macOS rule for destructive actions);
Enter in the field erases only once the typed name matches, and Enter after a name that does not match keeps the
question open and says so (closing then would look like the erasure happened)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from consultant_app.ui.widgets import page_header


class EraseDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setWindowTitle("Erase candidate")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        page_header(layout, f"Erase {name} everywhere?")
        explain = QLabel(
            "Their interviews and notes are deleted and purged from the search index, the file and every "
            "backup Debrief keeps. This cannot be undone: no restore or import brings them back."
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        prompt = QLabel(f"Type <b>{html.escape(name)}</b> to confirm:")
        layout.addWidget(prompt)
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Name of the candidate to erase")
        self.typed.setPlaceholderText(name)
        prompt.setBuddy(self.typed)
        layout.addWidget(self.typed)
        self.problem = QLabel()  # why Enter did not erase: the typed name is not the candidate's
        self.problem.setObjectName("Error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.erase = self.buttons.addButton(f"Erase {name}", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase.setProperty("danger", True)
        self.erase.setEnabled(False)
        self.erase.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.cancel.setDefault(True)  # set once the buttons are in the dialog, or Qt picks its own default
        self.typed.textChanged.connect(self._typed_changed)
        self.typed.installEventFilter(self)
        self.typed.setFocus()

    def matches(self) -> bool:
        """The typed text is the name, ignoring case and extra spaces."""
        return " ".join(self.typed.text().split()).casefold() == " ".join(self.name.split()).casefold()

    def _typed_changed(self, _text: str) -> None:
        self.erase.setEnabled(self.matches())
        self.problem.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.typed
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.typed.text().strip()
        ):
            if self.matches():
                self.accept()
            else:
                typed = " ".join(self.typed.text().split())
                self.problem.setText(f"“{typed}” does not match “{self.name}”: nothing was erased.")
                self.problem.show()
                self.adjustSize()  # room for the message, the explanation above it unsqueezed
            return True
        return super().eventFilter(watched, event)
