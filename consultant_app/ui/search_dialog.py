"""Global search (Ctrl+K): full text across the workspace or the current client, results with
highlighted snippets; Enter opens the interview at the matching note."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.store import Store
from consultant_app.store.search import HIT_END, HIT_START, SearchHit
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import colors

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"note": "Note", "interview": "Interview", "candidate": "Candidate", "client": "Client"}


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


class SearchDialog(QDialog):
    open_hit = Signal(object)

    def __init__(
        self, store: Store, client_id: str | None, client_name: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store, self.client_id = store, client_id
        self.setWindowTitle("Search")
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search notes, summaries, names and companies…")
        self.query.addAction(icon("search", colors().muted, 18), QLineEdit.ActionPosition.LeadingPosition)
        self.query.setStyleSheet("font-size: 15px; padding: 8px;")
        row.addWidget(self.query, 1)
        self.only_client = QCheckBox(f"Only {client_name}" if client_name else "Only this client")
        self.only_client.setEnabled(bool(client_id))
        self.only_client.toggled.connect(self._run)
        row.addWidget(self.only_client)
        layout.addLayout(row)
        self.results = QListWidget()
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.itemActivated.connect(self._activate)
        layout.addWidget(self.results, 1)
        self.status = QLabel("Type to search. Enter opens the result; ↑/↓ to move.")
        self.status.setObjectName("Muted")
        layout.addWidget(self.status)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self._run)
        self.query.textChanged.connect(lambda: self._debounce.start())
        self.query.installEventFilter(self)
        self._names: dict[str, str] = {c.id: c.name for c in store.clients.list(include_archived=True)}

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

    def _run(self) -> None:
        text = self.query.text()
        self.results.clear()
        if not text.strip():
            self.status.setText("Type to search. Enter opens the result; ↑/↓ to move.")
            return
        client_id = self.client_id if self.only_client.isChecked() else None
        hits = self.store.search.query(text, client_id=client_id, limit=50)
        accent = colors().accent
        for hit in hits:
            item = QListWidgetItem(self._describe(hit, accent))
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        self.status.setText(f"{len(hits)} result{'s' * (len(hits) != 1)}" + (" (first 50)" if len(hits) == 50 else ""))

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
