"""Editing one theme of the codebook: its name, the broader theme it sits under (only top themes are offered, and none
to a theme that has themes under it, which says so beside the field: the codebook is one level deep) and what it covers,
shown as its tooltip wherever themes are chosen. Tab walks the fields; Enter in the description starts a new line and
Ctrl+Enter saves from anywhere."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from consultant_app.domain.model import Theme
from consultant_app.ui.dialogs.form import FormDialog, text_or_none


class ThemeDialog(FormDialog):
    def __init__(self, theme: Theme, tops: list[Theme], has_children: bool, parent: QWidget | None = None) -> None:
        super().__init__("Edit theme", "Name it, place it under a broader theme, and say what it covers.", parent)
        self.original = theme
        self.name = self.add_row("Name", QLineEdit(theme.name))
        self.parent_theme = QComboBox()
        self.parent_theme.setAccessibleName("Under")
        self.parent_theme.addItem("— (a top theme)", None)
        for top in tops:
            if top.id != theme.id:
                self.parent_theme.addItem(top.name, top.id)
        self.parent_theme.setCurrentIndex(max(0, self.parent_theme.findData(theme.parent_id)))
        self.why_top: QLabel | None = None
        if has_children:
            self.parent_theme.setEnabled(False)
            self.why_top = QLabel("Themes are under it, so it stays a top theme.")
            self.why_top.setObjectName("Muted")
        self.add_row("Under", _with_note(self.parent_theme, self.why_top))
        self.description = QPlainTextEdit(theme.description or "")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText("What notes with this theme are about, for whoever tags them")
        self.description.setAccessibleName("Description")
        self.description.setFixedHeight(110)
        self.add_row("Description", self.description)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self, self.accept)

    def collect(self) -> Theme:
        name = text_or_none(self.name)
        if not name:
            raise ValueError("A theme needs a name.")
        description = self.description.toPlainText().strip() or None
        return replace(self.original, name=name, parent_id=self.parent_theme.currentData(), description=description)


def _with_note(field: QWidget, note: QLabel | None) -> QWidget:
    """``field``, with ``note`` (if any) close under it."""
    if note is None:
        return field
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    column.addWidget(field)
    column.addWidget(note)
    return box
