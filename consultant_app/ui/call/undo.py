"""The call screen's one undo history: what a step is, how typing merges into steps, and the key routing that keeps
Ctrl+Z and Ctrl+Shift+Z on that history whichever field has the focus.

A ``Change`` sets a value and puts the old one back (visibility, highlight, themes, reasons, answers, ratings,
status); consecutive changes of one answer typed digit by digit (the salary) are one step. ``Typing`` records the
edits made to one text (a note, the competing company, the summary) as positions and strings, not copies, so a
long call stays small: keys typed on at the same place are one step per word (a space or line break after a word
starts the next), a paste or a replaced selection is a step of its own, and Backspace or Delete run on as one.
The history keeps the last ``UNDO_STEPS`` steps (each costs about a kilobyte and a half, mostly Qt's own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack

UNDO_STEPS = 2000
UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
REDO_COMBINATIONS = (
    QKeySequence("Ctrl+Shift+Z")[0],
    QKeySequence("Ctrl+Y")[0],
)


class Change(QUndoCommand):
    """Sets a value and puts the old one back, through ``apply(value, refresh)``; ``refresh`` is False only for
    the first setting of a value its field already shows (``shown``: the consultant set it there). Changes with
    the same ``merge_key`` in a row are one step (an answer typed digit by digit)."""

    def __init__(
        self,
        text: str,
        apply: Callable[[Any, bool], None],
        new: Any,
        old: Any,
        shown: bool = False,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(text)
        self._apply, self.new, self.old, self._shown, self.merge_key = apply, new, old, shown, merge_key

    def absorb(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Change) or not self.merge_key or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self._apply(self.new, not self._shown)
        self._shown = False

    def undo(self) -> None:
        self._apply(self.old, True)


@dataclass(frozen=True)
class Edit:
    """One contiguous change of a text: at ``pos``, ``removed`` was replaced by ``inserted``."""

    pos: int
    removed: str
    inserted: str

    def apply(self, text: str) -> str | None:
        """The text after this edit, or None when ``text`` no longer holds what it replaced."""
        end = self.pos + len(self.removed)
        return text[: self.pos] + self.inserted + text[end:] if text[self.pos : end] == self.removed else None

    def revert(self, text: str) -> str | None:
        end = self.pos + len(self.inserted)
        return text[: self.pos] + self.removed + text[end:] if text[self.pos : end] == self.inserted else None

    def continues(self, last: Edit) -> bool:
        """Whether this key carries on the step whose last key was ``last``."""
        if len(self.inserted) == 1 and not self.removed and len(last.inserted) == 1 and not last.removed:
            starts_word = self.inserted.isspace() and not last.inserted.isspace()
            return self.pos == last.pos + 1 and not starts_word
        if len(self.removed) == 1 and not self.inserted and len(last.removed) == 1 and not last.inserted:
            return self.pos in (last.pos - 1, last.pos)  # Backspace, Delete
        return False

    def then(self, key: Edit) -> Edit:
        """This edit followed by a ``key`` that ``continues`` it, as one edit."""
        if key.inserted:
            return Edit(self.pos, self.removed, self.inserted + key.inserted)
        if key.pos < self.pos:  # Backspace
            return Edit(key.pos, key.removed + self.removed, self.inserted)
        return Edit(self.pos, self.removed + key.removed, self.inserted)


def text_edit(old: str, new: str) -> Edit:
    """The one contiguous edit that turns ``old`` into ``new``, found by comparing slices (linear, in C)."""
    prefix = _common_prefix(old, new)
    suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
    return Edit(prefix, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # a[:low] == b[:low]; halve the rest
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


class Typing(QUndoCommand):
    """Typing into one text. ``read`` gives the text as the call holds it; ``write(text, cursor)`` sets it (and,
    when ``cursor`` is not None, places the caret there and shows it). Pushed after the key changed the field: the
    first ``redo`` brings the call's copy level with the field. A text changed meanwhile by something else (a
    redaction on saving) makes the step obsolete rather than wrong."""

    def __init__(self, target: str, edit: Edit, read: Callable[[], str], write: Callable[[str, int | None], None]):
        super().__init__("typing")
        self.target, self.edit, self.last_key = target, edit, edit
        self._read, self._write = read, write
        self._typed = True

    def absorb(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Typing) or other.target != self.target or not other.edit.continues(self.last_key):
            return False
        self.edit, self.last_key = self.edit.then(other.edit), other.edit
        return True

    def redo(self) -> None:
        text = self._replay(Edit.apply)
        if text is not None:
            self._write(text, None if self._typed else self.edit.pos + len(self.edit.inserted))
        self._typed = False

    def undo(self) -> None:
        text = self._replay(Edit.revert)
        if text is not None:
            self._write(text, self.edit.pos + len(self.edit.removed))

    def _replay(self, step: Callable[[Edit, str], str | None]) -> str | None:
        text = step(self.edit, self._read())
        if text is None:
            self.setObsolete(True)
        return text


def push(stack: QUndoStack, command: Change | Typing) -> None:
    """Does ``command`` and puts it on ``stack``, or into the step on top when it carries that step on. (The
    merging is done here rather than by Qt's ``mergeWith``: PySide keeps alive every command Qt merges away, about a
    kilobyte a key over a long call.)"""
    top = stack.command(stack.index() - 1) if 0 < stack.index() == stack.count() else None
    if isinstance(top, Change | Typing) and top.absorb(command):
        command.redo()
    else:
        stack.push(command)


class UndoKeys(QObject):
    """An event filter for the call screen's text fields: their own undo and redo keys give way to the screen's
    one history (a field would otherwise take Ctrl+Z for its own, separate undo)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combination = event.keyCombination()
            if any(event.matches(k) for k in UNDO_KEYS) or combination in REDO_COMBINATIONS:
                event.ignore()
                return True
        return False


def utf16_position(text: str, index: int) -> int:
    """Qt's caret position (UTF-16 units) for a Python string index."""
    return len(text[:index].encode("utf-16-le")) // 2
