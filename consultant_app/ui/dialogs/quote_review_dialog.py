"""The quote review: one quote at a time, exactly as the report or dataset will print it, with what was
redacted and what may still identify someone marked. The reviewer hides more words (select them, Ctrl+H),
restores words redaction hid wrongly (cursor on the placeholder, Ctrl+R), drops the quote (Ctrl+D) or
approves it (Ctrl+Enter), and moves with Alt+Down / Alt+Up. Each decision is stored at once, per quote.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from consultant_app.analysis.review import ReviewItem, tally
from consultant_app.domain.redaction import Printed
from consultant_app.store import Store, WorkspaceError
from consultant_app.ui.theme import QUOTE_MARKS, REVIEW_COLORS, colors
from consultant_app.ui.widgets import Chip, admin_layout, button, card, field_label

FILTERS = {
    "open": ("Needs a decision", ("awaiting review", "changed since reviewed")),
    "all": ("All quotes", ("awaiting review", "changed since reviewed", "approved", "dropped")),
    "approved": ("Approved", ("approved",)),
    "dropped": ("Dropped", ("dropped",)),
}
MAX_HIDDEN_WORDS = 200


class QuoteReviewDialog(QDialog):
    def __init__(
        self, store: Store, items: list[ReviewItem], scope: str, reviewer: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.items = list(items)
        self.pending: dict[str, tuple[list[str], list[str]]] = {}  # note id → edits not yet approved
        self.shown: list[int] = []  # indexes into ``items`` of the listed quotes
        self._printed = Printed("")
        required = store.firm.get().review_quotes
        layout = admin_layout(
            self,
            f"Quote review — {scope}",
            (1160, 720),
            "Quote review",
            f"{scope}: every quote exactly as it will print. Hide what could still point at someone, restore what "
            + (
                "was hidden wrongly, then approve or drop it. Only approved quotes are printed."
                if required
                else "was hidden wrongly, or drop it. Quote review is off for the firm: every quote not dropped is "
                "printed."
            ),
        )
        top = QHBoxLayout()
        self.filter = QComboBox()
        for code, (name, _) in FILTERS.items():
            self.filter.addItem(name, code)
        self.filter.currentIndexChanged.connect(lambda: self._fill_list(0))
        self.counts = QLabel()
        self.counts.setObjectName("Muted")
        top.addWidget(self.filter)
        top.addStretch()
        top.addWidget(self.counts)
        layout.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setItemDelegate(QuoteRowDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumWidth(320)
        self.list.currentRowChanged.connect(self._show_current)
        split.addWidget(self.list)
        split.addWidget(self._detail())
        split.setSizes([380, 780])
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Reviewing as"))
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setMaximumWidth(220)
        self.reviewer.setMaxLength(200)
        bottom.addWidget(self.reviewer)
        bottom.addStretch()
        close = button("Close")
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        for key, slot in (
            ("Ctrl+Return", self.approve),
            ("Ctrl+Enter", self.approve),
            ("Ctrl+D", self.drop),
            ("Ctrl+H", self.hide_selection),
            ("Ctrl+R", self.restore_at_cursor),
            ("Alt+Down", lambda: self.move(1)),
            ("Alt+Up", lambda: self.move(-1)),
        ):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)
        if not any(self.items[i].state in FILTERS["open"][1] for i in range(len(self.items))):
            self.filter.setCurrentIndex(list(FILTERS).index("all"))
        self._fill_list(0)

    def _detail(self) -> QWidget:
        box = card()
        col = QVBoxLayout(box)
        col.setContentsMargins(20, 16, 20, 16)
        col.setSpacing(10)
        meta = QHBoxLayout()
        self.state = Chip()
        self.where = QLabel()
        self.where.setObjectName("Muted")
        meta.addWidget(self.state)
        meta.addWidget(self.where, 1)
        col.addLayout(meta)
        col.addWidget(field_label("As it will print"))
        self.view = QTextEdit(readOnly=True)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.view.setStyleSheet("QTextEdit { font-size: 15px; padding: 10px 12px; }")
        self.view.setMinimumHeight(150)
        col.addWidget(self.view, 2)
        legend = QHBoxLayout()
        for kind, words in (
            ("hidden", "hidden automatically"),
            ("reviewer", "hidden by a reviewer"),
            ("check", "check: may identify someone"),
        ):
            fg, bg = QUOTE_MARKS[kind]
            mark = QLabel(words)
            mark.setStyleSheet(f"color: {fg}; background: {bg}; border-radius: 4px; padding: 1px 6px;")
            legend.addWidget(mark)
        legend.addStretch()
        col.addLayout(legend)
        col.addWidget(field_label("As typed in the call — stays in the firm"))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setObjectName("Muted")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setAlignment(Qt.AlignmentFlag.AlignTop)
        col.addWidget(self.source, 1)
        self.decision = QLabel()
        self.decision.setWordWrap(True)
        col.addWidget(self.decision)
        self.message = QLabel()
        self.message.setObjectName("Error")
        self.message.setWordWrap(True)
        col.addWidget(self.message)
        actions = QHBoxLayout()
        self.previous = button("Previous  Alt+↑")
        self.next = button("Next  Alt+↓")
        self.hide_button = button("Hide selection  Ctrl+H")
        self.restore_button = button("Restore  Ctrl+R")
        self.drop_button = button("Drop  Ctrl+D", danger=True)
        self.approve_button = button("Approve  Ctrl+Enter", primary=True)
        self.previous.clicked.connect(lambda: self.move(-1))
        self.next.clicked.connect(lambda: self.move(1))
        self.hide_button.clicked.connect(self.hide_selection)
        self.restore_button.clicked.connect(self.restore_at_cursor)
        self.drop_button.clicked.connect(self.drop)
        self.approve_button.clicked.connect(self.approve)
        for widget in (self.previous, self.next):
            actions.addWidget(widget)
        actions.addStretch()
        for widget in (self.hide_button, self.restore_button, self.drop_button, self.approve_button):
            actions.addWidget(widget)
        col.addLayout(actions)
        return box

    # the list ------------------------------------------------------------------------------
    def _fill_list(self, row: int) -> None:
        states = FILTERS[self.filter.currentData()][1]
        self.shown = [i for i, item in enumerate(self.items) if item.state in states]
        self.list.blockSignals(True)
        self.list.clear()
        for i in self.shown:
            item = self.items[i]
            entry = QListWidgetItem(item.printed().text)
            entry.setData(ROW_TITLE, f"{item.section} · {item.candidate}")
            entry.setData(ROW_STATE, item.state)
            entry.setToolTip(item.state)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        counts = tally(self.items)
        self.counts.setText(" · ".join(f"{n} {state}" for state, n in counts.items()) or "No quotes")
        if self.shown:
            self.list.setCurrentRow(min(row, len(self.shown) - 1))
        self._show_current()

    def current(self) -> ReviewItem | None:
        row = self.list.currentRow()
        return self.items[self.shown[row]] if 0 <= row < len(self.shown) else None

    def move(self, step: int) -> None:
        if self.shown:
            self.list.setCurrentRow(max(0, min(len(self.shown) - 1, self.list.currentRow() + step)))

    # one quote -----------------------------------------------------------------------------
    def _edits(self, item: ReviewItem) -> tuple[list[str], list[str]]:
        return self.pending.get(item.note_id) or (list(item.edits[0]), list(item.edits[1]))

    def _show_current(self) -> None:
        item = self.current()
        self.message.clear()
        for widget in (self.hide_button, self.restore_button, self.drop_button, self.approve_button, self.view):
            widget.setEnabled(item is not None)
        if item is None:
            self.state.set("Nothing here", REVIEW_COLORS, "dropped")
            self.where.setText("")
            self.view.setHtml("<p style='color:#5F6B7A'>No quotes in this list.</p>")
            self.source.setText("")
            self.decision.setText("")
            return
        edited = item.note_id in self.pending
        self.state.set(item.state + (" · edited, not yet approved" if edited else ""), REVIEW_COLORS, item.state)
        self.where.setText(f"{item.section} · {item.candidate} · {item.short_id}")
        self._printed = item.printed(*self._edits(item))
        self.view.setHtml(_marked_html(self._printed, item.suspicious(self._printed)))
        self.source.setText(item.source)
        self.decision.setText(_decision_line(item))
        self.view.setFocus()

    def hide_selection(self) -> None:
        item, cursor = self.current(), self.view.textCursor()
        if item is None:
            return
        text = self._printed.text
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        words = text[start:end].strip(" ,.;:!?\"“”'’()")
        if not words:
            self.message.setText("Select the words to hide first (with the mouse, or Shift and the arrow keys).")
            return
        if any(a < end and start < b for a, b, *_ in self._printed.segments):
            self.message.setText("Select words outside what is already hidden.")
            return
        if len(words) > MAX_HIDDEN_WORDS or words not in " ".join(item.source.split()):
            self.message.setText("Select a few words of the quote itself (not the […] that marks a cut).")
            return
        redact, restore = self._edits(item)
        self.pending[item.note_id] = (redact + [words], restore)
        self._show_current()

    def restore_at_cursor(self) -> None:
        item = self.current()
        if item is None:
            return
        cursor = self.view.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        found = [s for s in self._printed.segments if s[0] <= end and start <= s[1]]
        if not found:
            self.message.setText("Put the cursor on a hidden part (a word in brackets) to restore it.")
            return
        _, _, kind, words = found[0]
        redact, restore = self._edits(item)
        if kind == "reviewer":
            redact = [w for w in redact if w != words]
        else:
            restore = restore + [words]
        self.pending[item.note_id] = (redact, restore)
        self._show_current()

    def approve(self) -> None:
        self._decide("approved")

    def drop(self) -> None:
        self._decide("dropped")

    def _decide(self, decision: str) -> None:
        item = self.current()
        if item is None:
            return
        redact, restore = self._edits(item) if decision == "approved" else ((), ())
        name = " ".join(self.reviewer.text().split()) or None
        try:
            review = self.store.quotes.decide(item.note_id, item.source, decision, redact, restore, name)
        except WorkspaceError as exc:
            QMessageBox.warning(self, "Quote review", f"The decision was not saved. {exc}")
            return
        self.items[self.shown[self.list.currentRow()]] = replace(item, review=review)
        self.pending.pop(item.note_id, None)
        row = self.list.currentRow()
        keeps = decision in FILTERS[self.filter.currentData()][1]
        self._fill_list(row + 1 if keeps else row)  # the next quote: the list may have lost this one

    def reviewer_name(self) -> str:
        return " ".join(self.reviewer.text().split())


ROW_TITLE, ROW_STATE = Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2


class QuoteRowDelegate(QStyledItemDelegate):
    """A quote in the list: a dot in its state's colour, where it is from, and its first two lines."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        return QSize(300, 72)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        c = colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 2, -4, -2)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(QColor(c.selection))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(REVIEW_COLORS[index.data(ROW_STATE)]))
        painter.drawEllipse(rect.left() + 8, rect.top() + 11, 9, 9)
        text_left = rect.left() + 26
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(QColor(c.muted))
        title = QFontMetrics(small).elidedText(
            index.data(ROW_TITLE), Qt.TextElideMode.ElideRight, rect.right() - text_left - 8
        )
        painter.drawText(
            QRect(text_left, rect.top() + 6, rect.right() - text_left - 8, 18), Qt.AlignmentFlag.AlignLeft, title
        )
        painter.setFont(option.font)
        painter.setPen(QColor(c.text))
        body = QRect(text_left, rect.top() + 25, rect.right() - text_left - 8, rect.height() - 28)
        painter.drawText(
            body,
            int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
            _two_lines(index.data(), body, option.font),
        )
        painter.restore()


