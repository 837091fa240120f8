"""The keys a window answers to, read from its real bindings, and the F1 sheet that lists them.

A window's keys are its actions' shortcuts (named by the action's text) and its ``QShortcut`` objects that carry a
``whatsThis`` description; shortcuts with the same description are one line ("Ctrl+Shift+Z or Ctrl+Y"). Because the
sheet is read from the bindings themselves, it cannot say a key does something it does not; the README's tables are
held to the same bindings by a test.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QWidget


def key_names(sequence: QKeySequence) -> str:
    """A key as the README and the sheet write it ("Ctrl+Enter" for the main keyboard's Return too)."""
    return sequence.toString(QKeySequence.SequenceFormat.PortableText).replace("Return", "Enter")


def bindings(window: QWidget) -> list[tuple[list[str], str]]:
    """(keys, what they do) for every key ``window`` answers to, in the order the window made them."""
    lines: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        if action.shortcuts():
            what = action.text().replace("&", "").rstrip("…")
            lines.setdefault(what, []).extend(key_names(s) for s in action.shortcuts())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.whatsThis() and shortcut.parent() is window:
            lines.setdefault(shortcut.whatsThis(), []).append(key_names(shortcut.key()))
    return [(list(dict.fromkeys(keys)), what) for what, keys in lines.items()]


def show_keys(window: QWidget, title: str, footer: str = "") -> None:
    """The F1 sheet: every key of ``window`` beside what it does."""
    rows = "".join(
        f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(' or '.join(keys))}</b></td>"
        f"<td>{html.escape(what)}</td></tr>"
        for keys, what in bindings(window)
    )
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, f"<table>{rows}</table>{footer}", parent=window)
    box.exec()
