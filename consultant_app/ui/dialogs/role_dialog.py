"""Create or edit a role of a client: title, department, level, place, work mode, salary."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLineEdit, QWidget

from consultant_app.domain.model import Role
from consultant_app.domain.taxonomy import LEVELS, WORK_MODES
from consultant_app.domain.validation import MAX_SALARY
from consultant_app.ui.dialogs.form import FormDialog, text_or_none


class RoleDialog(FormDialog):
    def __init__(self, client_id: str, role: Role | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit role" if role else "New role", "A position the client offered.", parent)
        self.client_id, self.original = client_id, role
        r = role or Role(client_id=client_id, title="")
        self.title = self.add_row("Title", QLineEdit(r.title))
        self.department = self.add_row("Department", QLineEdit(r.department or ""))
        self.level = QComboBox(editable=True)
        self.level.addItems([""] + list(LEVELS))
        self.level.setCurrentText(r.level or "")
        self.add_row("Level", self.level)
        self.location = self.add_row("Location", QLineEdit(r.location or ""))
        self.work_mode = QComboBox()
        self.work_mode.addItem("—", None)
        for code, name in WORK_MODES.items():
            self.work_mode.addItem(name, code)
        self.work_mode.setCurrentIndex(max(0, self.work_mode.findData(r.work_mode)))
        self.add_row("Work mode", self.work_mode)
        salary_row = QWidget()
        row = QHBoxLayout(salary_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.salary = QDoubleSpinBox(maximum=MAX_SALARY, decimals=0, singleStep=1000)
        self.salary.setSpecialValueText("—")
        self.salary.setValue(r.salary_offered or 0)
        self.salary.setGroupSeparatorShown(True)
        self.currency = QLineEdit(r.currency or "EUR")
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(64)
        row.addWidget(self.salary, 1)
        row.addWidget(self.currency)
        self.add_row("Salary offered", salary_row)
        self.hiring_manager = self.add_row("Hiring manager", QLineEdit(r.hiring_manager or ""))

    def collect(self) -> Role:
        title = text_or_none(self.title)
        if not title:
            raise ValueError("A role needs a title.")
        base = self.original or Role(client_id=self.client_id, title=title)
        return replace(
            base,
            title=title,
            department=text_or_none(self.department),
            level=self.level.currentText().strip() or None,
            location=text_or_none(self.location),
            work_mode=self.work_mode.currentData(),
            salary_offered=self.salary.value() or None,
            currency=(self.currency.text().strip().upper() or None),
            hiring_manager=text_or_none(self.hiring_manager),
        )
