"""Small building blocks shared by the windows: cards, chips, labelled fields, buttons, the chip
delegate for tables, a keyboard-driven score selector for ratings and recommendation, and the wait
cursor shown while something short but noticeable runs on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPen, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from consultant_app.ui.theme import chip_colors, colors, theme_changes

TITLE_BAR = 40  # room for a window's title bar above its contents


@contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def card(parent: QWidget | None = None) -> QFrame:
    frame = QFrame(parent)
    frame.setObjectName("Card")
    return frame


def page_header(layout: QVBoxLayout, title: str, subtitle: str = "") -> None:
    """Adds a dialog's or page's title, and a muted explanatory line under it."""
    heading = QLabel(title)
    heading.setObjectName("PageTitle")
    layout.addWidget(heading)
    if subtitle:
        sub = QLabel(subtitle)
        sub.setObjectName("Muted")
        sub.setWordWrap(True)
        layout.addWidget(sub)


def admin_layout(dialog: QWidget, window_title: str, size: tuple[int, int], title: str, subtitle: str) -> QVBoxLayout:
    """The layout of an administration dialog, with its title and explanation already in place."""
    dialog.setWindowTitle(window_title)
    dialog.resize(*size)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, 18, 20, 16)
    page_header(layout, title, subtitle)
    return layout


def open_within(window: QWidget, preferred: QSize, screen: QScreen, saved: object = None) -> None:
    """Sizes a window about to open: its ``saved`` geometry (from ``saveGeometry``) if any, else ``preferred``
    centred on ``screen``, or maximized when the screen's free area (without panels) cannot hold that and a
    title bar."""
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        return
    area = screen.availableGeometry()
    if preferred.width() > area.width() or preferred.height() + TITLE_BAR > area.height():
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    window.resize(preferred)
    window.move(area.center() - window.rect().center())


def field_label(text: str) -> QLabel:
    lab = QLabel(text.upper())
    lab.setObjectName("FieldLabel")
    return lab


def tab_in_place(anchor: QWidget, widgets: Iterable[QWidget]) -> None:
    """Puts ``widgets``, made after their window (so last in its Tab chain), where ``anchor`` is in the chain: just
    after the last widget Tab reaches before it, in the order given."""
    previous = anchor.previousInFocusChain()
    while not previous.focusPolicy() & Qt.FocusPolicy.TabFocus and previous is not anchor:
        previous = previous.previousInFocusChain()
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


def button(text: str, primary: bool = False, danger: bool = False, icon=None) -> QPushButton:
    b = QPushButton(text)
    if primary:
        b.setProperty("primary", True)
    if danger:
        b.setProperty("danger", True)
    if icon is not None:
        b.setIcon(icon)
    return b


def action_row(dialog: QDialog, actions: Iterable[tuple[str, Callable[[], None]]]) -> QHBoxLayout:
    """An administration dialog's bottom row: its actions on the left, a primary Close on the right."""
    row = QHBoxLayout()
    for text, slot in actions:
        b = button(text)
        b.clicked.connect(slot)
        row.addWidget(b)
    row.addStretch()
    close = button("Close", primary=True)
    close.clicked.connect(dialog.accept)
    row.addWidget(close)
    return row


def tint(color: str, alpha: int = 36) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


class Chip(QLabel):
    """A rounded label in a meaning colour (status, disclosure, visibility), in legible shades of it. It keeps the
    meaning (a map of colours that follow the theme, and a key into it), not a resolved colour, and draws itself
    again in the new theme's shade of that meaning when the theme changes."""

    def __init__(
        self, text: str = "", meaning: Mapping | None = None, key: object = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self.meaning, self.key = meaning, key
        theme_changes().changed.connect(self._restyle)
        self.set(text, meaning, key)

    def set(self, text: str, meaning: Mapping | None, key: object) -> None:
        self.setText(text)
        self.meaning, self.key = meaning, key
        self._restyle()

    def color(self) -> str:
        """The meaning's colour in the theme in use (muted without a meaning)."""
        return colors().muted if self.meaning is None else self.meaning[self.key]

    def _restyle(self) -> None:
        fg, bg = chip_colors(self.color())
        self.setStyleSheet(
            f"QLabel {{ color: {fg}; background: {bg}; border-radius: 9px; padding: 2px 9px; font-size: 11px; "
            f"font-weight: 600; }}"
        )


class ChipDelegate(QStyledItemDelegate):
    """Paints a table cell as a chip coloured by the code the model gives in ``chip_role``, from a map of
    meaning colours (looked up as it paints, so it follows the theme)."""

    def __init__(self, chip_role: int, palette: Mapping, parent=None) -> None:
        super().__init__(parent)
        self.chip_role, self.palette = chip_role, palette

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        fg, bg = chip_colors(self.palette.get(index.data(self.chip_role), colors().muted))
        font = QFont(opt.font)
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 18
        rect = QRectF(opt.rect.left() + 8, opt.rect.center().y() - 10, width, 20)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(rect, 10, 10)
        painter.fillPath(path, QColor(bg))
        painter.setPen(QColor(fg))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ScoreSelector(QWidget):
    """Choose a score from ``low`` to ``high`` (or none) with digits, arrows, Backspace or a click."""

    changed = Signal(object)  # int or None

    def __init__(self, low: int, high: int, accent: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self.value: int | None = None
        self.accent = accent
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(26)
        self._typed = ""

    def count(self) -> int:
        return self.high - self.low + 1

    def sizeHint(self) -> QSize:
        return QSize(self.count() * 26 + 4, 26)

    def set_value(self, value: int | None, emit: bool = True) -> None:
        if value is not None and not self.low <= value <= self.high:
            return
        if value != self.value:
            self.value = value
            self.update()
            if emit:
                self.changed.emit(value)

    def _cell(self, i: int) -> QRectF:
        size = min(24.0, (self.width() - 4) / self.count())
        return QRectF(2 + i * size, (self.height() - size + 2) / 2, size - 2, size - 2)

    def paintEvent(self, event) -> None:
        c = colors()
        accent = QColor(self.accent or c.accent)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1.5))
        painter.setFont(font)
        for i in range(self.count()):
            score = self.low + i
            rect = self._cell(i)
            chosen = self.value is not None and score == self.value
            filled = self.value is not None and score <= self.value and self.low > 0
            painter.setPen(QPen(accent if (chosen or filled) else QColor(c.border), 1.2))
            painter.setBrush(accent if chosen else (tint(accent.name(), 60) if filled else QColor(c.surface)))
            painter.drawEllipse(rect)
            painter.setPen(QColor("#FFFFFF") if chosen else QColor(c.muted))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(score))
        if self.hasFocus():
            painter.setPen(QPen(accent, 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for i in range(self.count()):
            if self._cell(i).contains(event.position()):
                score = self.low + i
                self.set_value(None if score == self.value else score)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit():
            self._typed = (self._typed + text)[-2:]
            value = int(self._typed)
            if not self.low <= value <= self.high:
                self._typed, value = text, int(text)
            self.set_value(value)
            return
        self._typed = ""
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_value(None)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(self.low if self.value is None else min(self.high, self.value + 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(self.high if self.value is None else max(self.low, self.value - 1))
        else:
            super().keyPressEvent(event)
