"""The main window's commands on the workspace's records: clients, roles, candidates and interviews.

A mixin of ``MainWindow``: each command asks with a dialog, calls the core through ``self._guard`` (a
refusal becomes a plain message) and selects what it made. Destructive commands confirm first, and
their confirming button is never the default. When a command's dialogs close, focus goes back where it was
(``returns_focus``), so the keyboard carries on from there.
"""

from __future__ import annotations

import functools

import shiboken6
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.widgets import wait_cursor


def returns_focus(command):
    """Wraps a window command that opens dialogs: afterwards focus returns to the widget that had it, or to the
    candidate table when that widget is gone (a detail-pane button rebuilt meanwhile)."""

    @functools.wraps(command)
    def run(self, *args, **kwargs):
        before = QApplication.focusWidget()
        try:
            return command(self, *args, **kwargs)
        finally:
            self.return_focus(before)

    return run


class RecordCommands:
    """Client, role, candidate and interview commands; expects the main window's attributes."""

    def return_focus(self, widget: QWidget | None) -> None:
        alive = widget is not None and shiboken6.isValid(widget) and widget.window() is self
        target = widget if alive and widget.isVisible() and widget.isEnabled() else self.page.table
        target.setFocus()

    # clients and roles -------------------------------------------------------------------
    @returns_focus
    def new_client(self) -> None:
        from consultant_app.ui.dialogs.client_dialog import ClientDialog

        dialog = ClientDialog(parent=self, firm_months=self.store.firm.get().retention_months)
        if dialog.exec():
            client = self._guard("New client", lambda: self.store.clients.save(dialog.result_value))
            if client:
                self.hub.flush()
                self.sidebar.select(client.id)

    @returns_focus
    def edit_client(self) -> None:
        from consultant_app.ui.dialogs.client_dialog import ClientDialog

        client_id = self.current_client_id()
        if client_id:
            dialog = ClientDialog(self.store.clients.get(client_id), self, self.store.firm.get().retention_months)
            if dialog.exec():
                self._guard("Edit client", lambda: self.store.clients.save(dialog.result_value))

    @returns_focus
    def archive_client(self) -> None:
        client_id = self.current_client_id()
        if client_id and confirm(
            self,
            "Archive client",
            f"Archive {self.store.clients.get(client_id).name}?",
            "Archive client",
            "It leaves the sidebar; its data stays in the workspace and in exports. Client → Restore archived "
            "client… brings it back.",
        ):
            self._guard("Archive client", lambda: self.store.clients.archive(client_id))

    @returns_focus
    def restore_client(self) -> None:
        archived = [c for c in self.store.clients.list(include_archived=True) if c.archived]
        if not archived:
            QMessageBox.information(self, "Restore client", "There are no archived clients.")
            return
        names = [c.name for c in archived]
        chosen, ok = QInputDialog.getItem(self, "Restore client", "Archived client:", names, 0, False)
        if ok:
            client = archived[names.index(chosen)]
            self._guard("Restore client", lambda: self.store.clients.archive(client.id, archived=False))
            self.hub.flush()
            self.sidebar.select(client.id)

    def _pick_role(self, title: str, prompt: str):
        """Asks which of the current client's roles is meant; None when cancelled or there is none."""
        client_id = self.current_client_id()
        roles = self.store.roles.for_client(client_id) if client_id else []
        if not roles:
            return None
        names = [f"{r.title} · {r.location or '—'}" for r in roles]
        chosen, ok = QInputDialog.getItem(self, title, prompt, names, 0, False)
        return roles[names.index(chosen)] if ok else None

    @returns_focus
    def archive_role(self) -> None:
        role = self._pick_role("Archive role", "Role to archive (its candidates keep it):")
        if role:
            self._guard("Archive role", lambda: self.store.roles.archive(role.id))

    @returns_focus
    def new_role(self) -> None:
        from consultant_app.ui.dialogs.role_dialog import RoleDialog

        client_id = self.current_client_id()
        if client_id:
            dialog = RoleDialog(client_id, parent=self)
            if dialog.exec():
                self._guard("New role", lambda: self.store.roles.save(dialog.result_value))

    @returns_focus
    def edit_role(self) -> None:
        from consultant_app.ui.dialogs.role_dialog import RoleDialog

        role = self._pick_role("Edit role", "Role:")
        if role:
            dialog = RoleDialog(role.client_id, role, self)
            if dialog.exec():
                self._guard("Edit role", lambda: self.store.roles.save(dialog.result_value))

    # candidates and interviews -------------------------------------------------------------
    @returns_focus
    def new_candidate(self) -> None:
        from consultant_app.ui.dialogs.candidate_dialog import CandidateDialog

        client_id = self.current_client_id()
        if client_id:
            dialog = CandidateDialog(client_id, self.store.roles.for_client(client_id), parent=self)
            if dialog.exec():
                candidate = self._guard("New candidate", lambda: self.store.candidates.save(dialog.result_value))
                if candidate:
                    self.hub.flush()
                    self.page.select_candidate(candidate.id)

    @returns_focus
    def edit_candidate(self, candidate_id: str) -> None:
        from consultant_app.ui.dialogs.candidate_dialog import CandidateDialog

        candidate = self.store.candidates.get(candidate_id)
        dialog = CandidateDialog(candidate.client_id, self.store.roles.for_client(candidate.client_id), candidate, self)
        if dialog.exec():
            self._guard("Edit candidate", lambda: self.store.candidates.save(dialog.result_value))

    @returns_focus
    def schedule_interview(self, candidate_id: str) -> None:
        from consultant_app.ui.dialogs.preferences_dialog import default_consultant
        from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog

        candidate = self.store.candidates.get(candidate_id)
        consultants = self.store.interviews.consultants()
        dialog = ScheduleDialog(candidate_id, candidate.full_name, consultants, self, default_consultant(self.settings))
        if dialog.exec():
            interview = self._guard("Schedule interview", lambda: self.store.interviews.save(dialog.result_value))
            if interview:
                self.hub.flush()
                self.page.select_candidate(candidate_id)

    @returns_focus
    def withdraw_consent(self, candidate_id: str) -> None:
        candidate = self.store.candidates.get(candidate_id)
        if confirm(
            self,
            "Withdraw consent",
            f"Record that {candidate.full_name} withdrew consent?",
            "Withdraw consent",
            "They will be left out of every report and dataset from now on.",
        ):
            self._guard("Withdraw consent", lambda: self.store.candidates.withdraw_consent(candidate_id))

    def erase_candidate(self, candidate_id: str) -> None:
        """Erases after the typed-name question; afterwards (erased or not) the keyboard is on the candidate table,
        not on a pane button that may now belong to another candidate."""
        try:
            self._erase_candidate(candidate_id)
        finally:
            self.page.table.setFocus()

    def _erase_candidate(self, candidate_id: str) -> None:
        from consultant_app.ui.dialogs.erase_dialog import EraseDialog

        candidate = self.store.candidates.get(candidate_id)
        if EraseDialog(candidate.full_name, self).exec():
            screen = self.call_screens.pop(
                next((k for k, w in self.call_screens.items() if w.session.candidate.id == candidate_id), ""), None
            )
            if screen:
                screen.close()
            self.statusBar().showMessage("Erasing the candidate and purging the search index…")
            with wait_cursor():
                erased = self._guard("Erase candidate", lambda: self.store.candidates.erase(candidate_id))
            if erased is not None:
                self.statusBar().showMessage("Candidate erased.", 5000)
