"""Client → Releases: the release ledger of one client, every report and dataset that left the firm for it,
newest first, with its recipient, period, interviews, suppressed rows, *k* and file; and the export of the
whole audit log with the ledger for a data-protection officer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from consultant_app.domain.confidentiality import month_label
from consultant_app.domain.wording import plural
from consultant_app.store import Store, WorkspaceError
from consultant_app.store.releases import Release
from consultant_app.ui.widgets import action_row, admin_layout

COLUMNS = ("Released", "What", "To", "Period", "Interviews", "Suppressed", "k", "File")


def period_text(release: Release) -> str:
    if not release.date_from and not release.date_to:
        return "All interviews to date"
    start = month_label(release.date_from) if release.date_from else "the first interview"
    return f"{start} – {month_label(release.date_to) if release.date_to else 'now'}"


class ReleasesView(QDialog):
    def __init__(self, store: Store, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        client = store.clients.get(client_id)
        layout = admin_layout(
            self,
            "Releases",
            (1060, 520),
            f"Releases to {client.name}",
            "Every report and dataset that left the firm for this client. A new one that, added to and subtracted "
            "from these, would single out fewer than k interviews is refused, so no one can be found that way.",
        )
        self.releases = store.releases.list(client_id)
        self.table = QTableWidget(len(self.releases), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for row, release in enumerate(self.releases):
            cells = (
                release.created[:16].replace("T", " "),
                release.kind.capitalize(),
                release.recipient,
                period_text(release),
                f"{len(release.population):,}",
                f"{len(release.suppressed):,}",
                str(release.k),
                release.file or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setCurrentItem(None)
        layout.addWidget(self.table, 1)
        if not self.releases:
            empty = QLabel("No report or dataset has been released for this client yet.")
            empty.setObjectName("Muted")
            layout.addWidget(empty)
        layout.addLayout(action_row(self, [("Export audit log and ledger…", self.export)]))

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export audit log and release ledger", str(Path.home() / "debrief-audit.json"), "JSON (*.json)"
        )
        if not name:
            return
        try:
            entries, releases = self.store.audit.export(Path(name))
        except WorkspaceError as exc:
            QMessageBox.warning(self, "Export audit log", str(exc))
            return
        QMessageBox.information(
            self,
            "Export audit log",
            f"Wrote {plural(entries, 'audit entry', 'audit entries')} and {plural(releases, 'release')} to {name}.",
        )
