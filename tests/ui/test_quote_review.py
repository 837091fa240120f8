"""The quote review dialog, by keyboard: next and previous quote, hide the selected words, restore a word
redaction hid, drop, approve; each decision is in the workspace at once and the report prints accordingly.
And the way in: the report dialog says how many quotes await review and opens the review; the dataset
dialog does too."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from consultant_app.analysis.report_data import build_report_data
from consultant_app.analysis.review import review_items
from consultant_app.domain.requests import ReportRequest
from consultant_app.reports.generate import generate_report
from consultant_app.ui.dialogs.quote_review_dialog import QuoteReviewDialog
from tests.proof.test_free_text import pdf_text
from tests.proof.test_quote_review import OFFICE, workspace  # noqa: F401 (a fixture)
from tests.ui.test_main_window import answer_next_dialog

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def open_review(qtbot, store, client) -> QuoteReviewDialog:
    items = review_items(store, build_report_data(store, client.id).quote_drafts)
    dialog = QuoteReviewDialog(store, items, "Northwind · report", "alice")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)  # window shortcuts need an active window
    return dialog


def open_window(qtbot, store, settings):
    from consultant_app.ui.main_window import MainWindow

    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def key(qtbot, dialog, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(dialog.focusWidget() or dialog, k, modifier)


def go_to(qtbot, dialog, note_id):
    for _ in range(len(dialog.items)):
        if dialog.current().note_id == note_id:
            return
        key(qtbot, dialog, Qt.Key.Key_Down, ALT)
    raise AssertionError("the quote is not in the list")


def select(dialog, words):
    start = dialog.view.toPlainText().index(words)
    cursor = dialog.view.textCursor()
    cursor.setPosition(start + 2)  # a selection inside a word grows to whole words
    cursor.setPosition(start + len(words) - 1, QTextCursor.MoveMode.KeepAnchor)
    dialog.view.setTextCursor(cursor)


def test_review_by_keyboard_reaches_the_report(qtbot, workspace, tmp_path):  # noqa: F811
    store, client, notes = workspace
    dialog = open_review(qtbot, store, client)
    assert len(dialog.shown) == 3 and dialog.counts.text() == "3 awaiting review"
    key(qtbot, dialog, Qt.Key.Key_Down, ALT)
    key(qtbot, dialog, Qt.Key.Key_Up, ALT)
    go_to(qtbot, dialog, notes["office"].id)
    assert "Kraków" in dialog.view.toPlainText()
    select(dialog, OFFICE.removeprefix("the "))
    key(qtbot, dialog, Qt.Key.Key_H, CTRL)
    assert dialog.message.text() == ""
    assert "showed me the [redacted] and it was lovely" in dialog.view.toPlainText()
    assert "edited, not yet approved" in dialog.state.text()
    assert store.quotes.for_notes([notes["office"].id]) == {}  # nothing stored before the approval
    key(qtbot, dialog, Qt.Key.Key_Return, CTRL)
    [review] = store.quotes.for_notes([notes["office"].id]).values()
    assert review.decision == "approved" and review.reviewer == "alice" and review.redact
    assert len(dialog.shown) == 2  # the approved quote left "Needs a decision"

    go_to(qtbot, dialog, notes["park"].id)
    at = dialog.view.toPlainText().index("[name]") + 2
    cursor = dialog.view.textCursor()
    cursor.setPosition(at)
    dialog.view.setTextCursor(cursor)
    key(qtbot, dialog, Qt.Key.Key_R, CTRL)
    assert "the Park café" in dialog.view.toPlainText()
    key(qtbot, dialog, Qt.Key.Key_Return, CTRL)
    go_to(qtbot, dialog, notes["plain"].id)
    key(qtbot, dialog, Qt.Key.Key_D, CTRL)
    assert dialog.counts.text() == "2 approved · 1 dropped"
    assert dialog.current() is None and "No quotes" in dialog.view.toPlainText()

    text = pdf_text(generate_report(store, ReportRequest(client.id, tmp_path / "r.pdf")).path)
    assert "showed me the [redacted] and it was lovely" in text and "Kraków" not in text
    assert "We met at the Park café" in text and "arrived quickly" not in text


def test_hiding_needs_words_outside_what_is_hidden(qtbot, workspace):  # noqa: F811
    store, client, notes = workspace
    dialog = open_review(qtbot, store, client)
    go_to(qtbot, dialog, notes["office"].id)
    key(qtbot, dialog, Qt.Key.Key_H, CTRL)
    assert "Select the words to hide first" in dialog.message.text()
    select(dialog, "[name] showed")
    key(qtbot, dialog, Qt.Key.Key_H, CTRL)
    assert "outside what is already hidden" in dialog.message.text()
    cursor = dialog.view.textCursor()
    cursor.setPosition(len(dialog.view.toPlainText()) - 3)
    dialog.view.setTextCursor(cursor)
    key(qtbot, dialog, Qt.Key.Key_R, CTRL)
    assert "Put the cursor on a hidden part" in dialog.message.text()
    assert store.quotes.for_notes([notes["office"].id]) == {}


def test_the_report_dialog_counts_quotes_awaiting_review_and_opens_the_review(qtbot, workspace, settings):  # noqa: F811
    from consultant_app.ui.dialogs.report_dialog import ReportDialog

    store, client, notes = workspace
    settings.setValue("review/name", "Bea Lead")  # who reviewed last time on this computer
    window, seen = open_window(qtbot, store, settings), {}

    def review(dialog: QuoteReviewDialog):
        seen["shown"] = len(dialog.shown)
        seen["approved"] = dialog.current().note_id
        dialog.approve()
        dialog.accept()

    def fill(dialog: ReportDialog):
        dialog.client.setCurrentIndex(dialog.client.findData(client.id))
        qtbot.waitUntil(lambda: "await review" in dialog.quote_status.text(), timeout=10000)
        seen["before"] = dialog.quote_status.text()
        answer_next_dialog(qtbot, QuoteReviewDialog, review)
        dialog.review_requested.emit(dialog.scope())
        qtbot.waitUntil(lambda: "2 of 3" in dialog.quote_status.text(), timeout=10000)
        seen["after"] = dialog.quote_status.text()

    done = answer_next_dialog(qtbot, ReportDialog, fill)
    window.act_report.trigger()
    assert done.get("ok"), seen
    assert seen["before"] == "3 of 3 quotes await review and will be left out."
    assert seen["shown"] == 3 and seen["after"].endswith("; 1 approved.")
    [decided] = store.quotes.for_notes([seen["approved"]]).values()
    assert decided.decision == "approved" and decided.reviewer == "Bea Lead"
    window.hub.flush()  # the approval's refresh runs now, while the workspace is open, not in the next test


def test_the_dataset_dialog_opens_the_review_of_every_shareable_answer(qtbot, workspace, settings):  # noqa: F811
    from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog

    store, client, _ = workspace
    window, seen = open_window(qtbot, store, settings), {}

    def review(dialog: QuoteReviewDialog):
        seen["shown"] = len(dialog.shown)
        dialog.accept()

    def fill(dialog: DatasetDialog):
        dialog.scope.setCurrentIndex(dialog.scope.findData(client.id))
        dialog.k.setValue(2)
        answer_next_dialog(qtbot, QuoteReviewDialog, review)
        dialog._request_review()
        qtbot.waitUntil(lambda: "shown" in seen, timeout=10000)
        dialog.request_preview()
        qtbot.waitUntil(lambda: "k reached" in dialog.preview.toPlainText(), timeout=10000)
        seen["preview"] = dialog.preview.toPlainText()

    done = answer_next_dialog(qtbot, DatasetDialog, fill)
    window.act_dataset.trigger()
    assert done.get("ok"), seen
    assert seen["shown"] == 3 and "3 more await quote review and are left out" in seen["preview"]
