"""Add schedule to calendar (.ics): which calls go into the calendar file, the selected client's or every client's, and
from when to when. Returns the client id (None: all clients) and the period as stored date-times."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QWidget

from consultant_app.ui.dialogs.form import FormDialog

PERIODS = {"upcoming": "Upcoming, from today on", "today": "Today", "week": "The next 7 days"}
NO_END = "9999-12-31"


def period_bounds(period: str, today: date) -> tuple[str, str]:
    """The first and the excluded last date-time of a period, as ``scheduled_at`` is stored."""
    end = {"upcoming": NO_END, "today": today + timedelta(1), "week": today + timedelta(7)}[period]
    return today.isoformat(), str(end)


class CalendarDialog(FormDialog):
    def __init__(self, client: tuple[str, str] | None, parent: QWidget | None = None) -> None:
        super().__init__(
            "Add schedule to calendar",
            "A calendar file (.ics) of the scheduled calls for your own calendar. Importing a newer file updates "
            "its events. Phone numbers go only into the calls of named and confidential candidates.",
            parent,
        )
        self.clients = QComboBox()
        if client:
            self.clients.addItem(client[1], client[0])
        self.clients.addItem("All clients", None)
        self.add_row("Clients", self.clients)
        self.period = QComboBox()
        for code, name in PERIODS.items():
            self.period.addItem(name, code)
        self.add_row("Calls", self.period)

    def collect(self) -> tuple[str | None, str, str]:
        return (self.clients.currentData(), *period_bounds(self.period.currentData(), date.today()))
