"""Starting the desktop app: Qt set-up, theme, opening the workspace (with a plain message if it
cannot be opened), the first-run welcome, the main window, and then, off the GUI thread, the daily
automatic backup (a large workspace takes seconds to copy).

An unexpected error never shows a traceback: the user gets a plain message, and the details go
to ``debrief-errors.log`` beside the workspace.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app.paths import APP_NAME, demo_workspace_path
from consultant_app.store import Store, WorkspaceError
from consultant_app.ui.theme import apply_theme, load_fonts


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    load_fonts()
    apply_theme(app)
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
        QMessageBox.critical(None, "Debrief", f"Something went wrong: {value}\n\nWhat you typed up to now is saved. "
                             f"Details were written to {log_path}.")

    sys.excepthook = hook


def open_workspace(path: Path) -> Store | None:
    try:
        return Store.open(path)
    except WorkspaceError as exc:
        QMessageBox.critical(None, "Debrief", str(exc))
        return None


def first_run(store: Store) -> Store:
    """Offers to set up the firm and first client, or to switch to a demo workspace."""
    from consultant_app.domain.model import Client
    from consultant_app.ui.dialogs.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog()
    dialog.exec()
    if dialog.choice == "setup":
        store.firm.update(name=dialog.firm_name)
        store.clients.save(Client(name=dialog.client_name))
    elif dialog.choice == "demo":
        from consultant_app.demo.generator import demo_fallback

        demo = demo_fallback(store.path)
        store.close()
        return Store.open(demo)
    return store


def daily_backup(window, workspace: Path) -> None:
    """Takes the daily automatic backup off the GUI thread (a large workspace takes seconds)."""
    from consultant_app.ui.worker import run_quietly

    def work():
        with Store.open(workspace, lock=False) as store:
            return store.maintenance.automatic_backup()

    def done(made) -> None:
        if made:
            window.statusBar().showMessage(f"Daily backup saved to {made.parent}", 8000)

    run_quietly(work, done, lambda exc: window.statusBar().showMessage(f"The daily backup failed: {exc}", 15000))


def run_app(path: Path) -> int:
    app = make_application()
    store = open_workspace(path)
    if store is None:
        return 1
    install_error_hook(store.path.with_name("debrief-errors.log"))
    if store.is_empty() and store.path != demo_workspace_path():
        store = first_run(store)
    from consultant_app.ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    QTimer.singleShot(1500, lambda: daily_backup(window, store.path))
    code = app.exec()
    store.close()
    return code
