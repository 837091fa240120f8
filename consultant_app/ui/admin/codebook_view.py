"""The codebook of themes: see how often each is used; add, rename, recolour, merge, delete. A merge names its
target (nothing is preselected) and says how many notes move before it happens; a merge or a deletion can be
undone with Undo or Ctrl+Z while the dialog is open. Tab leaves the table, so every button is reachable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
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
from consultant_app.store.themes import RemovedTheme
from consultant_app.ui.admin.theme_chooser import ThemeChooser
from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.widgets import action_row, admin_layout


def swatch(color: str | None) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color or "#98A2B3"))
    return QIcon(pixmap)


class CodebookView(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undoable: list[RemovedTheme] = []
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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)  # every command takes one theme
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons; the arrow keys move between themes
        layout.addWidget(self.table, 1)
        row = action_row(
            self,
            (
                ("Add", self.add),
                ("Rename", self.rename),
                ("Colour", self.recolour),
                ("Merge into…", self.merge),
                ("Delete…", self.delete),
                ("Undo", self.undo),
            ),
        )
        layout.addLayout(row)
        self.undo_button = row.itemAt(5).widget()
        self.undo_button.setToolTip("Undo the last merge or deletion (Ctrl+Z)")
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
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
        self.undo_button.setEnabled(bool(self.undoable))

    def _select(self, theme_id: str) -> None:
        """Makes the theme's row the one selected and current row (``selectRow`` would add it to the selection
        while Ctrl is still held down from Ctrl+Z)."""
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == theme_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.table.selectionModel().setCurrentIndex(self.table.model().index(i, 0), flags)
                self.table.scrollToItem(self.table.item(i, 0))

    def _selected(self) -> Theme | None:
        item = self.table.item(self.table.currentRow(), 0)
        return self.store.themes.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _try(self, action) -> object:
        try:
            return action()
        except ValueError as exc:
            QMessageBox.warning(self, "Codebook", str(exc))
            return None
        finally:
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
        usage = self.store.themes.usage()
        chooser = ThemeChooser(theme.name, [u for u in usage if u.theme.id != theme.id], self)
        if not chooser.exec():
            return
        target_id, target = chooser.chosen_id(), chooser.chosen_name()
        moving = next(u.notes for u in usage if u.theme.id == theme.id)
        if confirm(
            self,
            "Merge themes",
            f"Merge “{theme.name}” into “{target}”?",
            f"Merge into “{target}”",
            f"{moving:,} {'note moves' if moving == 1 else 'notes move'} to “{target}”; “{theme.name}” is removed. "
            "Undo (Ctrl+Z) puts it back while this window is open.",
        ):
            self._done(self._try(lambda: self.store.themes.merge(theme.id, target_id)), target_id)

    def delete(self) -> None:
        theme = self._selected()
        if theme and confirm(
            self,
            "Delete theme",
            f"Delete “{theme.name}”?",
            "Delete theme",
            "Notes keep their text; only the tag is removed. Undo (Ctrl+Z) puts it back while this window is open.",
        ):
            self._done(self._try(lambda: self.store.themes.delete(theme.id)), None)

    def _done(self, removed: RemovedTheme | None, select: str | None) -> None:
        if removed is not None:
            self.undoable.append(removed)
            self.refresh()
            if select:
                self._select(select)

    def undo(self) -> None:
        """Puts back the theme the last merge or deletion removed, with its notes' tags."""
        if self.undoable:
            removed = self.undoable[-1]
            if self._try(lambda: self.store.themes.restore(removed)) is not None:
                self.undoable.pop()
                self.refresh()
                self._select(removed.theme.id)
