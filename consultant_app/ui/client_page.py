"""The selected client's page: header, the consultants on the client (once the workspace has the firm's sync
keys), filters (status, reason, role, period) and the big table, and beside it the client's dashboard."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
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
from consultant_app.ui.models.interviews_model import CHIP_ROLE, COLUMNS, ROW_ROLE, InterviewTableModel
from consultant_app.ui.theme import DISCLOSURE_COLORS, STATUS_COLORS
from consultant_app.ui.widgets import ChipDelegate

SHORTEST_FILTER = 6  # the characters a filter shows at least, in a narrow window
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
        self.count = QLabel()  # up here, so the filters below have the page's width to themselves
        self.count.setObjectName("Muted")
        head = QHBoxLayout()
        head.addLayout(names, 1)
        head.addWidget(self.views.switch, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        self.views.currentChanged.connect(lambda view: self.count.setVisible(view == 0))
        layout.addLayout(head)
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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        self.table.activated.connect(lambda index: self.row_activated.emit(index.data(ROW_ROLE)))
        body.addWidget(self.table, 1)
        layout.addWidget(self.views, 1)
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
        )

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self.row_selected.emit(self.current_row())  # the reset left no row current: the commands follow

    def _update_count(self, *_args) -> None:
        self.count.setText(plural(self.model.total, "row"))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.row_selected.emit(current.data(ROW_ROLE) if current.isValid() else None)

    def current_row(self) -> ListingRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_candidate(self, candidate_id: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.candidate_id == candidate_id:
                self.table.selectRow(i)
                return
