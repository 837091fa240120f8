"""The candidate table's own commands: the quick filter (Ctrl+L), selecting every row (Ctrl+A), the rows' context
menu (right click, the Menu key, Shift+F10) and the bulk actions on the selected rows — schedule, assign a
consultant, archive or restore, withdraw consent.

Each bulk action is one store call (one transaction, one change notification), says in the status bar what it did,
and asks first when it cannot be undone. With one row selected the menu offers the window's single-row commands;
with several, the bulk ones (editing, opening a call and erasing stay single-row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

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
        self.act_schedule = a("Schedule selected candidates…", self.schedule, None, "calendar-plus")
        self.act_assign = a("Assign consultant…", self.assign, None, "user")
        self.act_archive = a("Archive selected candidates", self.archive, None, "archive")
        self.act_withdraw = a("Withdraw consent of selected candidates…", self.withdraw, None, "eye-off")
        self.bulk = [self.act_schedule, self.act_assign, self.act_archive, self.act_withdraw]
        self.menu = [self.act_filter, None, *self.bulk]  # the window's Candidate menu shows these too
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
        detail.selection = self.rows
        detail.bulk_actions = self.bulk

    def return_focus(self, widget) -> None:
        self.window.return_focus(widget)

    def rows(self) -> list[ListingRow]:
        """The selected rows; the bulk actions' names and states follow them."""
        rows = self.window.page.selected_rows()
        self._follow(rows)
        return rows

    def candidate_ids(self) -> list[str]:
        return list(dict.fromkeys(r.candidate_id for r in self.rows()))

    def _follow(self, rows: list[ListingRow]) -> None:
        archived = bool(rows) and all(r.archived for r in rows)
        whom = _whom(rows)
        self.act_schedule.setText(f"Schedule {whom}…")
        self.act_archive.setText(f"Restore {whom}" if archived else f"Archive {whom}")
        self.act_withdraw.setText(f"Withdraw consent of {whom}…")
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
        single = len({r.candidate_id for r in rows}) == 1
        entries = (
            [w.act_call, w.act_edit_candidate, w.act_schedule, self.act_assign, None]
            + [self.act_archive, w.act_withdraw, None, w.act_erase]
            if single
            else [self.act_schedule, self.act_assign, None, self.act_archive, self.act_withdraw]
        )
        for action in entries:
            menu.addSeparator() if action is None else menu.addAction(action)
        w._tint_icons(menu.actions())
        menu.popup(at)
        return menu

    # the bulk actions ---------------------------------------------------------------------------
    @returns_focus
    def schedule(self) -> None:
        from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog

        w, ids = self.window, self.candidate_ids()
        if not ids:
            return
        who = w.store.candidates.get(ids[0]).full_name if len(ids) == 1 else plural(len(ids), "candidate")
        dialog = ScheduleDialog(ids[0], who, self._consultants(), w)
        if not dialog.exec():
            return
        chosen = dialog.result_value
        made = w._guard(
            "Schedule interviews",
            lambda: w.store.interviews.schedule_many(ids, chosen.scheduled_at, chosen.consultant, chosen.channel),
        )
        if made is not None:
            skipped = len(ids) - len(made)
            w.statusBar().showMessage(
                f"Scheduled {plural(len(made), 'interview')}"
                + (f"; {plural(skipped, 'candidate')} already had one open." if skipped else "."),
                8000,
            )

    @returns_focus
    def assign(self) -> None:
        w = self.window
        interviews = [r.interview_id for r in self.rows() if r.status == "scheduled" and r.interview_id]
        if not interviews:
            QMessageBox.information(w, "Assign consultant", "None of the selected rows has an open interview.")
            return
        name, ok = QInputDialog.getItem(
            w, "Assign consultant", f"Consultant for {plural(len(interviews), 'open interview')}:",
            self._consultants(), 0, True,
        )  # fmt: skip
        consultant = " ".join(name.split())
        if ok and consultant:
            changed = w._guard(
                "Assign consultant", lambda: w.store.interviews.assign_consultant(interviews, consultant)
            )
            if changed is not None:
                w.statusBar().showMessage(f"Assigned {plural(changed, 'interview')} to {consultant}.", 8000)

    def archive(self) -> None:
        w, rows = self.window, self.rows()
        restore = bool(rows) and all(r.archived for r in rows)
        ids = self.candidate_ids()
        if not ids:
            return
        changed = w._guard("Archive candidates", lambda: w.store.candidates.archive_many(ids, archived=not restore))
        if changed is not None:
            w.statusBar().showMessage(f"{'Restored' if restore else 'Archived'} {plural(changed, 'candidate')}.", 8000)

    @returns_focus
    def withdraw(self) -> None:
        w = self.window
        ids = list(dict.fromkeys(r.candidate_id for r in self.rows() if not r.consent_withdrawn))
        if not ids:
            return
        who = w.store.candidates.get(ids[0]).full_name if len(ids) == 1 else plural(len(ids), "candidate")
        if confirm(
            w,
            "Withdraw consent",
            f"Record that {who} withdrew consent?",
            f"Withdraw consent for {plural(len(ids), 'candidate')}",
            "They will be left out of every report and dataset from now on. This cannot be undone.",
        ):
            changed = w._guard("Withdraw consent", lambda: w.store.candidates.withdraw_consent_many(ids))
            if changed is not None:
                w.statusBar().showMessage(f"Recorded the withdrawal of {plural(changed, 'candidate')}.", 8000)

    def _consultants(self) -> list[str]:
        client_id = self.window.current_client_id()
        found = self.window.store.interviews.for_client(client_id) if client_id else []
        return sorted({i.consultant for i in found if i.consultant}, key=str.casefold)


def _whom(rows: list[ListingRow]) -> str:
    count = len({r.candidate_id for r in rows})
    return "selected candidate" if count <= 1 else plural(count, "candidate")
