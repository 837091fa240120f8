"""Choose an anonymised dataset export — one client or all, period, k, formats, pseudonym key and
folder — and preview, before anything is written, what will be generalised or suppressed and how many
answers still await quote review (and review them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.confidentiality import MAX_K, MIN_K
from consultant_app.domain.model import Client
from consultant_app.domain.requests import DatasetRequest
from consultant_app.ui.dialogs.form import FormDialog


class DatasetDialog(FormDialog):
    preview_requested = Signal(object)  # a DatasetRequest
    review_requested = Signal(object)  # a DatasetRequest whose quotes to review

    def __init__(
        self, clients: list[Client], client_id: str | None, k: int, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Anonymised dataset",
            "One row per completed interview and one per shareable answer, safe "
            "to hand to a client's analysts or to researchers.",
            parent,
        )
        self.setMinimumWidth(640)
        self.scope = QComboBox()
        self.scope.addItem("All clients together", None)
        for client in clients:
            self.scope.addItem(client.name, client.id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(client_id)))
        self.add_row("Scope", self.scope)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        self.limit = QCheckBox("Only interviews from")
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-11))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("MMMM yyyy")  # periods of outputs are whole months
            edit.setEnabled(False)
            self.limit.toggled.connect(edit.setEnabled)
        row.addWidget(self.limit)
        row.addWidget(self.date_from)
        row.addWidget(QLabel("to"))
        row.addWidget(self.date_to)
        row.addStretch()
        self.add_row("Period", dates)
        self.k = QSpinBox(minimum=MIN_K, maximum=MAX_K, value=k)
        self.k.setSuffix(" rows per group at least")
        self.add_row("k", self.k)
        self.xlsx = self.add_row("Formats", QCheckBox("Also an Excel workbook (dataset.xlsx)"))
        key_row = QWidget()
        row = QHBoxLayout(key_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.stable = QCheckBox("Stable pseudonyms from a secret key")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("secret shared only with the recipient")
        self.key.setEnabled(False)
        self.stable.toggled.connect(self.key.setEnabled)
        row.addWidget(self.stable)
        row.addWidget(self.key, 1)
        self.add_row("Joining", key_row)
        out = QWidget()
        row = QHBoxLayout(out)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(folder / f"debrief-dataset-{date.today().isoformat()}"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.add_row("Folder", out)
        self.preview = QPlainTextEdit(
            "Preview shows what will be generalised or suppressed before anything is written."
        )
        self.preview.setReadOnly(True)
        self.preview.setFixedHeight(150)
        preview_button = QPushButton("Preview")
        preview_button.clicked.connect(self.request_preview)
        review = QPushButton("Review quotes…")
        review.clicked.connect(self._request_review)
        buttons = QWidget()
        column = QVBoxLayout(buttons)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(preview_button)
        column.addWidget(review)
        column.addStretch()
        self.add_row(buttons, self.preview)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Export")

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export into folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def request_preview(self) -> None:
        self._emit_choice(self.preview_requested, "Working out the anonymisation…")

    def _request_review(self) -> None:
        self._emit_choice(self.review_requested)

    def _emit_choice(self, signal, waiting: str | None = None) -> None:
        """Sends the choice to ``signal``, or shows why it cannot be made."""
        try:
            choice = self.collect()
        except ValueError as exc:
            self.show_preview(str(exc), error=True)
            return
        if waiting:
            self.preview.setPlainText(waiting)
        signal.emit(choice)

    def show_preview(self, text: str, error: bool = False) -> None:
        self.preview.setStyleSheet("color: #B42318;" if error else "")
        self.preview.setPlainText(text)

    def collect(self) -> DatasetRequest:
        if not self.folder.text().strip():
            raise ValueError("Choose a folder for the dataset.")
        date_from = self.date_from.date().toString("yyyy-MM") if self.limit.isChecked() else None
        date_to = self.date_to.date().toString("yyyy-MM") if self.limit.isChecked() else None
        return DatasetRequest(
            self.scope.currentData(),
            self.k.value(),
            date_from,
            date_to,
            self.key.text() if self.stable.isChecked() else None,
            Path(self.folder.text().strip()).expanduser(),
            self.xlsx.isChecked(),
        )
