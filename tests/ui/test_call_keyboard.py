"""The call screen's keys beyond typing: Ctrl+W and Escape close it and lose nothing (Escape in a popup only
closes the popup), type-to-find in the decline reasons lands on the reason that starts with what was typed and
shows it before Space ticks it, and Tab walks the fields in the order they are on screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.call_driving import C, key, new_call, open_screen, type_text


def test_escape_closes_without_asking_and_reopening_shows_the_typed_text(qtbot, store):
    screen = new_call(qtbot, store)
    interview_id = screen.session.interview.id
    key(screen, Qt.Key.Key_2, C)
    type_text(QApplication.focusWidget(), "Six weeks to an offer")
    key(screen, Qt.Key.Key_Escape)  # at once: the autosave has not run yet
    assert not screen.isVisible() and QApplication.activeModalWidget() is None
    again = open_screen(qtbot, store, interview_id)
    [card] = again.cards.values()
    assert card.editor.toPlainText() == "Six weeks to an offer"


def test_ctrl_w_closes_and_loses_nothing(qtbot, store):
    screen = new_call(qtbot, store)
    interview_id = screen.session.interview.id
    key(screen, Qt.Key.Key_R, C)
    type_text(QApplication.focusWidget(), "benefits")
    key(screen, Qt.Key.Key_Space)
    key(screen, Qt.Key.Key_W, C)
    assert not screen.isVisible()
    assert store.interviews.get(interview_id).decline_reasons == ["benefits"]


def test_escape_in_the_theme_completion_only_closes_the_completion(qtbot, store):
    store.themes.ensure(["Prepared interviewers", "Process too slow"])
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_1, C)
    type_text(QApplication.focusWidget(), "Well prepared")
    key(screen, Qt.Key.Key_T, C)
    entry = QApplication.focusWidget()
    type_text(entry, "pre")
    popup = entry.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    key(screen, Qt.Key.Key_Escape)
    assert not popup.isVisible() and screen.isVisible()
    assert entry.text() == "pre" and QApplication.focusWidget() is entry
    key(screen, Qt.Key.Key_Escape)  # then Escape leaves the theme entry for the note's text
    assert screen.isVisible() and QApplication.focusWidget() is screen.cards[screen.current_note].editor
    key(screen, Qt.Key.Key_Escape)  # and closes the screen from there
    assert not screen.isVisible()


def test_escape_in_the_status_list_only_closes_the_list(qtbot, store):
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_E, C)
    screen.answers.status.showPopup()
    popup = screen.answers.status.view()
    qtbot.waitUntil(popup.isVisible)
    QApplication.processEvents()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert screen.isVisible() and screen.answers.status.currentData() == "scheduled"


def reasons_after_typing(qtbot, store, typed: str):
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_R, C)
    type_text(QApplication.focusWidget(), typed)
    return screen, screen.answers.reasons


def test_comp_finds_compensation_shows_it_and_space_ticks_it(qtbot, store):
    screen, reasons = reasons_after_typing(qtbot, store, "comp")
    assert reasons.currentItem().text() == "Compensation" and reasons.currentItem().isSelected()
    assert screen.answers.checked_reasons() == []  # shown, not ticked yet
    key(screen, Qt.Key.Key_Space)
    assert screen.answers.checked_reasons() == ["compensation"]


def test_a_longer_prefix_tells_competing_offer_from_compensation(qtbot, store):
    screen, reasons = reasons_after_typing(qtbot, store, "compet")
    assert reasons.currentItem().text() == "Competing offer"
    key(screen, Qt.Key.Key_Space)
    assert screen.answers.checked_reasons() == ["competing_offer"]


def test_a_word_inside_a_reason_is_found_when_no_reason_starts_with_it(qtbot, store):
    _, reasons = reasons_after_typing(qtbot, store, "offer")
    assert reasons.currentItem().text() == "Competing offer"
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new look-up after a pause
    type_text(reasons, "remote")
    assert reasons.currentItem().text() == "Flexibility and remote work"


def test_tab_walks_the_fields_in_visual_order(qtbot, store):
    screen = new_call(qtbot, store)
    key(screen, Qt.Key.Key_1, C)
    type_text(QApplication.focusWidget(), "First")
    first = screen.cards[screen.current_note]
    key(screen, Qt.Key.Key_2, C)  # a note in another section, made in between
    type_text(QApplication.focusWidget(), "Elsewhere")
    key(screen, Qt.Key.Key_1, C)
    key(screen, Qt.Key.Key_Return, C)
    type_text(QApplication.focusWidget(), "Second")
    second = screen.cards[screen.current_note]
    qtbot.waitUntil(second.editor.isVisible)  # a new note shows once the event loop runs
    first.editor.setFocus()
    a = screen.answers
    expected = [first.theme_entry, second.editor, second.theme_entry, a.status, a.reasons, a.company, a.salary]
    expected += [a.recommend, *a.ratings.values(), a.summary, first.editor]
    walked = []
    for _ in expected:
        key(screen, Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == expected


def test_ctrl_enter_on_an_empty_note_types_there_rather_than_adding_another(qtbot, store):
    screen = new_call(qtbot, store)

    def cards_in(section):
        return [c for c in screen.cards.values() if screen.session.note(c.note_id).section == section]

    key(screen, Qt.Key.Key_2, C)  # an empty section: Ctrl+2 starts a note there
    [draft] = cards_in("wrong")
    key(screen, Qt.Key.Key_Return, C)
    assert cards_in("wrong") == [draft] and QApplication.focusWidget() is draft.editor
    type_text(QApplication.focusWidget(), "Slow")
    key(screen, Qt.Key.Key_Return, C)  # a note with text: Ctrl+Enter starts the next one
    key(screen, Qt.Key.Key_Enter, C)
    first, second = cards_in("wrong")
    assert first is draft and QApplication.focusWidget() is second.editor
    assert [c.editor.toPlainText() for c in cards_in("wrong")] == ["Slow", ""]
