"""A child process for the kill test: opens the call screen on an interview and types into a new
note without pause, printing how many characters it has typed so far."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from consultant_app.store import Store
from consultant_app.ui.app import make_application
from consultant_app.ui.call.call_screen import CallScreen

ALPHABET = "abcdefghijklmnopqrstuvwxyz "


def typed_text(count: int) -> str:
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(count))


def main(db: str, interview_id: str) -> None:
    app = make_application(["typist"])
    store = Store.open(Path(db))
    screen = CallScreen(store, interview_id)
    screen.show()
    screen.new_note()
    editor = screen.cards[screen.current_note].editor
    state = {"n": 0}

    def type_one() -> None:
        ch = ALPHABET[state["n"] % len(ALPHABET)]
        QTest.sendKeyEvent(QTest.KeyAction.Click, editor, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
        state["n"] += 1
        print(state["n"], flush=True)

    timer = QTimer(interval=10)
    timer.timeout.connect(type_one)
    timer.start()
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
