"""Choose what goes into a client report: the client, the period, the sections, your own summary
and where to save the PDF, and see how many of its quotes still await review (and review them). Returns the
choices; the window makes the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from consultant_app.domain.model import Client
from consultant_app.domain.requests import REPORT_PERIODS, ReportRequest, report_months
from consultant_app.ui.dialogs.form import FormDialog
from consultant_app.ui.theme import SIGNAL_COLORS

SECTION_LABELS = {
    "cover": "Cover and contents",
    "summary": "Executive summary",
    "reasons": "Why candidates said no",
    "right_wrong": "Right and wrong",
    "competitors": "Competitors",
    "extra": "Extra feedback",
    "breakdowns": "Breakdowns",
    "method": "Method and confidentiality",
}


class ReportDialog(FormDialog):
    scope_changed = Signal(object)  # (client id, from, to): the quotes to count changed
    review_requested = Signal(object)  # (client id, from, to)

    def __init__(
        self, clients: list[Client], client_id: str | None, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Client report",
            "A branded PDF with charts, themes and vetted quotes. Confidentiality rules are applied automatically.",
            parent,
        )
        self.setMinimumWidth(620)
        self.client = QComboBox()
        for client in clients:
            self.client.addItem(client.name, client.id)
        self.client.setCurrentIndex(max(0, self.client.findData(client_id)))
        self.client.currentIndexChanged.connect(self._suggest_file)
        self.client.currentIndexChanged.connect(self.recount_quotes)
        self.add_row("Client", self.client)
        self.period = QComboBox()
        for code, name in REPORT_PERIODS.items():
            self.period.addItem(name, code)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.period.currentIndexChanged.connect(self.recount_quotes)
        self.add_row("Period", self.period)
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-11))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("MMMM yyyy")  # periods shown to a client are whole months
            edit.setEnabled(False)
            edit.dateChanged.connect(self.recount_quotes)
        row.addWidget(self.date_from)
        row.addWidget(self.date_to)
        self.add_row("From – to", dates)
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.sections: dict[str, QCheckBox] = {}
        for i, (code, name) in enumerate(SECTION_LABELS.items()):
            check = QCheckBox(name)
            check.setChecked(True)
            self.sections[code] = check
            grid.addWidget(check, i // 2, i % 2)
        self.add_row("Sections", box)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("Optional: your own summary, printed in the executive summary.")
        self.summary.setFixedHeight(80)
        self.summary.setTabChangesFocus(True)
        self.add_row("Your summary", self.summary)
        quotes = QWidget()
        row = QHBoxLayout(quotes)
        row.setContentsMargins(0, 0, 0, 0)
        self.quote_status = QLabel("Counting the quotes…")
        self.quote_status.setWordWrap(True)
        review = QPushButton("Review quotes…")
        review.clicked.connect(lambda: self.review_requested.emit(self.scope()))
        row.addWidget(self.quote_status, 1)
        row.addWidget(review)
        self.add_row("Quotes", quotes)
        out = QWidget()
        row = QHBoxLayout(out)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder = folder
        self.path = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.add_row("Save as", out)
        self._suggest_file()
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Write report")

    def _suggest_file(self) -> None:
        name = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in self.client.currentText()).strip()
        self.path.setText(
            str(self.folder / f"{name or 'Client'} – declined-offer report {date.today().isoformat()}.pdf")
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save report as", self.path.text(), "PDF (*.pdf)")
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)

    def period_dates(self) -> tuple[str | None, str | None]:
        custom = (self.date_from.date().toString("yyyy-MM"), self.date_to.date().toString("yyyy-MM"))
        return report_months(self.period.currentData(), date.today(), custom)

    def scope(self) -> tuple[str | None, str | None, str | None]:
        """The client and period whose quotes the report would print."""
        return (self.client.currentData(), *self.period_dates())

    def recount_quotes(self) -> None:
        self.quote_status.setText("Counting the quotes…")
        self.quote_status.setStyleSheet("")
        self.scope_changed.emit(self.scope())

    def show_quote_status(self, scope: tuple, text: str, needs_review: bool) -> None:
        """Shows how the quotes of ``scope`` stand, unless the choice changed since they were counted."""
        if scope == self.scope():
            self.quote_status.setText(text)
            self.quote_status.setStyleSheet(
                f"color: {SIGNAL_COLORS['warn']}; font-weight: 600;" if needs_review else ""
            )

    def collect(self) -> ReportRequest:
        if self.client.currentData() is None:
            raise ValueError("Choose a client.")
        path = self.path.text().strip()
        if not path:
            raise ValueError("Choose where to save the report.")
        date_from, date_to = self.period_dates()
        sections = tuple(code for code, check in self.sections.items() if check.isChecked())
        return ReportRequest(
            self.client.currentData(),
            Path(path).expanduser(),
            date_from,
            date_to,
            sections,
            self.summary.toPlainText().strip() or None,
        )
