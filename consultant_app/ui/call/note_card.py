"""One note on the call screen: the text, its visibility at a glance (colour bar and chip), a
highlight star and its themes. Every control has a keyboard path; see ``CallScreen``. The text keeps no undo
history of its own: the call screen's one history holds its typing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consultant_app.domain.model import Note
from consultant_app.domain.taxonomy import VISIBILITIES
from consultant_app.ui.call.undo import utf16_position
from consultant_app.ui.icons import icon
from consultant_app.ui.theme import VISIBILITY_COLORS, VISIBILITY_STRIPES, colors
from consultant_app.ui.widgets import tint

MAX_EDITOR_HEIGHT = 360


class NoteEditor(QPlainTextEdit):
    """A plain-text editor that grows with its text up to a limit."""

    focused = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlainText(text)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setPlaceholderText("Type what the candidate says…")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QPlainTextEdit { border: none; background: transparent; padding: 0; font-size: 14px; }")
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args) -> None:
        lines = max(2, int(self.document().documentLayout().documentSize().height()))
        line_height = self.fontMetrics().lineSpacing()
        self.setFixedHeight(min(MAX_EDITOR_HEIGHT, lines * line_height + 14))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()


class ThemeEntry(QLineEdit):
    """Type a theme name; Enter adds it (from the codebook or new), Escape closes the completion list if it is open,
    else goes back to the text (rather than closing the call screen)."""

    chosen = Signal(str)
    cancelled = Signal()

    def event(self, event: QEvent) -> bool:
        override = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if override and event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()  # Escape is ours here, not the screen's
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            popup = self.completer().popup() if self.completer() else None
            if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
                self.setText(popup.currentIndex().data())
                popup.hide()
            name = " ".join(self.text().split())
            if name:
                self.chosen.emit(name)
            self.clear()
            return
        if event.key() == Qt.Key.Key_Escape:
            popup = self.completer().popup() if self.completer() else None
            if popup is not None and popup.isVisible():
                popup.hide()
                return
            self.clear()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class NoteCard(QFrame):
    text_changed = Signal(str, str)
    visibility_clicked = Signal(str)
    highlight_clicked = Signal(str)
    theme_added = Signal(str, str)
    theme_removed = Signal(str, str)
    focused = Signal(str)

    def __init__(self, note: Note, theme_names: QStringListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_id = note.id
        self.setObjectName("NoteCard")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 12, 10)
        outer.setSpacing(6)
        self.editor = NoteEditor(note.text)
        self.editor.textChanged.connect(lambda: self.text_changed.emit(self.note_id, self.editor.toPlainText()))
        self.editor.focused.connect(lambda: self.focused.emit(self.note_id))
        outer.addWidget(self.editor)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.visibility = QPushButton()
        self.visibility.setCursor(Qt.CursorShape.PointingHandCursor)
        self.visibility.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.visibility.setToolTip("Visibility — Alt+1 shareable, Alt+2 aggregate only, Alt+3 internal (F4 cycles)")
        self.visibility.clicked.connect(lambda: self.visibility_clicked.emit(self.note_id))
        self.star = QToolButton()
        self.star.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.star.setToolTip("Highlight for the report (Ctrl+H)")
        self.star.setAutoRaise(True)
        self.star.clicked.connect(lambda: self.highlight_clicked.emit(self.note_id))
        row.addWidget(self.visibility)
        row.addWidget(self.star)
        self.theme_row = QHBoxLayout()
        self.theme_row.setSpacing(4)
        row.addLayout(self.theme_row)
        self.theme_entry = ThemeEntry()
        self.theme_entry.setPlaceholderText("Add theme…  (Ctrl+T)")
        self.theme_entry.setFixedWidth(170)
        completer = QCompleter(theme_names, self.theme_entry)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.theme_entry.setCompleter(completer)
        self.theme_entry.chosen.connect(lambda name: self.theme_added.emit(self.note_id, name))
        self.theme_entry.cancelled.connect(self.editor.setFocus)
        row.addWidget(self.theme_entry)
        row.addStretch()
        outer.addLayout(row)
        self.show_note(note)

    def show_note(self, note: Note) -> None:
        """Repaints the chips for the note's visibility, highlight and themes."""
        strong, _soft = VISIBILITY_COLORS[note.visibility]
        stripe, c = VISIBILITY_STRIPES[note.visibility], colors()
        self.setStyleSheet(
            f"#NoteCard {{ background: {c.surface}; border: 1px solid {c.border}; border-left: 4px solid {stripe}; "
            f"border-radius: 8px; }}"
        )
        self.visibility.setText(VISIBILITIES[note.visibility])
        self.visibility.setStyleSheet(
            f"QPushButton {{ color: {strong}; background: {tint(strong, 30).name(QColor.NameFormat.HexArgb)}; "
            f"border: none; border-radius: 9px; padding: 2px 10px; font-size: 11px; font-weight: 600; }}"
        )
        self.star.setIcon(icon("star", "#E3A008" if note.highlight else c.muted, 16))
        self.star.setText("Highlighted" if note.highlight else "")
        self.star.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        while self.theme_row.count():
            item = self.theme_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for name in note.themes:
            chip = QPushButton(f"{name}  ×")
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setToolTip("Remove this theme")
            chip.setStyleSheet(
                f"QPushButton {{ background: {c.sunken}; border: 1px solid {c.border}; border-radius: 9px; "
                f"padding: 1px 8px; font-size: 11px; color: {c.text}; }}"
            )
            chip.clicked.connect(lambda _=False, n=name: self.theme_removed.emit(self.note_id, n))
            self.theme_row.addWidget(chip)

    def set_text(self, text: str, caret: int | None = None) -> None:
        """Replaces the text (after redaction on saving, or an undo) keeping the caret near where it was, or
        placing it at ``caret`` (an index into ``text``)."""
        if self.editor.toPlainText() == text and caret is None:
            return
        position = self.editor.textCursor().position() if caret is None else utf16_position(text, caret)
        if self.editor.toPlainText() != text:
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(text.encode("utf-16-le")) // 2))
        self.editor.setTextCursor(cursor)
