"""The big table of a client's candidates and interviews, fetched a page at a time.

The model holds only the rows scrolled into view so far; ``canFetchMore``/``fetchMore`` pull
the next page, and sorting or filtering asks the store again. It stays instant with 100,000
interviews because nothing loads everything.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from consultant_app.domain.taxonomy import DECLINE_REASONS, DISCLOSURES, INTERVIEW_STATUSES, label
from consultant_app.store import Store
from consultant_app.store.listing import ListingFilter, ListingRow

PAGE_SIZE = 500
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
CHIP_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = [
    ("candidate", "Candidate"),
    ("role", "Role"),
    ("status", "Status"),
    ("date", "Interview"),
    ("reasons", "Top reasons"),
    ("disclosure", "Disclosure"),
    ("declined", "Declined"),
    ("consultant", "Consultant"),
]


ROOT = QModelIndex()  # the invisible root every row of a flat table hangs from


class InterviewTableModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.store = store
        self.page_size = page_size
        self.client_id: str | None = None
        self.filter = ListingFilter()
        self.sort_key, self.descending = "date", True
        self.rows: list[ListingRow] = []
        self.total = 0

    # configuration ------------------------------------------------------------------------
    def set_client(self, client_id: str | None) -> None:
        self.client_id = client_id
        self.reload()

    def set_filter(self, flt: ListingFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.total = self.store.listing.count(self.client_id, self.filter) if self.client_id else 0
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self.client_id is not None and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if parent.isValid() or not self.client_id:
            return
        # pages grow fourfold as the user keeps scrolling, and a short remainder comes in one go, so
        # reaching the end of a long table takes few queries
        limit = max(self.page_size, 4 * len(self.rows))
        remaining = self.total - len(self.rows)
        if remaining <= limit * 1.5:
            limit = remaining
        page = self.store.listing.page(
            self.client_id, self.filter, self.sort_key, self.descending, offset=len(self.rows), limit=limit
        )
        if not page:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == ROW_ROLE:
            return row
        if role == CHIP_ROLE and key in ("status", "disclosure"):
            return row.status if key == "status" else row.disclosure
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, key, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        return None

    @staticmethod
    def _text(row: ListingRow, key: str, tooltip: bool = False) -> str | None:
        if key == "candidate":
            return (
                row.candidate
                + (" (consent withdrawn)" if row.consent_withdrawn else "")
                + (" (archived)" if row.archived else "")
            )
        if key == "role":
            return row.role or "—"
        if key == "status":
            return label(INTERVIEW_STATUSES, row.status) if row.status else "Not scheduled"
        if key == "date":
            return (row.date or "")[:16].replace("T", " ") or "—"
        if key == "declined":
            return row.declined or "—"
        if key == "disclosure":
            return label(DISCLOSURES, row.disclosure)
        if key == "reasons":
            names = [label(DECLINE_REASONS, r) for r in row.reasons]
            return (
                ", ".join(names)
                if tooltip
                else ", ".join(names[:2]) + (f" +{len(names) - 2}" if len(names) > 2 else "")
            )
        if key == "consultant":
            return row.consultant or "—"
        return None

    def row_at(self, index: int) -> ListingRow | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None
