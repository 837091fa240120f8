"""The call screen shows what is true now: it follows changes made to the candidate elsewhere (the main window)
without disturbing the note being typed, and it shows every saved answer when it opens again."""

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from consultant_app.ui.main_window import MainWindow
from tests.store.builders import client_with_interview
from tests.ui.call_driving import C, key, new_call, open_screen, saved, type_text


def test_the_header_follows_the_candidate_made_anonymous_in_the_main_window(qtbot, store, settings):
    _, candidate, interview = client_with_interview(store)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    screen = window.open_call(interview.id)
    qtbot.waitUntil(screen.isActiveWindow)
    assert screen.disclosure_chip.text() == "Confidential"
    key(screen, Qt.Key.Key_1, C)
    editor = QApplication.focusWidget()
    type_text(editor, "Half a sentence")
    cursor = editor.textCursor()
    cursor.setPosition(4)
    editor.setTextCursor(cursor)
    title = screen.windowTitle()
    store.candidates.save(replace(store.candidates.get(candidate.id), disclosure="anonymous"))  # as the edit does
    window.hub.flush()
    assert screen.disclosure_chip.text() == "Anonymous"
    assert screen.session.candidate.disclosure == "anonymous" and screen.windowTitle() == title
    assert editor.toPlainText() == "Half a sentence" and editor.textCursor().position() == 4
    assert QApplication.focusWidget() is editor
    type_text(editor, "X")
    assert editor.toPlainText() == "HalfX a sentence"


def test_their_salary_offer_shows_its_saved_value_when_reopened(qtbot, store):
    screen = new_call(qtbot, store)
    interview_id = screen.session.interview.id
    screen.answers.company.setFocus()
    key(screen, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "80000")
    saved(qtbot, screen)
    assert store.interviews.get(interview_id).competing_salary == 80000
    screen.close()
    again = open_screen(qtbot, store, interview_id)
    field = again.answers.salary.lineEdit()
    assert field.text() == "80,000"
    assert field.width() >= field.fontMetrics().horizontalAdvance(field.text())  # there to be read, not clipped
