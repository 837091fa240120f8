"""Asking before a consequential action: a question whose confirming button says what it does and is never the
default, so Enter or Space on a freshly opened question cancels (the GNOME and macOS rule)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

# The question stands out from what follows it, and the explanation gets room for its paths and sentences (Qt's
# message box otherwise wraps them at about 300 pixels)
QUESTION_STYLE = "QLabel#qt_msgbox_label { font-weight: 600; } QLabel#qt_msgbox_informativelabel { min-width: 460px; }"


def confirm(parent: QWidget | None, title: str, text: str, action: str, details: str = "") -> bool:
    """True only when the consultant pressed the button named ``action``; Cancel is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setStyleSheet(QUESTION_STYLE)
    if details:
        box.setInformativeText(details)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    cancel.setFocus()
    box.exec()
    return box.clickedButton() is go
