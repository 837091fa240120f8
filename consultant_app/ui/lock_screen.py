"""Locking an encrypted workspace's windows after an idle time, or at once ("Lock now").

``AutoLock`` watches the whole application's key and mouse input (an application-wide event filter restarts
a timer); when the timer runs out, every window of the app (the main window, call screens, any dialog open at
the time or opened while locked) is covered by a ``LockOverlay``: an opaque child widget over the whole window
that shows nothing of the workspace and asks for the passphrase. Windows are neither closed nor changed
underneath, so what was typed, the caret and the undo history are exactly as they were once the right
passphrase uncovers them. While locked, input meant for anything but an overlay is dropped, shortcuts do
nothing, menus and completion pop-ups close, and window titles read "Debrief — locked".
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from consultant_app.ui.icons import icon
from consultant_app.ui.passphrase import PassphraseEdit
from consultant_app.ui.theme import colors
from consultant_app.ui.widgets import button

MINUTE_MS = 60_000
LOCKED_TITLE = "Debrief — locked"
_E = QEvent.Type
ACTIVITY = {
    _E.KeyPress,
    _E.MouseButtonPress,
    _E.MouseButtonDblClick,
    _E.MouseMove,
    _E.Wheel,
    _E.TouchBegin,
    _E.TabletPress,
}
BLOCKED = ACTIVITY | {
    _E.KeyRelease,
    _E.MouseButtonRelease,
    _E.ShortcutOverride,
    _E.ContextMenu,
    _E.InputMethod,
    _E.Drop,
    _E.DragEnter,
    _E.DragMove,
    _E.TouchUpdate,
    _E.TouchEnd,
}
COVERED_KINDS = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet, Qt.WindowType.Tool)


class LockOverlay(QFrame):
    """Covers one window entirely; the passphrase typed here is handed to ``attempt``."""

    def __init__(self, window: QWidget, attempt: Callable[[str], bool]) -> None:
        super().__init__(window)
        self.setObjectName("LockOverlay")
        self.attempt = attempt
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addStretch()
        across = QHBoxLayout()
        across.addStretch()
        self.panel = QFrame()
        self.panel.setObjectName("Card")
        self.card = QVBoxLayout(self.panel)
        self.card.setSpacing(10)
        self.badge = QLabel()
        self.badge.setPixmap(icon("lock", colors().accent, 32).pixmap(32, 32))
        self.badge.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.badge.setFixedHeight(40)
        self.title = QLabel("Debrief is locked")
        self.title.setObjectName("PageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.explanation = QLabel("Enter the workspace passphrase to go on.\nEverything is kept just as you left it.")
        self.explanation.setObjectName("Muted")
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for widget in (self.badge, self.title, self.explanation):
            self.card.addWidget(widget)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.field = PassphraseEdit("Passphrase")
        self.field.setMinimumWidth(120)
        self.field.returnPressed.connect(self._try)
        self.unlock_button = button("Unlock", primary=True)
        self.unlock_button.clicked.connect(self._try)
        row.addWidget(self.field, 1)
        row.addWidget(self.unlock_button)
        self.card.addLayout(row)
        self.error = QLabel()
        self.error.setObjectName("Error")
        self.error.hide()
        self.card.addWidget(self.error)
        across.addWidget(self.panel)
        across.addStretch()
        outer.addLayout(across)
        outer.addStretch()
        window.installEventFilter(self)
        self._fit()

    def _fit(self) -> None:
        """Covers the whole window; a small window (a message box) gets just the field and the button."""
        window = self.parentWidget()
        self.setGeometry(window.rect())
        roomy = window.height() >= 300 and window.width() >= 440
        for widget in (self.badge, self.title, self.explanation):
            widget.setVisible(roomy)
        self.card.setContentsMargins(*((28, 24, 28, 24) if roomy else (10, 8, 10, 8)))
        self.panel.setFixedWidth(min(420, max(200, window.width() - 16)))
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follows the window's size, and stays above any widget added to it while locked."""
        if watched is self.parentWidget() and event.type() in (_E.Resize, _E.ChildAdded):
            self._fit()
        return False

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), colors().window)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        """Tab moves between the overlay's own field and button, never to the window under it."""
        chain = [self.field, self.unlock_button]
        current = QApplication.focusWidget()
        index = chain.index(current) if current in chain else -1
        chain[(index + (1 if forward else -1)) % len(chain)].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _try(self) -> None:
        if self.attempt(self.field.text()):
            return
        self.error.setText("Not the passphrase; still locked." if self.field.text() else "Type the passphrase.")
        self.error.show()
        self.field.selectAll()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)


