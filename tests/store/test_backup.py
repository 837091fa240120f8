"""Backups are consistent copies that open and pass the check; restore keeps the replaced file."""

import os
import time
from datetime import datetime, timedelta

import pytest

from consultant_app.domain.model import Client
from consultant_app.paths import backup_dir
from consultant_app.store import Store, WorkspaceError
from consultant_app.store.maintenance import KEEP_AUTOMATIC, restore


def test_backup_opens_and_passes_the_check(store, tmp_path):
    store.clients.save(Client(name="Kept", id="c1"))
    made = store.maintenance.backup(tmp_path / "copy.db")
    with Store.open(made) as copy:
        assert copy.clients.get("c1").name == "Kept"
        assert copy.maintenance.check().ok


def test_restore_replaces_the_workspace_and_keeps_the_old_one(workspace_path, tmp_path):
    with Store.open(workspace_path) as s:
        s.clients.save(Client(name="Old", id="c1"))
        backup = s.maintenance.backup(tmp_path / "b.db")
        s.clients.save(Client(name="Newer", id="c2"))
    kept = restore(backup, workspace_path)
    with Store.open(workspace_path) as s:
        assert [c.name for c in s.clients.list()] == ["Old"]
    with Store.open(kept) as s:
        assert {c.name for c in s.clients.list()} == {"Old", "Newer"}


def test_restoring_something_that_is_not_a_backup_changes_nothing(workspace_path, tmp_path):
    with Store.open(workspace_path) as s:
        s.clients.save(Client(name="Safe"))
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all")
    with pytest.raises(WorkspaceError, match="not a Debrief backup"):
        restore(bogus, workspace_path)
    with Store.open(workspace_path) as s:
        assert [c.name for c in s.clients.list()] == ["Safe"]


def test_automatic_backups_are_daily_and_rotated(store):
    first = store.maintenance.automatic_backup()
    assert first is not None and store.maintenance.automatic_backup() is None
    for day in range(1, KEEP_AUTOMATIC + 3):
        made = store.maintenance.automatic_backup(now=datetime.now() + timedelta(days=day))
        stamp = time.time() + day * 86400
        os.utime(made, (stamp, stamp))
    assert len(list(backup_dir(store.path).glob("auto-*.db"))) == KEEP_AUTOMATIC
