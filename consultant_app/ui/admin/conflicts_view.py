"""Edit → Conflicts: every text typed on two laptops since they last met (a note, an interview's summary), its
versions side by side with who typed each (the laptop's replica, its clock's time), and for each version "Keep
this", or "Keep both" joined by a blank line. Keeping is the sync engine's ``resolve``: the text saved on the
record and marked as a person's choice, so the next sync sends it to replace every version, on every laptop, even
when it is the version already shown (docs/merge.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.merge import Write
from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.store import NotFound, Store
from consultant_app.sync.engine import merge_of
from consultant_app.ui.syncing import open_conflicts
from consultant_app.ui.widgets import action_row, admin_layout, button, card, field_label


@dataclass
class Conflict:
    entity: str
    field: str
    title: str  # whose interview, which part of it
    versions: list[Write]  # newest first


def conflicts_of(store: Store) -> list[Conflict]:
    """The open conflicts, each with its record's place in the workspace and the typed versions."""
    found = []
    for entity, name in open_conflicts(store):
        versions = list(merge_of(store, [entity]).heads(entity, name))  # oldest first
        try:
            title = _title(store, entity)
        except NotFound:  # the record went (deleted, or its candidate erased) since the sync that brought it
            continue
        found.append(Conflict(entity, name, title, versions[::-1]))
    return found


def _title(store: Store, entity: str) -> str:
    table, _, record_id = entity.partition("/")
    if table == "notes":
        note = store.notes.get(record_id)
        interview, part = store.interviews.get(note.interview_id), NOTE_SECTIONS.get(note.section, note.section)
    else:
        interview, part = store.interviews.get(record_id), "Interview summary"
    candidate = store.candidates.get(interview.candidate_id)
    return f"{candidate.full_name} ({store.clients.get(candidate.client_id).name}) · {part}"


def typed_by(write: Write, here: str) -> str:
    """Who typed a version: this laptop or another (its replica id, short), and when by its clock."""
    who = "This laptop" if write.clock.replica == here else f"Laptop {write.clock.replica[:8]}"
    return f"{who} · {datetime.fromtimestamp(write.clock.wall_ms / 1000):%d %b %Y, %H:%M}"


class ConflictsView(QDialog):
    def __init__(self, store: Store, resolved: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.resolved = store, resolved
        layout = admin_layout(
            self,
            "Conflicts",
            (980, 600),
            "Conflicts",
            "Texts typed on two laptops before they synced. Nothing is lost: choose the version to keep, or keep "
            "both; the next sync replaces every version with your choice, on every laptop.",
        )
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        row = action_row(self, [])
        self.close_button = row.itemAt(row.count() - 1).widget()
        layout.addLayout(row)
        self.show_conflicts()

    def show_conflicts(self) -> None:
        self.conflicts = conflicts_of(self.store)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 4, 12, 4)
        column.setSpacing(14)
        if not self.conflicts:
            empty = QLabel("No conflicts to resolve: every text typed on two laptops has been settled.")
            empty.setObjectName("Muted")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(empty, 1)
        for conflict in self.conflicts:
            column.addWidget(self._card(conflict))
        column.addStretch()
        self.scroll.setWidget(body)
        first = body.findChild(QWidget, "KeepThis")
        (first or self.close_button).setFocus(Qt.FocusReason.TabFocusReason)

    def _card(self, conflict: Conflict) -> QWidget:
        frame = card()
        grid = QGridLayout(frame)
        grid.setContentsMargins(16, 14, 16, 14)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        title = QLabel(conflict.title)
        title.setObjectName("SectionTitle")
        grid.addWidget(title, 0, 0, 1, len(conflict.versions))
        here = self.store.replica.id
        for n, version in enumerate(conflict.versions):
            grid.addWidget(field_label(typed_by(version, here)), 1, n)
            text = QPlainTextEdit(str(version.value or ""))
            text.setReadOnly(True)
            text.setTabChangesFocus(True)
            text.setMinimumHeight(110)
            text.setAccessibleName(f"Version {n + 1} of {len(conflict.versions)}")
            grid.addWidget(text, 2, n)
            keep = button("Keep this")
            keep.setObjectName("KeepThis")
            keep.clicked.connect(lambda _=False, v=version: self._keep(conflict, str(v.value or "")))
            buttons = QHBoxLayout()
            buttons.addWidget(keep)
            buttons.addStretch()
            grid.addLayout(buttons, 3, n)
        both = button("Keep both")
        both.setToolTip("Keeps every version, one after the other, separated by a blank line")
        texts = [str(v.value or "") for v in conflict.versions]
        both.clicked.connect(lambda: self._keep(conflict, "\n\n".join(t for t in texts if t)))
        buttons.addWidget(both)  # the last version's row: after every "Keep this", as Tab goes
        return frame

    def _keep(self, conflict: Conflict, text: str) -> None:
        from consultant_app.sync.engine import resolve

        resolve(self.store, conflict.entity, conflict.field, text)
        self.resolved()
        self.show_conflicts()
