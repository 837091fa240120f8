"""The desktop app's syncing with the firm's sync folder (``sync.engine`` does the work): the folder chosen for
each workspace in Preferences (kept in this computer's settings, keyed by the workspace's path), File → Sync now,
a sync shortly after the window opens and then every few minutes, always on a worker thread with its own
connection and never two at once; the views reload after each, and the status bar says when the workspace last
synced, how many changes wait to be sent, why the last sync failed, or that the workspace waits for the firm's
sync keys (it is encrypted, or the firm seals the folder), in one plain line, with a link to the conflicts a person
has to resolve."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from consultant_app.domain.wording import agree, plural
from consultant_app.sync import engine
from consultant_app.ui.worker import run_quietly

EVERY_MS = 5 * 60 * 1000
AFTER_OPENING_MS = 2500
WAITS_FOR_KEYS = "Sync waits for the firm's sync keys: Edit → Preferences"
LINE_WIDTH = 440  # the status bar's sync line is cut at this width (the whole line is its tooltip and in Preferences)


def _key(workspace: Path) -> str:
    return "sync/" + quote(str(workspace.resolve()), safe="")


def sync_folder(settings: QSettings, workspace: Path) -> Path | None:
    """The sync folder chosen for ``workspace`` on this computer, or None when it does not sync."""
    value = settings.value(_key(workspace)) or ""
    return Path(value) if value else None


def set_sync_folder(settings: QSettings, workspace: Path, folder: Path | None) -> None:
    if folder is None:
        settings.remove(_key(workspace))
    else:
        settings.setValue(_key(workspace), str(folder))


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot be a sync folder, in a plain sentence, or None when it can."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder."
    if not folder.is_dir():
        return f"There is no folder at {folder}."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"Debrief may not write in {folder}; choose a folder you can write to."
    return None


def one_line(exc: Exception) -> str:
    """An error as the status bar says it: its first line, never a traceback."""
    text = str(exc).strip().splitlines()
    return text[0] if text else f"an unexpected {type(exc).__name__}"


def open_conflicts(store) -> list[tuple[str, str]]:
    """The conflicts no one has resolved yet. A text changed here from the one shown since the sync that brought
    the conflict is this laptop's resolution: the next sync sends it, replacing every version."""
    waiting = set(store.replica.pending())
    return [(e, f) for e, f in engine.conflicts(store) if e not in waiting or not _changed_here(store, e, f)]


def _changed_here(store, entity: str, name: str) -> bool:
    merge = engine.merge_of(store, [entity])
    table, _, record_id = entity.partition("/")
    record = store.sync_state.record(table, record_id)
    return record is not None and record.get(name) != merge.value(entity, name)


class WorkspaceSync(QObject):
    """Syncs the window's workspace (``window.store``, which encrypting replaces) with its sync folder."""

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.settings = window, settings
        self.running = False
        self.deferred = False  # a sync waited for the call screens to close
        self.last_synced: datetime | None = None
        self.failure: str | None = None
        self.problems: list[str] = []
        self.keys_needed: str | None = None  # why the last sync waited for the firm's sync keys
        self.line = ""  # what the status bar says of syncing, whole
        self.label = QLabel()
        self.label.setObjectName("Muted")
        self.conflicts_link = QLabel()
        self.conflicts_link.linkActivated.connect(lambda _link: window.open_conflicts())
        self.conflicts_link.hide()
        self.timer = QTimer(self, interval=EVERY_MS)
        self.timer.timeout.connect(self.sync_now)

    def schedule(self) -> None:
        """Syncs shortly after the window shows, then every few minutes."""
        QTimer.singleShot(AFTER_OPENING_MS, self.sync_now)
        self.timer.start()

    def start_over(self) -> None:
        """Forgets how the syncs of the workspace shown before went (the window shows another one now)."""
        self.last_synced, self.failure, self.problems, self.keys_needed = None, None, [], None
        self.show_status()

    def folder(self) -> Path | None:
        return sync_folder(self.settings, self.window.store.path)

    def sync_now(self) -> None:
        """Starts a sync off the GUI thread, unless one is running or the workspace has no sync folder. While a call
        screen is open it waits for it to close: a note changed under the consultant's typing would be replaced
        by the next autosave, which had never shown it (a text lost without a conflict)."""
        folder = self.folder()
        self.deferred = bool(self.window.call_screens) and folder is not None
        if self.running or folder is None or self.deferred:
            self.show_status()
            return
        if problem := folder_problem(folder):
            self._failed(problem)
            return
        self.running = True
        self.show_status()
        sibling = self.window.store.sibling

        def work() -> engine.SyncReport:
            with sibling() as store:
                return engine.sync(store, folder)

        run_quietly(work, self._done, self._raised)

    def _raised(self, exc: Exception) -> None:
        """A sync that failed, or that waits for the firm's sync keys (the engine says why; nothing was sent)."""
        self.keys_needed = str(exc) if isinstance(exc, engine.KeysNeeded) else None
        self._failed(None if self.keys_needed else one_line(exc))

    def _done(self, report: engine.SyncReport) -> None:
        self.keys_needed = None
        self.running, self.failure, self.problems = False, None, report.problems
        self.last_synced = datetime.now()
        if report.received:
            self.window.store.identities.forget()  # people may have changed through the other connection
            self.window.refresh()
        self.show_status()

    def _failed(self, message: str | None) -> None:
        self.running, self.failure = False, message
        self.show_status()

    def show_status(self, recount_conflicts: bool = True) -> None:
        """The status bar's sync line, read now (the number of waiting changes is one small query); the conflicts
        are counted again unless told not to (they change only with a sync or a resolution)."""
        store = self.window.store
        if store.db is None:
            return
        waiting = len(store.replica.pending())
        if self.folder() is None:
            text = "Not syncing"
        elif self.running:
            text = "Syncing…"
        elif self.deferred:
            text = "Sync waits for the call to end"
        elif self.keys_needed:
            text = WAITS_FOR_KEYS
        elif self.failure:
            text = f"Sync failed: {self.failure}"
        else:
            when = f"Synced {self.last_synced:%H:%M}" if self.last_synced else "Not synced yet"
            text = f"{when} · {plural(waiting, 'change')} waiting"
            if self.problems:
                text += f" · {plural(len(self.problems), 'bundle')} passed over"
        self.line = text
        self.label.setText(self.label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, LINE_WIDTH))
        why = [self.keys_needed] if text == WAITS_FOR_KEYS else self.problems
        self.label.setToolTip("\n".join([text, *why, str(self.folder() or "")]).strip())
        if not recount_conflicts:
            return
        count = len(open_conflicts(store))
        self.conflicts_link.setText(f"<a href='conflicts'>{plural(count, 'conflict')} to resolve</a>" if count else "")
        self.conflicts_link.setToolTip(f"{agree(count, 'A note was', 'Notes were')} typed on two laptops")
        self.conflicts_link.setVisible(bool(count))
