"""A bug in the running app ends in a plain message and a crash report that stays local: the real app in a fresh
process, made to fail in a Qt slot by the test hook ``DEBRIEF_TEST_CRASH``, writes one report with the traceback
and the versions but not the exception's message (a planted secret), and shows a message without a traceback
whose default button is Close, drawn as the primary button; in process, the message itself, and an error in a
worker thread shown on the GUI thread."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app.demo import create_demo_workspace
from consultant_app.store import Store
from consultant_app.ui.crash_dialog import crash_message, install_crash_dialog
from consultant_app.ui.theme import colors

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Candidate Zelda Quixote-Marr said her manager lied"


def test_a_crash_in_the_app_leaves_a_local_report_without_the_message(tmp_path):
    with Store.open(tmp_path / "w.db") as store:  # a workspace with data: no welcome
        create_demo_workspace(store, clients=1, interviews=5, seed=3)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"))
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), DEBRIEF_TEST_CRASH=SECRET)
    command = [sys.executable, "-m", "tests.ui.app_child", "--dialogs=1", "--answer=key:Return"]
    command += ["--", "--db", str(tmp_path / "w.db")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=100)
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events[-1] == {"exit": 0}, (result.stdout, result.stderr)
    [shown] = [e for e in events if e.get("dialog")]
    [report] = (tmp_path / "state" / "Debrief" / "log").glob("crash-*.txt")
    assert shown["dialog"] == "QMessageBox" and "What you typed up to now is saved" in shown["text"]
    assert str(report) in shown["text"] and "Traceback" not in shown["text"] and SECRET not in shown["text"]
    text = report.read_text(encoding="utf-8")
    assert "in crash_if_asked" in text and "builtins.RuntimeError (message omitted: it may quote workspace" in text
    assert "Qt: 6." in text and "SQLCipher: 4." in text and "Python: 3." in text
    assert SECRET not in text and SECRET not in result.stderr and "Traceback" not in result.stderr


def test_the_crash_message_offers_the_folder_and_closes_by_default(qtbot, tmp_path):
    box = crash_message(tmp_path / "crash-2026-01-01-000000-000000.txt")
    qtbot.addWidget(box)
    buttons = [b.text() for b in box.buttons()]
    assert sorted(buttons) == ["Close", "Open folder"] and box.defaultButton().text() == "Close"
    assert box.escapeButton() is box.defaultButton() and box.icon() == QMessageBox.Icon.Warning
    box.show()
    close = box.defaultButton().grab().toImage()
    assert close.pixelColor(close.width() // 2, 4).name() == colors().accent.lower()  # drawn as the primary button


def test_an_error_in_a_worker_thread_shows_the_message_on_the_gui_thread(qtbot, qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_crash_dialog(qapp)
    shown = []

    def close_the_message() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_the_message)
            return
        shown.append(box.informativeText())
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, close_the_message)
    worker = threading.Thread(target=lambda: {}[SECRET])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown))
    [text] = shown  # a widget made on the worker thread would have aborted the process
    [report] = (tmp_path / "Debrief" / "log").glob("crash-*.txt")
    assert str(report) in text and SECRET not in text
    assert "builtins.KeyError" in report.read_text(encoding="utf-8") and SECRET not in report.read_text("utf-8")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
