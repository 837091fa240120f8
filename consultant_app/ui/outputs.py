"""The window's outputs: import and export of interchange files, client reports, anonymised
datasets and backups. Slow work runs off the GUI thread with its own connection to the workspace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from consultant_app.store import Store
from consultant_app.ui.worker import run_in_background


class OutputsMixin:
    """Mixed into ``MainWindow``: needs ``store``, ``settings``, ``refresh``, ``_guard`` and
    ``current_client_id``."""

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import interchange file", "", "Debrief interchange (*.json)")
        if not path:
            return
        workspace = self.store.path

        def work():
            from consultant_app.interchange import import_file

            with Store.open(workspace) as store:
                return import_file(store, Path(path))

        run_in_background(self, "Importing…", work,
                          lambda result: (self.refresh(), QMessageBox.information(self, "Import", result.summary())),
                          lambda exc: QMessageBox.warning(self, "Import", str(exc)))

    def export_file(self, scope: str | None) -> None:
        client_id = self.current_client_id() if scope else None
        default = "debrief-export.json" if not client_id else f"{self.store.clients.get(client_id).name}.json"
        path, _ = QFileDialog.getSaveFileName(self, "Export", default, "Debrief interchange (*.json)")
        if not path:
            return
        workspace = self.store.path

        def work():
            from consultant_app.interchange import export_file

            with Store.open(workspace) as store:
                return export_file(store, Path(path), client_id, scope)

        run_in_background(self, "Exporting…", work,
                          lambda counts: self.statusBar().showMessage(f"Exported {counts['interviews']} interviews to {path}", 8000),
                          lambda exc: QMessageBox.warning(self, "Export", str(exc)))

    def make_report(self) -> None:
        from consultant_app.ui.dialogs.report_dialog import ReportDialog

        folder = Path(self.settings.value("reports/folder") or Path.home())
        dialog = ReportDialog(self.store.clients.list(), self.current_client_id(), folder, self)
        if not dialog.exec():
            return
        choice = dialog.result_value
        self.settings.setValue("reports/folder", str(choice["out"].parent))
        workspace = self.store.path

        def work():
            from consultant_app.reports.generate import generate_report

            with Store.open(workspace) as store:
                return generate_report(store, **choice)

        run_in_background(self, "Writing the report…", work, self._report_done,
                          lambda exc: QMessageBox.warning(self, "Client report", str(exc)))

    def _report_done(self, result) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Client report", f"The {result.pages}-page report is ready.",
                          QMessageBox.StandardButton.Close, self)
        details = [str(result.path)] + result.warnings
        if not result.data.enough_data:
            details.insert(0, "There were too few interviews to show results without identifying people.")
        box.setInformativeText("\n".join(details))
        open_button = box.addButton("Open report", QMessageBox.ButtonRole.AcceptRole)
        folder_button = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
        elif box.clickedButton() is folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))

    def export_dataset(self) -> None:
        from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog

        folder = Path(self.settings.value("datasets/folder") or Path.home())
        dialog = DatasetDialog(self.store.clients.list(), self.current_client_id(), self.store.firm.get().min_group_size,
                               folder, self)
        dialog.preview_requested.connect(lambda choice: self._preview_dataset(dialog, choice))
        if not dialog.exec():
            return
        choice = dialog.result_value
        self.settings.setValue("datasets/folder", str(choice["folder"].parent))
        workspace = self.store.path

        def work():
            from consultant_app.datasets.build import plan_dataset
            from consultant_app.datasets.writers import write_dataset

            with Store.open(workspace) as store:
                plan = plan_dataset(store, choice["client_id"], choice["k"], choice["date_from"], choice["date_to"],
                                    choice["stable_key"])
                write_dataset(store, plan, choice["folder"], choice["xlsx"])
                return plan

        def done(plan) -> None:
            box = QMessageBox(QMessageBox.Icon.Information, "Anonymised dataset",
                              f"Exported {len(plan.interviews)} interviews and {len(plan.answers)} answers.",
                              QMessageBox.StandardButton.Close, self)
            box.setInformativeText(_plan_summary(plan) + f"\n\n{choice['folder']}")
            folder_button = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
            box.exec()
            if box.clickedButton() is folder_button:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(choice["folder"])))

        run_in_background(self, "Anonymising and writing the dataset…", work, done,
                          lambda exc: QMessageBox.warning(self, "Anonymised dataset", str(exc)))

    def _preview_dataset(self, dialog, choice: dict) -> None:
        workspace = self.store.path

        def work():
            from consultant_app.datasets.build import plan_dataset

            with Store.open(workspace) as store:
                return plan_dataset(store, choice["client_id"], choice["k"], choice["date_from"], choice["date_to"],
                                    choice["stable_key"])

        run_in_background(dialog, "Working out the anonymisation…", work,
                          lambda plan: dialog.show_preview(_plan_summary(plan)),
                          lambda exc: dialog.show_preview(str(exc), error=True))

    def backup_now(self) -> None:
        made = self._guard("Backup", self.store.maintenance.backup)
        if made:
            self.statusBar().showMessage(f"Backup written to {made}", 8000)



def _plan_summary(plan) -> str:
    """What an anonymised export will contain and how it was generalised, in plain lines."""
    a = plan.anonymisation
    lines = [f"{plan.eligible} completed interviews eligible; {len(plan.interviews)} exported, {a.suppressed} suppressed; "
             f"{len(plan.answers)} shareable answers.", f"k reached: {a.k_reached} (asked for {plan.k})."]
    return "\n".join(lines + plan.generalisation_summary())
