"""The window's scheduling commands: the day's calls (Ctrl+T), a call added to the consultant's calendar, and the
schedule of one client or all exported as a calendar file (.ics). ``Scheduling`` is a small object the main window
makes; it owns these actions and reads the window's current store, hub and selection when one is used."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from consultant_app.domain.wording import plural
from consultant_app.store import WorkspaceError
from consultant_app.store.interviews import Schedule, ScheduledCall

if TYPE_CHECKING:
    from consultant_app.ui.main_window import MainWindow
    from consultant_app.ui.today_view import TodayView


class Scheduling:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.today_view: TodayView | None = None
        a = window._action  # one home for how an action is made: its icon, shortcuts and tooltip
        self.act_today = a("Calls of the day", self.open_today, "Ctrl+T", "calendar")
        self.act_add_to_calendar = a("Add call to calendar…", self.add_to_calendar, None, "calendar-plus")
        self.act_export = a("Add schedule to calendar…", self.export_schedule)
        self.actions = [self.act_today, self.act_add_to_calendar, self.act_export]

    def close_today(self) -> None:
        """Closes the day's calls of a workspace being left (reopened for the next one when asked)."""
        if self.today_view is not None:
            self.today_view.close()
            self.today_view = None

    def open_today(self) -> TodayView:
        """Shows today's calls (one window, brought to the front as it is when already open)."""
        from consultant_app.ui.today_view import TodayView

        window = self.window
        if self.today_view is None:
            self.today_view = TodayView(window.store, window.hub, window)
            self.today_view.open_call.connect(window.open_call)
        elif not self.today_view.isVisible():
            self.today_view.show_day(date.today())  # reopened: today again, read afresh
        self.today_view.show()
        self.today_view.raise_()
        self.today_view.activateWindow()
        self.today_view.table.setFocus()
        return self.today_view

    def add_to_calendar(self) -> None:
        """Saves the selected interview as a calendar file."""
        row = self.window.page.current_row()
        call = self.window.store.interviews.scheduled_call(row.interview_id) if row and row.interview_id else None
        if call is None:
            QMessageBox.information(
                self.window, "Add call to calendar", "Choose a candidate with a scheduled interview first."
            )
            return
        self._save([call], f"debrief-call-{call.interview.scheduled_at[:10]}.ics")

    def export_schedule(self) -> None:
        """Asks which calls, then saves them as one calendar file."""
        from consultant_app.ui.dialogs.calendar_dialog import CalendarDialog

        window = self.window
        client_id = window.current_client_id()
        client = (client_id, window.store.clients.get(client_id).name) if client_id else None
        dialog = CalendarDialog(client, window)
        if not dialog.exec():
            return
        from consultant_app.interchange.calendar import CALL_OFF  # here, not at start: it loads the interchange

        chosen, start, end = dialog.result_value
        schedule = window.store.interviews.scheduled_between(start, end, chosen)
        calls = Schedule(  # off, and erased: cancelled
            [call for call in schedule if call.interview.status in ("scheduled", *CALL_OFF)], schedule.erased
        )
        if not calls and not calls.erased:
            QMessageBox.information(window, "Add schedule to calendar", "There are no scheduled calls in that period.")
            return
        self._save(calls, "debrief-schedule.ics")

    def _save(self, calls: Schedule | list[ScheduledCall], suggested: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save calendar file", suggested, "Calendar files (*.ics);;All files (*)"
        )
        if not path:
            return
        from consultant_app.interchange.calendar import write_calendar

        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".ics")
        try:
            written = write_calendar(target, calls)
        except (WorkspaceError, ValueError) as exc:  # ValueError: a stored time that is not one
            QMessageBox.warning(self.window, "Calendar file", f"{exc} Nothing was saved.")
            return
        self.window.statusBar().showMessage(f"Saved {plural(written, 'call')} to {target}", 8000)
