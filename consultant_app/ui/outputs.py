"""The window's outputs: import and export of interchange files (plain or encrypted), client reports, anonymised
datasets and backups. Slow work runs off the GUI thread with its own connection to the workspace.
``Outputs`` is a small object the main window makes and gives what it needs; the dialogs return the
core's own requests (``ReportRequest``, ``DatasetRequest``), which the core acts on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from consultant_app.domain.requests import DatasetRequest
from consultant_app.domain.wording import agree, plural
from consultant_app.store import Store, WorkspaceError
from consultant_app.ui.worker import run_in_background, run_quietly


class Outputs:
    def __init__(
        self,
        window: QWidget,
        store: Store,
        settings: QSettings,
        current_client_id: Callable[[], str | None],
        refresh: Callable[[], None],
        status: Callable[[str, int], None],
    ) -> None:
        self.window, self.store, self.settings = window, store, settings
        self.current_client_id, self.refresh, self.status = current_client_id, refresh, status

    def _on_workspace(
        self,
        label: str,
        task: Callable[[Store], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        parent: QWidget | None = None,
        quietly: bool = False,
    ) -> None:
        """Runs ``task`` off the GUI thread with its own store on this workspace (behind a progress dialog
        unless ``quietly``)."""
        sibling = self.store.sibling

        def work():
            with sibling() as store:
                return task(store)

        if quietly:
            run_quietly(work, on_success, on_failure)
        else:
            run_in_background(parent or self.window, label, work, on_success, on_failure)

    def _warn(self, title: str) -> Callable[[Exception], None]:
        def warn(exc: Exception) -> None:
            box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Ok, self.window)
            if getattr(exc, "all_problems", None):  # an import's every problem, with where it is in the file
                box.setDetailedText(exc.all_problems)
            box.exec()

        return warn

    def import_file(self) -> None:
        """Imports an interchange file; a client's candidate list (.csv, .xlsx) goes to File → Import candidates."""
        from consultant_app.candidate_lists.reading import is_spreadsheet

        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import interchange file",
            "",
            "Debrief interchange (*.debrief *.age *.json);;Candidate lists (*.csv *.xlsx);;All files (*)",
        )
        if path and is_spreadsheet(path):
            self.window.candidate_import.start(Path(path))
        elif path:
            self._import(Path(path))

    def offer_import(self, path: Path) -> None:
        """Asks before importing ``path``, a file opened from outside (a double click, ``debrief FILE``): an import
        cannot be undone, so it is never one keystroke away; Cancel is the default. A client's candidate list goes to
        File → Import candidates, whose preview is its confirmation."""
        from consultant_app.candidate_lists.reading import is_spreadsheet
        from consultant_app.ui.dialogs.confirm import confirm

        if is_spreadsheet(path):
            self.window.candidate_import.start(path)
            return

        details = (
            f"File: {path}\nWorkspace: {self.store.path}\n\n"
            "The import is all or nothing: if anything in the file is wrong, nothing changes. What the file holds "
            "is added to this workspace, and a client, candidate, interview or note already here with the same id "
            "is overwritten with the file's copy. Nothing here is deleted, and anyone erased here stays erased. "
            "Only a backup can undo an import."
        )
        if confirm(self.window, "Import", f"Import {path.name} into this workspace?", "Import", details):
            self._import(path)

    def _import(self, path: Path, error: str = "") -> None:
        """Imports ``path``; an encrypted file first asks for its passphrase or identity file, again (saying why)
        when the last one did not open it."""
        from consultant_app.interchange import import_file
        from consultant_app.interchange.sealing import KeyNeeded, SealedFileError, WrongKey, inspect_file
        from consultant_app.ui.dialogs.unseal_dialog import UnsealDialog

        try:
            info = inspect_file(path)
        except SealedFileError as exc:
            self._warn("Import")(exc)
            return
        key = None
        if info is not None:
            dialog = UnsealDialog(path.name, info, error, self.window)
            if not dialog.exec():
                return
            key = dialog.result_value

        def failed(exc: Exception) -> None:
            if isinstance(exc, (WrongKey, KeyNeeded)):
                reason = exc.problems[0]
                self._import(path, f"{reason[0].upper()}{reason[1:]}. Nothing was imported.")
            else:
                self._warn("Import")(exc)

        self._on_workspace(
            "Opening and importing…" if key else "Importing…",
            lambda store: import_file(store, path, key),
            lambda result: (self.refresh(), QMessageBox.information(self.window, "Import", result.summary())),
            failed,
        )

    def export_file(self, scope: str | None) -> None:
        """Exports the workspace, or with ``scope="client-internal"`` the current client, to a firm-internal
        interchange file: everything, identities included, for another of the firm's workspaces; encrypted (age
        format) when the dialog says so. An encrypted workspace offers an encrypted file first."""
        from consultant_app.interchange import export_file
        from consultant_app.ui.dialogs.export_dialog import ExportDialog

        client_id = self.current_client_id() if scope else None
        default = f"{self.store.clients.get(client_id).name if client_id else 'debrief-export'}.debrief"
        folder = Path(self.settings.value("exports/folder") or Path.home())
        title = "Export client to another workspace" if client_id else "Export workspace"
        dialog = ExportDialog(title, folder / default, self.store.encrypted, self.window)
        if not dialog.exec():
            return
        path, seal = dialog.result_value
        self.settings.setValue("exports/folder", str(path.parent))
        sealed = f", {seal.describe()}" if seal else ""
        self._on_workspace(
            "Encrypting and exporting…" if seal else "Exporting…",
            lambda store: export_file(store, path, client_id, scope, seal=seal),
            lambda counts: self.status(
                f"Exported {plural(counts['interviews'], 'interview')} to {path}{sealed} — firm-internal, "
                "not for the client",
                8000,
            ),
            self._warn("Export"),
        )

    def make_report(self) -> None:
        from consultant_app.ui.dialogs.report_dialog import ReportDialog

        folder = Path(self.settings.value("reports/folder") or Path.home())
        dialog = ReportDialog(self.store.clients.list(), self.current_client_id(), folder, self.window)

        def drafts(scope) -> Callable[[Store], list]:
            from consultant_app.analysis.report_data import build_report_data

            return lambda store: build_report_data(store, *scope).quote_drafts if scope[0] else []

        dialog.scope_changed.connect(lambda scope: self._count_quotes(dialog, scope, drafts(scope)))
        dialog.review_requested.connect(
            lambda scope: self._review_quotes(
                dialog, f"{dialog.client.currentText()} · report", drafts(scope), dialog.recount_quotes
            )
        )
        dialog.recount_quotes()
        if not dialog.exec():
            return
        request = dialog.result_value
        self.settings.setValue("reports/folder", str(request.out.parent))
        self._write_report(request)

    def _write_report(self, request) -> None:
        def task(store: Store):
            from consultant_app.reports.generate import generate_report

            return generate_report(store, request)

        def failed(exc: Exception) -> None:
            choice = self._release_choice("Client report", exc)
            if choice:
                self._write_report(replace(request, if_too_close=choice))

        self._on_workspace("Writing the report…", task, self._report_done, failed)

    def _release_choice(self, title: str, exc: Exception) -> str | None:
        """When a release would differ too little from an earlier one, asks what to do: hold back the
        interviews that make the difference, widen the period, or write nothing. Other failures are shown."""
        from consultant_app.store.releases import ReleaseTooClose

        if not isinstance(exc, ReleaseTooClose):
            self._warn(title)(exc)
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Cancel, self.window)
        box.setInformativeText("Nothing has been written.")
        hold = box.addButton("Hold back those interviews", QMessageBox.ButtonRole.AcceptRole)
        widen = box.addButton("Widen the period", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return {hold: "hold back", widen: "widen"}.get(box.clickedButton())

    def _count_quotes(self, dialog, scope, drafts: Callable[[Store], list]) -> None:
        """Shows in ``dialog`` how the quotes of ``scope`` stand, counted off the GUI thread."""
        from consultant_app.analysis.review import review_items, summary

        def task(store: Store):
            return summary(review_items(store, drafts(store)), store.firm.get().review_quotes)

        self._on_workspace(
            "",
            task,
            lambda result: dialog.show_quote_status(scope, *result),
            lambda exc: dialog.show_quote_status(scope, str(exc), True),
            quietly=True,
        )

    def _review_quotes(self, parent: QWidget, scope: str, drafts: Callable[[Store], list], done: Callable) -> None:
        """Opens the quote review on the quotes ``drafts`` makes; decisions go through the window's store."""
        from consultant_app.analysis.review import default_reviewer, review_items
        from consultant_app.ui.dialogs.quote_review_dialog import QuoteReviewDialog

        def show(items) -> None:
            reviewer = str(self.settings.value("review/name") or default_reviewer())
            dialog = QuoteReviewDialog(self.store, items, scope, reviewer, parent)
            dialog.exec()
            self.settings.setValue("review/name", dialog.reviewer_name())
            done()

        self._on_workspace(
            "Preparing the quotes…",
            lambda store: review_items(store, drafts(store)),
            show,
            self._warn("Quote review"),
            parent=parent,
        )

    def _report_done(self, result) -> None:
        details = [str(result.path)] + result.warnings
        if result.data.quotes_awaiting:
            n = result.data.quotes_awaiting
            details.append(f"{plural(n, 'quote')} awaiting review {agree(n, 'was', 'were')} left out.")
        if not result.data.enough_data:
            details.insert(0, "There were too few interviews to show results without identifying people.")
        self._show_result(
            "Client report",
            f"The {result.pages}-page report is ready.",
            "\n".join(details),
            {"Open report": result.path, "Show in folder": result.path.parent},
        )

    def export_dataset(self) -> None:
        from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog

        folder = Path(self.settings.value("datasets/folder") or Path.home())
        dialog = DatasetDialog(
            self.store.clients.list(),
            self.current_client_id(),
            self.store.firm.get().min_group_size,
            folder,
            self.window,
        )
        dialog.preview_requested.connect(lambda request: self._preview_dataset(dialog, request))

        def drafts(request: DatasetRequest) -> Callable[[Store], list]:
            from consultant_app.datasets.build import plan_dataset

            return lambda store: plan_dataset(store, request, ledger=False).quote_drafts

        dialog.review_requested.connect(
            lambda request: self._review_quotes(
                dialog, f"{dialog.scope.currentText()} · dataset", drafts(request), dialog.request_preview
            )
        )
        if not dialog.exec():
            return
        request: DatasetRequest = dialog.result_value
        self.settings.setValue("datasets/folder", str(request.folder.parent))
        self._write_dataset(request)

    def _write_dataset(self, request: DatasetRequest) -> None:
        def task(store: Store):
            from consultant_app.datasets.build import plan_dataset
            from consultant_app.datasets.writers import write_dataset

            plan = plan_dataset(store, request)
            write_dataset(store, plan, request.folder, request.xlsx)
            return plan

        def done(plan) -> None:
            self._show_result(
                "Anonymised dataset",
                f"Exported {plural(len(plan.interviews), 'interview')} and {plural(len(plan.answers), 'answer')}.",
                plan_summary(plan) + f"\n\n{request.folder}",
                {"Show folder": request.folder},
            )

        def failed(exc: Exception) -> None:
            choice = self._release_choice("Anonymised dataset", exc)
            if choice:
                self._write_dataset(replace(request, if_too_close=choice))

        self._on_workspace("Anonymising and writing the dataset…", task, done, failed)

    def _preview_dataset(self, dialog, request: DatasetRequest) -> None:
        from consultant_app.datasets.build import plan_dataset

        self._on_workspace(
            "Working out the anonymisation…",
            lambda store: plan_dataset(store, request),
            lambda plan: dialog.show_plan(plan_summary(plan, by_column=False), plan.anonymisation.loss, plan.dropped),
            lambda exc: dialog.show_preview(str(exc), error=True),
            parent=dialog,
        )

    def _show_result(self, title: str, text: str, details: str, places: dict[str, Path]) -> None:
        """A message about finished work, with buttons that open the files or folders made."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, self.window)
        box.setInformativeText(details)
        buttons = {box.addButton(name, QMessageBox.ButtonRole.ActionRole): path for name, path in places.items()}
        box.exec()
        if box.clickedButton() in buttons:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(buttons[box.clickedButton()])))

    def backup_now(self) -> None:
        try:
            made = self.store.maintenance.backup()
        except WorkspaceError as exc:
            QMessageBox.warning(self.window, "Backup", str(exc))
        else:
            self.status(f"Backup written to {made}", 8000)

    def erase_from_backups(self) -> None:
        """Applies the erasure just made to every backup the app keeps, off the GUI thread (a call goes on)."""

        def done(problems: list[str]) -> None:
            if problems:
                self.status(f"Not every backup could be cleaned: {'; '.join(problems)}", 15000)

        def failed(exc: Exception) -> None:
            self.status(f"Cleaning the backups failed: {exc}", 15000)

        self._on_workspace("", lambda store: store.maintenance.erase_from_backups(), done, failed, quietly=True)


def plan_summary(plan, by_column: bool = True) -> str:
    """What an anonymised export will contain and (``by_column``) how each column was generalised, in plain
    lines."""
    a = plan.anonymisation
    lines = [
        f"{plural(plan.eligible, 'completed interview')} eligible; {len(plan.interviews):,} exported, "
        f"{a.suppressed:,} suppressed; {plural(len(plan.answers), 'shareable answer')}, "
        f"{'linked to' if plan.answers_linked else 'not linked to'} rows"
        + (
            f" ({plan.quotes_awaiting:,} more {agree(plan.quotes_awaiting, 'awaits', 'await')} quote review and "
            f"{agree(plan.quotes_awaiting, 'is', 'are')} left out)."
            if plan.quotes_awaiting
            else "."
        ),
        f"k reached: {a.k_reached} (asked for {plan.k}); l reached: {a.l_reached} recommendation classes in every "
        f"group (asked for {plan.l}).",
        f"For {plan.recipient or 'a ' + plan.profile}; quasi-identifiers: {', '.join(plan.quasi_identifiers)}.",
    ]
    return "\n".join(lines + (plan.generalisation_summary() if by_column else []))
