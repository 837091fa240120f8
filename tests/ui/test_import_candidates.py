"""File → Import candidates… driven by keyboard, through the real dialog over a real workspace: a Greenhouse-style
CSV (semicolon-delimited, Windows-1252) and a Workday-style workbook go in, a bad path says so and stays on the first
step, the mapping is guessed from the header (a column mapped by hand is remembered for the client's next list), the
preview shows new roles, duplicates and problems by row, and the candidates land in the store. File → Import… hands
a spreadsheet (chosen, or opened from outside) to the same dialog instead of calling it "not valid JSON". A list
with a report title above its header, a line in another encoding and an ambiguous date shows where the header is,
names the row to check, and shows the dates as they will be stored."""

from datetime import datetime

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from consultant_app.domain.model import Candidate
from consultant_app.ui.dialogs.import_candidates_dialog import ImportCandidatesDialog
from tests.ui.modal import active_window, on_modal, small_workspace

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
GREENHOUSE = [
    "Candidate ID;Application ID;First Name;Last Name;Email;Phone;Job;Source;Offer Created Date;Rejected On",
    "48211;99120;Jürgen;Müller;jurgen.muller@example.com;+49 30 5550 1234;Engineer;LinkedIn;2026-03-02;2026-03-09",
    "48212;99121;Zoë;Weber;zoe.weber@example.com;+49 40 5550 8812;Product Designer;Referral;2026-03-04;2026-03-11",
    "48213;99122;Ann;Lee;ann.lee@example.com;;Engineer;Agency;2026-03-05;2026-03-15",  # already the client's
    "48214;99123;Lea;Fischer;lea.fischer@example.com;;Product Designer;Careers site;2026-03-06;2026-03-16",
]


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier):
    modal = QApplication.activeModalWidget()
    target = modal.focusWidget() if modal is not None else QApplication.focusWidget()
    qtbot.keyClick(target, k, modifiers)


def typed(qtbot, text):
    modal = QApplication.activeModalWidget()
    qtbot.keyClicks(modal.focusWidget(), text)


@pytest.fixture
def window(qtbot, store, settings):
    w = small_workspace(store)
    ann = store.candidates.get(w["ann"].id)
    store.candidates.save(Candidate(**{**ann.__dict__, "email": "ann.lee@example.com"}))
    window = active_window(qtbot, store, settings)
    window.sidebar.select(w["client"].id)
    window.client = w["client"]
    return window


