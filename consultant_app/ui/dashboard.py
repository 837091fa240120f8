"""The client dashboard: the report's headline figures and its decline-reasons chart for the selected client
and a report period, beside the candidate table on the client page (Ctrl+1 the table, Ctrl+2 the dashboard).

Its figures are the report's own: ``build_headline`` runs the report's steps, so they are suppressed where the
report suppresses them (nothing below the firm's minimum group size) and the bars are the report chart's bars.
They are worked out off the GUI thread (a client of 5,000 interviews takes ~150 ms), again when interviews,
candidates, the client or the firm profile change (never for typed notes, which the headline does not count),
and only while the dashboard is shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consultant_app.analysis.report_data import ReportData, build_headline
from consultant_app.analysis.statistics import as_printed
from consultant_app.domain.requests import REPORT_PERIODS, report_months
from consultant_app.domain.taxonomy import REPORT_SECTIONS
from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.ui.hub import ChangeHub
from consultant_app.ui.theme import blend, colors, theme_changes
from consultant_app.ui.widgets import card, field_label
from consultant_app.ui.worker import run_quietly

HEADLINE_AREAS = {"interviews", "candidates", "clients", "firm"}  # what the headline's figures are made of
HIGHLIGHTED_BARS = 3  # as many bars in the accent colour as the report's chart
BAR_ROW, BAR_HEIGHT = 27, 14


class ReasonBars(QWidget):
    """The report's horizontal bar chart, painted: (label, share as printed, text at the bar's end) per row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        theme_changes().changed.connect(self.update)

    def set_rows(self, rows: list[tuple[str, float, str]]) -> None:
        self.rows = rows
        self.setAccessibleDescription("; ".join(f"{name}: {text}" for name, _, text in rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, BAR_ROW * len(self.rows))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, BAR_ROW * len(self.rows))

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_width = min(
            int(self.width() * 0.38), max((metrics.horizontalAdvance(r[0]) for r in self.rows), default=0)
        )
        text_width = max((metrics.horizontalAdvance(r[2]) for r in self.rows), default=0)
        left = label_width + 14
        span = max(1, self.width() - left - text_width - 10)
        top = max((r[1] for r in self.rows), default=0) or 1
        neutral = QColor(blend(c.muted, c.surface, 120))
        for i, (name, value, text) in enumerate(self.rows):
            y = i * BAR_ROW
            painter.setPen(QColor(c.text))
            painter.drawText(
                QRectF(0, y, label_width, BAR_ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_width),
            )
            length = span * value / top
            accent = i < HIGHLIGHTED_BARS and name != "Other"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.accent) if accent else neutral)
            painter.drawRoundedRect(QRectF(left, y + (BAR_ROW - BAR_HEIGHT) / 2, max(length, 2), BAR_HEIGHT), 3, 3)
            painter.setPen(QColor(c.text if accent else c.muted))
            painter.drawText(
                QRectF(left + length + 8, y, text_width + 2, BAR_ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        painter.end()


class SplitBar(QWidget):
    """The report's promoters, passives and detractors bar, painted thin: each as wide as its whole percent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shares: tuple[float, float, float] = (0.0, 0.0, 0.0)  # detractors, passives, promoters
        self.setFixedHeight(6)
        theme_changes().changed.connect(self.update)

    def set_shares(self, detractors: float, passives: float, promoters: float) -> None:
        self.shares = tuple(as_printed(share, ".0%") for share in (detractors, passives, promoters))
        described = zip(("Detractors 0–6", "Passives 7–8", "Promoters 9–10"), (detractors, passives, promoters))
        self.setToolTip(" · ".join(f"{name}: {share:.0%}" for name, share in described))
        self.setAccessibleDescription(self.toolTip())
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        total, left = max(1.0, sum(self.shares)), 0.0
        for share, color in zip(self.shares, (c.muted, blend(c.muted, c.surface, 120), c.accent)):
            width = self.width() * share / total
            painter.setBrush(QColor(color))
            painter.drawRect(QRectF(left, 0, width, self.height()))
            left += width
        painter.end()


class Figure(QFrame):
    """One headline figure on a card: the value as the report prints it, what it is, and a muted detail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # four share a narrow page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(2)
        self.value, self.caption, self.detail = QLabel("—"), field_label(""), QLabel()
        self.value.setObjectName("KpiValue")
        self.detail.setObjectName("Muted")
        self.split = SplitBar()
        self.split.setVisible(False)
        for label in (self.value, self.caption, self.detail):
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch()
        layout.addWidget(self.split)

    def show_figure(self, value: str, caption: str, detail: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption.upper())
        self.detail.setText(detail)
        self.setAccessibleName(f"{caption}: {value}")


class Dashboard(QWidget):
    updated = Signal()  # new figures are shown

    def __init__(self, store: Store, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.client_id, self.data = store, None, None
        self._running = self._again = False
        self._stale = True
        hub.changed.connect(self._changed)
        self.period = QComboBox()
        self.period.setAccessibleName("Dashboard period")
        for code, name in REPORT_PERIODS.items():
            self.period.addItem(name, code)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.month_from, self.month_to = QDateEdit(QDate.currentDate().addMonths(-11)), QDateEdit(QDate.currentDate())
        for edit, name in ((self.month_from, "First month"), (self.month_to, "Last month")):
            edit.setDisplayFormat("MMMM yyyy")  # a report's period is whole months
            edit.setAccessibleName(name)
            edit.setVisible(False)
            edit.dateChanged.connect(self.recompute)
        self.scope = QLabel()
        self.scope.setObjectName("Muted")
        self.scope.setWordWrap(True)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        for widget in (field_label("Period"), self.period, self.month_from, self.month_to):
            controls.addWidget(widget)
        controls.addStretch()

        self.figures = [Figure() for _ in range(4)]
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for figure in self.figures:
            cards.addWidget(figure, 1)

        chart = card()
        box = QVBoxLayout(chart)
        box.setContentsMargins(16, 14, 16, 14)
        box.setSpacing(6)
        title = QLabel(REPORT_SECTIONS["reasons"])
        title.setObjectName("SectionTitle")
        self.lead, self.notes = QLabel(), QLabel()
        self.lead.setObjectName("Muted")
        self.notes.setObjectName("Muted")
        self.bars = ReasonBars()
        self.bars.setAccessibleName("Decline reasons")
        for label in (self.lead, self.notes):
            label.setWordWrap(True)
        box.addWidget(title)
        box.addWidget(self.lead)
        box.addSpacing(4)
        box.addWidget(self.bars)
        box.addWidget(self.notes)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(12)
        column.addLayout(controls)
        column.addWidget(self.scope)
        column.addLayout(cards)
        column.addWidget(chart)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the switch straight to the period
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # what to show ------------------------------------------------------------------------
    def months(self) -> tuple[str | None, str | None]:
        custom = (self.month_from.date().toString("yyyy-MM"), self.month_to.date().toString("yyyy-MM"))
        return report_months(self.period.currentData(), date.today(), custom)

    def show_client(self, client_id: str | None) -> None:
        if client_id != self.client_id:
            self.client_id = client_id
            self.recompute()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.month_from.setVisible(custom)
        self.month_to.setVisible(custom)
        self.recompute()

    def _changed(self, areas: set[str]) -> None:
        if areas & HEADLINE_AREAS:
            self.recompute()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.recompute()

    # working it out ----------------------------------------------------------------------
    def recompute(self) -> None:
        """Works the figures out again off the GUI thread, at once if shown (else when next shown); one at a time,
        the last request running after the one under way."""
        if not self.isVisible() or self.client_id is None:
            self._stale = self.client_id is not None
            return
        if self._running:
            self._again = True
            return
        self._running, self._stale = True, False
        scope = (self.client_id, *self.months())
        sibling = self.store.sibling

        def work() -> tuple[tuple, ReportData]:
            with sibling() as store:
                return scope, build_headline(store, *scope)

        run_quietly(work, self._done, self._failed)

    def _finished(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.recompute()

    def _done(self, result: tuple[tuple, ReportData]) -> None:
        scope, data = result
        if scope != (self.client_id, *self.months()):
            self._again = True
        elif not self._again:  # else already out of date: the next figures follow
            self._show(data)
        self._finished()

    def _failed(self, exc: Exception) -> None:
        self.data = None
        self.lead.setText(f"The figures could not be worked out: {exc}")
        self.bars.set_rows([])
        self.notes.setText("")
        self._finished()

    def _show(self, data: ReportData) -> None:
        self.data = data
        details = {
            "Offers declined": "in the period",
            "Interviews completed": f"of {data.contacted:,} contacted",
            "Response rate": "completed ÷ contacted",
            "Recommendation score": plural(data.recommend.n, "answer") if data.recommend else "not enough answers",
        }
        score, split = data.recommend, data.recommend is not None and data.recommend_split
        if split:  # the report's bar of detractors, passives and promoters, where it draws one
            self.figures[3].split.set_shares(score.detractors, score.passives, score.promoters)
        self.figures[3].split.setVisible(split)
        self.figures[3].setToolTip(self.figures[3].split.toolTip() if split else "")
        for figure, (value, caption) in zip(self.figures, data.headline()):
            figure.show_figure(value, caption, details[caption])
        self.scope.setText(
            f"Interviews dated {data.period_label()}, counted as in the client report: no group under {data.k} shown."
        )
        if not data.enough_data:
            self.lead.setText(
                f"There is not enough data to show results for {data.client.name} in {data.period_label()} "
                f"without identifying people."
            )
        elif data.reasons and data.reasons.rows:
            self.lead.setText(
                f"Share of the {data.completed:,} completed interviews in which the candidate named each reason "
                f"(several reasons per candidate are possible)."
            )
        else:
            self.lead.setText("No decline reasons were recorded.")
        self.bars.set_rows(data.reasons.share_bars() if data.reasons else [])
        self.notes.setText("\n".join(data.suppressed))
        self.notes.setVisible(bool(data.suppressed))
        self.updated.emit()


class ViewSwitch(QStackedWidget):
    """The client page's views — the candidate table, and the dashboard when there is one — with a segmented
    switch between them (``switch``, for the page's header); ``show_view`` is what Ctrl+1 and Ctrl+2 call."""

    def __init__(self, pages: dict[str, tuple[QWidget, QWidget]], parent: QWidget | None = None) -> None:
        """``pages``: each view's name, and the view with the widget that takes the keyboard when it is shown."""
        super().__init__(parent)
        self.switch = QFrame()
        self.switch.setObjectName("Segmented")
        row = QHBoxLayout(self.switch)
        row.setContentsMargins(3, 3, 3, 3)
        row.setSpacing(2)
        self.buttons = QButtonGroup(self)
        self.focus_of: list[QWidget] = []
        for i, (name, (page, focus)) in enumerate(pages.items()):
            self.addWidget(page)
            self.focus_of.append(focus)
            segment = QPushButton(name)
            segment.setCheckable(True)
            segment.setChecked(i == 0)
            segment.setToolTip(f"{name} (Ctrl+{i + 1})")
            self.buttons.addButton(segment, i)
            row.addWidget(segment)
        self.buttons.idClicked.connect(self.setCurrentIndex)
        self.currentChanged.connect(lambda i: self.buttons.button(i).setChecked(True))
        self.switch.setVisible(len(pages) > 1)

    def show_view(self, index: int) -> None:
        """Shows the ``index``-th view and puts the keyboard in it."""
        if index < self.count():
            self.setCurrentIndex(index)
            self.focus_of[index].setFocus(Qt.FocusReason.ShortcutFocusReason)
