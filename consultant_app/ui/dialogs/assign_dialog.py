"""Assign a consultant to the selected rows' open interviews: the consultants named in the workspace to choose from,
or a new name typed, with the default consultant of Preferences filled in."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from consultant_app.domain.wording import plural
from consultant_app.ui.dialogs.form import FormDialog


class AssignDialog(FormDialog):
    def __init__(self, interviews: int, consultants: list[str], consultant: str, parent: QWidget | None = None):
        super().__init__("Assign consultant", f"Who calls the {plural(interviews, 'open interview')} selected.", parent)
        self.consultant = QComboBox(editable=True)
        self.consultant.addItems(consultants)
        self.consultant.setCurrentText(consultant or (consultants[0] if consultants else ""))
        self.consultant.setAccessibleName("Consultant")
        self.consultant.lineEdit().setPlaceholderText("Name of the consultant")
        self.add_row("Consultant", self.consultant)

    def collect(self) -> str:
        name = " ".join(self.consultant.currentText().split())
        if not name:
            raise ValueError("Type the consultant's name, or choose one.")
        return name
