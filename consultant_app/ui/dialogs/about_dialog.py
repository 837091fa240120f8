"""Help → About: Debrief's version (``pyproject.toml``'s, through ``about``), what it runs on (Python, Qt and
PySide6, SQLCipher and SQLite, the platform) and the workspace file open now, with *Copy details* to paste them
into a message to whoever supports the firm's Debrief."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QGridLayout, QLabel, QPushButton, QWidget

from consultant_app.about import runtime_versions
from consultant_app.ui.widgets import action_row, admin_layout, card, field_label

WIDTH = 520
TAGLINE = "Declined-offer interviews, client reports and anonymised datasets — offline, in one file."


class AboutDialog(QDialog):
    def __init__(self, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        versions = runtime_versions()
        debrief = versions.pop("Debrief")
        self.details = {**versions, "Workspace": str(workspace)}
        self.summary = f"Debrief {debrief}"
        layout = admin_layout(self, "About Debrief", (WIDTH, 0), self.summary, TAGLINE)
        facts = card()
        grid = QGridLayout(facts)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        for row, (name, value) in enumerate(self.details.items()):
            grid.addWidget(field_label(name), row, 0, Qt.AlignmentFlag.AlignTop)
            shown = QLabel(value)
            shown.setWordWrap(name == "Workspace")  # a long path wraps; the versions stay one line each
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(shown, row, 1)
        layout.addSpacing(8)
        layout.addWidget(facts)
        layout.addSpacing(8)
        layout.addLayout(action_row(self, [("Copy details", self.copy_details)]))
        self.copy_button = self.findChild(QPushButton)
        self.resize(WIDTH, layout.totalHeightForWidth(WIDTH))  # the tagline and the path wrap: as tall as that takes

    def details_text(self) -> str:
        return "\n".join([self.summary, *(f"{name}: {value}" for name, value in self.details.items())]) + "\n"

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details_text())
        self.copy_button.setText("Copied")
