"""Backups are consistent copies that open and pass the check; restore keeps the replaced file."""

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from consultant_app.domain.model import Client
from consultant_app.paths import backup_dir
from consultant_app.store import Store, WorkspaceError
from consultant_app.store.backups import KEEP as KEEP_AUTOMATIC
from consultant_app.store.restoring import restore


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


def _bad_backups(tmp_path, good: Path) -> dict:
    """Backups that must never replace a workspace: another program's database, one written by a newer Debrief,
    one whose search index does not match its records, and one whose pages are damaged."""
    import shutil
    import sqlite3

    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.db"
    shutil.copy(good, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('debrief', 'm999', 'x')")
    unchecked = tmp_path / "unchecked.db"
    shutil.copy(good, unchecked)
    with sqlite3.connect(unchecked) as conn:
        conn.execute("DELETE FROM search_index")
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    return {
        "another program's database": foreign,
        "written by a newer version": newer,
        "fails its check": unchecked,
        "damaged": damaged,
    }


@pytest.mark.parametrize(
    "kind", ["another program's database", "written by a newer version", "fails its check", "damaged"]
)
def test_a_bad_backup_is_refused_before_the_workspace_is_touched(workspace_path, tmp_path, kind):
    from tests.store.builders import add_note, client_with_interview

    with Store.open(workspace_path) as s:
        _, _, interview = client_with_interview(s)
        for i in range(40):
            add_note(s, interview, f"note {i} " * 50)
        good = s.maintenance.backup(tmp_path / "good.db")
        s.clients.save(Client(name="Current"))
    before = workspace_path.read_bytes()
    with pytest.raises(WorkspaceError, match="was not restored"):
        restore(_bad_backups(tmp_path, good)[kind], workspace_path)
    assert workspace_path.read_bytes() == before
    with Store.open(workspace_path) as s:
        assert "Current" in {c.name for c in s.clients.list()} and s.maintenance.check().ok
    assert not [p for p in workspace_path.parent.iterdir() if "debrief-partial" in p.name]


def test_a_backup_can_be_taken_while_another_process_has_the_workspace_open(workspace_path, tmp_path):
    """The command line's backup reads through its own read-only connection: it needs no lock and writes
    nothing to the workspace, so it works beside the running app."""
    import subprocess
    import sys

    from consultant_app.store.maintenance import backup_open_workspace

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from consultant_app.store import Store; "
            "from consultant_app.domain.model import Client; s = Store.open(sys.argv[1]); "
            "s.clients.save(Client(name='Written by the app')); print('open', flush=True); "
            "sys.stdin.read()",
            str(workspace_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        made = backup_open_workspace(workspace_path, tmp_path / "online.db")
        cli = subprocess.run(
            [sys.executable, "-m", "consultant_app", "--db", str(workspace_path), "backup", "--to", str(tmp_path)],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert cli.returncode == 0 and "Backup written to" in cli.stdout, cli.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store.open(made) as copy:
        assert [c.name for c in copy.clients.list()] == ["Written by the app"] and copy.maintenance.check().ok
    assert len(list(tmp_path.glob("workspace-*.db"))) == 1


def test_what_left_the_firm_stays_on_record_through_a_restore(workspace_path, tmp_path):
    """A release made after the backup is still in the ledger (and the audit log) once the backup is restored,
    so the same report one interview apart is still refused."""
    from consultant_app.domain.model import Candidate, Interview
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report
    from consultant_app.store.releases import ReleaseTooClose

    def completed(store, client, n):
        person = store.candidates.save(Candidate(client_id=client.id, full_name=f"Person {n} Zulu"))
        store.interviews.save(Interview(candidate_id=person.id, status="completed", conducted_at="2026-03-04T10:00"))

    with Store.open(workspace_path) as s:
        client = s.clients.save(Client(name="Northwind"))
        for n in range(8):
            completed(s, client, n)
        backup = s.maintenance.backup(tmp_path / "b.db")
        completed(s, client, 8)
        generate_report(s, ReportRequest(client.id, tmp_path / "r.pdf"))
    restore(backup, workspace_path)
    with Store.open(workspace_path) as s:
        assert [r.file for r in s.releases.list(client.id)] == ["r.pdf"]
        assert any(e.action == "report" for e in s.audit.entries())
        completed(s, client, 9)  # the ninth person is in the backup no more: the tenth makes one apart
        with pytest.raises(ReleaseTooClose):
            generate_report(s, ReportRequest(client.id, tmp_path / "again.pdf"))
