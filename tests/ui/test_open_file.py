"""Opening an interchange file from outside (a double click, ``debrief FILE``) opens the app, which asks before
importing it: the question names the file and the workspace and says what an import does, Cancel is the default
(Enter changes nothing), and Import brings the file's interviews in through the window's usual import. A file
that is not an interchange file gets import's plain message. In a real process, ``consultant-app --db W FILE``
asks once the window is up; on macOS a QFileOpenEvent asks the same."""

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from consultant_app.domain.model import Client
from consultant_app.interchange import export_file, import_document
from consultant_app.store import Store
from consultant_app.ui.app import FileOpenEvents
from consultant_app.ui.main_window import MainWindow
from tests.ui.test_main_window import answer_next_dialog

ROOT = Path(__file__).resolve().parents[2]


def exported(tmp_path: Path, example_doc: dict) -> Path:
    """A real .debrief file, exported from another workspace."""
    path = tmp_path / "northwind.debrief"
    with Store.open(tmp_path / "laptop.db") as laptop:
        import_document(laptop, example_doc)
        laptop.firm.update(name="Harbour Research")
        export_file(laptop, path)
    return path


def opened_window(qtbot, store, settings) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def interview_ids(store: Store) -> set[str]:
    return {row[0] for row in store.db.execute("SELECT id FROM interviews")}


def test_importing_an_opened_file_asks_first_then_brings_its_interviews(qtbot, store, settings, tmp_path, example_doc):
    window = opened_window(qtbot, store, settings)
    path = exported(tmp_path, example_doc)
    asked, told = {}, {}

    def accept(box: QMessageBox):
        asked.update(text=box.text(), details=box.informativeText(), default=box.defaultButton().text())
        [question, explanation] = [box.findChild(QLabel, f"qt_msgbox_{n}label") for n in ("", "informative")]
        asked.update(bold=question.font().bold(), paths_on_one_line=explanation.width() >= 460)
        box.grab().save(str(tmp_path / "confirm-import.png"))
        [go] = [b for b in box.buttons() if b.text() == "Import"]
        go.click()

    def summary(box: QMessageBox):
        told["text"] = box.text()
        box.accept()

    confirmed = answer_next_dialog(qtbot, QMessageBox, accept)
    window.outputs.offer_import(path)  # what run_app calls once the window is up
    assert confirmed.get("ok")
    assert asked["text"] == "Import northwind.debrief into this workspace?" and asked["default"] == "Cancel"
    assert f"File: {path}" in asked["details"] and f"Workspace: {store.path}" in asked["details"]
    assert "all or nothing" in asked["details"] and "overwritten with the file's copy" in asked["details"]
    assert asked["bold"] and asked["paths_on_one_line"]  # the question stands out; paths are not broken at 300 px
    done = answer_next_dialog(qtbot, QMessageBox, summary, wait_ms=30000)
    qtbot.waitUntil(lambda: "ok" in done, timeout=30000)  # a None would pass at once
    assert told["text"].startswith("Imported ")
    expected = {i["id"] for c in example_doc["clients"] for p in c["candidates"] for i in p["interviews"]}
    assert expected and interview_ids(store) == expected
    assert "Northwind Robotics" in [c.name for c in store.clients.list()]
    assert window.windowTitle() == "Debrief — Harbour Research"  # the imported firm profile, in the title too
    assert window.sidebar.title.text() == "Harbour Research"


def test_enter_on_the_question_cancels_and_changes_nothing(qtbot, store, settings, tmp_path, example_doc):
    window = opened_window(qtbot, store, settings)
    path = exported(tmp_path, example_doc)
    before = (store.clients.list(), interview_ids(store))
    answered = answer_next_dialog(qtbot, QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    window.outputs.offer_import(path)
    assert answered.get("ok")
    qtbot.wait(200)
    assert QApplication.activeModalWidget() is None  # no import, so no progress and no summary
    assert (store.clients.list(), interview_ids(store)) == before


def test_a_file_that_is_not_an_interchange_file_gets_imports_plain_message(
    qtbot, store, settings, tmp_path, example_doc
):
    window = opened_window(qtbot, store, settings)
    path = tmp_path / "notes.debrief"
    path.write_text("Dear diary", encoding="utf-8")
    told = {}

    def warning(box: QMessageBox):
        told["text"] = box.text()
        box.accept()

    confirmed = answer_next_dialog(
        qtbot, QMessageBox, lambda box: [b for b in box.buttons() if b.text() == "Import"][0].click()
    )
    window.outputs.offer_import(path)
    assert confirmed.get("ok")
    done = answer_next_dialog(qtbot, QMessageBox, warning, wait_ms=30000)
    qtbot.waitUntil(lambda: "ok" in done, timeout=30000)  # a None would pass at once
    assert "not valid JSON" in told["text"] and "Traceback" not in told["text"]
    assert store.clients.list() == [] and interview_ids(store) == set()


def test_the_app_opened_with_a_file_asks_once_its_window_is_up(tmp_path, example_doc):
    path = exported(tmp_path, example_doc)
    workspace = tmp_path / "w.db"
    with Store.open(workspace) as store:  # a workspace with data: no first-run welcome
        store.clients.save(Client(name="Helios Health"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"))
    command = [sys.executable, "-m", "tests.ui.app_child", "--dialogs=1", "--answer=key:Return"]
    command += ["--", "--db", str(workspace), str(path)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=100)
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events[-1] == {"exit": 0}, (result.stdout, result.stderr)
    [asked] = [e for e in events if e.get("dialog")]
    assert asked["text"].startswith("Import northwind.debrief into this workspace?")
    assert str(workspace) in asked["text"]
    with Store.open(workspace) as store:
        assert [c.name for c in store.clients.list()] == ["Helios Health"]  # Enter cancelled


def test_a_file_opened_on_macos_is_offered_the_same_way(qtbot, qapp, store, settings, tmp_path, example_doc):
    """Finder hands the running app a QFileOpenEvent rather than an argument."""
    window = opened_window(qtbot, store, settings)
    path = exported(tmp_path, example_doc)
    events = FileOpenEvents(qapp, window)
    asked = {}
    try:
        answered = answer_next_dialog(qtbot, QMessageBox, lambda box: asked.update(text=box.text()))
        QApplication.sendEvent(qapp, QFileOpenEvent(str(path)))
        qtbot.waitUntil(lambda: "ok" in answered)
    finally:
        qapp.removeEventFilter(events)
    assert asked["text"] == "Import northwind.debrief into this workspace?"
    assert interview_ids(store) == set()  # the answer closed the question without importing
