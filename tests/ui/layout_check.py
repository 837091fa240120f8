"""What a window's user cannot see: the visible widgets cut by a parent or by the window's edge, and the labels,
buttons and check boxes too narrow (or, wrapped, too short) for their own text. Content inside a scrolling view
may run past the view's bottom (it scrolls), but not past its side when that side has no scroll bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)


def _scroller(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose viewport ``widget`` is, if any."""
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
        return parent
    return None


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    return f"{type(widget).__name__}({text!r})" if text else f"{type(widget).__name__}[{widget.objectName()}]"


def _text_clipped(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
            return False
        if widget.wordWrap():
            return widget.heightForWidth(widget.width()) > widget.height() + 1
        return widget.sizeHint().width() > widget.width() + 1
    if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text():
        return widget.sizeHint().width() > widget.width() + 1
    return False


def _cut(widget: QWidget, rect: QRect, window: QWidget) -> str | None:
    """How ``widget`` (at ``rect`` in the window) is cut by one of its ancestors or the window's edge, if it is."""
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not window:
        seen = QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size())
        area = _scroller(ancestor)
        if area is not None:  # content scrolls: only a side without a scroll bar must hold it
            if area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff and (
                rect.left() < seen.left() or rect.right() > seen.right()
            ):
                return f"{_name(widget)} is cut at the side of {_name(area)}"
            return None
        if not seen.contains(rect):
            return f"{_name(widget)} at {rect.getRect()} is cut by {_name(ancestor)} at {seen.getRect()}"
        ancestor = ancestor.parentWidget()
    if not window.rect().contains(rect):
        return f"{_name(widget)} at {rect.getRect()} runs out of the window {window.rect().getRect()}"
    return None


def problems(window: QWidget) -> list[str]:
    """One line per visible widget of ``window`` that its user cannot fully see."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow() or widget.width() <= 0 or widget.height() <= 0:
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        cut = _cut(widget, rect, window)
        if cut:
            found.append(cut)
        elif _text_clipped(widget):
            found.append(f"{_name(widget)} is {widget.width()}x{widget.height()}, too small for its text")
    return found
