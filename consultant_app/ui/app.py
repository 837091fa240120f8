"""Starting the desktop app: Qt set-up, theme (the one chosen in Preferences), opening the workspace (the one
named, else the one last opened from the File menu, ``workspaces``; ``startup``: plain messages, the first-run
welcome, the demo), the main window, and then, off the GUI thread, the daily automatic backup (a large workspace
takes seconds to copy) and the syncs with the workspace's sync folder (``syncing``), again for each workspace the
window switches to. A file the app was opened with (``debrief FILE``, a double click; on macOS a
``QFileOpenEvent``) is offered for import once the window is up.

An unexpected error never shows a traceback: the user gets a plain message (``crash_dialog``), and a crash
report without workspace content goes to the app's log folder (``crash_reports``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from consultant_app import crash_reports
from consultant_app.paths import APP_NAME
from consultant_app.store import Store
from consultant_app.ui.crash_dialog import install_crash_dialog
from consultant_app.ui.icons import app_icon
from consultant_app.ui.startup import open_at_start
from consultant_app.ui.theme import apply_theme, load_fonts, saved_choice
from consultant_app.ui.workspaces import start_path


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("debrief")  # the menu entry (debrief.desktop) the desktop matches its windows to
    load_fonts()
    apply_theme(app, saved_choice(QSettings()))
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    return app


def housekeeping(window) -> None:
    """Once the window shows a workspace: its daily backup, and its syncs with its sync folder."""
    QTimer.singleShot(1500, lambda: daily_backup(window, window.store))
    window.syncing.schedule()  # with the sync folder chosen in Preferences: shortly, then every few minutes


def daily_backup(window, workspace: Store) -> None:
    """Takes the daily automatic backup off the GUI thread (a large workspace takes seconds)."""
    from consultant_app.ui.worker import run_quietly

    def work():
        with workspace.sibling() as store:
            return store.maintenance.automatic_backup()

    def done(made) -> None:
        if made:
            window.statusBar().showMessage(f"Daily backup saved to {made.parent}", 8000)

    run_quietly(work, done, lambda exc: window.statusBar().showMessage(f"The daily backup failed: {exc}", 15000))


class FileOpenEvents(QObject):
    """macOS hands a document opened in Finder to the running app as a ``QFileOpenEvent``: each is offered for
    import as ``debrief FILE`` would be."""

    def __init__(self, app: QApplication, window) -> None:
        super().__init__(app)
        self.window = window
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = Path(event.file())
        QTimer.singleShot(0, lambda: self.window.outputs.offer_import(path))  # not inside the event's delivery
        return True


def run_app(path: Path, *, explicit: bool = True, demo_when_empty: bool = False, to_import: Path | None = None) -> int:
    """Runs the desktop app on ``path`` (named by the user when ``explicit``) until its window closes; once the
    window is up it offers to import ``to_import``."""
    app = make_application()
    install_crash_dialog(app)
    path, explicit = start_path(path, explicit, QSettings())  # the workspace last switched to, unless one is named
    store = open_at_start(path, explicit=explicit, demo_when_empty=demo_when_empty)
    if store is None:
        return 1
    from consultant_app.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    QTimer.singleShot(0, window.security.enforce_policy)
    FileOpenEvents(app, window)
    if to_import is not None:
        QTimer.singleShot(0, lambda: window.outputs.offer_import(to_import))
    housekeeping(window)
    window.workspaces.switched.connect(lambda: housekeeping(window))  # File → Open workspace and the rest
    QTimer.singleShot(0, crash_reports.crash_if_asked)
    code = app.exec()
    window.store.close()  # the store the window ended with (encrypting reopens it)
    return code
