"""One undo history per call screen: Ctrl+Z and Ctrl+Shift+Z step back and forth through note typing (a word at a
time), visibility, highlight, themes, decline reasons, answers, ratings and status, in the order they were made,
whichever field has the focus; every step is autosaved."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.call_driving import A, C, S, key, new_call, saved, type_text


def note_state(screen, note_id):
    note = screen.session.note(note_id)
    return note.text, note.visibility


def test_alt_2_then_ctrl_z_puts_the_visibility_back(qtbot, store):
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_1, C)
    type_text(QApplication.focusWidget(), "Pay was low")
    note_id = screen.current_note
    key(screen, Qt.Key.Key_3, A)
    key(screen, Qt.Key.Key_2, A)
    key(screen, Qt.Key.Key_Z, C)
    assert note_state(screen, note_id) == ("Pay was low", "internal")
    assert screen.cards[note_id].editor.toPlainText() == "Pay was low"
    saved(qtbot, screen)
    assert store.notes.get(note_id).visibility == "internal"


def test_alt_1_then_ctrl_z_keeps_the_text_and_undoes_shareable(qtbot, store):
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_1, C)
    type_text(QApplication.focusWidget(), "The recruiter was warm")
    note_id = screen.current_note
    key(screen, Qt.Key.Key_1, A)
    key(screen, Qt.Key.Key_Z, C)
    assert note_state(screen, note_id) == ("The recruiter was warm", "aggregate")
    assert screen.cards[note_id].editor.toPlainText() == "The recruiter was warm"
    assert screen.cards[note_id].visibility.text() == "Aggregate only"
    key(screen, Qt.Key.Key_Z, C)  # then the typing, a word at a time
    assert screen.cards[note_id].editor.toPlainText() == "The recruiter was"


def test_an_interleaved_call_undoes_step_by_step_in_reverse_and_redoes(qtbot, store):
    screen = new_call(qtbot, store)
    interview_id = screen.session.interview.id
    key(screen, Qt.Key.Key_1, C)
    type_text(QApplication.focusWidget(), "Pay")
    note_id = screen.current_note
    key(screen, Qt.Key.Key_3, A)  # internal
    key(screen, Qt.Key.Key_H, C)  # highlight
    key(screen, Qt.Key.Key_R, C)
    type_text(QApplication.focusWidget(), "benefits")
    key(screen, Qt.Key.Key_Space)  # tick Benefits
    key(screen, Qt.Key.Key_E, C)
    key(screen, Qt.Key.Key_Down)  # Completed
    key(screen, Qt.Key.Key_Tab)
    key(screen, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "Contoso")  # competing company
    key(screen, Qt.Key.Key_1, C)  # back to the note
    type_text(QApplication.focusWidget(), " was low")

    def state():
        note, interview = screen.session.note(note_id), screen.session.interview
        shown = (
            screen.cards[note_id].editor.toPlainText(),
            screen.answers.reasons.item(1).checkState() == Qt.CheckState.Checked,
            screen.answers.status.currentData(),
            screen.answers.company.text(),
        )
        kept = (note.text, note.visibility, note.highlight, interview.decline_reasons, interview.status)
        return kept + (interview.competing_company,), shown

    steps = [state()]
    expected = [
        ("Pay was", "internal", True, ["benefits"], "completed", "Contoso"),
        ("Pay", "internal", True, ["benefits"], "completed", "Contoso"),
        ("Pay", "internal", True, ["benefits"], "completed", None),
        ("Pay", "internal", True, ["benefits"], "scheduled", None),
        ("Pay", "internal", True, [], "scheduled", None),
        ("Pay", "internal", False, [], "scheduled", None),
        ("Pay", "aggregate", False, [], "scheduled", None),
        ("", "aggregate", False, [], "scheduled", None),
    ]
    assert steps[0][0] == ("Pay was low", "internal", True, ["benefits"], "completed", "Contoso")
    for want in expected:
        key(screen, Qt.Key.Key_Z, C)
        steps.append(state())
        assert steps[-1][0] == want
        kept, shown = steps[-1]
        assert shown == (kept[0], bool(kept[3]), kept[4], kept[5] or "")
    saved(qtbot, screen)
    interview = store.interviews.get(interview_id)
    assert (interview.status, interview.decline_reasons, interview.competing_company) == ("scheduled", [], None)
    assert store.notes.for_interview(interview_id) == []  # an emptied note is not kept
    for back in reversed(steps[:-1]):
        key(screen, Qt.Key.Key_Z, C | S)
        assert state() == back
    saved(qtbot, screen)
    interview = store.interviews.get(interview_id)
    assert (interview.status, interview.decline_reasons, interview.competing_company) == (
        "completed",
        ["benefits"],
        "Contoso",
    )
    note = store.notes.get(note_id)
    assert (note.text, note.visibility, note.highlight) == ("Pay was low", "internal", True)


def test_undo_brings_back_a_removed_theme_and_a_rating(qtbot, store):
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_1, C)
    type_text(QApplication.focusWidget(), "Kind panel")
    note_id = screen.current_note
    key(screen, Qt.Key.Key_T, C)
    type_text(QApplication.focusWidget(), "kind interviewers")
    key(screen, Qt.Key.Key_Return)
    screen.answers.ratings["benefits"].setFocus()
    type_text(QApplication.focusWidget(), "4")
    [chip] = [b for b in screen.cards[note_id].findChildren(QPushButton) if b.text().startswith("kind interviewers")]
    chip.click()  # the theme's ×
    assert screen.session.note(note_id).themes == []
    key(screen, Qt.Key.Key_Z, C)
    assert screen.session.note(note_id).themes == ["kind interviewers"]
    key(screen, Qt.Key.Key_Z, C)
    assert screen.session.interview.ratings == {} and screen.answers.ratings["benefits"].value is None
    key(screen, Qt.Key.Key_Z, C)
    assert screen.session.note(note_id).themes == []
    key(screen, Qt.Key.Key_Z, C | S)
    key(screen, Qt.Key.Key_Z, C | S)
    saved(qtbot, screen)
    assert store.notes.get(note_id).themes == ["kind interviewers"]
    assert store.interviews.get(screen.session.interview.id).ratings == {"benefits": 4}
