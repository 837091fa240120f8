"""The selected client's page: header, the consultants on the client (once the workspace has the firm's sync
keys), the quick text filter (Ctrl+L) and the filters (status, reason, role, period), and the big table, whose rows
are selected one or many at a time and open their menu with a right click, the Menu key or Shift+F10; beside the
table, the client's dashboard (Ctrl+1 / Ctrl+2 switch between them).

In the text filter Escape clears it and Down or Enter goes into the table; typing filters after a short pause, so a
fast typist's every keystroke does not ask the store again."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.model import Client, Role
from consultant_app.domain.taxonomy import DECLINE_REASONS, INTERVIEW_STATUSES
from consultant_app.domain.wording import plural
from consultant_app.store.listing import ListingFilter, ListingRow
from consultant_app.ui.consultants_block import ConsultantsBlock
from consultant_app.ui.dashboard import Dashboard, ViewSwitch
from consultant_app.ui.icons import icon
from consultant_app.ui.models.interviews_model import CHIP_ROLE, COLUMNS, ROW_ROLE, InterviewTableModel
from consultant_app.ui.theme import DISCLOSURE_COLORS, STATUS_COLORS, colors, theme_changes
from consultant_app.ui.widgets import ChipDelegate

SHORTEST_FILTER = 6  # the characters a filter shows at least, in a narrow window
TYPING_PAUSE_MS = 250  # the text filter applies once typing pauses this long
PERIODS = {
    "all": "All time",
    "30": "Last 30 days",
    "90": "Last 90 days",
    "365": "Last 12 months",
    "year": "This year",
    "future": "Upcoming",
}


class ClientPage(QWidget):
    row_selected = Signal(object)  # ListingRow or None
    row_activated = Signal(object)
    menu_requested = Signal(QPoint)  # where (globally) the rows' context menu opens

    def __init__(
        self,
        model: InterviewTableModel,
        consultants: ConsultantsBlock | None = None,
        dashboard: Dashboard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model, self.consultants, self.dashboard = model, consultants, dashboard
        candidates = QWidget()  # the filters and the table: Ctrl+1; the dashboard: Ctrl+2
        body = QVBoxLayout(candidates)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(10)
        self.table = QTableView()
        views = {"Candidates": (candidates, self.table)}
        self.views = ViewSwitch(views | ({"Dashboard": (dashboard, dashboard.period)} if dashboard else {}))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.setSpacing(10)
        self.title = QLabel()
        self.title.setObjectName("PageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("Muted")
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        self.count = QLabel()  # beside the text filter, so the filters below have the page's width to themselves
        self.count.setObjectName("Muted")
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter by name, role or notes  (Ctrl+L)")
        self.text_filter.setAccessibleName("Filter by name, role or notes")
        self.text_filter.setClearButtonEnabled(True)
        self.lens = self.text_filter.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
        self._retheme()
        theme_changes().changed.connect(self._retheme)
        self.text_filter.setMinimumWidth(220)
        self.text_filter.setMaximumWidth(400)
        self.text_filter.installEventFilter(self)
        self.typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS, timeout=self._apply_filter)
        self.text_filter.textEdited.connect(self.typing.start)
        self.text_filter.textChanged.connect(self._text_changed)
        head = QHBoxLayout()
        head.addLayout(names, 1)
        head.addWidget(self.views.switch, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(head)
        searching = QHBoxLayout()  # the candidates' own row: the text filter and how many rows it leaves
        searching.setSpacing(12)
        searching.addWidget(self.text_filter, 1)
        searching.addStretch()
        searching.addWidget(self.count, 0, Qt.AlignmentFlag.AlignVCenter)
        body.addLayout(searching)
        if consultants is not None:
            layout.addWidget(consultants)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.status = self._combo("All statuses", {**INTERVIEW_STATUSES, "none": "Not scheduled"})
        self.reason = self._combo("All reasons", DECLINE_REASONS)
        self.role = self._combo("All roles", {})
        self.period = self._combo(None, PERIODS)
        for label, widget in (
            ("Status", self.status),
            ("Reason", self.reason),
            ("Role", self.role),
            ("Period", self.period),
        ):
            widget.setAccessibleName(label)
            filters.addWidget(widget)
        self.archived = QCheckBox("Show archived")
        self.archived.toggled.connect(self._apply_filter)
        filters.addWidget(self.archived)
        filters.addStretch()
        body.addLayout(filters)
        if consultants is not None:
            consultants.tab_before = self.status
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for widget in (self.table, self.table.viewport()):  # the keys' menu comes from the "Row menu" shortcut
            widget.installEventFilter(self)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.menu_requested.emit(self.table.viewport().mapToGlobal(pos))
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Candidates and interviews")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the detail pane; arrows move between rows
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate([140, 140, 108, 140, 150, 118, 100, 130]):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        keys = [k for k, _ in COLUMNS]
        self.table.setItemDelegateForColumn(keys.index("status"), ChipDelegate(CHIP_ROLE, STATUS_COLORS, self.table))
        self.table.setItemDelegateForColumn(
            keys.index("disclosure"), ChipDelegate(CHIP_ROLE, DISCLOSURE_COLORS, self.table)
        )
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._showing_many = False
        self._unfiltered: int | None = None  # the client's rows without the filters, counted once a reload
        self.table.activated.connect(lambda index: self.row_activated.emit(index.data(ROW_ROLE)))
        body.addWidget(self.table, 1)
        layout.addWidget(self.views, 1)
        model.modelReset.connect(self._forget_unfiltered)
        model.modelReset.connect(self._update_count)
        model.rowsInserted.connect(self._update_count)

    def _combo(self, everything: str | None, items: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        if everything:
            combo.addItem(everything, None)
        for code, name in items.items():
            combo.addItem(name, code)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(SHORTEST_FILTER)
        combo.setMinimumWidth(combo.minimumSizeHint().width())  # a narrow window shrinks it to this, eliding its text
        combo.setMinimumContentsLength(10)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    def show_client(self, client: Client | None, roles: list[Role]) -> None:
        self.title.setText(client.name if client else "No client selected")
        details = [client.industry, client.region] if client else []
        self.subtitle.setText(" · ".join(d for d in details if d) or ("" if client else "Create a client to begin."))
        current = self.role.currentData()
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItem("All roles", None)
        for role in roles:
            self.role.addItem(role.title + (f" · {role.location}" if role.location else ""), role.id)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.role.blockSignals(False)
        self.model.set_client(client.id if client else None)
        if self.consultants is not None:
            self.consultants.show_client(client)
        if self.dashboard is not None:
            self.dashboard.show_client(client.id if client else None)

    def current_filter(self) -> ListingFilter:
        period = self.period.currentData()
        today = date.today()
        date_from = date_to = None
        if period in ("30", "90", "365"):
            date_from = (today - timedelta(days=int(period))).isoformat()
        elif period == "year":
            date_from = f"{today.year}-01-01"
        elif period == "future":
            date_from = today.isoformat()
        return ListingFilter(
            status=self.status.currentData(),
            reason=self.reason.currentData(),
            role_id=self.role.currentData(),
            date_from=date_from,
            date_to=date_to,
            include_archived=self.archived.isChecked(),
            text=self.text_filter.text(),
        )

    def _apply_filter(self) -> None:
        self.typing.stop()
        self.model.set_filter(self.current_filter())
        self.row_selected.emit(self.current_row())  # the reset left no row current: the commands follow

    def _retheme(self) -> None:
        self.lens.setIcon(icon("search", colors().muted, 16))

    def _text_changed(self, text: str) -> None:
        if not text:  # cleared (its clear button, Escape): the whole table at once
            self._apply_filter()

    def _forget_unfiltered(self) -> None:
        self._unfiltered = None

    def _update_count(self, *_args) -> None:
        everything = ListingFilter(include_archived=self.model.filter.include_archived)
        if self.model.client_id is None or self.model.filter == everything:
            self.count.setText(plural(self.model.total, "row"))
            return
        if self._unfiltered is None:
            self._unfiltered = self.model.store.listing.count(self.model.client_id, everything)
        self.count.setText(f"{self.model.total:,} of {plural(self._unfiltered, 'row')}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the text filter: Escape clears it, Down and Enter go into the table (on its first row). On the table:
        the context-menu event a platform sends for the Menu key (X11, Windows) is dropped, as the "Row menu"
        shortcut has opened the menu for that key already."""
        if watched is not self.text_filter and isinstance(event, QContextMenuEvent):
            return event.reason() == QContextMenuEvent.Reason.Keyboard
        if watched is self.text_filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape and self.text_filter.text():
                self.text_filter.clear()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.typing.isActive():
                    self._apply_filter()
                if not self.table.currentIndex().isValid() and self.model.rowCount():
                    self.table.selectRow(0)
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def focus_filter(self) -> None:
        """Ctrl+L: the text filter, with the table brought back if the dashboard was shown."""
        self.views.setCurrentIndex(0)
        self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_filter.selectAll()

    def request_menu(self) -> None:
        """The rows' menu from the keyboard, under the current row (or the table's corner)."""
        rect = self.table.visualRect(self.table.currentIndex())
        self.menu_requested.emit(self.table.viewport().mapToGlobal(rect.bottomLeft() if rect.isValid() else QPoint()))

    def _selection_changed(self, *_args) -> None:
        """Several rows selected (or no longer): the commands and the detail pane follow the selection."""
        many = len(self.selected_rows()) > 1
        if many or self._showing_many:
            self._showing_many = many
            self.row_selected.emit(self.current_row())

    def selected_rows(self) -> list[ListingRow]:
        """The selected rows, in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.rows[i] for i in rows if i < len(self.model.rows)]

    def select_all(self) -> None:
        """Every row matching the filters, fetched first (the table holds only the rows scrolled to)."""
        while self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        self.table.selectAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.row_selected.emit(current.data(ROW_ROLE) if current.isValid() else None)

    def current_row(self) -> ListingRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_candidates(self, candidate_ids: list[str]) -> None:
        """Selects the rows of the candidates given (fetching as far as needed), keeping the current row if it is one
        of them."""
        wanted, rows = set(candidate_ids), QItemSelection()
        while self.model.canFetchMore(QModelIndex()) and not wanted <= {r.candidate_id for r in self.model.rows}:
            self.model.fetchMore(QModelIndex())
        found = [i for i, row in enumerate(self.model.rows) if row.candidate_id in wanted]
        for i in found:
            rows.select(self.model.index(i, 0), self.model.index(i, self.model.columnCount() - 1))
        if found:
            flags, current = QItemSelectionModel.SelectionFlag, self.table.currentIndex().row()
            self.table.selectionModel().setCurrentIndex(
                self.model.index(current if current in found else found[0], 0), flags.NoUpdate
            )
            self.table.selectionModel().select(rows, flags.ClearAndSelect | flags.Rows)

    def select_candidate(self, candidate_id: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.candidate_id == candidate_id:
                self.select_row(i)
                return

    def select_row(self, row: int) -> None:
        """Makes ``row`` current and the only one selected (``selectRow`` would follow the modifier keys held)."""
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags.ClearAndSelect | flags.Rows)
