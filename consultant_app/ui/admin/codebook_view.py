"""The codebook of themes as a tree (top themes with the themes under them indented): see how often each is used
in all, and per client beside it with the theme's description; add, edit (name, parent, description), recolour,
merge, delete. Enter (or Show notes) lists the notes tagged with the theme, and Enter there opens the call at the
note. A merge names its target (nothing is preselected) and says how many notes move before it happens; a merge or
a deletion can be undone with Undo or Ctrl+Z while the dialog is open. Tab leaves the tree, so every button is
reachable."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.model import Theme
from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.store.search import SearchHit
from consultant_app.store.themes import RemovedTheme
from consultant_app.ui.admin.theme_chooser import ThemeChooser
from consultant_app.ui.admin.theme_dialog import ThemeDialog
from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import action_row, admin_layout

ID_ROLE = Qt.ItemDataRole.UserRole


def swatch(color: str | None) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color or "#98A2B3"))
    return QIcon(pixmap)


class CodebookView(QDialog):
    open_hit = Signal(object)  # a note chosen from "Show notes": the window opens its call

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undoable: list[RemovedTheme] = []
        layout = admin_layout(
            self,
            "Codebook of themes",
            (900, 580),
            "Codebook",
            "Themes tag notes during calls and drive the report's strength and weakness tallies. "
            "Enter shows the notes with a theme.",
        )
        body = QHBoxLayout()
        body.setSpacing(16)
        self.tree = QTreeWidget()
        self.tree.setObjectName("ThemeTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Theme", "Notes"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setRootIsDecorated(False)  # always open: the themes under another are indented below it
        self.tree.setItemsExpandable(False)
        self.tree.setIndentation(22)
        self.tree.headerItem().setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)  # every command takes one theme
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTabKeyNavigation(False)  # Tab goes on to the buttons; the arrow keys move between themes
        self.tree.setAccessibleName("Themes")
        self._details_later = QTimer(self, singleShot=True, interval=80)  # arrowing through themes stays quick
        self._details_later.timeout.connect(lambda: self.isVisible() and self._show_details())
        self.tree.currentItemChanged.connect(lambda *_: self._details_later.start())
        self.tree.installEventFilter(self)
        body.addWidget(self.tree, 3)
        body.addWidget(self._details_panel(), 2)
        layout.addLayout(body, 1)
        layout.addSpacing(6)
        actions = (
            ("Add", self.add),
            ("Edit…", self.edit),
            ("Colour", self.recolour),
            ("Merge into…", self.merge),
            ("Delete…", self.delete),
            ("Show notes", self.show_notes),
            ("Undo", self.undo),
        )
        row = action_row(self, actions)
        layout.addLayout(row)
        self.undo_button = row.itemAt(6).widget()
        self.undo_button.setToolTip("Undo the last merge or deletion (Ctrl+Z)")
        row.itemAt(1).widget().setToolTip("Edit the name, parent and description (F2)")
        row.itemAt(5).widget().setToolTip("List the notes tagged with this theme (Enter)")
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.edit)
        self.refresh()
        if self.tree.topLevelItemCount():  # the details show from the start
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
            self._show_details()

    def _details_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("Card")
        box = QVBoxLayout(panel)
        box.setContentsMargins(16, 14, 16, 14)
        box.setSpacing(6)
        self.detail_name = QLabel()
        self.detail_name.setObjectName("SectionTitle")
        self.detail_place = QLabel()
        self.detail_place.setObjectName("Muted")
        self.detail_description = QLabel()
        self.detail_description.setWordWrap(True)
        self.detail_clients = QLabel()
        self.detail_clients.setTextFormat(Qt.TextFormat.RichText)
        self.detail_clients.setAccessibleName("Notes per client")
        self.clients_title = QLabel("NOTES PER CLIENT")
        self.clients_title.setObjectName("FieldLabel")
        for widget in (self.detail_name, self.detail_place, self.detail_description):
            box.addWidget(widget)
        box.addSpacing(10)
        box.addWidget(self.clients_title)
        box.addWidget(self.detail_clients)
        box.addStretch()
        return panel

    def refresh(self) -> None:
        current = self._current_id()
        counts = {u.theme.id: u.notes for u in self.store.themes.usage()}
        self.tree.clear()
        for top, children in self.store.themes.tree():
            item = self._item(top, counts)
            if children:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            for child in children:
                item.addChild(self._item(child, counts))
        self.tree.expandAll()
        if current:
            self._select(current)
        self.undo_button.setEnabled(bool(self.undoable))
        self._show_details()

    def _item(self, theme: Theme, counts: dict[str, int]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([theme.name, f"{counts.get(theme.id, 0):,}"])
        item.setIcon(0, swatch(theme.color))
        item.setData(0, ID_ROLE, theme.id)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if theme.description:
            item.setToolTip(0, theme.description)
        return item

    def items(self) -> list[QTreeWidgetItem]:
        """Every theme's row, in the order shown."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            rows += [top] + [top.child(j) for j in range(top.childCount())]
        return rows

    def _show_details(self) -> None:
        theme = self._selected()
        if theme is None:
            empty = not self.tree.topLevelItemCount()
            self.detail_name.setText("No themes yet: Add makes one." if empty else "No theme selected")
            for label in (self.detail_place, self.detail_description, self.detail_clients):
                label.clear()
            self.clients_title.hide()
            return
        self.clients_title.show()
        self.detail_name.setText(theme.name)
        under = self.store.themes.children(theme.id)
        if theme.parent_id and self.store.themes.exists(theme.parent_id):
            self.detail_place.setText(f"Under “{self.store.themes.get(theme.parent_id).name}”")
        else:
            self.detail_place.setText("A top theme" + (f" · {plural(len(under), 'theme')} under it" if under else ""))
        self.detail_description.setText(theme.description or "No description yet: Edit… (F2) adds one.")
        self._show_clients(theme.id)

    def _show_clients(self, theme_id: str) -> None:
        per_client = self.store.themes.usage_by_client(theme_id)
        if not per_client:
            self.detail_clients.setText(f"<span style='color:{colors().muted}'>No notes yet.</span>")
            return
        names = {c.id: c.name for c in self.store.clients.list(include_archived=True)}
        rows = sorted(per_client.items(), key=lambda item: (-item[1], names.get(item[0], "").casefold()))
        self.detail_clients.setText(
            "<table width='100%' cellspacing='0' cellpadding='3'>"
            + "".join(
                f"<tr><td>{html.escape(names.get(client, 'Unknown client'))}</td>"
                f"<td align='right'><b>{count:,}</b></td></tr>"
                for client, count in rows
            )
            + "</table>"
        )

    def _current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def _select(self, theme_id: str) -> None:
        """Makes the theme's row the one selected and current row (a plain select would add it to the selection
        while Ctrl is still held down from Ctrl+Z)."""
        for item in self.items():
            if item.data(0, ID_ROLE) == theme_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.tree.setCurrentItem(item, 0, flags)
                self.tree.scrollToItem(item)

    def _selected(self) -> Theme | None:
        theme_id = self._current_id()
        return self.store.themes.get(theme_id) if theme_id and self.store.themes.exists(theme_id) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a theme shows its notes (the tree would pass the key on to the dialog's Close)."""
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.show_notes()
            return True
        return super().eventFilter(watched, event)

    def show_notes(self) -> None:
        """Search, filtered on the theme: Enter on a note closes the codebook and opens the call at it."""
        from consultant_app.ui.search_dialog import SearchDialog

        theme = self._selected()
        if theme is None:
            return
        chosen: list[SearchHit] = []
        dialog = SearchDialog(self.store, None, self, theme_id=theme.id)
        dialog.open_hit.connect(chosen.append)
        dialog.exec()
        if chosen:
            self.accept()
            self.open_hit.emit(chosen[0])

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

    def edit(self) -> None:
        theme = self._selected()
        if theme:
            tops = [top for top, _ in self.store.themes.tree() if not top.parent_id]
            dialog = ThemeDialog(theme, tops, bool(self.store.themes.children(theme.id)), self)
            if dialog.exec() and dialog.result_value != theme:
                self._try(lambda: self.store.themes.save(dialog.result_value))

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
