"""The call screen, built for someone typing while listening.

Guide on the left, notes by section in the middle, structured answers on the right; the
candidate's disclosure is always visible in the header with the call timer, and follows changes made elsewhere.
Everything is autosaved within half a second of a change (a quiet "Saved 14:03:07" says so), and one undo history
holds every change in order: typing (a word a step), visibility, highlight, themes, reasons, answers, ratings and
status. Keys: Ctrl+1…5 sections, Ctrl+Enter new note, Alt+1/2/3 visibility (F4 cycles), Ctrl+H highlight,
Ctrl+T theme, Ctrl+E answers, Ctrl+R decline reasons, F9 timer, Ctrl+Z / Ctrl+Shift+Z undo and redo, Ctrl+W or
Escape close (nothing to ask: everything is saved; Escape in an open list only closes the list). Completing an
anonymous candidate's interview asks once before their identity is erased (see ``erasure_question``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.session import CallSession
from consultant_app.store import Store, WorkspaceError, WorkspaceLost
from consultant_app.ui.call.answers_panel import AnswersPanel
from consultant_app.ui.call.call_header import CallHeader
from consultant_app.ui.call.edits import CallEdits
from consultant_app.ui.call.erasure_question import PendingErasureBanner
from consultant_app.ui.call.guide_panel import GuidePanel
from consultant_app.ui.call.note_card import NoteCard
from consultant_app.ui.call.theme_names import ThemeNames
from consultant_app.ui.call.undo import UNDO_STEPS, UndoKeys
from consultant_app.ui.hub import ChangeHub
from consultant_app.ui.icons import icon
from consultant_app.ui.keys_help import show_keys
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import button

AUTOSAVE_MS = 500
RETRY_MS = 2000
CHIP_ROW_MARGIN = 48  # below the cursor: the rest of the line and the note's visibility chip
SECTIONS = list(NOTE_SECTIONS)
FOLLOWED = {"candidates", "clients", "roles"}  # changes made elsewhere that the header shows


class CallScreen(CallEdits, QMainWindow):
    closed = Signal(str)

    def __init__(
        self,
        store: Store,
        interview_id: str,
        focus_note_id: str | None = None,
        hub: ChangeHub | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.session = CallSession(store, interview_id)
        self.cards: dict[str, NoteCard] = {}
        self.current_note: str | None = None
        self.undo = QUndoStack(self)
        self.undo.setUndoLimit(UNDO_STEPS)
        self.undo_keys = UndoKeys(self)
        self._asked_erasure = False
        self.theme_names = ThemeNames(store.themes.list(), self)
        self.setWindowTitle(f"Call · {self.session.label} — Debrief")
        self.setMinimumSize(1000, 600)  # fits a 1280×720 screen under a panel and a title bar
        self._save_failed = False
        self._save_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._tick)
        self._build()
        self._shortcuts()
        self._rebuild_notes()
        self._show_answers()
        if hub is not None:
            hub.changed.connect(self._changed_elsewhere)
        self.show_section(self._section_of(focus_note_id) or "right")
        self._pending_focus = focus_note_id if focus_note_id in self.cards else None

    # layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        self.header = CallHeader(bool(self.session.elapsed_seconds()))
        self.header.timer_button.clicked.connect(self.toggle_timer)
        self.name_label, self.disclosure_chip = self.header.name_label, self.header.disclosure_chip
        self._show_identity()
        self._tick()
        root.addWidget(self.header)
        self.problem = QLabel()  # why saving to the workspace stopped, and where the call is kept instead
        self.problem.setObjectName("SaveProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(
            "#SaveProblem { background: #FDECEA; color: #B42318; padding: 10px 20px; "
            "border-bottom: 1px solid #F5C2BC; font-weight: 600; }"
        )
        self.problem.hide()
        root.addWidget(self.problem)
        self.pending_erasure = PendingErasureBanner()
        root.addWidget(self.pending_erasure)
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for i, section in enumerate(SECTIONS):
            self.tabs.addTab(NOTE_SECTIONS[section])
            self.tabs.setTabToolTip(i, f"Ctrl+{i + 1}")
        self.tabs.currentChanged.connect(lambda i: self.show_section(SECTIONS[i]))
        for scroll_button in self.tabs.findChildren(QToolButton):  # Ctrl+1…5 choose the section; Tab skips these
            scroll_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar = QWidget()
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(16, 4, 16, 0)
        bar_layout.addWidget(self.tabs)
        bar_layout.addStretch()
        self.add_button = add = button("New note", icon=icon("plus", colors().text, 16))
        add.setToolTip("Ctrl+Enter")
        add.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        add.clicked.connect(self.new_note)
        bar_layout.addWidget(add)
        root.addWidget(bar)
        splitter = QSplitter()
        splitter.setHandleWidth(1)
        self.guide = GuidePanel(self.session.guide)
        self.stack = QStackedWidget()
        self.section_layouts: dict[str, QVBoxLayout] = {}
        self.section_scrolls: dict[str, QScrollArea] = {}
        for section in SECTIONS:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from note to note, not to their frame
            body = QWidget()
            layout = QVBoxLayout(body)
            layout.setContentsMargins(16, 12, 16, 16)
            layout.setSpacing(10)
            layout.addStretch()
            scroll.setWidget(body)
            self.section_layouts[section], self.section_scrolls[section] = layout, scroll
            self.stack.addWidget(scroll)
        role = self.session.role
        self.answers = AnswersPanel(
            self.store.interviews.competing_companies(limit=500), role.currency if role else None
        )
        self.answers.answer_changed.connect(self._answer_changed)
        self.answers.rating_changed.connect(self._rating_changed)
        self.answers.text_edited.connect(self._answer_typed)
        for field in (self.answers.company, self.answers.salary, self.answers.summary):
            field.installEventFilter(self.undo_keys)
        splitter.addWidget(self.guide)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.answers)
        splitter.setSizes([260, 620, 340])
        splitter.setStretchFactor(1, 1)
        root.addWidget(splitter, 1)
        self.setCentralWidget(central)
        hint = QLabel(
            "Ctrl+1…5 sections · Ctrl+Enter new note · Alt+1/2/3 visibility · Ctrl+T theme · Ctrl+E answers · "
            "F9 timer · F1 every key"  # short enough for the screen's minimum width
        )
        hint.setObjectName("Muted")
        self.statusBar().addWidget(hint)
        self.saved_label = QLabel("All changes saved")
        self.saved_label.setObjectName("SavedIndicator")
        self.statusBar().addPermanentWidget(self.saved_label)

    def _show_identity(self) -> None:
        self.setWindowTitle(f"Call · {self.session.label} — Debrief")
        self.header.show_candidate(self.session)

    def _shortcuts(self) -> None:
        """Every key of the screen, with what it does (the F1 sheet and the README's table read these)."""
        keys: list[tuple[str, Callable[[], None], str]] = [
            (
                f"Ctrl+{i + 1}",
                (lambda s=section: self.show_section(s, focus=True)),
                f"section: {NOTE_SECTIONS[section]}",
            )
            for i, section in enumerate(SECTIONS)
        ]
        keys += [
            ("Ctrl+Return", self.new_note, "new note in the current section"),
            ("Ctrl+Enter", self.new_note, "new note in the current section"),
            ("Alt+1", lambda: self.set_visibility("shareable"), "note is shareable"),
            ("Alt+2", lambda: self.set_visibility("aggregate"), "note is aggregate only"),
            ("Alt+3", lambda: self.set_visibility("internal"), "note is internal (off the record)"),
            ("F4", self.cycle_visibility, "cycle the note's visibility"),
            ("Ctrl+H", self.toggle_highlight, "highlight the note as a quote for the report"),
            ("Ctrl+T", self.focus_theme_entry, "tag the note with a theme"),
            ("F9", self.toggle_timer, "start or stop the call timer"),
            ("Ctrl+R", self.answers.reasons.setFocus, "decline reasons (type to find, Space ticks)"),
            ("Ctrl+E", self.answers.status.setFocus, "the answers column"),
            (QKeySequence(QKeySequence.StandardKey.Undo).toString(), self.undo.undo, "undo"),
            ("Ctrl+Shift+Z", self.undo.redo, "redo"),
            ("Ctrl+Y", self.undo.redo, "redo"),
            ("Ctrl+S", self.save_now, "save now"),
            ("Ctrl+W", self.close, "close the call screen (everything is saved)"),
            ("Escape", self.close, "close the call screen (everything is saved)"),  # an open list takes it first
            ("F1", lambda: show_keys(self, "Call screen keys"), "these keys"),
        ]
        for key, slot, what in keys:
            shortcut = QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.setWhatsThis(what)
            shortcut.setAutoRepeat(what not in ("undo", "redo"))

    # notes -------------------------------------------------------------------------------
    def _section_of(self, note_id: str | None) -> str | None:
        return next((n.section for n in self.session.notes if n.id == note_id), None)

    def _rebuild_notes(self) -> None:
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards = {}
        for note in sorted(self.session.notes, key=lambda n: n.position):
            self._add_card(note)
        self._update_tab_counts()
        self._order_tabs()

    def _add_card(self, note) -> NoteCard:
        card = NoteCard(note, self.theme_names)
        card.editor.installEventFilter(self.undo_keys)
        card.theme_entry.installEventFilter(self.undo_keys)
        card.text_changed.connect(self._text_changed)
        card.visibility_clicked.connect(self._cycle_visibility_of)
        card.highlight_clicked.connect(
            lambda note_id: self._change_note(note_id, "highlight", not self.session.note(note_id).highlight)
        )
        card.theme_added.connect(self._add_theme)
        card.theme_removed.connect(self._remove_theme)
        card.focused.connect(self._note_focused)
        card.editor.cursorPositionChanged.connect(lambda: QTimer.singleShot(0, lambda: self._keep_cursor_in_view(card)))
        layout = self.section_layouts[note.section]
        layout.insertWidget(layout.count() - 1, card)
        self.cards[note.id] = card
        return card

    def _keep_cursor_in_view(self, card: NoteCard) -> None:
        """Scrolls the section, once the grown note is laid out, so the line being typed and the note's
        visibility chip below it stay in view."""
        if self.cards.get(card.note_id) is not card or not card.editor.hasFocus():  # rebuilt or left meanwhile
            return
        scroll = self.section_scrolls[self.session.note(card.note_id).section]
        cursor = card.editor.cursorRect()
        point = card.editor.viewport().mapTo(scroll.widget(), cursor.center())
        scroll.ensureVisible(point.x(), point.y(), 0, cursor.height() + CHIP_ROW_MARGIN)

    def _order_tabs(self) -> None:
        """Tab walks the notes top to bottom (text, then theme), then the answers column, as they are on screen."""
        notes = sorted(self.session.notes, key=lambda n: (SECTIONS.index(n.section), n.position))
        chain = [
            w for n in notes if n.id in self.cards for w in (self.cards[n.id].editor, self.cards[n.id].theme_entry)
        ]
        for before, after in pairwise(chain + self.answers.focus_chain()):
            QWidget.setTabOrder(before, after)

    def _update_tab_counts(self) -> None:
        for i, section in enumerate(SECTIONS):
            count = len([n for n in self.session.notes_in(section) if n.text.strip()])
            text = NOTE_SECTIONS[section] + (f"  {count}" if count else "")
            if self.tabs.tabText(i) != text:  # runs at every keystroke; setting a tab's text lays the bar out again
                self.tabs.setTabText(i, text)

    def show_section(self, section: str, focus: bool = False) -> None:
        index = SECTIONS.index(section)
        if self.tabs.currentIndex() != index:
            self.tabs.setCurrentIndex(index)
        self.stack.setCurrentIndex(index)
        self.guide.show_section(section)
        if focus:
            notes = self.session.notes_in(section)
            if notes:
                self.focus_note(notes[-1].id)
            else:
                self.new_note()

    def current_section(self) -> str:
        return SECTIONS[self.stack.currentIndex()]

    def focus_note(self, note_id: str) -> None:
        card = self.cards[note_id]
        self.show_section(self.session.note(note_id).section)
        self.section_scrolls[self.session.note(note_id).section].ensureWidgetVisible(card)
        card.editor.setFocus()
        self.current_note = note_id

    def new_note(self) -> None:
        """A new note at the end of the section; when the section already has an empty one, that one takes the
        typing instead (a section never holds two empty notes)."""
        section = self.current_section()
        empty = next((n.id for n in self.session.notes_in(section) if not n.text.strip() and n.id in self.cards), None)
        if empty:
            self.focus_note(empty)
            return
        note = self.session.add_note(section)
        card = self._add_card(note)
        self._order_tabs()
        QTimer.singleShot(0, lambda: self.section_scrolls[note.section].ensureWidgetVisible(card))
        card.editor.setFocus()
        self.current_note = note.id

    def _note_focused(self, note_id: str) -> None:
        self.current_note = note_id

    def _target_note(self) -> str | None:
        if self.current_note in self.cards:
            return self.current_note
        notes = self.session.notes_in(self.current_section())
        return notes[-1].id if notes else None

    # timer -------------------------------------------------------------------------------
    def toggle_timer(self) -> None:
        if self.session.timer_running:
            self.session.stop_timer()
            self._clock.stop()
        else:
            self.session.start_timer()
            self._clock.start()
        self.header.show_running(self.session.timer_running)
        self._tick()
        self._schedule_save()

    def _tick(self) -> None:
        self.header.show_time(self.session.elapsed_seconds())

    # saving ------------------------------------------------------------------------------
    def _schedule_save(self) -> None:
        if not self._save_timer.isActive():
            self._save_timer.start(AUTOSAVE_MS)
        if self.session.dirty and not self._save_failed:  # a failure stays in view until a save succeeds
            self.saved_label.setText("Saving…")

    def _show_save_state(self, text: str, failed: bool) -> None:
        self._save_failed = failed
        self.saved_label.setText(text)
        self.saved_label.setStyleSheet(f"color: {colors().danger};" if failed else "")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # a new theme: everything drawn in its colours
            self.header.restyle()
            self.pending_erasure.restyle()
            self.add_button.setIcon(icon("plus", colors().text, 16))
            self.guide.show_section(self.current_section())
            for note_id, card in self.cards.items():
                card.show_note(self.session.note(note_id))
            self._show_save_state(self.saved_label.text(), self._save_failed)
        return super().event(event)

    def save_now(self) -> bool:
        """Writes every pending change; on failure says so and tries again shortly."""
        self._save_timer.stop()
        try:
            result = self.session.flush()
        except WorkspaceLost as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            kept = f"Kept in the recovery file {time.strftime('%H:%M:%S')}" if self.session.kept_in else "Not saved"
            self._show_save_state(kept, failed=True)
            return False
        except (WorkspaceError, ValueError) as exc:
            self._show_save_state(f"Not saved — {exc} Retrying…", failed=True)
            self._save_timer.start(RETRY_MS)
            return False
        held = " · Completed on close" if self.session.erasure_awaits else ""
        self._show_save_state(f"Saved {time.strftime('%H:%M:%S')}{held}", failed=False)
        self._show_texts([n.id for n in self.session.notes] if result.identity_erased else result.rewritten)
        if result.identity_erased:
            self._show_identity()
            self._show_answers()
            self._history_stops_at_erasure()
        return True

    def _show_texts(self, note_ids: list[str]) -> None:
        """Shows notes whose text the saving rewrote (redacted), the caret staying where it was."""
        for note_id in note_ids:
            if note_id in self.cards:
                self.cards[note_id].set_text(self.session.note(note_id).text)

    def _changed_elsewhere(self, areas: set[str]) -> None:
        """Another window changed the workspace: the header shows the candidate as they are now (after saving what
        is pending, so the session reloads over nothing unsaved); the note being typed stays as it is."""
        if areas & FOLLOWED and self.session.kept_in is None and self.save_now():
            erased = self.session.reload_candidate()
            self._show_identity()
            if erased:
                self._show_texts([n.id for n in self.session.notes])
                self._show_answers()
                self._history_stops_at_erasure()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_focus:
            note_id, self._pending_focus = self._pending_focus, None
            QTimer.singleShot(0, lambda: note_id in self.cards and self.focus_note(note_id))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.finish()  # the timer stops; a completion still standing erases the anonymous identity now
        if not self.save_now() and not self.session.kept_in:  # a call kept in its recovery file is safe
            focus = QApplication.focusWidget()
            answer = QMessageBox.warning(
                self,
                "Changes not saved",
                f"{self.saved_label.text()}\n\nClose anyway and lose the unsaved changes?",
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Close:
                event.ignore()
                self._refocus(focus)
                return
        self.undo.clear()  # frees its steps (PySide keeps those of a deleted stack alive)
        self.closed.emit(self.session.interview.id)
        super().closeEvent(event)
