"""The main window over a real store: clients and candidates created through its dialogs, an
interview scheduled, search opening the right note, erasure, layout remembered, and interchange
exports that are firm-internal only."""

import json
import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLabel, QMenu, QMessageBox, QWidget

from consultant_app.domain.model import Client
from consultant_app.ui.dialogs.candidate_dialog import CandidateDialog
from consultant_app.ui.dialogs.client_dialog import ClientDialog
from consultant_app.ui.dialogs.erase_dialog import EraseDialog
from consultant_app.ui.dialogs.export_dialog import ExportDialog
from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog
from consultant_app.ui.main_window import MainWindow


def answer_next_dialog(qtbot, expected_type, fill, wait_ms=10000):
    """Fills the next modal dialog of ``expected_type`` once it opens (checking every 50 ms);
    always closes it, so a failure cannot hang the test."""
    done = {}
    deadline = {"left": wait_ms}

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, expected_type) and deadline["left"] > 0:
            deadline["left"] -= 50
            QTimer.singleShot(50, act)
            return
        try:
            assert isinstance(dialog, expected_type), dialog
            fill(dialog)
            done["ok"] = True
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, act)
    return done


def test_create_client_candidate_and_schedule_through_the_window(qtbot, store, settings):
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()

    def client(dialog: ClientDialog):
        qtbot.keyClicks(dialog.name, "Helios Health")
        qtbot.keyClicks(dialog.industry, "Healthcare")
        dialog.color.hex.setText("#0E9384")
        dialog.accept()

    done = answer_next_dialog(qtbot, ClientDialog, client)
    window.act_new_client.trigger()
    assert done.get("ok")
    window.hub.flush()
    [created] = store.clients.list()
    assert (created.name, created.industry, created.brand_color) == ("Helios Health", "Healthcare", "#0E9384")
    assert window.current_client_id() == created.id

    def candidate(dialog: CandidateDialog):
        qtbot.keyClicks(dialog.full_name, "Maria Rossi")
        qtbot.keyClicks(dialog.email, "maria@example.org")
        next(b for b in dialog.disclosure.buttons() if b.property("code") == "named").setChecked(True)
        dialog.accept()

    done = answer_next_dialog(qtbot, CandidateDialog, candidate)
    window.act_new_candidate.trigger()
    assert done.get("ok")
    window.hub.flush()
    [person] = store.candidates.for_client(created.id)
    assert (person.full_name, person.email, person.disclosure) == ("Maria Rossi", "maria@example.org", "named")
    assert window.page.current_row().candidate_id == person.id

    done = answer_next_dialog(qtbot, ScheduleDialog, lambda d: (d.consultant.setCurrentText("Sam Lee"), d.accept()))
    window.act_schedule.trigger()
    assert done.get("ok")
    window.hub.flush()
    [interview] = store.interviews.for_candidate(person.id)
    assert (interview.status, interview.consultant) == ("scheduled", "Sam Lee")
    assert window.page.model.total == 1 and window.page.current_row().interview_id == interview.id
    assert window.status_counts.text().startswith("1 client ·")


def test_invalid_dialog_input_is_explained_not_saved(qtbot):
    dialog = ClientDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.color.hex.setText("blue")
    dialog.accept()
    assert dialog.isVisible() and dialog.result_value is None  # refused: it stays open, nothing collected
    assert "needs a name" in dialog.error.text()
    qtbot.keyClicks(dialog.name, "X")
    dialog.accept()
    assert dialog.isVisible() and dialog.result_value is None and "not a colour" in dialog.error.text()
    dialog.color.hex.setText("#2A7DE1")
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.result_value.name, dialog.result_value.brand_color) == ("X", "#2A7DE1")


def test_search_opens_the_interview_at_the_matching_note(qtbot, main_window, demo_store):
    note_id, text = demo_store.db.execute(
        "SELECT id, text FROM notes WHERE text LIKE '%signing bonus%' LIMIT 1"
    ).fetchone()
    target = demo_store.notes.get(note_id)
    target.text = "Zanzibar offered a signing bonus"
    demo_store.notes.save(target)
    dialog = main_window.open_search()
    qtbot.keyClicks(dialog.query, "zanzib")
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=2000)
    assert "<b" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    screen = main_window.call_screens[target.interview_id]
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.focusWidget() is screen.cards[note_id].editor, timeout=2000)
    assert screen.current_note == note_id
    assert screen.current_section() == target.section
    screen.close()


