"""Workspaces in the desktop app: File → New workspace…, Open workspace… (Ctrl+Shift+O) and Recent workspaces (the last
eight, kept in this computer's settings; one no longer there is shown but cannot be chosen), the workspace the next
start opens (the one last switched to), the status bar's workspace line and the title bar, which names the firm (the
workspace file until the firm is set up) and marks a workspace holding demo data. Switching closes the call screens
first (each saves; one that stays open cancels the switch), then opens the other workspace with the checks of a start —
open in another app, not a workspace (an empty file too, which opening would make one), a backup the app keeps
(restored, never opened, so that erasures made since hold), written by a newer Debrief: a plain message, and the window
stays on the current one; encrypted: its passphrase, as at start — and only then closes the current one; the window's
views are built again over the new one, which keeps its own sync folder. A new workspace goes through the first-run
welcome. ``Workspaces`` is a small object the window makes, as it makes ``WorkspaceSync``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox

from consultant_app.domain.model import Firm
from consultant_app.paths import COMMAND_NAME, backup_dir
from consultant_app.store import Store, WorkspaceError
from consultant_app.store.errors import PassphraseNeeded
from consultant_app.ui import worker
from consultant_app.ui.security import BUSY
from consultant_app.ui.widgets import wait_cursor

if TYPE_CHECKING:
    from consultant_app.ui.main_window import MainWindow

RECENT_KEY = "workspaces/recent"
LAST_KEY = "workspaces/last"  # the workspace the next start opens, when none is named
MOST_RECENT = 8
SUFFIX = ".db"
FILTER = "Debrief workspaces (*.db);;All files (*)"
BACKUPS = backup_dir(Path("w")).name.removeprefix("w")  # the ending of every workspace's backups folder
MENU_TEXT_WIDTH = 420  # a recent workspace's folder is shortened in its middle to fit the menu
OPEN, NEW = "Open workspace", "New workspace"  # the titles of what each command tells


def recent_workspaces(settings: QSettings) -> list[Path]:
    value = settings.value(RECENT_KEY) or []
    return [Path(v) for v in ([value] if isinstance(value, str) else value) if v]


def add_recent(settings: QSettings, path: Path) -> None:
    """Puts ``path`` first among the recent workspaces."""
    path = path.absolute()
    kept = [p for p in recent_workspaces(settings) if not same_file(p, path)]
    settings.setValue(RECENT_KEY, [str(p) for p in [path, *kept][:MOST_RECENT]])


def start_path(path: Path, explicit: bool, settings: QSettings) -> tuple[Path, bool]:
    """The workspace a start opens, and whether the user named it: the one named (``--db``, the environment), else
    the one last switched to in the File menu while it still exists, else ``path``, the default."""
    if explicit:
        return path, True
    last = settings.value(LAST_KEY) or ""
    return (Path(last), True) if last and Path(last).is_file() else (path, False)


def same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return one.absolute() == other.absolute()


def not_a_workspace(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a workspace, seen without opening it (an empty file would become one)."""
    if not path.exists():
        return f"There is no workspace at {path}; it may have been moved or deleted."
    if not path.is_file():
        return f"{path} is a folder, not a workspace."
    if path.stat().st_size == 0:
        return f"{path.name} is an empty file, not a Debrief workspace. File → New workspace… starts a new one."
    if path.parent.name.endswith(BACKUPS):  # opened as it is, it would miss the erasures made since it was taken
        workspace = path.parent.name.removesuffix(BACKUPS)
        return (
            f"{path.name} is a backup of {workspace}, not a workspace to open. Restore it with “{COMMAND_NAME} "
            "restore” instead: a restore keeps out whom the firm erased since the backup was taken."
        )
    return None


