"""The README's key tables say what the windows answer to: every key bound on the main window (its actions) and
on a call screen (its shortcuts) is in its table, and the tables name no key that is not bound. The F1 sheet
of each window is read from the same bindings, so it cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app.ui.keys_help import bindings

README = Path(__file__).resolve().parents[2] / "README.md"


def documented(table: str) -> set[str]:
    """The keys in the first column of the README table whose header is ``| table | …``."""
    text = README.read_text(encoding="utf-8").split(f"| {table} |", 1)[1].split("\n\n", 1)[0]
    keys: set[str] = set()
    for row in text.splitlines()[2:]:
        cell = row.split(" | ")[0].lstrip("| ")
        for prefix, first, last in re.findall(r"((?:\w+\+)+)(\d) … (?:\w+\+)+(\d)", cell):
            keys |= {f"{prefix}{n}" for n in range(int(first), int(last) + 1)}
        cell = re.sub(r"(?:\w+\+)+\d … (?:\w+\+)+\d", "", cell)
        keys |= {k.strip() for k in re.split(r", | / | or ", cell) if k.strip()}
    return keys


def bound(window) -> set[str]:
    return {key for keys, _what in bindings(window) for key in keys}


def test_the_main_window_table_matches_its_bindings(main_window):
    assert documented("main window keys") == bound(main_window)


def test_the_call_screen_table_matches_its_bindings(main_window):
    screen = main_window.open_call(main_window.store.db.execute("SELECT id FROM interviews LIMIT 1").fetchone()[0])
    try:
        assert documented("call screen keys") == bound(screen)
    finally:
        screen.close()


def test_f1_lists_the_keys_from_the_bindings(qtbot, main_window):
    from PySide6.QtCore import QTimer

    shown: list[str] = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.reject()

    QTimer.singleShot(50, read_and_close)
    main_window.act_shortcuts.trigger()
    assert shown, "F1 showed no sheet"
    for keys, what in bindings(main_window):
        assert " or ".join(keys) in shown[0] and what in shown[0]
