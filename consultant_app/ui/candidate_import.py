"""File → Import candidates… (Ctrl+Shift+I): a client's candidate list from their applicant-tracking system, through
the import dialog's three steps, then written all or nothing off the GUI thread with a plain summary after. File →
Import… hands a .csv or .xlsx here too. ``CandidateImport`` is a small object the main window makes; it owns its
action."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from consultant_app.ui.worker import run_in_background

TITLE = "Import candidates"


class CandidateImport:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window  # the main window: its store (replaced when the workspace is encrypted), its client
        self.action = QAction("Import candidates…", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.action.setToolTip("Import a client's candidate list, CSV or Excel (Ctrl+Shift+I)")
        self.action.setProperty("icon_name", "user-plus")
        self.action.triggered.connect(lambda: self.start())

    def start(self, path: Path | None = None) -> None:
        from consultant_app.ui.dialogs.import_candidates_dialog import ImportCandidatesDialog

        store = self.window.store
        clients = store.clients.list()
        if not clients:
            QMessageBox.information(self.window, TITLE, "Add the client first (Client → New client…), then import.")
            return
        dialog = ImportCandidatesDialog(store, clients, self.window.current_client_id(), path, self.window)
        if dialog.exec() and dialog.result_value is not None:
            self._write(dialog.result_value)

    def _write(self, plan) -> None:
        from consultant_app.candidate_lists.importing import commit

        sibling = self.window.store.sibling

        def work() -> str:
            with sibling() as store:
                return commit(store, plan)

        def done(summary: str) -> None:
            self.window.refresh()
            self.window.statusBar().showMessage(summary, 8000)
            QMessageBox.information(self.window, TITLE, summary)

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self.window, TITLE, f"{exc}\nNothing was imported.")

        run_in_background(self.window, "Importing candidates…", work, done, failed)