class Workspaces(QObject):
    """``switched`` is emitted once the window shows another workspace (the app starts its backup and syncs)."""

    switched = Signal()

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self.act_new = window._action("&New workspace…", self.new_workspace, None, "plus")
        self.act_open = window._action("Open &workspace…", self.choose_and_open, "Ctrl+Shift+O", "folder-open")
        self.recent_menu = QMenu("&Recent workspaces", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.actions = [self.act_new, self.act_open, self.recent_menu.menuAction()]
        self.label = QLabel()
        self._demo: tuple[Store, bool] | None = None  # whether the store shown holds demo data, read once
        self.show_workspace()

    def show_workspace(self) -> None:
        path = self.window.store.path
        self.label.setText(f"Workspace: {path}")
        add_recent(self.settings, path)

    def title(self, firm_name: str) -> str:
        """The window's title: the firm's name (the workspace file's while the firm is not set up), and whether the
        workspace holds demo data."""
        store = self.window.store
        if self._demo is None or self._demo[0] is not store:
            self._demo = (store, store.audit.holds_demo_data())
        shown = store.path.name if firm_name == Firm.name else firm_name  # not the placeholder "Your research firm"
        return f"Debrief — {shown}" + (" (demo data)" if self._demo[1] else "")

    # the menu ----------------------------------------------------------------------------
    def fill_recent(self) -> None:
        menu, current = self.recent_menu, self.window.store.path
        menu.clear()
        shown = [p for p in recent_workspaces(self.settings) if not same_file(p, current)]
        metrics = menu.fontMetrics()
        for number, path in enumerate(shown, 1):
            there = path.is_file()
            folder = metrics.elidedText(_home_short(path.parent), Qt.TextElideMode.ElideMiddle, MENU_TEXT_WIDTH)
            action = menu.addAction(f"&{number}  {path.name}   {folder}" + ("" if there else "   (not found)"))
            action.setEnabled(there)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, path=path: self.open(path))
        if not shown:
            menu.addAction("No other workspaces yet").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear recent", self.clear_recent)
        clear.setEnabled(bool(shown))

    def clear_recent(self) -> None:
        """Forgets the recent workspaces but the one open now."""
        self.settings.setValue(RECENT_KEY, [str(self.window.store.path.absolute())])

    def _folder(self) -> str:
        return str(self.window.store.path.parent)

    # switching ---------------------------------------------------------------------------
    def choose_and_open(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, OPEN, self._folder(), FILTER)
        if chosen:
            self.open(Path(chosen))

    def open(self, path: Path) -> bool:
        """Shows the workspace at ``path`` in the window; False when the window stays on the current one (the user
        was told why, or cancelled)."""
        if same_file(path, self.window.store.path):
            self.window.statusBar().showMessage(f"{path.name} is the workspace open now.", 8000)
            return False
        if problem := not_a_workspace(path):
            return self._refuse(problem)
        if not self._may_switch():
            return False
        try:
            with wait_cursor():
                store = Store.open(path)
        except PassphraseNeeded:
            from consultant_app.ui.unlocking import unlock_at_start

            store = unlock_at_start(path, leave="Cancel")  # None: the user cancelled, or was told why it cannot open
        except WorkspaceError as exc:
            return self._refuse(str(exc))
        return store is not None and self._switch_to(store)

    def new_workspace(self) -> bool:
        """Asks where to keep a new workspace, then shows the welcome for it (set up the firm, fill it with the
        demo, or leave it empty; protected with a passphrase if the user or the firm's policy wants)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            NEW,
            str(Path(self._folder()) / f"workspace{SUFFIX}"),
            FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused below, never replaced
        )
        if not chosen:
            return False
        path = Path(chosen) if chosen.endswith(SUFFIX) else Path(chosen + SUFFIX)
        if path.exists():
            return self._refuse(
                f"{path} exists already: open it with File → Open workspace…, or choose a new name.", NEW
            )
        if not self._may_switch(NEW):
            return False
        try:
            store = Store.open(path)
        except WorkspaceError as exc:
            return self._refuse(str(exc), NEW)
        from consultant_app.ui.startup import welcome

        choice, store = welcome(store)
        if store is None:  # closed without the passphrase the firm requires: nothing was written to it
            _remove_new(path)
            return False
        if choice == "demo":
            from consultant_app.demo import create_demo_workspace

            with wait_cursor():
                try:
                    create_demo_workspace(store)
                except WorkspaceError as exc:
                    self._refuse(f"The demo could not be added to {path.name}: {exc}", NEW)
        return self._switch_to(store)

    def _may_switch(self, title: str = OPEN) -> bool:
        if worker.busy():
            QMessageBox.information(self.window, title, BUSY)
            return False
        return self.window.close_call_screens()

    def _switch_to(self, store: Store) -> bool:
        window = self.window
        before = window.store
        window.use_store(store)
        before.close()
        window.syncing.start_over()
        window.security.apply_settings()
        self.show_workspace()
        self.settings.setValue(LAST_KEY, str(store.path.absolute()))
        window.statusBar().showMessage(f"Opened {store.path.name}", 8000)
        QTimer.singleShot(0, window.security.require_encryption)  # as at start: the firm may demand a passphrase
        self.switched.emit()
        return True

    def _refuse(self, message: str, title: str = OPEN) -> bool:
        QMessageBox.warning(self.window, title, message)
        return False


def _home_short(folder: Path) -> str:
    """``folder`` with the home folder written as ``~``."""
    home = Path.home()
    if folder == home or not folder.is_relative_to(home):
        return "~" if folder == home else str(folder)
    return os.path.join("~", folder.relative_to(home))


def _remove_new(path: Path) -> None:
    """Removes the workspace file just made for the welcome, which the user left before anything was written."""
    for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        made.unlink(missing_ok=True)
