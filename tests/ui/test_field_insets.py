"""A number or date field's text sits as far from its left border as a line edit's: the salary on the call screen
and the From and To dates of the client report (they touched the border), and the salary still fits its field."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit

from tests.ui.call_driving import new_call


def text_inset(field) -> int:
    """How far right of the field's left edge its text begins, as the cursor at the text's start shows."""
    edit = field.lineEdit() if isinstance(field, QAbstractSpinBox) else field
    edit.setCursorPosition(0)
    return edit.mapTo(field, QPoint(edit.cursorRect().center().x(), 0)).x()


def test_the_salary_sits_inside_its_field_like_the_company(qtbot, store):
    screen = new_call(qtbot, store)
    answers = screen.answers
    answers.salary.setValue(80000)
    assert abs(text_inset(answers.salary) - text_inset(answers.company)) <= 1
    field = answers.salary.lineEdit()
    assert field.text().startswith("80,000")
    margins = field.textMargins()
    assert field.width() - margins.left() - margins.right() >= field.fontMetrics().horizontalAdvance(field.text())
    screen.close()


def test_the_report_dates_sit_inside_their_fields(qtbot, demo_store, tmp_path):
    from consultant_app.ui.dialogs.report_dialog import ReportDialog

    clients = demo_store.clients.list()
    dialog = ReportDialog(clients, clients[0].id, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    line = QLineEdit()
    qtbot.addWidget(line)
    line.show()
    for field in (dialog.date_from, dialog.date_to):
        assert abs(text_inset(field) - text_inset(line)) <= 1, text_inset(field)
    dialog.reject()
