"""Global search (Ctrl+K): full text across the workspace, results with highlighted snippets; Enter opens the
interview at the matching note. Filters beside the query (client, section, visibility, theme, period) come after
it in the Tab order and narrow the results as they change; with a note filter and no words, every note that
passes it is listed (the codebook's "Show notes" opens it so, on one theme). The status line gives the total; the
list takes the next page whenever it is scrolled or moved to its end, so every result can be reached. When filters
leave nothing, it says so and Alt+C (or the button beside it) clears them."""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QPainter, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.taxonomy import NOTE_SECTIONS, VISIBILITIES
from consultant_app.store import Store
from consultant_app.store.search import HIT_END, HIT_START, SearchFilter, SearchHit
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import button

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"note": "Note", "interview": "Interview", "candidate": "Candidate", "client": "Client"}
PERIODS = {"all": "All time", "30": "Last 30 days", "90": "Last 90 days", "365": "Last 12 months", "year": "This year"}
HINT = (
    "Type to search, or pick a section, visibility, theme or period (Alt+C clears them). Enter opens the result; "
    "↑/↓ to move."
)
PAGE = 100  # results listed at a time; the next page comes as the list reaches its end


def period_start(period: str, today: date) -> str | None:
    """The first day (YYYY-MM-DD) of a period preset, on the interview's date; None for all time."""
    if period == "year":
        return f"{today.year}-01-01"
    return (today - timedelta(days=int(period))).isoformat() if period.isdigit() else None


def snippet_html(snippet: str, accent: str) -> str:
    """The snippet as safe HTML with each hit in bold accent."""
    text = html.escape(" ".join(snippet.split()))
    return text.replace(HIT_START, f"<b style='color:{accent}'>").replace(HIT_END, "</b>")


class _HtmlDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, colors().selection)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(Qt.ItemDataRole.DisplayRole))
        doc.setTextWidth(option.rect.width() - 24)
        painter.translate(option.rect.left() + 12, option.rect.top() + 8)
        doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 24, option.rect.height() - 8))
        painter.restore()
        painter.save()
        painter.setPen(colors().border)
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(option.rect.width(), 62)


class _ThemeFilter(QComboBox):
    """The theme filter: a "Parent › theme" too long for the box shortens its parent, never the theme chosen."""

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = elide_parent(option.currentText, self.fontMetrics(), field.width() - 4)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def elide_parent(label: str, metrics: QFontMetrics, width: int) -> str:
    """``label`` within ``width`` pixels: a sub-theme's parent shortened first, its own name only if it must be."""
    parent, mark, child = label.rpartition(" › ")
    if not mark or metrics.horizontalAdvance(label) <= width:
        return metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)
    room = width - metrics.horizontalAdvance(mark + child)
    if room < metrics.horizontalAdvance("…") * 3:
        return metrics.elidedText(child, Qt.TextElideMode.ElideRight, width)
    return metrics.elidedText(parent, Qt.TextElideMode.ElideRight, room) + mark + child


