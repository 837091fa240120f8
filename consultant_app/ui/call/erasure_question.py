"""The one question before an anonymous candidate's identity is erased on the call screen: completing their
interview erases their name, e-mail and phone for good, now or when the call screen closes; or the status goes
back. Enter keeps the choice recoverable (erase on closing); the erasing button is never the default."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

NOW, ON_CLOSE, BACK = "now", "on close", "back"


def ask_erasure(parent: QWidget, label: str) -> str:
    """Asks, and returns NOW, ON_CLOSE or BACK (Escape, or the window closed)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Complete an anonymous interview", "", parent=parent)
    box.setText("This erases the candidate's name, e-mail and phone for good.")
    box.setInformativeText(
        f"They stay “{label}” in the workspace. Erase now, or when you close this call screen: until then "
        "Ctrl+Z or another status keeps everything."
    )
    now = box.addButton("Erase now", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Erase when I close", QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton("Don't complete", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(later)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    return NOW if clicked is now else ON_CLOSE if clicked is later else BACK
