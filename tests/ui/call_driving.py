"""Helpers for driving a real call screen by keyboard in tests: typing any text, pressing keys on the focused
widget, waiting for the autosave, and answering the modal dialog a key brings up."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app.ui.call.call_screen import CallScreen
from tests.store.builders import client_with_interview

C = Qt.KeyboardModifier.ControlModifier
A = Qt.KeyboardModifier.AltModifier
S = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def type_text(widget, text: str) -> None:
    """Types any Unicode text, one key event per character (keyClicks aborts on non-ASCII)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, NONE)


def key(screen, k, mod=NONE) -> None:
    """Presses a key where the keyboard is: an open popup (a completion list) takes it before the focused field."""
    QTest.keyClick(QApplication.activePopupWidget() or QApplication.focusWidget() or screen, k, mod)


def saved(qtbot, screen) -> None:
    qtbot.waitUntil(lambda: not screen.session.dirty and screen.saved_label.text().startswith("Saved"), timeout=3000)


def open_screen(qtbot, store, interview_id: str, **kwargs) -> CallScreen:
    window = CallScreen(store, interview_id, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def new_call(qtbot, store, disclosure: str = "confidential") -> CallScreen:
    _, _, interview = client_with_interview(store, disclosure=disclosure)
    return open_screen(qtbot, store, interview.id)


def answer_next_dialog(act, give_up_s: float = 3.0) -> dict:
    """Waits (from the event loop) for the next modal message box, records what it says and which button is its
    default, then lets ``act(box)`` answer it; rejects it in the end whatever happens, so a test never hangs."""
    seen: dict = {}
    deadline = time.monotonic() + give_up_s

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
            return
        try:
            default = box.defaultButton()
            seen.update(
                title=box.windowTitle(),
                text=f"{box.text()} {box.informativeText()}",
                buttons={b.text(): box.buttonRole(b) for b in box.buttons()},
                default=default.text() if default else None,
                default_role=box.buttonRole(default) if default else None,
            )
            act(box)
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(0, poll)
    return seen


def press_return(box: QMessageBox) -> None:
    QTest.keyClick(box, Qt.Key.Key_Return)


def click(text: str):
    def act(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == text]
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    return act
