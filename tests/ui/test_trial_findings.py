"""Defects a new user met trying issue 21's features in the real app (see the trial report): each test fails while
the defect is there. The import dialog's "&File" label shows its ampersand and Alt+F does not reach the path; the
Preferences dialog cuts the firm sync keys' explanation off mid-sentence; Ctrl+L on the dashboard types into the
hidden table filter instead of bringing the table back; opening a CSV as a workspace says "the workspace is not a
Debrief workspace" without naming the file chosen; a workbook whose header sits under a report title reads the title
as its header, with no way to say which row the header is on; the codebook's "Show notes" lists only the first 50 of
a theme's notes, with no way to see the rest; on X11 the Menu key opens the rows' menu twice (the "Row menu" shortcut,
then the context-menu event the platform sends for the same key), so one Escape leaves a menu open."""

from datetime import date

from openpyxl import Workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox

from consultant_app.candidate_lists.importing import open_list
from consultant_app.ui import worker
from consultant_app.ui.dialogs.import_candidates_dialog import ImportCandidatesDialog
from consultant_app.ui.dialogs.preferences_dialog import PreferencesDialog
from consultant_app.ui.search_dialog import SearchDialog
from tests.store.builders import add_note
from tests.ui.layout_check import problems
from tests.ui.modal import active_window, on_modal, small_workspace


def test_the_import_dialogs_file_label_has_no_stray_ampersand_and_alt_f_reaches_the_path(qtbot, store):
    client = small_workspace(store)["client"]
    dialog = ImportCandidatesDialog(store, [client], client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)  # mnemonics reach only the active window; offscreen activates it late
    stray = [label.text() for label in dialog.findChildren(QLabel) if "&" in label.text() and label.buddy() is None]
    assert stray == []  # a label without a buddy shows "&File" literally
    dialog.client.setFocus()
    qtbot.keyClick(dialog.client, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.path


def test_preferences_shows_the_whole_sync_keys_explanation(qtbot, store):
    small_workspace(store)
    dialog = PreferencesDialog("system", store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert problems(dialog) == []


def test_ctrl_l_on_the_dashboard_brings_the_table_and_its_filter_back(qtbot, store, settings):
    client = small_workspace(store)["client"]
    window = active_window(qtbot, store, settings)
    window.sidebar.select(client.id)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.page.views.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "Ann")
    assert window.page.views.currentIndex() == 0  # else "Ann" went into a filter nobody sees
    assert window.page.text_filter.isVisible() and window.page.text_filter.hasFocus()
    qtbot.waitUntil(lambda: not worker.busy())


def test_opening_a_spreadsheet_as_a_workspace_names_the_file(qtbot, store, settings, tmp_path):
    small_workspace(store)
    window = active_window(qtbot, store, settings)
    path = tmp_path / "greenhouse.csv"
    path.write_text("Candidate ID,First Name,Last Name,Email\n1,Ann,Lee,ann@example.com\n", encoding="utf-8")
    seen = {}
    message = on_modal(qtbot, QMessageBox, lambda box: seen.update(text=box.text()))
    assert not window.workspaces.open(path)
    assert message.get("ok")
    assert seen["text"].startswith("greenhouse.csv") or seen["text"].startswith(str(path)), seen


def test_a_workbook_with_a_report_title_above_its_header_finds_the_header(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Declined Offers - Workday custom report"])
    sheet.append([])
    sheet.append(["Candidate ID", "Legal Name", "Email Address", "Job Posting Title", "Offer Date"])
    sheet.append(["WD-77", "Karin Berg", "karin.berg@example.com", "Data Scientist", date(2026, 9, 1)])
    book.save(tmp_path / "titled.xlsx")
    table = open_list(tmp_path / "titled.xlsx")
    assert table.columns == ["Candidate ID", "Legal Name", "Email Address", "Job Posting Title", "Offer Date"]
    assert [number for number, _ in table.rows] == [4]


def test_show_notes_lists_every_note_of_the_theme(qtbot, store):
    w = small_workspace(store)
    for i in range(60):
        add_note(store, w["interview"], f"Recruiter called back on day {i}", themes=["Slow hiring"])
    theme = next(t for t in store.themes.list() if t.name == "Slow hiring")
    dialog = SearchDialog(store, w["client"].id, theme_id=theme.id)  # as the codebook's Show notes opens it
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    assert dialog.results.count() == 60, dialog.status.text()


def test_the_menu_key_opens_one_rows_menu(qtbot, store, settings):
    w = small_workspace(store)
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    table = window.page.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Menu)  # the "Row menu" shortcut
    reason = QContextMenuEvent.Reason.Keyboard  # what xcb sends next for the same key (offscreen Qt does not)
    QApplication.sendEvent(
        table.viewport(), QContextMenuEvent(reason, QPoint(4, 4), table.viewport().mapToGlobal(QPoint(4, 4)))
    )
    qtbot.wait(100)
    menus = [m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible()]
    for menu in menus:
        menu.close()
    assert len(menus) == 1
