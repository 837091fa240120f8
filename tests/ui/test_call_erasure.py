"""After an anonymous completion the call screen is honest about the erasure: while it waits for the screen to
close a calm banner says so (and goes when the status is put back); once the identity is erased the undo history
stops there, says so, and the status cannot go back from Completed (the candidate would be a scheduled interview
under a pseudonym)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.call_driving import C, key, new_call, press_return, saved
from tests.ui.test_call_guards import complete_by_keyboard

ERASED = "The identity is erased; steps before it can no longer be undone."


def tab_to_erase_now_and_press_space(box: QMessageBox) -> None:
    for _ in range(len(box.buttons())):
        if box.focusWidget() is not None and box.focusWidget().text() == "Erase now":
            break
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Tab)
    assert box.focusWidget().text() == "Erase now"
    QTest.keyClick(box.focusWidget(), Qt.Key.Key_Space)


def test_ctrl_z_after_erase_now_cannot_bring_the_schedule_back(qtbot, store):
    screen = new_call(qtbot, store, "anonymous")
    interview_id, candidate_id = screen.session.interview.id, screen.session.candidate.id
    complete_by_keyboard(qtbot, screen, tab_to_erase_now_and_press_space)
    saved(qtbot, screen)
    assert store.candidates.get(candidate_id).identity_erased
    assert screen.statusBar().currentMessage() == ERASED
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.answers.status)
    key(screen, Qt.Key.Key_Z, C)
    assert screen.answers.status.currentData() == "completed"
    key(screen, Qt.Key.Key_Up)  # the status field itself refuses too, plainly
    assert screen.answers.status.currentData() == "completed"
    assert "stays Completed" in screen.statusBar().currentMessage()
    saved(qtbot, screen)
    screen.close()
    assert store.interviews.get(interview_id).status == "completed"


def test_a_banner_says_the_erasure_waits_for_closing_until_the_status_goes_back(qtbot, store):
    screen = new_call(qtbot, store, "anonymous")
    assert not screen.pending_erasure.isVisible()
    complete_by_keyboard(qtbot, screen, press_return)  # Enter: "Erase when I close"
    saved(qtbot, screen)
    assert screen.pending_erasure.isVisible()
    assert screen.pending_erasure.text() == (
        "Completed — the name, e-mail and phone are erased when you close this screen. "
        "Ctrl+Z or another status keeps them."
    )
    assert "Completed on close" in screen.saved_label.text()
    key(screen, Qt.Key.Key_Z, C)
    assert not screen.pending_erasure.isVisible()
    saved(qtbot, screen)
    assert "Completed" not in screen.saved_label.text()
    assert not store.candidates.get(screen.session.candidate.id).identity_erased
