"""On a client's page, once the workspace has the firm's sync keys: the consultants on this client, a checkbox each (a
lead ticks one to let them read the client's bundles, earlier ones included, and is asked before taking one off), and
the leads, who read every client. A consultant's own workspace names those on the client, read only. Hidden when the
workspace has no sync keys (``sync.keys`` does the work)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLayout, QLayoutItem, QMessageBox, QWidget

from consultant_app.domain.model import Client
from consultant_app.store.errors import WorkspaceError
from consultant_app.sync import keys
from consultant_app.ui.dialogs.confirm import confirm
from consultant_app.ui.widgets import tab_in_place

ONLY_LEADS = "An engagement lead puts consultants on a client"


class ConsultantsBlock(QWidget):
    """The consultants of the client shown; ``changed`` runs after an assignment changes (something to sync)."""

    def __init__(self, store, changed: Callable[[], None] = lambda: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.changed = store, changed
        self.client: Client | None = None
        self.boxes: dict[str, QCheckBox] = {}  # member id → their checkbox
        self.tab_before: QWidget | None = None  # the widget Tab reaches after the checkboxes (the page's first filter)
        self.row = FlowLayout(self)
        self.setAccessibleName("Consultants on this client")
        self.hide()

    def show_client(self, client: Client | None) -> None:
        self.client, self.boxes = client, {}
        while self.row.count():
            shown = self.row.takeAt(0).widget()
            shown.setParent(None)  # out of the Tab chain at once
            shown.deleteLater()
        if client is None or not keys.joined(self.store):
            self.hide()
            return
        members = sorted(self.store.sync_keys.members(), key=lambda m: m.name.casefold())
        mine = keys.me(self.store)
        may_assign = any(m.lead and m.id == mine for m in members)
        on = {m for c, m in self.store.sync_keys.assignments() if c == client.id}
        caption = QLabel("Consultants on this client")
        caption.setObjectName("SectionTitle")
        self.row.addWidget(caption)
        consultants = [m for m in members if not m.lead]
        if may_assign:
            for member in consultants:
                box = QCheckBox(member.name)
                box.setChecked(member.id in on)
                box.setToolTip(f"Ticked, {member.name} reads {client.name}'s interviews on their laptop")
                box.clicked.connect(lambda checked, m=member, b=box: self._assign(m, b, checked))
                self.row.addWidget(box)
                self.boxes[member.id] = box
        leads = [m.name for m in members if m.lead]
        said = f"{', '.join(leads)} (lead) reads" if len(leads) == 1 else f"{', '.join(leads)} (leads) read"
        every = f"{said} every client" if leads else ""
        if not may_assign:  # a consultant sees who is on the client; a lead puts them on
            names = ", ".join(m.name + (" (you)" if m.id == mine else "") for m in consultants if m.id in on)
            on_client = QLabel(names or "No consultant yet")
            on_client.setToolTip(ONLY_LEADS)
            self.row.addWidget(on_client)
        elif not consultants:
            self.row.addWidget(
                _muted("No consultant has joined yet", "Consultants join with the firm key (Preferences)")
            )
        if every:
            self.row.addWidget(_muted(every))
        self.show()
        if self.tab_before is not None:  # Tab reaches the checkboxes in the order they are shown, before the filters
            tab_in_place(self.tab_before, self.boxes.values())

    def _assign(self, member, box: QCheckBox, checked: bool) -> None:
        client = self.client
        if client is None:
            return
        if not checked and not confirm(
            self,
            "Take a consultant off a client",
            f"Take {member.name} off {client.name}?",
            "Take off",
            f"{member.name} will no longer receive new work on {client.name}; what their laptop holds is removed at "
            "their next sync.",
        ):
            box.setChecked(True)
            return
        try:
            keys.set_assigned(self.store, client.id, member.id, checked)
        except WorkspaceError as exc:
            box.setChecked(not checked)
            QMessageBox.warning(self, "Consultants on this client", str(exc))
            return
        self.changed()


def _muted(text: str, tip: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("Muted")
    label.setToolTip(tip)
    return label


class FlowLayout(QLayout):
    """Widgets side by side, going on to the next line when the width runs out (a firm may have many consultants)."""

    def __init__(self, parent: QWidget, gap: int = 14, line_gap: int = 6) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)
        self.items: list[QLayoutItem] = []
        self.gap, self.line_gap = gap, line_gap

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's names)
        self.items.append(item)

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        hints = [item.sizeHint() for item in self.items]
        return QSize(sum(h.width() for h in hints) + self.gap * max(0, len(hints) - 1), self._line_height())

    def minimumSize(self) -> QSize:  # noqa: N802
        widest = max((item.minimumSize().width() for item in self.items), default=0)
        return QSize(widest, self._line_height())

    def _line_height(self) -> int:
        return max((item.sizeHint().height() for item in self.items), default=0)

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Places the items (when ``move``) line by line; the height they take."""
        line = self._line_height()
        x, y = rect.x(), rect.y()
        for item in self.items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y = rect.x(), y + line + self.line_gap
            if move:
                item.setGeometry(QRect(QPoint(x, y + (line - hint.height()) // 2), hint))
            x += hint.width() + self.gap
        return y + line - rect.y()
