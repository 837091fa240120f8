"""The structured answers of an interview, all reachable without the mouse: status, decline
reasons (type to find, Space to tick), competing company with completion, their salary,
likelihood to recommend 0–10 and ratings 1–5 per dimension, and the consultant's summary."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.model import Interview
from consultant_app.domain.taxonomy import DECLINE_REASONS, INTERVIEW_STATUSES, RATING_DIMENSIONS
from consultant_app.domain.validation import MAX_SALARY
from consultant_app.ui.widgets import ScoreSelector, field_label


class AnswersPanel(QScrollArea):
    answer_changed = Signal(str, object)
    rating_changed = Signal(str, object)

    def __init__(self, companies: list[str], currency: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("AnswersBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        self._loading = False

        layout.addWidget(field_label("Status"))
        self.status = QComboBox()
        for code, name in INTERVIEW_STATUSES.items():
            self.status.addItem(name, code)
        self.status.currentIndexChanged.connect(lambda: self._emit("status", self.status.currentData()))
        layout.addWidget(self.status)

        layout.addWidget(field_label("Why they declined"))
        self.reasons = QListWidget()
        self.reasons.setToolTip("Type to jump to a reason; Space ticks it")
        for code, name in DECLINE_REASONS.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.reasons.addItem(item)
        self.reasons.setFixedHeight(176)
        self.reasons.itemChanged.connect(lambda _item: self._emit("decline_reasons", self.checked_reasons()))
        layout.addWidget(self.reasons)

        layout.addWidget(field_label("Competing company"))
        self.company = QLineEdit()
        self.company.setPlaceholderText("Who won the candidate?")
        completer = QCompleter(companies, self.company)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.company.setCompleter(completer)
        self.company.textChanged.connect(lambda text: self._emit("competing_company", " ".join(text.split()) or None))
        layout.addWidget(self.company)

        layout.addWidget(field_label("Their salary offer"))
        self.salary = QDoubleSpinBox(maximum=MAX_SALARY, decimals=0, singleStep=1000)
        self.salary.setSpecialValueText("—")
        self.salary.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        self.salary.setGroupSeparatorShown(True)
        self.salary.setSuffix(f" {currency}" if currency else "")
        self.salary.valueChanged.connect(lambda v: self._emit("competing_salary", v or None))
        layout.addWidget(self.salary)

        layout.addWidget(field_label("Would recommend the company (0–10)"))
        self.recommend = ScoreSelector(0, 10)
        self.recommend.setToolTip("Type 0–10, arrows to adjust, Backspace to clear")
        self.recommend.changed.connect(lambda v: self._emit("recommend", v))
        layout.addWidget(self.recommend)

        layout.addWidget(field_label("Ratings (1 poor – 5 excellent)"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.ratings: dict[str, ScoreSelector] = {}
        for row, (code, name) in enumerate(RATING_DIMENSIONS.items()):
            caption = QLabel(name)
            selector = ScoreSelector(1, 5)
            selector.setAccessibleName(f"Rating: {name}")
            selector.changed.connect(lambda v, c=code: self._rating(c, v))
            grid.addWidget(caption, row, 0)
            grid.addWidget(selector, row, 1)
            self.ratings[code] = selector
        layout.addLayout(grid)

        layout.addWidget(field_label("Consultant's summary (internal)"))
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("Two lines for the file…")
        self.summary.setFixedHeight(84)
        self.summary.textChanged.connect(lambda: self._emit("summary", self.summary.toPlainText().strip() or None))
        layout.addWidget(self.summary)
        layout.addStretch()

    def checked_reasons(self) -> list[str]:
        return [
            self.reasons.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.reasons.count())
            if self.reasons.item(i).checkState() == Qt.CheckState.Checked
        ]

    def show_interview(self, interview: Interview) -> None:
        """Shows the interview's answers without reporting them back as changes."""
        self._loading = True
        try:
            self.status.setCurrentIndex(max(0, self.status.findData(interview.status)))
            for i in range(self.reasons.count()):
                item = self.reasons.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in interview.decline_reasons
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if self.company.text() != (interview.competing_company or ""):
                self.company.setText(interview.competing_company or "")
            self.salary.setValue(interview.competing_salary or 0)
            self.recommend.set_value(interview.recommend, emit=False)
            for code, selector in self.ratings.items():
                selector.set_value(interview.ratings.get(code), emit=False)
            if self.summary.toPlainText().strip() != (interview.summary or ""):
                self.summary.setPlainText(interview.summary or "")
        finally:
            self._loading = False

    def _emit(self, field: str, value) -> None:
        if not self._loading:
            self.answer_changed.emit(field, value)

    def _rating(self, dimension: str, value) -> None:
        if not self._loading:
            self.rating_changed.emit(dimension, value)
