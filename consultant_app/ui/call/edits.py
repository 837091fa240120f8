"""What the consultant changes on the call screen, each a step of its one undo history (``undo``): typing in a note
and in the free-text answers, a note's visibility, highlight and themes, the answers set in their fields, ratings
and status; and the one question before an anonymous candidate's completion erases their identity. A mixin of
``CallScreen``, which holds the session, the note cards, the answers column and the history.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from consultant_app.domain.taxonomy import next_visibility
from consultant_app.ui.call.answers_panel import TEXT_FIELDS, answer_value
from consultant_app.ui.call.erasure_question import BACK, NOW, ask_erasure
from consultant_app.ui.call.undo import Change, Typing, push, text_edit

STATUS_MESSAGE_MS = 10000


class CallEdits:
    # notes -------------------------------------------------------------------------------------------------
    def _text_changed(self, note_id: str, text: str) -> None:
        self._push_typing(
            f"note:{note_id}",
            self.session.note(note_id).text,
            text,
            lambda: self.session.note(note_id).text,
            lambda typed, caret: self._put_note_text(note_id, typed, caret),
        )

    def _push_typing(self, target: str, old: str, new: str, read, write) -> None:
        if old != new:
            push(self.undo, Typing(target, text_edit(old, new), read, write))

    def _put_note_text(self, note_id: str, text: str, caret: int | None) -> None:
        """Typing, or its undo and redo (``caret`` given: then the note takes the focus with the caret there)."""
        self.session.edit_note(note_id, text=text)
        if caret is not None and note_id in self.cards:
            self.focus_note(note_id)
            self.cards[note_id].set_text(text, caret)
        self._schedule_save()
        self._update_tab_counts()

    def _change_note(self, note_id: str, field: str, value) -> None:
        old = getattr(self.session.note(note_id), field)
        if old != value:
            apply = lambda v, _refresh: self._apply_note(note_id, field, v)  # noqa: E731
            push(self.undo, Change(f"change {field}", apply, value, old))

    def _apply_note(self, note_id: str, field: str, value) -> None:
        note = self.session.edit_note(note_id, **{field: value})
        if note_id in self.cards:
            self.cards[note_id].show_note(note)
            if note.section != self.current_section():
                self.show_section(note.section)
        self._schedule_save()

    def set_visibility(self, visibility: str) -> None:
        note_id = self._target_note()
        if note_id:
            self._change_note(note_id, "visibility", visibility)

    def cycle_visibility(self) -> None:
        note_id = self._target_note()
        if note_id:
            self._cycle_visibility_of(note_id)

    def _cycle_visibility_of(self, note_id: str) -> None:
        self._change_note(note_id, "visibility", next_visibility(self.session.note(note_id).visibility))

    def toggle_highlight(self) -> None:
        note_id = self._target_note()
        if note_id:
            self._change_note(note_id, "highlight", not self.session.note(note_id).highlight)

    def focus_theme_entry(self) -> None:
        note_id = self._target_note()
        if note_id:
            self.cards[note_id].theme_entry.setFocus()

    def _add_theme(self, note_id: str, name: str) -> None:
        themes = self.session.note(note_id).themes
        known = {t.casefold(): t for t in self.theme_names.stringList()}
        name = known.get(name.casefold(), name)
        if name.casefold() not in {t.casefold() for t in themes}:
            self._change_note(note_id, "themes", sorted(themes + [name], key=str.casefold))
        if name not in self.theme_names.stringList():
            self.theme_names.setStringList(sorted(self.theme_names.stringList() + [name], key=str.casefold))

    def _remove_theme(self, note_id: str, name: str) -> None:
        self._change_note(note_id, "themes", [t for t in self.session.note(note_id).themes if t != name])

    # answers ---------------------------------------------------------------------------------------------
    def _show_answers(self) -> None:
        self.answers.show_interview(self.session.interview)
        self._answer_texts = {field: self.answers.text_of(field) for field in TEXT_FIELDS}  # as typed

    def _answer_changed(self, field: str, value) -> None:
        """An answer set in its field (which shows it already); the salary typed digit by digit is one step. An
        answer the session refuses (a status back from a completion that erased the identity) is put back, and
        the status bar says why."""
        try:
            self.session.check_answer(field, value)
        except ValueError as exc:
            self.statusBar().showMessage(str(exc), STATUS_MESSAGE_MS)
            self._show_answers()
            return
        old = getattr(self.session.interview, field)
        if old != value:
            merge = field if field == "competing_salary" else None
            push(
                self.undo, Change(f"change {field}", self._apply_answer(field), value, old, shown=True, merge_key=merge)
            )

    def _apply_answer(self, field: str):
        def apply(value, refresh: bool) -> None:
            self.session.set_answer(field, value)
            if refresh:
                self._show_answers()
            self._schedule_save()
            if field == "status":
                self.pending_erasure.setVisible(self.session.erasure_awaits)
            if field == "status" and self.session.erasure_awaits and not self._asked_erasure:
                self._asked_erasure = True
                QTimer.singleShot(0, self._ask_erasure)

        return apply

    def _rating_changed(self, dimension: str, value) -> None:
        def apply(score, refresh: bool) -> None:
            self.session.set_rating(dimension, score)
            if refresh:
                self._show_answers()
            self._schedule_save()

        old = self.session.interview.ratings.get(dimension)
        push(self.undo, Change(f"rate {dimension}", apply, value, old, shown=True))

    def _answer_typed(self, field: str, text: str) -> None:
        self._push_typing(
            f"answer:{field}",
            self._answer_texts[field],
            text,
            lambda: self._answer_texts[field],
            lambda typed, caret: self._put_answer_text(field, typed, caret),
        )

    def _put_answer_text(self, field: str, text: str, caret: int | None) -> None:
        self._answer_texts[field] = text
        self.session.set_answer(field, answer_value(field, text))
        if caret is not None:
            (self.answers.company if field == "competing_company" else self.answers.summary).setFocus()
            self.answers.set_text(field, text, caret)
        self._schedule_save()

    def _ask_erasure(self) -> None:
        """Completing an anonymous candidate's interview: asks once whether to erase now, on closing, or not at all
        (the rule is the session's; it holds the erasure back until then)."""
        if not self.session.erasure_awaits:  # the status changed again meanwhile
            self._asked_erasure = False
            return
        focus = QApplication.focusWidget()
        choice = ask_erasure(self, self.session.label)
        if choice == NOW:
            self.session.confirm_erasure()
            self.save_now()
        elif choice == BACK and self.session.erasure_awaits:
            self._asked_erasure = False  # asked again at the next completion
            self.undo.undo()
        self._refocus(focus)

    def _history_stops_at_erasure(self) -> None:
        """The identity is erased: nothing before it can be undone (the status would go back while the name stays
        erased), so the history starts again here, and the status bar says so."""
        self.undo.clear()
        self.pending_erasure.hide()
        self.statusBar().showMessage(
            "The identity is erased; steps before it can no longer be undone.", STATUS_MESSAGE_MS
        )

    def _refocus(self, widget: QWidget | None) -> None:
        """After a dialog: this window active again, and the focus back where it was."""
        self.activateWindow()
        if widget is not None and widget.isVisible():
            widget.setFocus()
