"""The call screen, driven with the keyboard only over a real store: notes in every section,
visibility, highlight, themes, reasons, ratings, status; autosave, undo, Unicode, huge pastes."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from consultant_app.ui.call.call_screen import CallScreen
from tests.store.builders import client_with_interview

C = Qt.KeyboardModifier.ControlModifier
A = Qt.KeyboardModifier.AltModifier


def type_text(widget, text):
    """Types any Unicode text, one key event per character (keyClicks aborts on non-ASCII)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _shown_call_screen(qtbot, store, disclosure: str) -> CallScreen:
    _, _, interview = client_with_interview(store, disclosure=disclosure)
    window = CallScreen(store, interview.id)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def screen(qtbot, store):
    window = _shown_call_screen(qtbot, store, "confidential")
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def anonymous_screen(qtbot, store):
    """The call screen of an interview with a candidate who asked to stay anonymous."""
    return _shown_call_screen(qtbot, store, "anonymous")


def key(qtbot, screen, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(screen.focusWidget() or screen, k, mod)


def saved(qtbot, screen):
    qtbot.waitUntil(lambda: not screen.session.dirty and screen.saved_label.text().startswith("Saved"), timeout=3000)


def test_an_interview_run_with_the_keyboard_only(qtbot, screen, store):
    key(qtbot, screen, Qt.Key.Key_1, C)  # What went right: a first note opens
    type_text(screen.focusWidget(), "Interviewers were well prepared.")
    key(qtbot, screen, Qt.Key.Key_1, A)  # shareable
    key(qtbot, screen, Qt.Key.Key_H, C)  # highlight
    key(qtbot, screen, Qt.Key.Key_T, C)  # theme entry
    type_text(screen.focusWidget(), "prepared interviewers")
    key(qtbot, screen, Qt.Key.Key_Return)
    key(qtbot, screen, Qt.Key.Key_2, C)
    type_text(screen.focusWidget(), "Six weeks to an offer.")
    key(qtbot, screen, Qt.Key.Key_Return, C)  # a second note in the same section
    type_text(screen.focusWidget(), "Sounded unsure about relocating.")
    key(qtbot, screen, Qt.Key.Key_3, A)  # internal: off the record
    key(qtbot, screen, Qt.Key.Key_3, C)
    type_text(screen.focusWidget(), "Contoso paid more.")
    key(qtbot, screen, Qt.Key.Key_4, C)
    type_text(screen.focusWidget(), "Would reapply next year.")
    key(qtbot, screen, Qt.Key.Key_R, C)  # decline reasons
    assert screen.focusWidget() is screen.answers.reasons
    type_text(screen.focusWidget(), "compen")
    key(qtbot, screen, Qt.Key.Key_Space)
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a person pauses between two look-ups
    type_text(screen.focusWidget(), "speed")
    key(qtbot, screen, Qt.Key.Key_Space)
    key(qtbot, screen, Qt.Key.Key_Tab)
    type_text(screen.focusWidget(), "Contoso")
    key(qtbot, screen, Qt.Key.Key_Tab)
    type_text(screen.focusWidget(), "92000")
    key(qtbot, screen, Qt.Key.Key_Tab)
    type_text(screen.focusWidget(), "7")  # recommend
    key(qtbot, screen, Qt.Key.Key_Tab)
    type_text(screen.focusWidget(), "2")  # compensation rating
    key(qtbot, screen, Qt.Key.Key_Tab)
    type_text(screen.focusWidget(), "4")  # benefits rating
    key(qtbot, screen, Qt.Key.Key_E, C)  # status
    type_text(screen.focusWidget(), "C")
    saved(qtbot, screen)

    interview = store.interviews.get(screen.session.interview.id)
    assert interview.decline_reasons == ["compensation", "process_speed"]
    assert (interview.competing_company, interview.competing_salary, interview.recommend) == ("Contoso", 92000, 7)
    assert interview.ratings == {"compensation": 2, "benefits": 4}
    assert interview.status == "completed"
    notes = {n.text: n for n in store.notes.for_interview(interview.id)}
    right = notes["Interviewers were well prepared."]
    assert (right.section, right.visibility, right.highlight, right.themes) == (
        "right",
        "shareable",
        True,
        ["prepared interviewers"],
    )
    assert notes["Six weeks to an offer."].section == "wrong"
    assert notes["Sounded unsure about relocating."].visibility == "internal"
    assert notes["Contoso paid more."].section == "competitors"
    assert notes["Would reapply next year."].section == "extra"
    assert screen.saved_label.text().startswith("Saved ")


def test_visibility_cycles_and_undo_restores_it(qtbot, screen, store):
    key(qtbot, screen, Qt.Key.Key_1, C)
    type_text(screen.focusWidget(), "Off the record remark")
    note_id = screen.current_note
    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.session.note(note_id).visibility == "internal"
    key(qtbot, screen, Qt.Key.Key_F4)
    assert screen.session.note(note_id).visibility == "shareable"
    screen.answers.status.setFocus()
    key(qtbot, screen, Qt.Key.Key_Z, C)
    assert screen.session.note(note_id).visibility == "internal"
    key(qtbot, screen, Qt.Key.Key_Z, C | Qt.KeyboardModifier.ShiftModifier)
    assert screen.session.note(note_id).visibility == "shareable"
    saved(qtbot, screen)
    assert store.notes.get(note_id).visibility == "shareable"


def test_unicode_round_trips_exactly(qtbot, screen, store):
    key(qtbot, screen, Qt.Key.Key_1, C)
    text = "Jürgen said: «très bien» 👋 مرحبا بالعالم — naïve café"
    type_text(screen.focusWidget(), text)
    saved(qtbot, screen)
    assert store.notes.get(screen.current_note).text == text
    assert store.search.query("jurgen")


def test_a_huge_paste_is_saved_whole(qtbot, screen, store):
    key(qtbot, screen, Qt.Key.Key_1, C)
    big = ("Long answer line with words. " * 40 + "\n") * 4500  # about 5 MB
    screen.focusWidget().insertPlainText(big)
    saved(qtbot, screen)
    assert store.notes.get(screen.current_note).text == big


def test_the_timer_records_duration_and_start(qtbot, screen, store):
    key(qtbot, screen, Qt.Key.Key_F9)
    assert screen.session.timer_running
    screen.session._timer_started -= 125  # as if two minutes had passed
    key(qtbot, screen, Qt.Key.Key_F9)
    saved(qtbot, screen)
    interview = store.interviews.get(screen.session.interview.id)
    assert interview.duration_minutes == 2 and interview.conducted_at


def test_completing_an_anonymous_interview_shows_the_pseudonym(qtbot, store, anonymous_screen):
    window = anonymous_screen
    window.new_note()
    type_text(window.focusWidget(), "Zebulon Quarternack thinks pay is low")
    window.session.set_answer("status", "completed")
    window.session.confirm_erasure()  # the consultant confirmed the completion
    assert window.save_now()
    assert window.name_label.text().startswith("Candidate ")
    assert window.cards[window.current_note].editor.toPlainText() == "[name] thinks pay is low"
    type_text(window.cards[window.current_note].editor, "!")
    assert window.save_now()
    assert "Quarternack" not in store.notes.get(window.current_note).text


def test_disclosure_is_always_visible(screen):
    assert screen.disclosure_chip.text() == "Confidential" and screen.disclosure_chip.isVisible()


def test_a_full_disk_shows_not_saved_and_retries_until_it_works(qtbot, screen, store):
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # the file cannot grow: SQLite reports a full disk
    key(qtbot, screen, Qt.Key.Key_1, C)
    screen.focusWidget().insertPlainText("A long answer " * 2000)
    qtbot.waitUntil(lambda: screen.saved_label.text().startswith("Not saved"), timeout=3000)
    assert "disk is full" in screen.saved_label.text() and screen.session.dirty
    store.db.execute("PRAGMA max_page_count = 1073741823")
    qtbot.waitUntil(lambda: screen.saved_label.text().startswith("Saved"), timeout=5000)
    assert store.notes.get(screen.current_note).text.startswith("A long answer")


def test_the_name_typed_after_an_anonymous_interview_is_completed_is_redacted(qtbot, store, anonymous_screen):
    window = anonymous_screen
    window.session.set_answer("status", "completed")
    window.session.confirm_erasure()  # the consultant confirmed the completion
    assert window.save_now() and window.session.candidate.identity_erased
    window.new_note()
    type_text(window.focusWidget(), "Zebulon Quarternack asked to stay anonymous, call +49 30 7654321")
    assert window.save_now()
    saved = store.notes.get(window.current_note).text
    assert saved == "[name] asked to stay anonymous, call [phone]"
    assert window.cards[window.current_note].editor.toPlainText() == saved


def test_completing_an_anonymous_call_leaves_nothing_to_clean_up_when_the_screen_closes(qtbot, store, anonymous_screen):
    window = anonymous_screen
    window.session.set_answer("status", "completed")
    window.session.confirm_erasure()  # the consultant confirmed the completion
    assert window.save_now() and not store.maintenance.purge_pending()
    assert b"uarternack" not in store.path.read_bytes()


def test_the_line_being_typed_stays_in_view_as_a_note_grows_past_the_bottom(qtbot, screen):
    scroll = screen.section_scrolls["competitors"]
    key(qtbot, screen, Qt.Key.Key_3, C)
    for _ in range(3):  # three notes fill the section, the fourth starts near the bottom
        type_text(screen.focusWidget(), "A line of what the candidate said about the other offer. " * 3)
        key(qtbot, screen, Qt.Key.Key_Return, C)
    editor = screen.focusWidget()
    for line in range(14):
        type_text(editor, f"Line {line} of a long answer about the competing offer")
        key(qtbot, screen, Qt.Key.Key_Return)
        qtbot.wait(5)  # the section lays out the grown note, as between a person's keystrokes
        cursor = editor.cursorRect()
        bottom = editor.viewport().mapTo(scroll.viewport(), cursor.bottomLeft())
        assert scroll.viewport().rect().contains(bottom), (line, bottom, scroll.viewport().rect())


def test_a_removed_workspace_log_shows_where_the_call_is_kept_and_closing_loses_nothing(qtbot, screen, store):
    import os

    key(qtbot, screen, Qt.Key.Key_2, C)
    type_text(screen.focusWidget(), "The offer came late")
    saved(qtbot, screen)
    os.unlink(str(store.path) + "-wal")
    type_text(screen.focusWidget(), " and the salary was low")
    qtbot.waitUntil(screen.problem.isVisible, timeout=3000)
    assert "kept in" in screen.problem.text() and str(screen.session.kept_in) in screen.problem.text()
    assert screen.saved_label.text().startswith("Kept in the recovery file")
    type_text(screen.focusWidget(), ".")  # the warning stays until a save succeeds
    assert screen.saved_label.text().startswith("Kept in the recovery file")
    screen.close()  # no "lose the unsaved changes?" question: the whole call is in the recovery file
    assert not screen.isVisible()
    assert "the salary was low." in screen.session.kept_in.read_text(encoding="utf-8")
