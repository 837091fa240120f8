"""The codebook of themes: see how often each is used; add, rename, recolour, merge, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from consultant_app.domain.model import Theme
from consultant_app.store import Store
from consultant_app.ui.widgets import action_row, admin_layout


def swatch(color: str | None) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color or "#98A2B3"))
    return QIcon(pixmap)


class CodebookView(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        layout = admin_layout(
            self,
            "Codebook of themes",
            (620, 520),
            "Codebook",
            "Themes tag notes during calls and drive the report's strength and weakness tallies.",
        )
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Theme", "Notes"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        layout.addWidget(self.table, 1)
        layout.addLayout(
            action_row(
                self,
                (
                    ("Add", self.add),
                    ("Rename", self.rename),
                    ("Colour", self.recolour),
                    ("Merge into…", self.merge),
                    ("Delete", self.delete),
                ),
            )
        )
        self.refresh()

    def refresh(self) -> None:
        usage = self.store.themes.usage()
        self.table.setRowCount(len(usage))
        for i, u in enumerate(usage):
            name = QTableWidgetItem(swatch(u.theme.color), u.theme.name)
            name.setData(Qt.ItemDataRole.UserRole, u.theme.id)
            count = QTableWidgetItem(f"{u.notes:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, count)

    def _selected(self) -> Theme | None:
        item = self.table.item(self.table.currentRow(), 0)
        return self.store.themes.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _try(self, action) -> None:
        try:
            action()
        except ValueError as exc:
            QMessageBox.warning(self, "Codebook", str(exc))
        self.refresh()

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "New theme", "Theme name:")
        if ok and name.strip():
            self._try(lambda: self.store.themes.save(Theme(name=name)))

    def rename(self) -> None:
        theme = self._selected()
        if theme:
            name, ok = QInputDialog.getText(self, "Rename theme", "New name:", text=theme.name)
            if ok and name.strip() and name != theme.name:
                theme.name = name
                self._try(lambda: self.store.themes.save(theme))

    def recolour(self) -> None:
        theme = self._selected()
        if theme:
            color = QColorDialog.getColor(QColor(theme.color or "#2A6FDB"), self, "Theme colour")
            if color.isValid():
                theme.color = color.name().upper()
                self._try(lambda: self.store.themes.save(theme))

    def merge(self) -> None:
        theme = self._selected()
        if not theme:
            return
        others = [t for t in self.store.themes.list() if t.id != theme.id]
        names = [t.name for t in others]
        target, ok = QInputDialog.getItem(self, "Merge themes", f"Merge “{theme.name}” into:", names, 0, False)
        if ok and target:
            target_id = others[names.index(target)].id
            self._try(lambda: self.store.themes.merge(theme.id, target_id))

    def delete(self) -> None:
        theme = self._selected()
        if (
            theme
            and QMessageBox.question(
                self, "Delete theme", f"Delete “{theme.name}”? Notes keep their text; only the tag is removed."
            )
            == QMessageBox.StandardButton.Yes
        ):
            self._try(lambda: self.store.themes.delete(theme.id))