class SearchDialog(QDialog):
    open_hit = Signal(object)

    def __init__(
        self, store: Store, client_id: str | None, parent: QWidget | None = None, theme_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.client_id = store, client_id
        self.setWindowTitle("Search")
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search notes, summaries, names and companies…")
        self.query.addAction(icon("search", colors().muted, 18), QLineEdit.ActionPosition.LeadingPosition)
        self.query.setStyleSheet("font-size: 15px; padding: 8px;")
        layout.addWidget(self.query)
        self._names: dict[str, str] = {c.id: c.name for c in store.clients.list(include_archived=True)}
        clients = sorted(self._names.items(), key=lambda item: (item[0] != client_id, item[1].casefold()))
        self.client = self._filter("Client", "All clients", clients)
        self.section = self._filter("Section", "All sections", NOTE_SECTIONS.items())
        self.visibility = self._filter("Visibility", "Any visibility", VISIBILITIES.items())
        self.theme = self._filter("Theme", "All themes", (), _ThemeFilter())
        self._add_themes(theme_id)
        self.period = self._filter("Period", None, PERIODS.items())
        row = QHBoxLayout()
        row.setSpacing(8)
        shares = ((self.client, 3), (self.section, 2), (self.visibility, 2), (self.theme, 4), (self.period, 2))
        for combo, share in shares:  # theme names run longest
            row.addWidget(combo, share)
            combo.currentIndexChanged.connect(self._run)
        layout.addLayout(row)
        self.results = QListWidget()
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # snippets wrap
        self.results.itemActivated.connect(self._activate)
        layout.addWidget(self.results, 1)
        self.results.currentRowChanged.connect(self._more_at_the_end)
        self.results.verticalScrollBar().valueChanged.connect(self._more_at_the_end)
        footer = QHBoxLayout()
        self.status = QLabel(HINT)
        self.status.setObjectName("Muted")
        footer.addWidget(self.status, 1)
        self.clear_filters = button("Clear filters  Alt+C")
        self.clear_filters.setToolTip("Set every filter back to all")
        self.clear_filters.clicked.connect(self._clear_filters)
        QShortcut(QKeySequence("Alt+C"), self, self._clear_filters)
        self.clear_filters.hide()
        footer.addWidget(self.clear_filters)
        layout.addLayout(footer)
        self._text, self._where, self._total = "", SearchFilter(), 0
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self._run)
        self.query.textChanged.connect(lambda: self._debounce.start())
        self.query.installEventFilter(self)
        self.query.setFocus()
        if theme_id:
            self._run()

    def _filter(self, name: str, everything: str | None, choices, combo: QComboBox | None = None) -> QComboBox:
        combo = combo or QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setMinimumContentsLength(8)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if everything:
            combo.addItem(everything, None)
        for value, label in choices:
            combo.addItem(label, value)
        return combo

    def _add_themes(self, chosen: str | None) -> None:
        """The codebook in its tree order, a theme under another named after it, each with its description."""
        for top, children in self.store.themes.tree():
            self._add_theme(top, top.name)
            for child in children:
                self._add_theme(child, f"{top.name} › {child.name}")
        self.theme.setCurrentIndex(max(0, self.theme.findData(chosen)))
        widest = max(
            self.theme.fontMetrics().horizontalAdvance(self.theme.itemText(i)) for i in range(self.theme.count())
        )
        self.theme.view().setMinimumWidth(widest + 48)  # the list shows each "Parent › theme" whole

    def _add_theme(self, theme, label: str) -> None:
        self.theme.addItem(label, theme.id)
        if theme.description:
            self.theme.setItemData(self.theme.count() - 1, theme.description, Qt.ItemDataRole.ToolTipRole)

    def current_filter(self) -> SearchFilter:
        return SearchFilter(
            client_id=self.client.currentData(),
            section=self.section.currentData(),
            visibility=self.visibility.currentData(),
            theme_id=self.theme.currentData(),
            date_from=period_start(self.period.currentData(), date.today()),
        )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.results.currentItem() or self.results.item(0)
                if item:
                    self._activate(item)
                return True
        return super().eventFilter(watched, event)

    def _filters(self) -> tuple[QComboBox, ...]:
        return self.client, self.section, self.visibility, self.theme, self.period

    def _run(self) -> None:
        self._text, self._where = self.query.text(), self.current_filter()
        self.results.clear()
        self.clear_filters.hide()
        if not self._text.strip() and not self._where.notes_only:
            self.status.setText(HINT)
            return
        self._total = self.store.search.count(self._text, where=self._where)
        self._add_page()
        if self.results.count():
            self.results.setCurrentRow(0)
        elif any(combo.currentIndex() for combo in self._filters()):
            self.clear_filters.show()

    def _more_at_the_end(self) -> None:
        """The next page, once the list is scrolled or moved to its last result."""
        bar = self.results.verticalScrollBar()
        at_end = self.results.currentRow() == self.results.count() - 1 or bar.value() == bar.maximum() > 0
        if at_end and 0 < self.results.count() < self._total:
            self._add_page()

    def _add_page(self) -> None:
        hits = self.store.search.query(self._text, limit=PAGE, offset=self.results.count(), where=self._where)
        accent = colors().accent
        for hit in hits:
            item = QListWidgetItem(self._describe(hit, accent))
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        self.status.setText(self._found())

    def _found(self) -> str:
        """What the list holds: the total, how many are listed while more are to come, or why there are none."""
        kind = "note" if not self._text.strip() else "result"
        total = f"{self._total:,} {kind}{'s' * (self._total != 1)}"
        if not self._total:
            narrowed = any(combo.currentIndex() for combo in self._filters())
            return f"No {kind}s match with these filters." if narrowed else f"No {kind}s match."
        shown = self.results.count()
        return total if shown >= self._total else f"{total}, {shown:,} listed: more come as you scroll to the end."

    def _clear_filters(self) -> None:
        for combo in self._filters():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._run()
        self.query.setFocus()

    def _describe(self, hit: SearchHit, accent: str) -> str:
        muted = colors().muted
        where = [self._names.get(hit.client_id, "")]
        if hit.candidate_id and self.store.candidates.exists(hit.candidate_id):
            where.append(self.store.candidates.get(hit.candidate_id).full_name)
        kind = KIND_LABELS[hit.kind]
        if hit.kind == "note" and self.store.notes.exists(hit.ref_id):
            kind = NOTE_SECTIONS[self.store.notes.get(hit.ref_id).section]
        head = html.escape(" · ".join(w for w in where if w))
        return (
            f"<div style='color:{muted}; font-size:11px'>{html.escape(kind.upper())} &nbsp; {head}</div>"
            f"<div style='margin-top:3px'>{snippet_html(hit.snippet, accent)}</div>"
        )

    def _activate(self, item: QListWidgetItem) -> None:
        self.open_hit.emit(item.data(HIT_ROLE))
        self.accept()
