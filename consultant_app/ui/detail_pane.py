"""The detail pane: the selected candidate and interview at a glance, with the actions a
consultant takes next (open the call screen, schedule, edit, withdraw consent, erase); with several rows selected,
how many candidates they are and the actions on all of them at once. The facts scroll when the window is short; the
actions stay in view below them."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from consultant_app.domain.model import Candidate, Interview
from consultant_app.domain.taxonomy import (
    CHANNELS,
    DECLINE_REASONS,
    DISCLOSURES,
    INTERVIEW_STATUSES,
    NOTE_SECTIONS,
    label,
)
from consultant_app.domain.wording import plural
from consultant_app.store import Store
from consultant_app.store.listing import ListingRow
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import DISCLOSURE_COLORS, STATUS_COLORS, colors, theme_changes
from consultant_app.ui.widgets import Chip, button, card, field_label


class DetailPane(QWidget):
    open_call = Signal(str)
    schedule = Signal(str)
    edit_candidate = Signal(str)
    withdraw_consent = Signal(str)
    erase_candidate = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.row: ListingRow | None = None
        self.tab_from: QWidget | None = None  # the widget whose Tab leads into the pane's buttons (the table)
        self.selection: Callable[[], list[ListingRow]] = list  # the table's selected rows
        self.bulk_actions: list[QAction] = []  # the actions on every selected row, as buttons when several are
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the table straight to the pane's buttons
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(12, 16, 16, 8)
        self.layout_.setSpacing(10)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        self.actions_row = QVBoxLayout()
        self.actions_row.setContentsMargins(12, 8, 16, 12)
        outer.addLayout(self.actions_row)
        self.show_row(None)
        theme_changes().changed.connect(self._retheme)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the facts shown (a long e-mail address does not wrap), and never narrower than 320."""
        body = self.scroll.widget().minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width()
        return QSize(max(320, body), super().minimumSizeHint().height())

    def _retheme(self) -> None:
        """A new theme: the pane drawn again, its icons and notes in the new colours (a closed window's pane is left
        alone: its workspace may be closed)."""
        if self.isVisible():
            self.show_row(self.row)

    def show_row(self, row: ListingRow | None) -> None:
        """Shows the row; a button that had focus hands it to its successor (or the first button) in the new pane."""
        focused = self.window().focusWidget()  # also while a dialog or call screen is in front
        kept = focused.text() if isinstance(focused, QAbstractButton) and self.isAncestorOf(focused) else None
        self._show(row)
        self.updateGeometry()  # its minimum width follows the facts shown
        buttons = self.findChildren(QAbstractButton)
        for before, after in zip([self.tab_from, *buttons], buttons):
            if before is not None:
                QWidget.setTabOrder(before, after)
        if kept is not None:
            successor = next((b for b in buttons if b.text() == kept), buttons[0] if buttons else None)
            if successor is not None:
                successor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, row: ListingRow | None) -> None:
        self.row = row
        for layout in (self.layout_, self.actions_row):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget()
                if widget is not None:
                    # hidden first: a widget added since the last event loop turn is still to be shown by a queued
                    # call, which would show it as a window of its own (stealing the keyboard) once it has no parent
                    widget.hide()
                    widget.setParent(None)
                    widget.deleteLater()
        selected = self.selection()
        if len(selected) > 1:
            self._show_many(selected)
            return
        if row is None or not self.store.candidates.exists(row.candidate_id):
            empty = QLabel("Select a candidate to see their interview.")
            empty.setObjectName("Muted")
            self.layout_.addWidget(empty)
            self.layout_.addStretch()
            return
        candidate = self.store.candidates.get(row.candidate_id)
        interview = self.store.interviews.get(row.interview_id) if row.interview_id else None
        self.layout_.addWidget(self._candidate_card(candidate))
        self.layout_.addWidget(self._interview_card(candidate, interview))
        self.layout_.addStretch()
        self.actions_row.addWidget(self._actions(candidate, interview))

    def _show_many(self, rows: list[ListingRow]) -> None:
        names = list(dict.fromkeys(r.candidate for r in rows))
        box, layout = _titled_card(f"{plural(len(names), 'candidate')} selected", None, 16)
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8:,} more" if len(names) > 8 else "")
        listed = QLabel(shown)
        listed.setWordWrap(True)
        layout.addWidget(listed)
        open_ = sum(r.status == "scheduled" for r in rows)
        facts = QLabel(f"{plural(len(rows), 'row')} · {plural(open_, 'open interview')}")
        facts.setObjectName("Muted")
        layout.addWidget(facts)
        self.layout_.addWidget(box)
        self.layout_.addStretch()
        actions = QWidget()
        column = QVBoxLayout(actions)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        for action in self.bulk_actions:
            b = button(action.text(), icon=icon(action.property("icon_name") or "", colors().text, 16))
            b.setEnabled(action.isEnabled())
            b.clicked.connect(action.trigger)
            column.addWidget(b)
        self.actions_row.addWidget(actions)

    def _candidate_card(self, p: Candidate) -> QWidget:
        box, layout = _titled_card(p.full_name, Chip(DISCLOSURES[p.disclosure], DISCLOSURE_COLORS, p.disclosure), 16)
        role = self.store.roles.get(p.role_id) if p.role_id and self.store.roles.exists(p.role_id) else None
        facts = [
            ("Role", f"{role.title} · {role.location}" if role and role.location else (role.title if role else "—")),
            ("E-mail", "erased" if p.identity_erased else (p.email or "—")),
            ("Phone", "erased" if p.identity_erased else (p.phone or "—")),
            ("Offer", p.offer_date or "—"),
            ("Declined", p.decline_date or "—"),
            ("Consent", p.consent_date or "not recorded"),
            ("Source", p.source or "—"),
        ]
        layout.addLayout(_facts(facts))
        if p.consent_withdrawn:
            warn = QLabel(f"Consent withdrawn on {p.consent_withdrawn}: left out of every output.")
            warn.setWordWrap(True)
            warn.setObjectName("Error")
            layout.addWidget(warn)
        return box

    def _interview_card(self, p: Candidate, i: Interview | None) -> QWidget:
        box, layout = _titled_card(
            "Interview", Chip(INTERVIEW_STATUSES[i.status], STATUS_COLORS, i.status) if i else None
        )
        if i is None:
            note = QLabel("No interview scheduled yet.")
            note.setObjectName("Muted")
            layout.addWidget(note)
            return box
        when = (i.conducted_at or i.scheduled_at or "—")[:16].replace("T", " ")
        facts = [
            ("When", when),
            ("Consultant", i.consultant or "—"),
            ("Channel", label(CHANNELS, i.channel) or "—"),
            ("Duration", f"{i.duration_minutes} min" if i.duration_minutes else "—"),
            ("Competitor", i.competing_company or "—"),
            ("Recommend", f"{i.recommend} / 10" if i.recommend is not None else "—"),
        ]
        layout.addLayout(_facts(facts))
        if i.decline_reasons:
            layout.addWidget(field_label("Reasons"))
            reasons = QLabel(", ".join(label(DECLINE_REASONS, r) for r in i.decline_reasons))
            reasons.setWordWrap(True)
            layout.addWidget(reasons)
        notes = self.store.notes.for_interview(i.id)
        if notes:
            layout.addWidget(field_label(f"Notes ({len(notes)})"))
            c = colors()
            lines = []
            for n in notes[:6]:
                text = html.escape(n.text if len(n.text) < 140 else n.text[:137] + "…")
                lines.append(
                    f"<p style='margin:0 0 6px 0'><span style='color:{c.muted}'>"
                    f"{html.escape(NOTE_SECTIONS[n.section])}:</span> {text}</p>"
                )
            preview = QLabel("".join(lines))
            preview.setWordWrap(True)
            preview.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(preview)
        return box

    def _actions(self, p: Candidate, i: Interview | None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        if i is not None:
            call = button("Open call screen", primary=True, icon=icon("phone-call", "#FFFFFF", 16))
            call.setToolTip("Enter")
            call.clicked.connect(lambda: self.open_call.emit(i.id))
            layout.addWidget(call)
        row = QHBoxLayout()
        for text, signal, name in (
            ("Schedule", self.schedule, "calendar-plus"),
            ("Edit", self.edit_candidate, "pencil"),
        ):
            b = button(text, icon=icon(name, colors().text, 16))
            b.clicked.connect(lambda _=False, s=signal: s.emit(p.id))
            row.addWidget(b)
        layout.addLayout(row)
        row = QHBoxLayout()
        if not p.consent_withdrawn:
            withdraw = button("Withdraw consent", icon=icon("eye-off", colors().text, 16))
            withdraw.clicked.connect(lambda: self.withdraw_consent.emit(p.id))
            row.addWidget(withdraw)
        erase = button("Erase…", danger=True, icon=icon("trash-2", colors().danger, 16))
        erase.clicked.connect(lambda: self.erase_candidate.emit(p.id))
        row.addWidget(erase)
        layout.addLayout(row)
        return box


def _titled_card(title: str, chip: QWidget | None, size: int | None = None) -> tuple[QWidget, QVBoxLayout]:
    """A card with a title and, at its right, a chip; returns the card and its layout."""
    box = card()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(14, 12, 14, 12)
    top = QHBoxLayout()
    label = QLabel(title)
    label.setObjectName("SectionTitle")
    label.setWordWrap(True)
    if size:
        label.setStyleSheet(f"font-size: {size}px;")
    top.addWidget(label, 1)
    if chip is not None:
        top.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(top)
    return box, layout


def _facts(facts: list[tuple[str, str]]) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(4)
    for row, (name, value) in enumerate(facts):
        key = QLabel(name)
        key.setObjectName("Muted")
        val = QLabel(value)
        val.setWordWrap(True)
        val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(val, row, 1)
    grid.setColumnStretch(1, 1)
    return grid
