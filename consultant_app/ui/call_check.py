"""The desktop half of ``debrief self-test``: the real app (``run_app``) on a workspace with a scheduled call,
driven the way a consultant drives it, from the keyboard: Enter on the first row opens the call screen, Ctrl+1
goes to the first section, the note is typed one key at a time, the call screen is closed and Ctrl+Q quits.
The app's settings live in a folder of the check's own, so the user's theme, recent files and windows stay as
they were. Every wait gives up after a while with the step that did not happen, closing the app."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

POLL_MS = 20
SETTLED_POLLS = 3
GIVE_UP_S = 30


def type_into_a_call(workspace: Path, text: str, settings: Path) -> str | None:
    """Types ``text`` into the first section of the first interview's call; what went wrong, or None."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    QApplication.instance() or QApplication(["debrief"])
    driver = _CallDriver(text)
    driver.start()
    from consultant_app.ui.app import run_app

    code = run_app(workspace)
    if driver.problem is None and code != 0:
        return f"the app exited with code {code}"
    return driver.problem


def when_settled(condition: Callable[[], bool], then: Callable[[], None], give_up: Callable[[], None]) -> None:
    """Runs ``then`` once ``condition`` has held for a few polls in a row (a window just opened or closed can pass
    the activation back and forth once more before it settles), or ``give_up`` after ``GIVE_UP_S``; the event
    loop runs meanwhile. Also the bench's typist's wait."""
    deadline = time.monotonic() + GIVE_UP_S
    held = [0]

    def check() -> None:
        held[0] = held[0] + 1 if condition() else 0
        if held[0] >= SETTLED_POLLS:
            then()
        elif time.monotonic() > deadline:
            give_up()
        else:
            QTimer.singleShot(POLL_MS, check)

    QTimer.singleShot(0, check)


class _CallDriver(QObject):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.problem: str | None = None
        self.main = self.screen = None

    def start(self) -> None:
        self._wait_for(self._main_window_active, "the main window never showed", self._open_call)

    def _wait_for(self, condition: Callable[[], bool], problem: str, then: Callable[[], None]) -> None:
        when_settled(condition, then, lambda: self._fail(problem))

    def _fail(self, problem: str) -> None:
        self.problem = problem
        QApplication.closeAllWindows()
        QApplication.quit()

    def _main_window_active(self) -> bool:
        from consultant_app.ui.main_window import MainWindow

        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        self.main = shown[0] if shown else None
        return self.main is not None and self.main.isActiveWindow()

    def _open_call(self) -> None:
        table = self.main.page.table
        table.setFocus()
        table.setCurrentIndex(table.model().index(0, 0))
        QTest.keyClick(table, Qt.Key.Key_Return)
        problem = "Enter on the interview's row did not open the call screen"
        self._wait_for(self._call_screen_active, problem, self._type)

    def _call_screen_active(self) -> bool:
        active = [s for s in self.main.call_screens.values() if s.isActiveWindow()]
        self.screen = active[0] if active else None
        return self.screen is not None

    def _type(self) -> None:
        QTest.keyClick(QApplication.focusWidget() or self.screen, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        editor = QApplication.focusWidget()
        if not isinstance(editor, QPlainTextEdit):
            return self._fail(f"Ctrl+1 put the keyboard focus on {type(editor).__name__}, not in a note")
        for character in self.text:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, character, Qt.KeyboardModifier.NoModifier
            )
        if editor.toPlainText() != self.text:
            return self._fail("the note on screen is not what was typed")
        self.screen.close()  # as the window's close button does
        self.main.activateWindow()  # as the window manager does (offscreen, nothing else would)
        self._wait_for(self.main.isActiveWindow, "the main window did not come back after the call", self._quit)

    def _quit(self) -> None:
        QTest.keyClick(self.main, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
