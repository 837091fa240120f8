"""The structured answers of an interview, all reachable without the mouse: status, decline
reasons (type to find, Space to tick), competing company with completion, their salary,
likelihood to recommend 0–10 and ratings 1–5 per dimension, and the consultant's summary.
The two free texts report what is typed as it stands (``text_edited``), for the call screen's undo history; the
other answers report their values (``answer_changed``, ``rating_changed``)."""

from __future__ import annotations

import re

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
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
from consultant_app.ui.call.undo import utf16_position
from consultant_app.ui.widgets import ScoreSelector, field_label

TEXT_FIELDS = ("competing_company", "summary")


def answer_value(field: str, text: str) -> str | None:
    """What a free-text answer saves of what was typed: the company's name with single spaces, the summary
    trimmed; nothing for blank."""
    return (" ".join(text.split()) if field == "competing_company" else text.strip()) or None


def find_reason(labels: list[str], typed: str) -> int | None:
    """The row type-to-find lands on: the first label that starts with what was typed, else the first with a word
    that does ("offer" finds "Competing offer"), else the first that holds it; None when none does."""
    typed = typed.casefold()
    rules = (
        lambda label: label.startswith(typed),
        lambda label: any(word.startswith(typed) for word in re.split(r"[\W_]+", label)),
        lambda label: typed in label,
    )
    for rule in rules:
        for row, label in enumerate(labels):
            if rule(label.casefold()):
                return row
    return None


class ReasonList(QListWidget):
    """The decline reasons: typing makes the reason found (``find_reason``) current and highlighted, so it shows
    before Space ticks it; a pause starts a new look-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._since = QElapsedTimer()

    def keyboardSearch(self, search: str) -> None:
        if not self._since.isValid() or self._since.elapsed() > QApplication.keyboardInputInterval():
            self._typed = ""
        self._since.restart()
        labels = [self.item(i).text() for i in range(self.count())]
        self._typed += search
        row = find_reason(labels, self._typed)
        if row is None and self._typed != search:  # no reason goes on like that: look the new key up afresh
            self._typed = search
            row = find_reason(labels, search)
        if row is not None:
            self.setCurrentRow(row)
            self.scrollToItem(self.item(row))


class AnswersPanel(QScrollArea):
    answer_changed = Signal(str, object)
    rating_changed = Signal(str, object)
    text_edited = Signal(str, str)  # a free-text answer's field and its whole text as typed

    def __init__(self, companies: list[str], currency: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the column's frame
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
        self.reasons = ReasonList()
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
        self.company.textChanged.connect(lambda text: self._edited("competing_company", text))
        layout.addWidget(self.company)

        layout.addWidget(field_label("Their salary offer"))
        self.salary = QDoubleSpinBox(maximum=MAX_SALARY, decimals=0, singleStep=1000)
        self.salary.setSpecialValueText("—")  # (with NoButtons the app's style sheet left the text 1 px wide)
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
        self.summary.setUndoRedoEnabled(False)
        self.summary.setPlaceholderText("Two lines for the file…")
        self.summary.setFixedHeight(84)
        self.summary.textChanged.connect(lambda: self._edited("summary", self.summary.toPlainText()))
        layout.addWidget(self.summary)
        layout.addStretch()

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order they are on screen, for Tab."""
        return [
            self.status,
            self.reasons,
            self.company,
            self.salary,
            self.recommend,
            *self.ratings.values(),
            self.summary,
        ]

    def text_of(self, field: str) -> str:
        return self.company.text() if field == "competing_company" else self.summary.toPlainText()

    def set_text(self, field: str, text: str, caret: int | None) -> None:
        """Puts a free-text answer back as it was typed (an undo), with the caret at ``caret`` when given."""
        self._loading = True
        try:
            if field == "competing_company":
                if self.company.text() != text:
                    self.company.setText(text)
                if caret is not None:
                    self.company.setCursorPosition(utf16_position(text, caret))
                return
            if self.summary.toPlainText() != text:
                self.summary.setPlainText(text)
            if caret is not None:
                cursor = self.summary.textCursor()
                cursor.setPosition(utf16_position(text, caret))
                self.summary.setTextCursor(cursor)
        finally:
            self._loading = False

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
            if answer_value("competing_company", self.company.text()) != interview.competing_company:
                self.company.setText(interview.competing_company or "")
            self.salary.setValue(interview.competing_salary or 0)
            self.recommend.set_value(interview.recommend, emit=False)
            for code, selector in self.ratings.items():
                selector.set_value(interview.ratings.get(code), emit=False)
            if answer_value("summary", self.summary.toPlainText()) != interview.summary:
                self.summary.setPlainText(interview.summary or "")
        finally:
            self._loading = False

    def _emit(self, field: str, value) -> None:
        if not self._loading:
            self.answer_changed.emit(field, value)

    def _edited(self, field: str, text: str) -> None:
        if not self._loading:
            self.text_edited.emit(field, text)

    def _rating(self, dimension: str, value) -> None:
        if not self._loading:
            self.rating_changed.emit(dimension, value)
