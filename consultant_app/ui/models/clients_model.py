"""The sidebar's list of clients, each with its counts of candidates and interviews."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.store.clients import ClientSummary

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2
COLOR_ROLE = Qt.ItemDataRole.UserRole + 3


ROOT = QModelIndex()  # the invisible root every row of a flat table hangs from


class ClientListModel(QAbstractListModel):
    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.rows: list[ClientSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self.store.clients.summaries()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.client.name
        if role == ID_ROLE:
            return row.client.id
        if role == COUNTS_ROLE:
            return _counts(row)
        if role == COLOR_ROLE:
            return row.client.brand_color or "#2A6FDB"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(line for line in (row.client.name, row.client.industry, _counts(row)) if line)
        return None

    def row_of(self, client_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.client.id == client_id), -1)


def _counts(row) -> str:
    """Interviews first: a narrow sidebar elides the end of the line, and the tooltip has it whole."""
    return f"{row.completed:,} done · {row.open:,} open · {plural(row.candidates, 'candidate')}"
