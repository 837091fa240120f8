"""The main window's commands on the workspace's records: clients, roles, candidates and interviews.

A mixin of ``MainWindow``: each command asks with a dialog, calls the core through ``self._guard`` (a
refusal becomes a plain message) and selects what it made. Destructive commands confirm first, and
their confirming button is never the default.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from consultant_app.ui.widgets import wait_cursor


class RecordCommands:
    """Client, role, candidate and interview commands; expects the main window's attributes."""

    # clients and roles -------------------------------------------------------------------
    def new_client(self) -> None:
        from consultant_app.ui.dialogs.client_dialog import ClientDialog

        dialog = ClientDialog(parent=self, firm_months=self.store.firm.get().retention_months)
        if dialog.exec():
            client = self._guard("New client", lambda: self.store.clients.save(dialog.result_value))
            if client:
                self.hub.flush()
                self.sidebar.select(client.id)

    def edit_client(self) -> None:
        from consultant_app.ui.dialogs.client_dialog import ClientDialog

        client_id = self.current_client_id()
        if client_id:
            dialog = ClientDialog(self.store.clients.get(client_id), self, self.store.firm.get().retention_months)
            if dialog.exec():
                self._guard("Edit client", lambda: self.store.clients.save(dialog.result_value))

    def archive_client(self) -> None:
        client_id = self.current_client_id()
        if (
            client_id
            and QMessageBox.question(
                self,
                "Archive client",
                "Archive this client? It leaves the sidebar; its data stays in the workspace and in exports.",
            )
            == QMessageBox.StandardButton.Yes
        ):
            self._guard("Archive client", lambda: self.store.clients.archive(client_id))

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

    def archive_role(self) -> None:
        role = self._pick_role("Archive role", "Role to archive (its candidates keep it):")
        if role:
            self._guard("Archive role", lambda: self.store.roles.archive(role.id))

    def toggle_archive_candidate(self, candidate_id: str) -> None:
        candidate = self.store.candidates.get(candidate_id)
        self._guard("Archive candidate", lambda: self.store.candidates.archive(candidate_id, not candidate.archived))
        self.statusBar().showMessage(f"{candidate.full_name} {'restored' if candidate.archived else 'archived'}.", 5000)

    def new_role(self) -> None:
        from consultant_app.ui.dialogs.role_dialog import RoleDialog

        client_id = self.current_client_id()
        if client_id:
            dialog = RoleDialog(client_id, parent=self)
            if dialog.exec():
                self._guard("New role", lambda: self.store.roles.save(dialog.result_value))

    def edit_role(self) -> None:
        from consultant_app.ui.dialogs.role_dialog import RoleDialog

        role = self._pick_role("Edit role", "Role:")
        if role:
            dialog = RoleDialog(role.client_id, role, self)
            if dialog.exec():
                self._guard("Edit role", lambda: self.store.roles.save(dialog.result_value))

    # candidates and interviews -------------------------------------------------------------
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

    def edit_candidate(self, candidate_id: str) -> None:
        from consultant_app.ui.dialogs.candidate_dialog import CandidateDialog

        candidate = self.store.candidates.get(candidate_id)
        dialog = CandidateDialog(candidate.client_id, self.store.roles.for_client(candidate.client_id), candidate, self)
        if dialog.exec():
            self._guard("Edit candidate", lambda: self.store.candidates.save(dialog.result_value))

    def schedule_interview(self, candidate_id: str) -> None:
        from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog

        candidate = self.store.candidates.get(candidate_id)
        consultants = sorted(
            {i.consultant for i in self.store.interviews.for_client(candidate.client_id) if i.consultant}
        )
        dialog = ScheduleDialog(candidate_id, candidate.full_name, consultants, self)
        if dialog.exec():
            interview = self._guard("Schedule interview", lambda: self.store.interviews.save(dialog.result_value))
            if interview:
                self.hub.flush()
                self.page.select_candidate(candidate_id)

    def withdraw_consent(self, candidate_id: str) -> None:
        candidate = self.store.candidates.get(candidate_id)
        if (
            QMessageBox.question(
                self,
                "Withdraw consent",
                f"Record that {candidate.full_name} withdrew consent? They will be left out "
                "of every report and dataset from now on.",
            )
            == QMessageBox.StandardButton.Yes
        ):
            self._guard("Withdraw consent", lambda: self.store.candidates.withdraw_consent(candidate_id))

    def erase_candidate(self, candidate_id: str) -> None:
        candidate = self.store.candidates.get(candidate_id)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Erase candidate",
            f"Erase {candidate.full_name} everywhere?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            "Their interviews and notes are deleted and purged from the search index, the file and every "
            "backup Debrief keeps. This cannot be undone: no restore or import brings them back."
        )
        erase = box.addButton("Erase", QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        if box.clickedButton() is erase:
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
