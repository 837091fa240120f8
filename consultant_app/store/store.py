"""The Store: the one facade over a workspace file, split into small per-area parts.

``store.clients``, ``store.roles``, ``store.candidates``, ``store.interviews``, ``store.notes``,
``store.themes``, ``store.guides``, ``store.firm``, ``store.search``, ``store.audit`` and
``store.maintenance``, ``store.listing`` (the big table), ``store.reporting`` (bulk reads
for outputs) and ``store.bulk`` (imports) hold every operation; nothing outside ``store/`` sees SQL. Listeners added
with ``subscribe`` hear the name of each area that changed (the desktop app's refresh hub).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from consultant_app.store.audit import AuditLog
from consultant_app.store.bulk import Bulk
from consultant_app.store.candidates import Candidates
from consultant_app.store.clients import Clients, Roles
from consultant_app.store.database import open_database, plain_error, utils_database
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.firm import FirmProfile
from consultant_app.store.guides import Guides
from consultant_app.store.interviews import Interviews
from consultant_app.store.listing import Listing
from consultant_app.store.lock import WorkspaceLock
from consultant_app.store.maintenance import Maintenance
from consultant_app.store.notes import Notes
from consultant_app.store.reporting import Reporting
from consultant_app.store.search import Search
from consultant_app.store.themes import Themes
from consultant_app.store.watchdog import FileWatch


class Store:
    def __init__(self, path: Path, lock: bool = True) -> None:
        self.path = Path(path)
        self._lock = WorkspaceLock(self.path) if lock else None
        if self._lock:
            self._lock.acquire()
        try:
            self.db = open_database(self.path)
        except BaseException:
            if self._lock:
                self._lock.release()
            raise
        self.watch = FileWatch(self.path, self.db)
        self._listeners: list[Callable[[str], None]] = []
        self._transactions = None  # the sqlite-utils wrapper that runs transactions, made at the first write
        self.firm = FirmProfile(self)
        self.clients = Clients(self)
        self.roles = Roles(self)
        self.candidates = Candidates(self)
        self.interviews = Interviews(self)
        self.notes = Notes(self)
        self.themes = Themes(self)
        self.guides = Guides(self)
        self.audit = AuditLog(self)
        self.search = Search(self)
        self.maintenance = Maintenance(self)
        if self._lock:  # only the process that owns the workspace does housekeeping, not its helpers
            self.maintenance.run_deferred_purge()  # left over when the app was killed before it could run
        self.bulk = Bulk(self)
        self.listing = Listing(self)
        self.reporting = Reporting(self)

    @classmethod
    def open(cls, path: Path | str, lock: bool = True) -> Store:
        """Opens (creating and migrating as needed) the workspace at ``path``. ``lock=False`` is
        for a second connection inside the process that already holds the workspace lock."""
        return cls(Path(path), lock)

    def prepare_for_writes(self) -> None:
        """Loads what the first transaction needs (sqlite-utils, about 40 ms) now, so that it does not fall on
        a keystroke: the call screen calls this as it opens, before the first autosave."""
        if self._transactions is None:
            self._transactions = utils_database(self.db)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """A transaction (a savepoint when nested); database errors become plain messages. The outermost one
        raises ``WorkspaceLost`` if another program removed or replaced the file or its log (``watchdog``)."""
        outermost = not self.db.in_transaction
        self.prepare_for_writes()
        if outermost:
            self.watch.verify()
        try:
            with self._transactions.atomic():
                yield
            if outermost:
                self.watch.verify()  # a log removed during the transaction took the commit with it
                self.maintenance.run_pending_purge()
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(plain_error(exc, self.path)) from exc

    def is_empty(self) -> bool:
        return not self.clients.list(include_archived=True)

    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def changed(self, area: str) -> None:
        for listener in list(self._listeners):
            listener(area)

    def close(self) -> None:
        """Closes the workspace. Housekeeping that fails here (a full disk) is left for the next open:
        a pending purge stays noted in the file, and what was saved is saved."""
        if self.db is None:
            return
        try:
            with suppress(WorkspaceError, sqlite3.DatabaseError):
                if self._lock:
                    self.maintenance.run_deferred_purge()
                self.db.execute("PRAGMA optimize")
        finally:
            self.db.close()
            self.db = None
            if self._lock:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