class AutoLock(QObject):
    """Locks every window after ``arm(interval_ms)`` of no input (0: never), or at ``lock()``; the passphrase
    to unlock with comes from ``passphrase()`` (None: the workspace is not encrypted, and nothing locks)."""

    def __init__(self, passphrase: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.passphrase = passphrase
        self.locked = False
        self._covered: list[tuple[QWidget, LockOverlay, QWidget | None, str]] = []
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.lock)
        self._filtering = False
        self.interval_ms = 0

    def arm(self, interval_ms: int) -> None:
        """Locks after ``interval_ms`` without input from now on (0 turns idle locking off)."""
        self._timer.stop()
        self.interval_ms = max(0, interval_ms)
        self._timer.setInterval(self.interval_ms)
        if interval_ms > 0 and not self.locked:
            self._timer.start()
        self._watch(interval_ms > 0 or self.locked)

    def _watch(self, on: bool) -> None:
        app = QApplication.instance()
        if on and not self._filtering:
            app.installEventFilter(self)
        elif not on and self._filtering:
            app.removeEventFilter(self)
        self._filtering = on

    # locking ------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked or not self.passphrase():
            return
        self._timer.stop()
        self.locked = True
        self._watch(True)
        for _ in range(10):  # menus and completion lists show workspace words; close them, nested ones too
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        QToolTip.hideText()
        for window in QApplication.topLevelWidgets():
            self._cover(window)
        active = QApplication.activeWindow()
        for window, overlay, _focus, _title in self._covered:
            if window is active:
                overlay.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cover(self, window: QWidget) -> None:
        if not (window.isWindow() and window.isVisible()) or any(window is w for w, *_ in self._covered):
            return
        if window.windowType() not in COVERED_KINDS:
            window.hide()  # a stray pop-up or tool tip
            return
        focus, title = window.focusWidget(), window.windowTitle()
        overlay = LockOverlay(window, self.try_unlock)
        overlay.show()
        overlay.field.setFocus(Qt.FocusReason.OtherFocusReason)  # the window's focus once it is active
        window.setWindowTitle(LOCKED_TITLE)
        self._covered.append((window, overlay, focus, title))

    def try_unlock(self, typed: str) -> bool:
        expected = self.passphrase()
        if not typed or expected is None or not hmac.compare_digest(typed.encode(), expected.encode()):
            return False
        self.unlock()
        return True

    def unlock(self) -> None:
        covered, self._covered = self._covered, []
        self.locked = False
        for window, overlay, focus, title in covered:
            if not shiboken6.isValid(window):
                continue
            window.removeEventFilter(overlay)
            overlay.hide()
            overlay.deleteLater()
            window.setWindowTitle(title)
            if focus is not None and shiboken6.isValid(focus) and focus.window() is window:
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.arm(self.interval_ms)

    # watching input -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.locked:
            if kind in ACTIVITY and self.interval_ms:
                self._timer.start()
            return False
        if kind == _E.Shortcut:
            return True
        if kind in BLOCKED and isinstance(watched, QWidget):
            return not _inside_overlay(watched)
        if kind == _E.Show and isinstance(watched, QWidget) and watched.isWindow():
            self._cover(watched)  # a window opened while locked (a message at the end of background work)
        elif kind == _E.WindowTitleChange and isinstance(watched, QWidget):
            self._keep_title_hidden(watched)
        return False

    def _keep_title_hidden(self, window: QWidget) -> None:
        for i, (w, overlay, focus, _title) in enumerate(self._covered):
            if w is window and window.windowTitle() != LOCKED_TITLE:
                self._covered[i] = (w, overlay, focus, window.windowTitle())
                window.setWindowTitle(LOCKED_TITLE)


def _inside_overlay(widget: QWidget | None) -> bool:
    while widget is not None:
        if isinstance(widget, LockOverlay):
            return True
        widget = widget.parentWidget()
    return False
