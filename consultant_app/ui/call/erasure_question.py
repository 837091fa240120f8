"""The one question before an anonymous candidate's identity is erased on the call screen: completing their
interview erases their name, e-mail and phone for good, now or when the call screen closes; or the status goes
back. Enter keeps the choice recoverable (erase on closing); the erasing button is never the default. While the
erasure waits for the screen to close, a calm banner under the header says so."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from consultant_app.ui.theme import blend, colors

NOW, ON_CLOSE, BACK = "now", "on close", "back"
PENDING = (
    "Completed — the name, e-mail and phone are erased when you close this screen. Ctrl+Z or another status keeps them."
)


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


class PendingErasureBanner(QLabel):
    """Says, for as long as it is so, that the completion waits to erase the identity when the screen closes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(PENDING, parent)
        self.setObjectName("PendingErasure")
        self.setWordWrap(True)
        self.setAccessibleName("Erasure pending")
        self.restyle()
        self.hide()

    def restyle(self) -> None:
        """Colours of the theme in use (again after the theme changes): an accent tint, not an alarm."""
        c = colors()
        self.setStyleSheet(
            f"#PendingErasure {{ background: {blend(c.accent, c.surface, 36)}; color: {c.text}; "
            f"padding: 8px 20px; border-bottom: 1px solid {c.border}; }}"
        )
