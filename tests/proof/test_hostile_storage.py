"""A full disk and a read-only disk, for real: the workspace lives on a small RAM disk (tmpfs)
that fills up, or is remounted read-only. Saving fails with a plain message, nothing that was
saved is lost, and saving resumes once there is room. Needs permission to mount (CI runs as root);
elsewhere these tests are skipped with the reason."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from consultant_app.session import CallSession
from consultant_app.store import Store, WorkspaceError
from tests.store.builders import add_note, client_with_interview


@pytest.fixture
def ram_disk(tmp_path):
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a small RAM disk here: " + made.stderr.decode(errors="replace").strip())
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_full_disk_fails_plainly_loses_nothing_and_resumes(ram_disk):
    filler = ram_disk / "filler.bin"
    with Store.open(ram_disk / "w.db") as store:
        _, _, interview = client_with_interview(store)
        kept = add_note(store, interview, "Saved before the disk filled up")
        session = CallSession(store, interview.id)
        filler.write_bytes(b"\0" * (1024 * 1024))
        with pytest.raises(WorkspaceError, match="The disk is full"):
            for i in range(200):
                session.add_note("right", f"{i} " + "long answer " * 4000)
                session.flush()
        assert session.dirty  # the unsaved note is still in memory, ready for the retry
        pending = session.notes[-1]
        filler.unlink()
        session.flush()
        assert not session.dirty and store.notes.get(pending.id).text == pending.text
        assert store.notes.get(kept.id).text == "Saved before the disk filled up"
        assert store.maintenance.check().ok


def test_a_read_only_disk_is_refused_plainly_and_left_unchanged(ram_disk):
    with Store.open(ram_disk / "w.db") as store:
        client_with_interview(store)
    before = {p.name: p.read_bytes() for p in ram_disk.iterdir()}
    subprocess.run(["mount", "-o", "remount,ro", str(ram_disk)], check=True)
    with pytest.raises(WorkspaceError, match="read-only"):
        Store.open(ram_disk / "w.db")
    result = subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(ram_disk / "w.db"), "clients"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 1 and "read-only" in result.stderr and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in ram_disk.iterdir()} == before


def _cli(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )


def test_an_import_that_fills_the_disk_changes_nothing_and_leaves_no_audit_entry(ram_disk, tmp_path):
    import json

    from consultant_app.interchange import export_document

    with Store.open(ram_disk / "w.db") as store:
        _, _, interview = client_with_interview(store)
        for i in range(6):
            add_note(store, interview, f"note {i} " + "long answer " * 5000)
        doc = export_document(store)
        audit = [(e.action, e.detail) for e in store.audit.entries()]
    for note in doc["clients"][0]["candidates"][0]["interviews"][0]["notes"]:
        note["id"] += "-copy"
    (tmp_path / "big.json").write_text(json.dumps(doc))
    free = os.statvfs(ram_disk).f_bavail * os.statvfs(ram_disk).f_frsize
    (ram_disk / "filler.bin").write_bytes(b"\0" * max(0, free - 400_000))  # room for less than the import
    result = _cli(ram_disk / "w.db", "import", str(tmp_path / "big.json"))
    assert result.returncode == 1 and result.stderr.startswith("error: The disk is full"), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    (ram_disk / "filler.bin").unlink()
    with Store.open(ram_disk / "w.db") as store:
        assert [(e.action, e.detail) for e in store.audit.entries()] == audit
        assert len(store.notes.for_interview(interview.id)) == 6 and store.maintenance.check().ok


def test_a_backup_to_a_full_disk_is_refused_plainly_and_leaves_nothing(ram_disk, tmp_path):
    with Store.open(tmp_path / "w.db") as store:
        _, _, interview = client_with_interview(store)
        for i in range(12):
            add_note(store, interview, f"note {i} " + "long answer " * 40000)
    result = _cli(tmp_path / "w.db", "backup", "--to", str(ram_disk))
    assert result.returncode == 1 and "Could not write the backup" in result.stderr
    assert "The disk is full" in result.stderr and "I/O" not in result.stderr, result.stderr
    assert list(ram_disk.iterdir()) == []
