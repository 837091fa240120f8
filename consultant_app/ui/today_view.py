"""The day's calls across every client, in time order: a window a consultant keeps open beside the main one.

Alt+Left and Alt+Right step a day back and forth, Alt+Home comes back to today, Enter on a row opens its call
screen (the window's ``open_call`` signal) and Escape closes it. When the change hub reports that interviews,
candidates, roles or clients changed, it reads the day again (at once when it is in front; in view behind the main
window, once the changes pause; else when it next comes to the front), keeping the row that was current.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.taxonomy import INTERVIEW_STATUSES, label
from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.store.interviews import ScheduledCall
from consultant_app.ui.hub import ChangeHub
from consultant_app.ui.theme import STATUS_COLORS
from consultant_app.ui.widgets import ChipDelegate, button, card

COLUMNS = ("Time", "Candidate", "Client", "Role", "Consultant", "Status")
WIDTHS = (70, 190, 150, 170, 140)
CHIP_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_AREAS = {"interviews", "candidates", "roles", "clients"}
QUIET_MS = 2000  # without changes for this long, a window in view behind another reads the day again


def day_title(day: date, today: date) -> str:
    """How the window names a day: "Today", "Tomorrow", "Yesterday" or the weekday, then the date."""
    near = {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get((day - today).days, day.strftime("%A"))
    return f"{near}, {day.day} {day.strftime('%B %Y')}"


class TodayView(QDialog):
    open_call = Signal(str)  # an interview id

    def __init__(self, store: Store, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.day = date.today()
        self.calls: list[ScheduledCall] = []
        self.setWindowTitle("Calls of the day")
        self.resize(920, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("PageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        names.addWidget(self.title)
        names.addWidget(self.summary)
        head.addLayout(names, 1)
        self.previous = self._step_button("‹  Previous day", "Alt+Left", lambda: self.show_day(self.day - timedelta(1)))
        self.today = self._step_button("Today", "Alt+Home", lambda: self.show_day(date.today()))
        self.next = self._step_button("Next day  ›", "Alt+Right", lambda: self.show_day(self.day + timedelta(1)))
        for widget in (self.previous, self.today, self.next):
            head.addWidget(widget, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)
        self.table = self._make_table()
        self.empty = QLabel()
        self.empty.setObjectName("Muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a day without calls: the keyboard rests here, where
        # Space does nothing, rather than on a day button that Space would press
        self.empty_card = card()
        QVBoxLayout(self.empty_card).addWidget(self.empty)
        self.empty_card.setFocusProxy(self.empty)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_card)
        layout.addWidget(self.stack, 1)
        hint = QLabel("Enter opens the call screen · Alt+← / Alt+→ another day · Alt+Home today · Esc closes")
        hint.setObjectName("Muted")
        layout.addWidget(hint)
        self._stale = False
        self.quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self.quiet.timeout.connect(self._reload_if_stale)
        hub.changed.connect(self._changed)
        self.show_day(self.day)

    def _changed(self, areas: set[str]) -> None:
        """Reads the day again at once when this window is in front; when it is in view behind another, once
        changes pause for a moment (a call typed beside it autosaves its answers every half second, and neither
        waits for the other); else when it next comes to the front."""
        if areas & SHOWN_AREAS:
            if self.isActiveWindow():
                self.reload()
                return
            self._stale = True
            if self.isVisible():
                self.quiet.start()

    def _reload_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self._stale:
            self.reload()

    def _step_button(self, text: str, keys: str, slot):
        b = button(text)
        b.setAutoDefault(False)  # Enter belongs to the table: it opens the call, never steps a day
        b.setToolTip(f"{text.strip('‹› ')} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
        b.clicked.connect(slot)
        QShortcut(QKeySequence(keys), self, slot)
        return b

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setAccessibleName("The day's calls")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(40)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(WIDTHS):
            table.setColumnWidth(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        table.setItemDelegateForColumn(len(COLUMNS) - 1, ChipDelegate(CHIP_ROLE, STATUS_COLORS, table))
        table.activated.connect(lambda index: self.open_call.emit(index.siblingAtColumn(0).data(ID_ROLE)))
        return table

    def show_day(self, day: date) -> None:
        self.day = day
        self.reload()
        self.stack.currentWidget().setFocus()

    def reload(self) -> None:
        """Reads the day's calls again, keeping the current row's call current."""
        if self.store.db is None:  # the workspace was closed or locked
            return
        self._stale = False
        current = self.current_interview_id()
        start = self.day.isoformat()
        self.calls = self.store.interviews.scheduled_between(start, (self.day + timedelta(1)).isoformat())
        self.title.setText(day_title(self.day, date.today()))
        self.today.setEnabled(self.day != date.today())
        self.summary.setText(f"{plural(len(self.calls), 'call')} across all clients" if self.calls else "All clients")
        self.table.setRowCount(len(self.calls))
        for row, call in enumerate(self.calls):
            i = call.interview
            cells = (
                i.scheduled_at[11:16],
                call.candidate.full_name,
                call.client,
                call.role or "—",
                i.consultant or "—",
                label(INTERVIEW_STATUSES, i.status),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            self.table.item(row, 0).setData(ID_ROLE, i.id)
            self.table.item(row, len(COLUMNS) - 1).setData(CHIP_ROLE, i.status)
        self.empty.setText(f"No calls are scheduled on {self.day.strftime('%A')}, {self.day.day} {self.day:%B %Y}.")
        keyboard_in_list = self.stack.isAncestorOf(self.focusWidget())
        self.stack.setCurrentWidget(self.table if self.calls else self.empty_card)
        if keyboard_in_list:  # the page it was on is hidden now: the keyboard stays in the list, off the day buttons
            self.stack.currentWidget().setFocus()
        ids = [call.interview.id for call in self.calls]
        if ids:
            self.table.selectRow(ids.index(current) if current in ids else 0)

    def current_interview_id(self) -> str | None:
        row = self.table.currentRow()
        return self.calls[row].interview.id if 0 <= row < len(self.calls) else None
