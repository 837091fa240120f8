"""A child process for whole-app tests: runs Debrief from its real entry point and answers its dialogs as a
user would, then quits from the main window with Ctrl+Q.

    python -m tests.ui.app_child [--answer STEPS ...] -- [app arguments]

Each ``--answer`` is for the next modal dialog, in order, and holds steps separated by ``|``:
``click:<button text>``, ``type:<placeholder>=<text>`` (into the line edit with that placeholder),
``key:Return`` or ``key:Escape``, and ``folder:<path>`` (a folder picked in a file dialog). A dialog with no
answer left gets Escape. With ``--dialogs N`` it quits only once it has seen N dialogs, and with
``--wait-for-status TEXT`` only once the main window's status bar shows TEXT. Prints one JSON line per dialog
seen (its kind, title and text), one when the main window shows (its workspace and whether it is empty), the
status awaited, and finally the app's exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QLineEdit, QMessageBox, QWidget

POLL_MS = 50
GIVE_UP_S = 60


def emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


def dialog_text(dialog: QWidget) -> str:
    if isinstance(dialog, QMessageBox):
        return f"{dialog.text()} {dialog.informativeText()}".strip()
    return " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text())


def perform(dialog: QWidget, step: str) -> None:
    kind, _, value = step.partition(":")
    if kind == "click":
        [target] = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == value]
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    elif kind == "type":
        placeholder, _, text = value.partition("=")
        [field] = [e for e in dialog.findChildren(QLineEdit) if e.placeholderText() == placeholder]
        field.setFocus()
        QTest.keyClicks(field, text)
    elif kind == "key":
        QTest.keyClick(dialog, getattr(Qt.Key, f"Key_{value}"))
    elif kind == "folder":
        assert isinstance(dialog, QFileDialog), dialog
        dialog.setDirectory(value)  # as if the user browsed into the folder and pressed Choose
        dialog.accept()
    else:
        raise ValueError(step)


class Answerer:
    def __init__(
        self, answers: list[str], wait_for_status: str | None = None, call: list[str] | None = None, dialogs: int = 0
    ) -> None:
        self.answers = list(answers)
        self.dialogs = dialogs
        self.wait_for_status = wait_for_status
        self.call = call
        self.call_done = False
        self.seen: list[QWidget] = []  # held, so that no later dialog can take a handled one's id()
        self.deadline = time.monotonic() + GIVE_UP_S
        QTimer.singleShot(POLL_MS, self.poll)

    def poll(self) -> None:
        if time.monotonic() > self.deadline:
            emit(error="gave up waiting")
            QApplication.exit(99)
            return
        dialog = QApplication.activeModalWidget()
        if dialog is not None and not any(dialog is d for d in self.seen) and dialog.isVisible():
            self.seen.append(dialog)
            emit(dialog=type(dialog).__name__, title=dialog.windowTitle(), text=dialog_text(dialog))
            for step in (self.answers.pop(0) if self.answers else "key:Escape").split("|"):
                perform(dialog, step)
        elif dialog is None and len(self.seen) >= self.dialogs and self.main_window_shown():
            return
        QTimer.singleShot(POLL_MS, self.poll)

    def main_window_shown(self) -> bool:
        from consultant_app.ui.main_window import MainWindow

        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            return False
        window = windows[0]
        if self.call:  # open it, press its keys once it is active, and keep answering the dialogs they bring up
            screen = window.open_call(self.call[0])
            emit(call=screen.windowTitle())
            self.play_keys(screen, self.call[1])
            self.call = []
        if self.call is not None and not self.call_done:
            return False
        emit(main_window=window.windowTitle(), workspace=str(window.store.path), empty=window.store.is_empty())
        window.activateWindow()
        QTimer.singleShot(POLL_MS, lambda: self.quit_from(window))
        return True

    def play_keys(self, screen: QWidget, keys: str) -> None:
        if not screen.isActiveWindow():
            QTimer.singleShot(POLL_MS, lambda: self.play_keys(screen, keys))
            return
        for combination in (QKeySequence(k)[0] for k in keys.split(",")):
            QTest.keyClick(QApplication.focusWidget() or screen, combination.key(), combination.keyboardModifiers())
        QTimer.singleShot(POLL_MS, lambda: setattr(self, "call_done", True))  # once the dialogs they bring are up

    def quit_from(self, window: QWidget) -> None:
        waiting = self.wait_for_status and self.wait_for_status not in window.statusBar().currentMessage()
        if waiting or not window.isActiveWindow():
            if time.monotonic() > self.deadline:
                emit(error="the main window never became active, or never showed the awaited status")
                QApplication.exit(99)
            else:
                QTimer.singleShot(POLL_MS, lambda: self.quit_from(window))
            return
        if self.wait_for_status:
            emit(status=window.statusBar().currentMessage())
        QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answer", action="append", default=[])
    parser.add_argument("--wait-for-status", help="quit only once the main window's status bar shows this")
    parser.add_argument("--call", nargs=2, metavar=("INTERVIEW", "KEYS"), help="open a call screen, press keys")
    parser.add_argument("--dialogs", type=int, default=0, help="quit only once this many dialogs were seen")
    parser.add_argument("app_args", nargs="*")
    args = parser.parse_args()
    QApplication.instance() or QApplication(["debrief"])
    answerer = Answerer(args.answer, args.wait_for_status, args.call, args.dialogs)  # noqa: F841 (kept alive)
    from consultant_app.cli import main as app_main

    code = app_main(args.app_args)
    emit(exit=code)
    return code


if __name__ == "__main__":
    sys.exit(main())
