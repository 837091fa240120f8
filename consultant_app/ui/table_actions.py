"""The candidate table's own commands: the quick filter (Ctrl+L), selecting every row (Ctrl+A), the rows' context
menu (right click, the Menu key, Shift+F10) and the commands on the selected rows — schedule (Ctrl+Shift+S), assign
a consultant, archive or restore, withdraw consent — one action each, named after the selection ("Archive 3
candidates"), so the menus hold no look-alike pairs.

With one candidate selected, scheduling and withdrawing are the single-row commands of the window; with several,
each action is one store call (one transaction, one change notification), says in the status bar what it did, asks
first when it cannot be undone, and leaves the rows selected. Scheduling several leaves out whoever was interviewed
already or has an open interview, and says so before anything is scheduled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from consultant_app.domain.wording import plural
from consultant_app.store.listing import ListingRow
from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.record_commands import returns_focus

if TYPE_CHECKING:
    from consultant_app.ui.main_window import MainWindow


class TableActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        a = window._action
        self.act_filter = a("Filter the table", lambda: window.page.focus_filter(), "Ctrl+L", "filter")
        self.act_schedule = a("Schedule interview…", self.schedule, "Ctrl+Shift+S", "calendar-plus")
        self.act_schedule.setIconText("Schedule interview")  # the toolbar's label stays put as the selection changes
        self.act_assign = a("Assign consultant…", self.assign, None, "user")
        self.act_archive = a("Archive candidate", self.archive, None, "archive")
        self.act_withdraw = a("Withdraw consent…", self.withdraw, None, "eye-off")
        self.bulk = [self.act_schedule, self.act_assign, self.act_archive, self.act_withdraw]
        self.menu = [self.act_filter]  # the window's Candidate menu shows it too
        window.addAction(self.act_filter)
        self.act_select_all = a("Select all rows", lambda: window.page.select_all(), "Ctrl+A")
        self.act_menu = a("Row menu", lambda: window.page.request_menu(), ["Menu", "Shift+F10"])

    def attach(self) -> None:
        """Wires the window's (re)built table and detail pane to these commands."""
        page, detail = self.window.page, self.window.detail
        for action in (self.act_select_all, self.act_menu):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            page.table.addAction(action)
        page.menu_requested.connect(self.show_menu)
        page.row_selected.connect(lambda _row: self.rows())
        page.table.selectionModel().selectionChanged.connect(lambda *_: self.rows())
        detail.selection = self.rows
        detail.bulk_actions = self.bulk

    def return_focus(self, widget) -> None:
        self.window.return_focus(widget)

    def rows(self) -> list[ListingRow]:
        """The selected rows (the current one when none is); the actions' names and states follow them."""
        page = self.window.page
        rows = page.selected_rows() or [row for row in [page.current_row()] if row is not None]
        self._follow(rows)
        return rows

    def candidate_ids(self) -> list[str]:
        return list(dict.fromkeys(r.candidate_id for r in self.rows()))

    def _follow(self, rows: list[ListingRow]) -> None:
        archived = bool(rows) and all(r.archived for r in rows)
        count = len({r.candidate_id for r in rows})
        whom = plural(count, "candidate") if count > 1 else "candidate"
        self.act_schedule.setText(f"Schedule interviews for {whom}…" if count > 1 else "Schedule interview…")
        self.act_archive.setText(f"Restore {whom}" if archived else f"Archive {whom}")
        self.act_withdraw.setText(f"Withdraw consent of {whom}…" if count > 1 else "Withdraw consent…")
        for action in self.bulk:
            action.setEnabled(bool(rows))
        self.act_withdraw.setEnabled(any(not r.consent_withdrawn for r in rows))
        self.act_assign.setEnabled(any(r.status == "scheduled" for r in rows))

    def show_menu(self, at: QPoint) -> QMenu | None:
        """The selected rows' menu at ``at``; returns it (open) for tests."""
        rows = self.rows()
        if not rows:
            return None
        w = self.window
        menu = QMenu(w)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if len({r.candidate_id for r in rows}) == 1:  # editing, opening a call and erasing stay single-row
            entries = [w.act_call, w.act_edit_candidate, *self.bulk[:2], None, *self.bulk[2:], None, w.act_erase]
        else:
            entries = [*self.bulk[:2], None, *self.bulk[2:]]
        for action in entries:
            menu.addSeparator() if action is None else menu.addAction(action)
        w._tint_icons(menu.actions())
        menu.popup(at)
        return menu

    # the commands on the selection ----------------------------------------------------------
    def _keep_selected(self, candidate_ids: list[str]) -> None:
        """After a change: the table shown again with the same candidates' rows selected."""
        self.window.hub.flush()
        self.window.page.select_candidates(candidate_ids)

    @returns_focus
    def schedule(self) -> None:
        from consultant_app.ui.dialogs.preferences_dialog import default_consultant
        from consultant_app.ui.dialogs.schedule_dialog import ScheduleManyDialog

        w, ids = self.window, self.candidate_ids()
        if len(ids) <= 1:
            if ids:
                w.schedule_interview(ids[0])
            return
        left_out = w.store.interviews.left_out_of_scheduling(ids)
        if len(left_out) == len(ids):
            QMessageBox.information(
                w, "Schedule interviews", f"All {len(ids)} candidates were interviewed already or have a call open."
            )
            return
        consultants, usual = w.store.interviews.consultants(), default_consultant(w.settings)
        dialog = ScheduleManyDialog(len(ids) - len(left_out), _left_out(left_out, len(ids)), consultants, w, usual)
        if not dialog.exec():
            return
        many = dialog.result_value
        made = w._guard(
            "Schedule interviews",
            lambda: w.store.interviews.schedule_many(
                ids, many.scheduled_at, many.consultant, many.channel, many.minutes_apart
            ),
        )
        if made is not None:
            self._keep_selected(ids)
            w.statusBar().showMessage(
                f"Scheduled {plural(len(made), 'interview')}"
                + (f"; left out {plural(len(left_out), 'candidate')}." if left_out else "."),
                8000,
            )

    @returns_focus
    def assign(self) -> None:
        from consultant_app.ui.dialogs.assign_dialog import AssignDialog
        from consultant_app.ui.dialogs.preferences_dialog import default_consultant

        w, rows = self.window, self.rows()
        interviews = [r.interview_id for r in rows if r.status == "scheduled" and r.interview_id]
        if not interviews:
            QMessageBox.information(w, "Assign consultant", "None of the selected rows has an open interview.")
            return
        dialog = AssignDialog(len(interviews), w.store.interviews.consultants(), default_consultant(w.settings), w)
        if not dialog.exec():
            return
        consultant = dialog.result_value
        changed = w._guard("Assign consultant", lambda: w.store.interviews.assign_consultant(interviews, consultant))
        if changed is not None:
            self._keep_selected([r.candidate_id for r in rows])
            w.statusBar().showMessage(f"Assigned {plural(changed, 'interview')} to {consultant}.", 8000)

    def archive(self) -> None:
        w, rows = self.window, self.rows()
        restore = bool(rows) and all(r.archived for r in rows)
        ids = self.candidate_ids()
        if not ids:
            return
        changed = w._guard("Archive candidates", lambda: w.store.candidates.archive_many(ids, archived=not restore))
        if changed is not None:
            self._keep_selected(ids)  # restored rows stay selected; archived ones are gone unless archived are shown
            whom = w.store.candidates.get(ids[0]).full_name if len(ids) == 1 else plural(changed, "candidate")
            w.statusBar().showMessage(f"{'Restored' if restore else 'Archived'} {whom}.", 8000)

    @returns_focus
    def withdraw(self) -> None:
        w = self.window
        ids = list(dict.fromkeys(r.candidate_id for r in self.rows() if not r.consent_withdrawn))
        if len(ids) <= 1:
            if ids:
                w.withdraw_consent(ids[0])
            return
        if confirm(
            w,
            "Withdraw consent",
            f"Record that {plural(len(ids), 'candidate')} withdrew consent?",
            f"Withdraw consent for {plural(len(ids), 'candidate')}",
            "They will be left out of every report and dataset from now on. This cannot be undone.",
        ):
            changed = w._guard("Withdraw consent", lambda: w.store.candidates.withdraw_consent_many(ids))
            if changed is not None:
                self._keep_selected(ids)
                w.statusBar().showMessage(f"Recorded the withdrawal of {plural(changed, 'candidate')}.", 8000)


def _left_out(left_out: dict[str, str], count: int) -> str:
    """Whom a scheduling of ``count`` candidates leaves out, and why ("" when no one)."""
    done = sum(why == "completed" for why in left_out.values())
    open_ = len(left_out) - done
    reasons = ([f"{done} of {count} already completed their interview"] if done else []) + (
        [f"{open_} of {count} already {'has' if open_ == 1 else 'have'} one scheduled"] if open_ else []
    )
    return f"{' and '.join(reasons)}: they are left out." if reasons else ""
