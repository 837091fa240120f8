"""The dashboard's two charts, painted in the theme's colours from the numbers the report's matplotlib charts draw:
the decline reasons as horizontal bars (``Tally.share_bars``), and the thin bar of detractors, passives and
promoters. Each value is drawn as it is printed, to the whole percent, as in the report."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from consultant_app.analysis.statistics import as_printed
from consultant_app.ui.theme import blend, colors, theme_changes

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
