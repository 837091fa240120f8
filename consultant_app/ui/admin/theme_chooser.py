"""Choosing the theme another merges into: nothing is chosen when it opens, typing filters the list, and the
arrow keys pick from what is left. Next stays disabled until a theme is chosen, so Enter on the fresh dialog
merges into nothing. Each theme's description is its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from consultant_app.store.themes import ThemeUsage


class ThemeChooser(QDialog):
    def __init__(self, source: str, candidates: list[ThemeUsage], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge themes")
        self.setMinimumSize(420, 380)
        layout = QVBoxLayout(self)
        prompt = QLabel(f"Merge “{source}” into which theme?")
        layout.addWidget(prompt)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to find a theme")
        self.filter.setAccessibleName("Find a theme")
        self.filter.setClearButtonEnabled(True)
        prompt.setBuddy(self.filter)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Themes")
        for usage in candidates:
            item = QListWidgetItem(f"{usage.theme.name}  ·  {usage.notes:,} note{'' if usage.notes == 1 else 's'}")
            item.setData(Qt.ItemDataRole.UserRole, usage.theme.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, usage.theme.name)
            item.setToolTip(usage.theme.description or "")
            self.list.addItem(item)
        self.list.setCurrentRow(-1)
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next = self.buttons.addButton("Next…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.next.setEnabled(False)
        self.next.setDefault(True)  # Enter goes on once a theme is chosen; disabled until then
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(lambda *_: self.next.setEnabled(self.chosen_id() is not None))
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.filter.installEventFilter(self)
        self.filter.setFocus()

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    def chosen_name(self) -> str:
        return self.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)

    def accept(self) -> None:
        if self.chosen_id() is not None:
            super().accept()

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.list.count()):
            item = self.list.item(i)
            name = item.data(Qt.ItemDataRole.UserRole + 1).casefold()
            item.setHidden(not all(w in name for w in words))
        current = self.list.currentItem()
        if current is not None and current.isHidden():
            self.list.setCurrentRow(-1)
        self.next.setEnabled(self.chosen_id() is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search field move through the themes it left visible."""
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            visible = [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]
            if visible:
                row = self.list.currentRow()
                if row not in visible:
                    target = visible[0] if event.key() == Qt.Key.Key_Down else visible[-1]
                else:
                    step = 1 if event.key() == Qt.Key.Key_Down else -1
                    target = visible[max(0, min(len(visible) - 1, visible.index(row) + step))]
                self.list.setCurrentRow(target)
            return True
        return super().eventFilter(watched, event)
