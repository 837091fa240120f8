"""The keyboard half of ``bench.call_typing``: a ``QObject`` that plays a typing plan into the real app's call
screens (or, bare, into plain editors) through ``QTest`` key events, one key after the previous key's paint.

Everything runs on the GUI thread from zero-delay timers, so the app's own timers (autosave, the call clock,
the daily backup's callback) run between keys exactly as they would for a person typing fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QStackedWidget, QWidget

from bench.call_typing import NO_PAINT_TIMEOUT_MS, SECTIONS, WARM_UP_CHARS, PlannedNote
from bench.measure import memory_mb
from consultant_app.ui.call_check import when_settled

CTRL, ALT, NONE = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.NoModifier
KEYS = {
    "Alt+1": (Qt.Key.Key_1, ALT),
    "Alt+2": (Qt.Key.Key_2, ALT),
    "Alt+3": (Qt.Key.Key_3, ALT),
    "F4": (Qt.Key.Key_F4, NONE),
    "Ctrl+Enter": (Qt.Key.Key_Return, CTRL),
    **{f"Ctrl+{i + 1}": (getattr(Qt.Key, f"Key_{i + 1}"), CTRL) for i in range(len(SECTIONS))},
}


class Typist(QObject):
    def __init__(self, plan: list[list[PlannedNote]], bare: bool = False, progress: bool = False) -> None:
        super().__init__()
        self.plan, self.bare, self.progress = plan, bare, progress
        self.latencies_ms: list[float] = []
        self.chars_typed = self.keys_without_paint = 0
        self.interviews: list[str] = []
        self.error: str | None = None
        self.memory_after_warm_up: dict[str, float] = {}
        self.memory_at_end: dict[str, float] = {}
        self.seconds = 0.0
        self.main: QMainWindow | None = None
        self.screen: QMainWindow | None = None
        self._steps: Iterator[tuple[str, object]] = self._script()
        self._watched: QWidget | None = None
        self._waiting_since: float | None = None
        self._ready_at = self._started = 0.0
        self._no_paint = QTimer(self, singleShot=True, interval=NO_PAINT_TIMEOUT_MS)
        self._no_paint.timeout.connect(self._gave_up_on_paint)

    def start(self) -> None:
        self._wait_for(self._main_window_shown, "the main window never showed", self._begin)

    # waiting without blocking the event loop ----------------------------------------------
    def _wait_for(self, condition: Callable[[], bool], problem: str, then: Callable[[], None]) -> None:
        when_settled(condition, then, lambda: self._fail(problem))

    def _fail(self, problem: str) -> None:
        self.error = problem
        QApplication.closeAllWindows()
        QApplication.quit()

    def _main_window_shown(self) -> bool:
        if self.bare:
            return True
        from consultant_app.ui.main_window import MainWindow

        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        self.main = found[0] if found else None
        return bool(found) and self.main.isActiveWindow()

    def _begin(self) -> None:
        self._started = time.perf_counter()
        self._resume()

    def _resume(self) -> None:
        self._ready_at = time.perf_counter()
        QTimer.singleShot(0, self._next)

    # the script ---------------------------------------------------------------------------
    def _script(self) -> Iterator[tuple[str, object]]:
        """("open", call), ("key", name), ("char", text) and ("close", call), in the order a person would."""
        for call, notes in enumerate(self.plan):
            yield "open", call
            used: set[str] = set()
            for note in notes:
                yield "key", f"Ctrl+{SECTIONS.index(note.section) + 1}"
                if note.section in used:
                    yield "key", "Ctrl+Enter"
                used.add(note.section)
                yield "key", note.visibility_key
                for ch in note.text:
                    yield "char", ch
            yield "close", call

    def _next(self) -> None:
        kind, value = next(self._steps, ("end", None))
        if kind == "open":
            return self._open_call(value)
        if kind == "close":
            return self._close_call(value)
        if kind == "end":
            return self._finish()
        if not self.screen.isActiveWindow():
            return self._fail(
                f"the call screen lost the keyboard to another window after {self.chars_typed} characters"
            )
        target = QApplication.focusWidget() or self.screen
        if kind == "key":
            if self.bare:
                self._bare_key(value)
            else:
                QTest.keyClick(target, *KEYS[value])
            return self._resume()
        if not isinstance(target, QPlainTextEdit):
            return self._fail(
                f"the keyboard focus is on {type(target).__name__}, not in a note, after {self.chars_typed} characters"
            )
        self._type(target, value)

    # calls --------------------------------------------------------------------------------
    def _open_call(self, call: int) -> None:
        if self.bare:
            self.screen = QMainWindow()
            self.screen.setCentralWidget(QStackedWidget())
            self.screen.resize(1320, 820)
            self.screen.show()
            self.screen.activateWindow()
            return self._wait_for(self.screen.isActiveWindow, "the bare window never became active", self._resume)
        table = self.main.page.table
        table.setFocus()
        if call == 0:
            table.setCurrentIndex(table.model().index(0, 0))
        else:
            QTest.keyClick(table, Qt.Key.Key_Down)
        QTest.keyClick(table, Qt.Key.Key_Return)

        def opened() -> bool:
            screens = [s for s in self.main.call_screens.values() if s.isActiveWindow()]
            self.screen = screens[0] if screens else None
            return self.screen is not None

        def ready() -> None:
            self.interviews.append(self.screen.session.interview.id)
            self._resume()

        self._wait_for(opened, f"Enter on row {call + 1} did not open a call screen", ready)

    def _close_call(self, call: int) -> None:
        self._unwatch()
        self.screen.close()  # as the window's close button does
        if self.bare:
            self.screen.deleteLater()
        self.screen = None

        def closed() -> None:
            if call == 0 and len(self.plan) > 1:
                self.memory_after_warm_up = memory_mb()
            self._resume()

        if self.bare:
            return closed()
        self.main.activateWindow()
        self._wait_for(self.main.isActiveWindow, "the main window did not come back after a call", closed)

    def _finish(self) -> None:
        self.seconds = time.perf_counter() - self._started
        self.memory_at_end = memory_mb()
        if self.bare:
            QApplication.quit()
        else:
            QTest.keyClick(self.main, Qt.Key.Key_Q, CTRL)

    # typing -------------------------------------------------------------------------------
    def _bare_key(self, name: str) -> None:
        """The baseline starts a fresh editor at each note's visibility key (every note has one)."""
        if name.startswith("Alt+") or name == "F4":
            editor = QPlainTextEdit()
            stack = self.screen.centralWidget()
            stack.addWidget(editor)
            stack.setCurrentWidget(editor)
            editor.setFocus()

    def _type(self, editor: QPlainTextEdit, ch: str) -> None:
        if editor.viewport() is not self._watched:
            self._unwatch()
            editor.viewport().installEventFilter(self)
            self._watched = editor.viewport()
        self._waiting_since = self._ready_at
        self._no_paint.start()
        if ch == "\n":
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, ch, NONE)
        self.chars_typed += 1
        if self.progress:
            print(self.chars_typed, flush=True)
        if self.chars_typed == WARM_UP_CHARS and len(self.plan) == 1:
            self.memory_after_warm_up = memory_mb()

    def _unwatch(self) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._waiting_since is not None:
            QTimer.singleShot(0, self._painted)  # runs once this paint has finished
        return False

    def _painted(self) -> None:
        if self._waiting_since is None:
            return
        self._no_paint.stop()
        self.latencies_ms.append((time.perf_counter() - self._waiting_since) * 1000)
        self._waiting_since = None
        self._resume()

    def _gave_up_on_paint(self) -> None:
        self.keys_without_paint += 1
        self._waiting_since = None
        self._resume()
