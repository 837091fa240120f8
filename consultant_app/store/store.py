"""The Store: the one facade over a workspace file, split into small per-area parts.

``store.clients``, ``store.roles``, ``store.candidates``, ``store.interviews``, ``store.notes``, ``store.themes``,
``store.guides``, ``store.firm``, ``store.search``, ``store.identities`` (the people outputs redact),
``store.erasures`` (the erasure ledger), ``store.retention`` (erasures the retention policy makes due),
``store.quotes`` (quote review), ``store.releases`` (the release ledger), ``store.audit`` and
``store.maintenance``, ``store.listing`` (the big table), ``store.reporting`` (bulk reads for outputs),
``store.bulk`` (imports) and ``store.candidate_lists`` (lists from clients' hiring systems) hold every operation;
nothing outside ``store/`` sees SQL.

Every change goes through one door, ``store.write(*areas)`` (as Anki's ``CollectionOp`` returning ``OpChanges``): a
write inside another joins it, and only after the outermost one commits do its follow-ups run (after an erasure:
cleaning the file, and holding every backup to the erasure ledger) and listeners added with ``subscribe`` hear,
once, the set of areas it touched (the desktop app's refresh hub). Nothing is announced before it is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from consultant_app.leftovers import MARK, clear_stale
from consultant_app.store.audit import AuditLog
from consultant_app.store.backups import encrypt_plain_backups
from consultant_app.store.bulk import Bulk
from consultant_app.store.candidate_lists import CandidateLists
from consultant_app.store.candidates import Candidates
from consultant_app.store.clients import Clients, Roles
from consultant_app.store.database import open_database, plain_error
from consultant_app.store.engine import sqlite
from consultant_app.store.erasures import Erasures
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.firm import FirmProfile
from consultant_app.store.guides import Guides
from consultant_app.store.identities import Identities
from consultant_app.store.interviews import Interviews
from consultant_app.store.listing import Listing
from consultant_app.store.lock import WorkspaceLock
from consultant_app.store.maintenance import Maintenance
from consultant_app.store.notes import Notes
from consultant_app.store.quotes import QuoteReviews
from consultant_app.store.releases import Releases
from consultant_app.store.replica import Replica
from consultant_app.store.reporting import Reporting
from consultant_app.store.retention import Retention
from consultant_app.store.search import Search
from consultant_app.store.sync_keys import SyncKeys
from consultant_app.store.sync_state import SyncState
from consultant_app.store.themes import Themes
from consultant_app.store.watchdog import FileWatch


@dataclass
class Changes:
    """What one write touched: the areas its listeners hear, and whether erased text is to be purged from the
    search index once it commits. Parts that write add to it; only the store acts on it, after the commit."""

    areas: set[str] = field(default_factory=set)
    purge: bool = False

    def touch(self, *areas: str) -> None:
        self.areas.update(areas)


class Store:
    def __init__(self, path: Path, lock: bool = True, passphrase: str | None = None, copy: bool = False) -> None:
        self.path = Path(path)
        self.passphrase = passphrase  # the workspace's key when it is encrypted; never written anywhere
        self.is_copy = copy  # a backup or a copy being restored, opened to be held to the erasure ledger
        self.erase_copies_later = False  # the app applies erasures to the backups off its GUI thread
        self._lock = WorkspaceLock(self.path) if lock else None
        if self._lock:
            self._lock.acquire()
        try:
            self.db = open_database(self.path, passphrase, backup_first=not copy)
        except BaseException:
            if self._lock:
                self._lock.release()
            raise
        self.watch = FileWatch(self.path, self.db)
        self._listeners: list[Callable[[frozenset[str]], None]] = []
        self._changes: Changes | None = None  # the outermost write under way
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
        self.identities = Identities(self)
        self.erasures = Erasures(self)
        self.quotes = QuoteReviews(self)
        self.releases = Releases(self)
        self.maintenance = Maintenance(self)
        self.replica = Replica(self)
        self.sync_state = SyncState(self)
        self.sync_keys = SyncKeys(self)
        if self._lock:  # only the process that owns the workspace does housekeeping, not its helpers
            self.maintenance.purge()  # noted but not done when the app was killed
            if not copy:
                clear_stale(self.path.parent, older_than=0, prefix=f".{self.path.name}{MARK}")  # a restore cut short
                self.maintenance.erase_from_backups()  # likewise
                if passphrase is not None:
                    encrypt_plain_backups(self.path, passphrase)  # left plain by an encryption cut short
        self.bulk = Bulk(self)
        self.candidate_lists = CandidateLists(self)
        self.listing = Listing(self)
        self.reporting = Reporting(self)
        self.retention = Retention(self)

    @classmethod
    def open(cls, path: Path | str, lock: bool = True, passphrase: str | None = None) -> Store:
        """Opens (creating and migrating as needed) the workspace at ``path``, encrypted with ``passphrase`` (a
        new workspace is created encrypted with it). ``lock=False`` is for a second connection inside the
        process that already holds the workspace lock (``sibling``)."""
        return cls(Path(path), lock, passphrase)

    @classmethod
    def open_copy(cls, path: Path | str, passphrase: str | None = None) -> Store:
        """Opens a backup (or a copy about to be restored) as a workspace, to check it or hold it to the erasure
        ledger: migrated without a backup of its own, and left in a single file when closed."""
        return cls(Path(path), True, passphrase, copy=True)

    def sibling(self) -> Store:
        """Another connection to this workspace with the same key, for work off the GUI thread."""
        return Store(self.path, lock=False, passphrase=self.passphrase)

    @cached_property
    def _transactions(self):
        """sqlite-utils runs the transactions and savepoints; it loads at the first write, so a command that
        only reads never imports it."""
        from consultant_app.store.sqlite_utils_lite import wrap

        return wrap(self.db)

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    @contextmanager
    def write(self, *areas: str) -> Iterator[Changes]:
        """The one door for every change: a transaction (a savepoint inside another write) that collects the
        areas it touched. After the outermost commit only, a requested purge runs and listeners hear the set of
        areas once. Database errors become plain messages; the outermost write raises ``WorkspaceLost`` if
        another program removed or replaced the file or its log (``watchdog``)."""
        outermost = self._changes is None
        if outermost:
            self.watch.verify()
            self._changes = Changes()
        changes = self._changes
        changes.touch(*areas)
        try:
            with self._transactions.atomic():
                yield changes
            if outermost:
                self.watch.verify()  # a log removed during the transaction took the commit with it
        except WorkspaceError:
            raise
        except sqlite.DatabaseError as exc:  # from sqlite-utils' own handling of a savepoint
            raise WorkspaceError(plain_error(exc, self.path)) from exc
        finally:
            if outermost:
                self._changes = None
        if outermost:
            self._after_commit(changes)

    def _after_commit(self, changes: Changes) -> None:
        if changes.areas & {"clients", "roles", "candidates", "interviews"}:
            self.identities.forget()
        if changes.purge:
            self.maintenance.purge()
            if self._lock and not self.erase_copies_later:
                self.maintenance.erase_from_backups()
        if changes.areas:
            for listener in list(self._listeners):
                listener(frozenset(changes.areas))

    def is_empty(self) -> bool:
        return not self.clients.list(include_archived=True)

    def subscribe(self, listener: Callable[[frozenset[str]], None]) -> None:
        """``listener`` hears, after each committed write, the set of areas it touched."""
        self._listeners.append(listener)

    def close(self) -> None:
        """Closes the workspace. Housekeeping that fails here (a full disk) is left for the next open:
        a pending purge stays noted in the file, and what was saved is saved."""
        if self.db is None:
            return
        try:
            with suppress(WorkspaceError, sqlite.DatabaseError):
                if self._lock:
                    self.maintenance.purge()
                self.db.execute("PRAGMA optimize")
                if self.is_copy:
                    self.db.execute("PRAGMA journal_mode = DELETE")
        finally:
            self.db.close()
            self.db = None
            if self._lock:
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
