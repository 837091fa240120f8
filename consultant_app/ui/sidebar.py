"""The dark sidebar: the firm's name and its clients with their counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget

from consultant_app.ui.icons import icon
from consultant_app.ui.models.clients_model import COLOR_ROLE, COUNTS_ROLE, ID_ROLE, ClientListModel
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import button


class ClientDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, 54)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        c = colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(8, 2, -8, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.sidebar_selected if selected else c.sidebar_hover))
            painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(index.data(COLOR_ROLE)))
        painter.drawRoundedRect(QRectF(rect.left() + 10, rect.top() + 12, 8, 8), 2, 2)
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title)
        painter.setPen(QColor(c.sidebar_text))
        text_rect = QRectF(rect.left() + 26, rect.top() + 6, rect.width() - 32, 20)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(index.data(), Qt.TextElideMode.ElideRight, int(text_rect.width())),
        )
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() - 1.5)
        painter.setFont(small)
        painter.setPen(QColor(c.sidebar_muted))
        counts_rect = QRectF(rect.left() + 26, rect.top() + 26, rect.width() - 32, 18)
        painter.drawText(
            counts_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(
                index.data(COUNTS_ROLE), Qt.TextElideMode.ElideRight, int(counts_rect.width())
            ),
        )
        painter.restore()


class Sidebar(QWidget):
    client_selected = Signal(object)  # client id or None
    new_client_requested = Signal()

    def __init__(self, model: ClientListModel, firm_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumWidth(220)
        self.setMaximumWidth(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 16, 10, 12)
        layout.setSpacing(8)
        self.title = QLabel(firm_name)
        self.title.setObjectName("SidebarTitle")
        self.title.setContentsMargins(10, 0, 0, 6)
        layout.addWidget(self.title)
        caption = QLabel("CLIENTS")
        caption.setObjectName("SidebarCaption")
        caption.setContentsMargins(10, 6, 0, 0)
        layout.addWidget(caption)
        self.list = QListView()
        self.list.setModel(model)
        self.list.setItemDelegate(ClientDelegate(self.list))
        self.list.setMouseTracking(True)
        self.list.setAccessibleName("Clients")
        self.list.selectionModel().currentChanged.connect(
            lambda current, _previous: self.client_selected.emit(current.data(ID_ROLE) if current.isValid() else None)
        )
        layout.addWidget(self.list, 1)
        add = button("  New client", icon=icon("plus", colors().sidebar_text, 16))
        add.clicked.connect(self.new_client_requested)
        layout.addWidget(add)

    def select(self, client_id: str | None) -> None:
        model: ClientListModel = self.list.model()
        row = model.row_of(client_id) if client_id else -1
        if row < 0 and model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.list.setCurrentIndex(model.index(row))
        else:
            self.client_selected.emit(None)

    def current_client_id(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None