def _two_lines(text: str, box: QRect, font: QFont) -> str:
    """As much of ``text`` as fits two lines of ``box``, cut at a word and marked."""
    metrics = QFontMetrics(font)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    if metrics.boundingRect(box, flags, text).height() <= box.height():
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the mark
        mid = (low + high + 1) // 2
        if metrics.boundingRect(box, flags, text[:mid].rsplit(" ", 1)[0] + " …").height() <= box.height():
            low = mid
        else:
            high = mid - 1
    return text[:low].rsplit(" ", 1)[0] + " …"


def _marked_html(printed: Printed, suspicious: tuple[tuple[int, int], ...]) -> str:
    """The printed quote as HTML with each mark coloured; one character of HTML text per character of the quote,
    so positions in the view are positions in the quote."""
    marks = [(a, b, "reviewer" if kind == "reviewer" else "hidden") for a, b, kind, _ in printed.segments]
    marks += [(a, b, "check") for a, b in suspicious]
    out, at = [], 0
    for a, b, kind in sorted(marks):
        fg, bg = QUOTE_MARKS[kind]
        out.append(html.escape(printed.text[at:a]))
        out.append(f"<span style='color:{fg}; background:{bg}; font-weight:600'>")
        out.append(html.escape(printed.text[a:b]) + "</span>")
        at = b
    out.append(html.escape(printed.text[at:]))
    return "".join(out)


def _decision_line(item: ReviewItem) -> str:
    review = item.review
    if review is None:
        return "No one has decided on this quote yet."
    who = review.reviewer or "someone"
    when = review.reviewed_at[:10]
    if item.state == "changed since reviewed":
        return f"{who} decided on {when}, but the note was edited since: decide again."
    extra = []
    if review.redact:
        extra.append("hid " + ", ".join(f"“{w}”" for w in review.redact))
    if review.restore:
        extra.append("restored " + ", ".join(f"“{w}”" for w in review.restore))
    return f"{review.decision.capitalize()} by {who} on {when}" + (f"; {'; '.join(extra)}." if extra else ".")