def shortcut(qtbot, window):
    """Ctrl+Shift+I in the main window, active again (offscreen Qt leaves no window active when a dialog closes)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key(qtbot, Qt.Key.Key_I, CTRL_SHIFT)


def import_by_keyboard(qtbot, window, steps):
    """Opens the dialog with Ctrl+Shift+I, runs ``steps(dialog)`` and returns the summary the window showed after."""
    shown = {}
    summary = on_modal(qtbot, QMessageBox, lambda box: shown.setdefault("text", box.text()), wait_ms=20000)
    done = on_modal(qtbot, ImportCandidatesDialog, steps)
    shortcut(qtbot, window)
    assert done.get("ok"), done
    qtbot.waitUntil(lambda: bool(summary.get("ok")), timeout=20000)
    return shown["text"]


def test_a_greenhouse_csv_imports_by_keyboard(qtbot, window, store, tmp_path):
    path = tmp_path / "greenhouse.csv"
    path.write_bytes("\r\n".join(GREENHOUSE).encode("cp1252"))

    def steps(dialog):
        assert dialog.focusWidget() is dialog.path  # one client: the file is the first thing to give
        typed(qtbot, str(tmp_path / "missing.csv"))
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.error.isVisible() and "is not a file" in dialog.error.text()
        assert dialog.pages.currentIndex() == 0
        dialog.path.selectAll()
        typed(qtbot, str(path))
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.step_label.text() == "Step 2 of 3 · Columns"
        assert dialog.preset.currentData() == "Greenhouse"
        assert dialog.mapping() == {
            "external_id": "Candidate ID",
            "first_name": "First Name",
            "last_name": "Last Name",
            "email": "Email",
            "phone": "Phone",
            "role": "Job",
            "source": "Source",
            "offer_date": "Offer Created Date",
            "decline_date": "Rejected On",
        }
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.summary.text() == "Ready to import: 3 candidates to add, 1 new role, 1 duplicate skipped."
        cells = [[dialog.rows.item(r, c).text() for c in range(5)] for r in range(dialog.rows.rowCount())]
        assert cells[1] == ["3", "Zoë Weber", "zoe.weber@example.com", "Product Designer · new role", "48212"]
        assert dialog.duplicates.item(0).text() == (
            "Row 4, Ann Lee: the client already has a candidate with this e-mail"
        )
        assert dialog.next.isEnabled() and dialog.next.text() == "&Import"
        key(qtbot, Qt.Key.Key_Return)

    assert import_by_keyboard(qtbot, window, steps) == ("Imported 3 candidates and 1 new role; 1 duplicate skipped.")
    people = {c.full_name: c for c in store.candidates.for_client(window.client.id)}
    jurgen = people["Jürgen Müller"]
    assert (jurgen.external_id, jurgen.email, jurgen.phone) == (
        "48211",
        "jurgen.muller@example.com",
        "+49 30 5550 1234",
    )
    assert (jurgen.offer_date, jurgen.decline_date, jurgen.source) == ("2026-03-02", "2026-03-09", "LinkedIn")
    assert store.roles.get(jurgen.role_id).title == "Engineer"
    assert store.roles.get(people["Lea Fischer"].role_id).title == "Product Designer"
    assert sum(c.email == "ann.lee@example.com" for c in people.values()) == 1


def workday_book(path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Candidates"
    sheet.append(["Candidate ID", "Legal Name", "Email Address", "Phone Number", "Job Requisition", "Offer Date",
                  "Disposition Date", "Agreed to be named"])  # fmt: skip
    sheet.append(["C-101", "Maria Garcia", "maria@example.com", "+49 30 5550 2000", "R-17 Analyst",
                  datetime(2026, 3, 12), "24/03/2026", "yes"])  # fmt: skip
    sheet.append(["C-102", "Tom Brown", "tom@example", "+49 30 5550 3000", "R-17 Analyst",
                  datetime(2026, 3, 13), "31/02/2026", "no"])  # fmt: skip
    book.save(path)


def test_a_workday_workbook_shows_its_problems_then_imports_and_the_mapping_is_remembered(
    qtbot, window, store, tmp_path
):
    path = tmp_path / "workday.xlsx"
    workday_book(path)

    def open_and_map_the_named_column(dialog, book):
        typed(qtbot, str(book))
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.preset.currentData() == "Workday"
        assert "disclosure" not in dialog.mapping()
        for _ in range(8):  # from the preset through the columns to the last one's field
            key(qtbot, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.combos[7]
        for _ in range(11):  # past every other field: choosing by arrows leaves the other columns as they were
            key(qtbot, Qt.Key.Key_Down)
        assert dialog.mapping()["disclosure"] == "Agreed to be named"
        assert dialog.mapping()["full_name"] == "Legal Name"

    def map_named_column_and_see_problems(dialog):
        open_and_map_the_named_column(dialog, path)
        key(qtbot, Qt.Key.Key_Return)
        problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        assert problems == [
            "Row 3, column 'Email Address': 'tom@example' is not an e-mail address",
            "Row 3, column 'Disposition Date': '31/02/2026' is not a date that exists",
        ]
        assert not dialog.next.isEnabled()  # Import waits until there is no problem
        dialog.reject()

    done = on_modal(qtbot, ImportCandidatesDialog, map_named_column_and_see_problems)
    shortcut(qtbot, window)
    assert done.get("ok"), done
    assert not any(c.external_id for c in store.candidates.for_client(window.client.id))  # nothing written

    book_rows = path.with_name("fixed.xlsx")
    workday_book(book_rows)
    from openpyxl import load_workbook

    fixed = load_workbook(book_rows)
    fixed.active["C3"], fixed.active["G3"] = "tom@example.com", "28/02/2026"
    fixed.save(book_rows)

    def import_fixed(dialog):
        open_and_map_the_named_column(dialog, book_rows)
        key(qtbot, Qt.Key.Key_Return)
        key(qtbot, Qt.Key.Key_Return)

    assert import_by_keyboard(qtbot, window, import_fixed) == "Imported 2 candidates and 1 new role."
    people = {c.full_name: c for c in store.candidates.for_client(window.client.id)}
    maria, tom = people["Maria Garcia"], people["Tom Brown"]
    assert (maria.disclosure, maria.offer_date, maria.decline_date) == ("named", "2026-03-12", "2026-03-24")
    assert (tom.disclosure, tom.decline_date, tom.external_id) == ("confidential", "2026-02-28", "C-102")
    assert store.roles.get(maria.role_id).title == "R-17 Analyst"

    def offered_again(dialog):
        typed(qtbot, str(book_rows))
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.mapping()["disclosure"] == "Agreed to be named"  # remembered for this client
        key(qtbot, Qt.Key.Key_Return)
        assert dialog.summary.text() == "Nothing to import: all 2 rows are duplicates, skipped."
        assert not dialog.rows.isVisible() and dialog.duplicates.height() < 4 * dialog.duplicates.sizeHintForRow(0)
        assert not dialog.next.isEnabled()
        key(qtbot, Qt.Key.Key_Escape)

    done = on_modal(qtbot, ImportCandidatesDialog, offered_again)
    shortcut(qtbot, window)
    assert done.get("ok"), done


def test_file_import_hands_a_spreadsheet_to_the_candidate_import(qtbot, window, tmp_path, monkeypatch):
    """File → Import… with a list chosen, and a list opened from outside (``consultant-app FILE``)."""
    path = tmp_path / "list.csv"
    path.write_text("Name,Email\nAnn Lee,ann@example.org\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    for open_it in (window.act_import.trigger, lambda: window.outputs.offer_import(path)):
        seen = {}
        done = on_modal(qtbot, ImportCandidatesDialog, lambda dialog, seen=seen: seen.update(path=dialog.path.text()))
        open_it()
        assert done.get("ok"), done
        assert seen["path"] == str(path)


def test_the_preview_names_the_rows_to_check_and_shows_the_dates_as_stored(qtbot, store, tmp_path):
    client = small_workspace(store)["client"]
    path = tmp_path / "report.csv"
    lines = ["Declined offers, March", "", "Name,Email,Offer date", "Zoë Weber,zoe@example.com,10/03/2026"]
    path.write_bytes("\n".join(lines).encode() + "\nJürgen Müller,jm@example.com,11/03/2026".encode("cp1252"))
    dialog = ImportCandidatesDialog(store, [client], client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.file_line.text() == "2 rows and 3 columns (utf-8, comma; the header is on row 3)."
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.warning.text().startswith("Row 5 is not in UTF-8 like the rest of the file")
    assert dialog.dates_read.text() == (
        "10/03/2026 is read day first, as 2026-03-10 (Offer date). The Offered and Declined columns show the dates "
        "as they will be stored."
    )
    stored = [[dialog.rows.item(r, c).text() for c in (1, 5)] for r in range(dialog.rows.rowCount())]
    assert stored == [["Zoë Weber", "2026-03-10"], ["Jürgen Müller", "2026-03-11"]]
    assert [dialog.rows.isColumnHidden(c) for c in (2, 3, 6)] == [False, True, True]  # e-mail, no role, no decline
