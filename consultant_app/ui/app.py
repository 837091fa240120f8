"""Starting the desktop app: Qt set-up, theme (the one chosen in Preferences), opening the workspace
(``startup``: plain messages, the first-run welcome, the demo), the main window, and then, off the GUI thread,
the daily automatic backup (a large workspace takes seconds to copy).

An unexpected error never shows a traceback: the user gets a plain message, and the details go
to ``debrief-errors.log`` beside the workspace.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app.paths import APP_NAME
from consultant_app.store import Store
from consultant_app.ui.startup import open_at_start
from consultant_app.ui.theme import apply_theme, load_fonts, saved_choice


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    load_fonts()
    apply_theme(app, saved_choice(QSettings()))
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    return app


def install_error_hook(log_path: Path) -> None:
    def hook(kind, value, tb) -> None:
        try:
            with log_path.open("a", encoding="utf-8") as log:
                log.write(f"\n--- {datetime.now().isoformat(timespec='seconds')}\n")
                log.write("".join(traceback.format_exception(kind, value, tb)))
        except OSError:
            pass
        QMessageBox.critical(
            None,
            "Debrief",
            f"Something went wrong: {value}\n\nWhat you typed up to now is saved. Details were written to {log_path}.",
        )

    sys.excepthook = hook


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


def run_app(path: Path, *, explicit: bool = True, demo_when_empty: bool = False) -> int:
    """Runs the desktop app on ``path`` (named by the user when ``explicit``) until its window closes."""
    app = make_application()
    store = open_at_start(path, explicit=explicit, demo_when_empty=demo_when_empty)
    if store is None:
        return 1
    install_error_hook(store.path.with_name("debrief-errors.log"))
    from consultant_app.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    QTimer.singleShot(0, window.security.enforce_policy)
    QTimer.singleShot(1500, lambda: daily_backup(window, window.store))
    code = app.exec()
    window.store.close()  # the store the window ended with (encrypting reopens it)
    return code
