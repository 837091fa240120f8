"""Choose an anonymised dataset export — one client or all, period, k, who receives it, whether answers are
linked to rows, formats, pseudonym key and folder — and the trade-off: which quasi-identifier columns to keep.
Preview shows, before anything is written, how much detail of each column survives (level, share of rows
still exact, values kept), the rows kept and suppressed, k and l reached, and how many answers still await
quote review (and review them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.confidentiality import MAX_K
from consultant_app.domain.model import Client
from consultant_app.domain.requests import CLIENT_RECIPIENT_ONLY, DatasetRequest
from consultant_app.ui.dialogs.form import FormDialog
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import field_label

COLUMN_NAMES = {
    "client": "Client",
    "industry": "Industry",
    "role_family": "Role family",
    "department": "Department",
    "level": "Level",
    "location": "Location",
    "work_mode": "Work mode",
    "period": "Period",
    "salary_band": "Salary band",
    "competing_company": "Competitor",
    "salary_gap": "Salary gap",
}
LOSS_HEADERS = ("Column", "Detail kept", "Rows exact", "Values")
RESEARCHER_NOTE = "as recorded: not identifying for a researcher"


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
        self.setMinimumWidth(1100)
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
        self.k = QSpinBox(minimum=k, maximum=MAX_K, value=k)  # the firm's minimum is a floor
        self.k.setSuffix(" rows per group at least")
        self.add_row("k", self.k)
        recipient = QWidget()
        row = QHBoxLayout(recipient)
        row.setContentsMargins(0, 0, 0, 0)
        self.profile = QComboBox()
        self.profile.addItem("A client", "client")
        self.profile.addItem("A researcher", "researcher")
        self.profile.setToolTip(
            "A client knows its own candidates and learns where they went from public profiles: for a client the "
            "competitor and the salary gap count as identifying too, and answers come unlinked from the rows."
        )
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText("name (default: the client)")
        row.addWidget(self.profile)
        row.addWidget(self.recipient, 1)
        self.add_row("Recipient", recipient)
        self.link_answers = self.add_row(
            "Answers", QCheckBox("Link each answer to its interview row (pseudonym in answers.csv)")
        )
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
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Export")
        self._add_trade_off()
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.scope.currentIndexChanged.connect(self._fill_columns)
        self.profile.currentIndexChanged.connect(self._profile_changed)
        self._profile_changed()
        self._scope_changed()

    def _add_trade_off(self) -> None:
        """Beside the choices: the quasi-identifier columns to keep and what survives of each; under them, the
        preview."""
        outer = self.layout()
        at = outer.indexOf(self.form)
        outer.takeAt(at)
        self.form.setParent(None)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(self.form)
        left.addSpacing(10)
        left.addWidget(field_label("Preview"))
        self.preview = QPlainTextEdit(
            "Preview shows what will be generalised or suppressed before anything is written."
        )
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(150)
        left.addWidget(self.preview, 1)
        actions = QHBoxLayout()
        preview_button = QPushButton("Preview")
        preview_button.clicked.connect(self.request_preview)
        review = QPushButton("Review quotes…")
        review.clicked.connect(self._request_review)
        actions.addWidget(preview_button)
        actions.addWidget(review)
        actions.addStretch()
        left.addLayout(actions)
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(field_label("Columns that could identify someone"))
        hint = QLabel(
            "Untick a column to leave it out of the files: the others then keep more detail. "
            "Preview shows how much of each survives."
        )
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        side.addWidget(hint)
        self.columns = QTableWidget(0, len(LOSS_HEADERS))
        self.columns.setHorizontalHeaderLabels(LOSS_HEADERS)
        self.columns.verticalHeader().hide()
        self.columns.verticalHeader().setDefaultSectionSize(30)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for n, width in ((0, 140), (2, 96), (3, 96)):
            self.columns.setColumnWidth(n, width)
        self.columns.setMinimumHeight(11 * 30 + 36)
        self.columns.itemChanged.connect(self._column_toggled)
        side.addWidget(self.columns, 1)
        both = QHBoxLayout()
        both.setSpacing(28)
        both.addLayout(left, 10)
        both.addLayout(side, 11)
        outer.insertLayout(at, both)

    def _scope_changed(self) -> None:
        """Every client's interviews go only to a researcher: a client receives only its own."""
        every = self.scope.currentData() is None
        self.profile.model().item(self.profile.findData("client")).setEnabled(not every)
        if every:
            self.profile.setCurrentIndex(self.profile.findData("researcher"))

    def _profile_changed(self) -> None:
        self.link_answers.setChecked(self.profile.currentData() == "researcher")
        self._fill_columns()

    def _fill_columns(self) -> None:
        """One row per quasi-identifier column of this scope, ticked unless the steward dropped it."""
        dropped = set(self.dropped())
        shown = [q for q in COLUMN_NAMES if self.scope.currentData() is None or q not in ("client", "industry")]
        self.columns.blockSignals(True)
        self.columns.clearSpans()
        self.columns.setRowCount(len(shown))
        for n, q in enumerate(shown):
            keep = QTableWidgetItem(COLUMN_NAMES[q])
            keep.setData(Qt.ItemDataRole.UserRole, q)
            keep.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            keep.setCheckState(Qt.CheckState.Unchecked if q in dropped else Qt.CheckState.Checked)
            self.columns.setItem(n, 0, keep)
            if q in dropped:
                self._set_loss(n, "dropped", "", "")
            elif self.profile.currentData() == "client" or q not in CLIENT_RECIPIENT_ONLY:
                self._set_loss(n, "—", "", "")
            else:  # written as recorded (a competitor fewer than k chose as "Other"), not generalised
                self._set_loss(n, RESEARCHER_NOTE, "", "")
                self.columns.setSpan(n, 1, 1, len(LOSS_HEADERS) - 1)
        self.columns.blockSignals(False)

    def _set_loss(self, n: int, detail: str, exact: str, values: str) -> None:
        for column, text in ((1, detail), (2, exact), (3, values)):
            item = QTableWidgetItem(text)
            if column > 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.columns.setItem(n, column, item)

    def _column_toggled(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._fill_columns()
            self.preview.setPlainText("Columns changed: Preview shows what survives now.")

    def dropped(self) -> tuple[str, ...]:
        """The quasi-identifier columns the steward unticked."""
        items = (self.columns.item(n, 0) for n in range(self.columns.rowCount()))
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item is not None and item.checkState() == Qt.CheckState.Unchecked
        )

    def show_plan(self, summary: str, loss: dict, dropped: tuple[str, ...]) -> None:
        """A preview: the plan's summary, and per column what survives (``loss``: column -> ColumnLoss)."""
        self.show_preview(summary)
        for n in range(self.columns.rowCount()):
            q = self.columns.item(n, 0).data(Qt.ItemDataRole.UserRole)
            if q in loss:
                found = loss[q]
                detail = "exact" if found.level == 0 else found.level_name
                self._set_loss(
                    n, detail, f"{found.exact_share:.0%}", f"{found.distinct_kept} of {found.distinct_exact}"
                )
            elif q in dropped:
                self._set_loss(n, "dropped", "", "")

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
        self.preview.setStyleSheet(f"color: {colors().danger};" if error else "")
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
            profile=self.profile.currentData(),
            recipient=" ".join(self.recipient.text().split()) or None,
            link_answers=self.link_answers.isChecked(),
            dropped=self.dropped(),
        )