def test_filters_narrow_the_table(qtbot, main_window, demo_store):
    client_id = main_window.current_client_id()
    completed = demo_store.db.execute(
        "SELECT COUNT(*) FROM interviews i JOIN candidates c ON c.id = i.candidate_id "
        "WHERE c.client_id = ? AND i.status = 'completed'",
        [client_id],
    ).fetchone()[0]
    everything = main_window.page.model.total
    main_window.page.status.setCurrentIndex(main_window.page.status.findData("completed"))
    assert main_window.page.model.total == completed
    assert main_window.page.count.text() == f"{completed:,} of {everything:,} rows"


def test_erasing_from_the_window_asks_then_removes_everything(qtbot, main_window, demo_store, monkeypatch):
    row = main_window.page.model.row_at(0)
    main_window.page.table.selectRow(0)

    name = demo_store.candidates.get(row.candidate_id).full_name

    def confirm(dialog):
        qtbot.keyClicks(dialog.typed, name)
        dialog.erase.click()

    done = answer_next_dialog(qtbot, EraseDialog, confirm)
    main_window.act_erase.trigger()
    assert done.get("ok")
    assert not demo_store.candidates.exists(row.candidate_id)
    main_window.hub.flush()
    assert all(r.candidate_id != row.candidate_id for r in main_window.page.model.rows)


def test_erasing_from_the_window_cleans_the_backups_off_the_gui_thread(qtbot, main_window, demo_store):
    from consultant_app.store.backups import list_backups

    backup = demo_store.maintenance.backup()
    main_window.page.table.selectRow(0)
    row = main_window.page.current_row()
    name = demo_store.candidates.get(row.candidate_id).full_name.encode()
    assert name in backup.read_bytes()
    done = answer_next_dialog(
        qtbot, EraseDialog, lambda box: (qtbot.keyClicks(box.typed, name.decode()), box.erase.click())
    )
    main_window.act_erase.trigger()
    assert done.get("ok") and demo_store.maintenance.backups_pending()  # the erase itself did not wait for them
    main_window.hub.flush()
    qtbot.waitUntil(lambda: not demo_store.maintenance.backups_pending(), timeout=20000)
    assert [b.path for b in list_backups(demo_store.path)] == [backup] and name not in backup.read_bytes()


def test_window_layout_and_last_client_are_remembered(qtbot, demo_store, settings):
    first = MainWindow(demo_store, settings)
    qtbot.addWidget(first)
    first.show()
    other = [c for c in demo_store.clients.list() if c.id != first.current_client_id()][0]
    first.sidebar.select(other.id)
    first.close()
    second = MainWindow(demo_store, settings)
    qtbot.addWidget(second)
    assert second.current_client_id() == other.id


def test_archived_clients_leave_the_sidebar(qtbot, main_window, demo_store):
    count = main_window.clients_model.rowCount()
    demo_store.clients.archive(main_window.current_client_id())
    main_window.hub.flush()
    assert main_window.clients_model.rowCount() == count - 1


def test_new_client_from_an_empty_workspace(qtbot, store, settings):
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    assert window.page.title.text() == "No client selected"
    assert not window.act_new_candidate.isEnabled()
    store.clients.save(Client(name="First"))
    window.hub.flush()
    assert window.current_client_id() is not None and window.act_new_candidate.isEnabled()


def test_a_report_is_made_off_the_gui_thread_from_the_window(qtbot, main_window, demo_store, tmp_path):
    from consultant_app.ui.dialogs.report_dialog import ReportDialog

    target = tmp_path / "client report.pdf"

    def fill(dialog: ReportDialog):
        dialog.path.setText(str(target))
        dialog.accept()

    done = answer_next_dialog(qtbot, ReportDialog, fill)
    main_window.act_report.trigger()
    assert done.get("ok")
    shown = answer_next_dialog(qtbot, QMessageBox, lambda box: shown.setdefault("text", box.text()), wait_ms=30000)
    qtbot.waitUntil(lambda: "text" in shown, timeout=35000)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert re.match(r"The \d+-page report is ready", shown["text"])


def test_a_report_too_close_to_an_earlier_one_asks_first_and_the_ledger_shows_both(
    qtbot, main_window, demo_store, tmp_path
):
    from consultant_app.domain.model import Candidate, Interview
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report
    from consultant_app.ui.admin.releases_view import ReleasesView
    from consultant_app.ui.dialogs.report_dialog import ReportDialog

    client_id = main_window.current_client_id()
    generate_report(demo_store, ReportRequest(client_id, tmp_path / "first.pdf"))
    person = demo_store.candidates.save(Candidate(client_id=client_id, full_name="Late Caller"))
    demo_store.interviews.save(
        Interview(candidate_id=person.id, status="completed", conducted_at="2026-01-05T10:00:00", recommend=3)
    )
    done = answer_next_dialog(qtbot, ReportDialog, lambda d: (d.path.setText(str(tmp_path / "second.pdf")), d.accept()))
    main_window.act_report.trigger()
    assert done.get("ok")
    asked = {}

    def hold_back(box: QMessageBox) -> None:
        asked["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "Hold back those interviews").click()

    answer_next_dialog(qtbot, QMessageBox, hold_back, wait_ms=30000)
    qtbot.waitUntil(lambda: "text" in asked, timeout=35000)
    assert "single out 1 interview, fewer than k = 5" in asked["text"] and "first.pdf" in asked["text"]
    ready = answer_next_dialog(qtbot, QMessageBox, lambda box: ready.setdefault("text", box.text()), wait_ms=30000)
    qtbot.waitUntil(lambda: "text" in ready, timeout=35000)
    assert (tmp_path / "second.pdf").exists()
    later, earlier = demo_store.releases.list(client_id)
    assert later.population == earlier.population  # the late caller was held back
    shown = {}

    def look(view: ReleasesView) -> None:
        shown["rows"] = view.table.rowCount()
        shown["file"] = view.table.item(0, 7).text()

    answer_next_dialog(qtbot, ReleasesView, look)
    main_window.act_releases.trigger()
    assert shown == {"rows": 2, "file": "second.pdf"}


def test_candidates_and_clients_can_be_archived_and_restored(qtbot, main_window, demo_store):
    row = main_window.page.model.row_at(0)
    main_window.page.table.selectRow(0)
    main_window.act_archive_candidate.trigger()
    main_window.hub.flush()
    assert demo_store.candidates.get(row.candidate_id).archived
    assert all(r.candidate_id != row.candidate_id for r in main_window.page.model.rows)
    main_window.page.archived.setChecked(True)
    archived_rows = [r for r in main_window.page.model.rows if r.candidate_id == row.candidate_id]
    assert archived_rows and archived_rows[0].archived
    client_id = main_window.current_client_id()
    main_window.page.archived.setChecked(False)
    demo_store.clients.archive(client_id)
    main_window.hub.flush()
    done = answer_next_dialog(qtbot, QInputDialog, lambda d: (d.setTextValue(d.comboBoxItems()[0]), d.accept()))
    main_window.act_restore_client.trigger()
    assert done.get("ok")
    assert not demo_store.clients.get(client_id).archived


def test_dataset_export_previews_then_writes_from_the_window(qtbot, main_window, demo_store, tmp_path):
    from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog

    target = tmp_path / "dataset"
    seen = {}

    def fill(dialog: DatasetDialog):
        dialog.scope.setCurrentIndex(0)  # all clients
        dialog.folder.setText(str(target))
        dialog.request_preview()
        qtbot.waitUntil(lambda: "k reached" in dialog.preview.toPlainText(), timeout=30000)
        seen["preview"] = dialog.preview.toPlainText()
        dialog.accept()

    done = answer_next_dialog(qtbot, DatasetDialog, fill)
    main_window.act_dataset.trigger()
    assert done.get("ok")
    finished = answer_next_dialog(qtbot, QMessageBox, lambda box: seen.setdefault("done", box.text()), wait_ms=30000)
    qtbot.waitUntil(lambda: "done" in seen, timeout=35000)
    assert finished.get("ok")
    assert "eligible" in seen["preview"] and seen["done"].startswith("Exported")
    assert {p.name for p in target.iterdir()} == {
        "interviews.csv",
        "answers.csv",
        "datapackage.json",
        "README.md",
        "manifest.json",
    }


def test_autosaved_notes_do_not_reload_the_big_table(qtbot, main_window, demo_store):
    from consultant_app.domain.model import Note

    resets = []
    main_window.page.model.modelReset.connect(lambda: resets.append(1))
    row = next(r for r in main_window.page.model.rows if r.interview_id)
    demo_store.notes.save(Note(interview_id=row.interview_id, section="right", text="typed during a call"))
    main_window.hub.flush()
    assert resets == []
    interview = demo_store.interviews.get(row.interview_id)
    interview.recommend = 9
    demo_store.interviews.save(interview)
    main_window.hub.flush()
    assert resets == [1]


def test_autosaves_during_a_call_wait_to_redraw_the_detail_pane_until_the_window_is_back(qtbot, main_window):
    row = main_window.page.current_row()
    screen = main_window.open_call(row.interview_id)
    qtbot.waitUntil(screen.isActiveWindow)
    before = main_window.detail.scroll.widget().findChildren(QWidget)
    screen.new_note()
    screen.cards[screen.current_note].editor.setPlainText("Typed during the call, saved by autosave")
    assert screen.save_now()
    main_window.hub.flush()
    assert main_window.detail.scroll.widget().findChildren(QWidget) == before  # no rebuild behind the call screen
    screen.close()
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    labels = [w.text() for w in main_window.detail.scroll.widget().findChildren(QLabel)]
    assert any("Typed during the call" in text for text in labels)


def test_the_window_offers_only_firm_internal_interchange_exports(qtbot, main_window, tmp_path, monkeypatch):
    """Interchange files are firm-internal: no menu offers a client-safe one, and the client's export writes the
    firm's own transfer, saying so."""
    from consultant_app.ui import outputs

    texts = [a.text() for menu in main_window.menuBar().findChildren(QMenu) for a in menu.actions()]
    assert not [t for t in texts if "client-safe" in t.lower()]
    exports = [t for t in texts if t.startswith("Export")]
    assert exports == ["Export workspace (firm-internal)…", "Export client to another workspace (firm-internal)…"]
    target, asked = tmp_path / "transfer.debrief", {}

    def save_as(parent, title, default, filters):
        asked.update(title=title, default=default, filters=filters)
        return str(target), filters

    def fill(dialog):
        dialog._browse()
        assert dialog.path.text() == str(target)
        dialog.accept()

    monkeypatch.setattr(outputs.QFileDialog, "getSaveFileName", staticmethod(save_as))
    done = answer_next_dialog(qtbot, ExportDialog, fill)
    main_window.act_export_client.trigger()
    assert done.get("ok")
    qtbot.waitUntil(lambda: "firm-internal" in main_window.statusBar().currentMessage(), timeout=30000)
    assert "never for a client" in asked["title"] and asked["filters"] == "Debrief interchange (*.debrief)"
    client = main_window.store.clients.get(main_window.current_client_id()).name
    assert Path(asked["default"]).name == f"{client}.debrief"
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["scope"] == "client-internal" and doc["clients"][0]["id"] == main_window.current_client_id()


def test_the_toolbar_icons_come_with_the_window_and_a_menus_when_it_opens(qtbot, main_window):
    assert not main_window.act_new_candidate.icon().isNull()  # in the toolbar: part of the first paint
    assert main_window.act_erase.icon().isNull()  # only in a menu: drawn when the menu opens
    [menu] = [m for m in main_window.menuBar().findChildren(QMenu) if main_window.act_erase in m.actions()]
    menu.aboutToShow.emit()
    drawn = [a for a in menu.actions() if a.property("icon_name")]
    assert main_window.act_erase in drawn and all(not a.icon().isNull() for a in drawn)
