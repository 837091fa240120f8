"""Erasure reaches every copy the app manages, and nothing brings an erased person back: every backup (daily,
manual, before a schema step, replaced by a restore) is held to the erasure ledger, a restore of an older backup
and a re-import of an older interchange file leave the erased erased, and the bytes of the workspace, its log
and every backup hold none of the person's identity — plain or encrypted."""

import subprocess
import sys
from pathlib import Path

import pytest

from consultant_app.interchange import export_file, import_file
from consultant_app.paths import backup_dir
from consultant_app.store import Store
from consultant_app.store.backups import KEEP, list_backups
from consultant_app.store.engine import connect
from consultant_app.store.restoring import restore
from tests.store.builders import add_note, client_with_interview

IDENTITY = (b"Quarternack", b"quarternack", b"Zebulon", b"zebulon", b"zeb@example.org", b"7654321")
ROOT = Path(__file__).resolve().parents[2]


def every_managed_byte(workspace: Path) -> dict[str, bytes]:
    """The workspace, its -wal and -shm, and every file in its backups folder."""
    files = [p for p in workspace.parent.glob(workspace.name + "*") if p.is_file()]
    files += [p for p in backup_dir(workspace).rglob("*") if p.is_file()]
    return {str(p): p.read_bytes() for p in files}


def identity_found(workspace: Path) -> list[str]:
    return [
        f"{name}: {marker.decode()}"
        for name, data in every_managed_byte(workspace).items()
        for marker in IDENTITY
        if marker in data
    ]


def vocabulary(path: Path, passphrase: str | None = None) -> set[str]:
    conn = connect(path, passphrase)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_index, row)")
        return {r[0] for r in conn.execute("SELECT term FROM temp.v")}
    finally:
        conn.close()


def person_with_backups(workspace: Path, disclosure: str, passphrase: str | None = None):
    """A candidate who said things, and every kind of backup taken while their identity was stored."""
    with Store.open(workspace, passphrase=passphrase) as store:
        _, candidate, interview = client_with_interview(store, disclosure=disclosure)
        for i in range(30):
            add_note(store, interview, f"Zebulon Quarternack (zeb@example.org) said canary{i}", visibility="internal")
        store.maintenance.automatic_backup()
        store.maintenance.backup()
        folder = backup_dir(workspace)
        pre = folder / f"{workspace.stem}-before-m999_future-20260101-000000.db"
        store.maintenance.backup(pre)
    return candidate, interview


@pytest.mark.parametrize("passphrase", [None, "correct horse battery staple"])
def test_erasing_a_candidate_reaches_every_backup(workspace_path, passphrase):
    candidate, _ = person_with_backups(workspace_path, "confidential", passphrase)
    assert identity_found(workspace_path) if passphrase is None else True
    with Store.open(workspace_path, passphrase=passphrase) as store:
        store.candidates.erase(candidate.id)
        assert not store.maintenance.backups_pending()
    assert identity_found(workspace_path) == []
    kinds = {b.kind for b in list_backups(workspace_path)}
    assert kinds == {"automatic", "manual", "before a schema step"}
    for backup in list_backups(workspace_path):
        assert not {"quarternack", "zebulon"} & vocabulary(backup.path, passphrase)
        with Store.open_copy(backup.path, passphrase) as copy:
            assert not copy.candidates.exists(candidate.id) and copy.maintenance.check().ok


def test_an_anonymous_completion_reaches_every_backup(workspace_path):
    candidate, interview = person_with_backups(workspace_path, "anonymous")
    assert identity_found(workspace_path)
    with Store.open(workspace_path) as store:
        interview.status = "completed"
        store.interviews.save(interview)
        pseudonym = store.candidates.get(candidate.id).full_name
    assert identity_found(workspace_path) == []
    for backup in list_backups(workspace_path):
        with Store.open_copy(backup.path) as copy:
            assert copy.candidates.get(candidate.id).full_name == pseudonym  # the same pseudonym everywhere


def test_restoring_an_older_backup_does_not_bring_an_erased_candidate_back(workspace_path):
    candidate, _ = person_with_backups(workspace_path, "confidential")
    older = list_backups(workspace_path)[0].path
    saved = older.with_name("kept-outside.db")
    saved.write_bytes(older.read_bytes())  # a copy the app does not manage, taken before the erasure
    with Store.open(workspace_path) as store:
        store.candidates.erase(candidate.id)
    restore(saved, workspace_path)
    with Store.open(workspace_path) as store:
        assert not store.candidates.exists(candidate.id)
        assert store.search.query("quarternack") == [] and store.maintenance.check().ok
        assert store.erasures.all()[candidate.id].kind == "erased"
    saved.unlink()
    assert identity_found(workspace_path) == []
    assert any(b.kind == "replaced by a restore" for b in list_backups(workspace_path))


def test_restoring_keeps_an_anonymous_identity_erased(workspace_path):
    candidate, interview = person_with_backups(workspace_path, "anonymous")
    older = list_backups(workspace_path)[0].path
    saved = older.with_name("kept-outside.db")
    saved.write_bytes(older.read_bytes())
    with Store.open(workspace_path) as store:
        interview.status = "completed"
        store.interviews.save(interview)
        pseudonym = store.candidates.get(candidate.id).full_name
    restore(saved, workspace_path)
    saved.unlink()
    with Store.open(workspace_path) as store:
        restored = store.candidates.get(candidate.id)
        assert restored.full_name == pseudonym and restored.email is None and restored.identity_erased
    assert identity_found(workspace_path) == []


def test_reimporting_an_older_file_skips_the_erased_and_says_so(workspace_path, tmp_path):
    candidate, _ = person_with_backups(workspace_path, "confidential")
    older = tmp_path / "older.json"
    with Store.open(workspace_path) as store:
        export_file(store, older)
        store.candidates.erase(candidate.id)
        result = import_file(store, older)
        assert not store.candidates.exists(candidate.id)
        assert "1 candidate skipped: erased on " in result.summary()
        assert result.skipped_records == 31  # the interview and its 30 notes
        assert store.search.query("quarternack") == []


def test_an_erased_person_under_a_new_id_is_recognised_by_their_email(workspace_path, tmp_path):
    import json

    candidate, _ = person_with_backups(workspace_path, "confidential")
    older = tmp_path / "older.json"
    with Store.open(workspace_path) as store:
        export_file(store, older)
        store.candidates.erase(candidate.id)
    doc = json.loads(older.read_text())
    doc["clients"][0]["candidates"][0]["id"] = "a-new-id-from-the-client-list"
    older.write_text(json.dumps(doc))
    with Store.open(workspace_path) as store:
        result = import_file(store, older)
        assert not store.candidates.exists("a-new-id-from-the-client-list")
        assert sum(result.skipped.values()) == 1


def test_reimporting_keeps_an_anonymous_identity_erased(workspace_path, tmp_path):
    candidate, interview = person_with_backups(workspace_path, "anonymous")
    older = tmp_path / "older.json"
    with Store.open(workspace_path) as store:
        export_file(store, older)
        interview.status = "completed"
        store.interviews.save(interview)
        pseudonym = store.candidates.get(candidate.id).full_name
        store.candidates.erase(candidate.id, reason="test")  # even gone entirely, the file does not restore it
        store.db.execute("DELETE FROM erasure_ledger WHERE candidate_id = ?", [candidate.id])
    with Store.open(workspace_path) as store:
        with store.write():
            store.erasures.record(candidate.id, "identity", "anonymous interview completed", (), pseudonym)
        import_file(store, older)
        back = store.candidates.get(candidate.id)
        assert back.full_name == pseudonym and back.email is None and back.phone is None
        assert store.search.query("quarternack") == []


def test_manual_and_pre_migration_backups_are_pruned_like_the_daily_ones(store):
    folder = backup_dir(store.path)
    for day in range(1, KEEP + 4):
        store.maintenance.backup(folder / f"{store.path.stem}-202601{day:02}-120000.db")
        store.maintenance.backup(folder / f"{store.path.stem}-before-m00{day % 9}_x-202601{day:02}-120000.db")
    kinds = [b.kind for b in list_backups(store.path)]
    assert kinds.count("manual") == KEEP and kinds.count("before a schema step") == KEEP
    newest = max(b.made for b in list_backups(store.path))
    assert newest.day == KEEP + 3  # the oldest went, not the newest


KILL_BEFORE_BACKUPS = """
import os, signal, sys
from consultant_app.store import Store
from consultant_app.store.maintenance import Maintenance

store = Store.open(sys.argv[1])
Maintenance.erase_from_backups = lambda self: os.kill(os.getpid(), signal.SIGKILL)
store.candidates.erase(sys.argv[2])
"""


def test_a_kill_before_the_backups_are_held_to_the_ledger_is_finished_at_the_next_open(workspace_path):
    candidate, _ = person_with_backups(workspace_path, "confidential")
    child = subprocess.run(
        [sys.executable, "-c", KILL_BEFORE_BACKUPS, str(workspace_path), candidate.id], cwd=ROOT, timeout=60
    )
    assert child.returncode == -9
    assert any("backups" in found or "before" in found for found in identity_found(workspace_path))
    with Store.open(workspace_path, lock=False) as helper:  # a connection that does no housekeeping
        assert any("has not reached every backup" in p for p in helper.maintenance.check().problems)
    with Store.open(workspace_path) as store:
        assert not store.maintenance.backups_pending()
    assert identity_found(workspace_path) == []


def test_nothing_made_after_an_erasure_holds_the_person(workspace_path, tmp_path):
    """Exports, reports and datasets made after an erasure and an anonymous completion: every byte is searched."""
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset
    from consultant_app.demo import create_demo_workspace
    from consultant_app.domain.requests import DatasetRequest, ReportRequest
    from consultant_app.reports.generate import generate_report

    with Store.open(workspace_path) as store:
        create_demo_workspace(store, 2, 60, 3)
        _, gone, _ = client_with_interview(store, disclosure="confidential")
        _, anonymous, call = client_with_interview(store, disclosure="anonymous", name="Yolanda Brightwater")
        add_note(store, call, "Yolanda Brightwater thinks the offer was late", visibility="shareable")
        store.candidates.erase(gone.id)
        call.status = "completed"
        store.interviews.save(call)
        store.firm.update(review_quotes=False)  # every shareable quote may print
        export_file(store, tmp_path / "everything.json")
        client = store.clients.list()[0]
        generate_report(store, ReportRequest(client.id, tmp_path / "report.pdf"))
        manifest_dir = tmp_path / "dataset"
        request = DatasetRequest(None, folder=manifest_dir, xlsx=True, profile="researcher")
        write_dataset(store, plan_dataset(store, request), manifest_dir, xlsx=True)
    made = [p for p in tmp_path.rglob("*") if p.is_file()] + list(workspace_path.parent.glob("workspace.db*"))
    markers = (*IDENTITY, b"Brightwater", b"brightwater", b"Yolanda")
    assert [f"{p.name}: {m.decode()}" for p in made for m in markers if m in p.read_bytes()] == []


def test_holding_copies_to_the_ledger_leaves_living_namesakes_alone(workspace_path, tmp_path):
    """An erased Jonas Quarternack: an older file imported back redacts him where he is named, but Jonas Costa, a
    candidate still in the workspace, keeps his name in his own words, in the workspace and in every backup."""
    from consultant_app.domain.model import Candidate

    older = tmp_path / "older.json"
    with Store.open(workspace_path) as store:
        client, gone, interview = client_with_interview(store, name="Jonas Quarternack")
        living = store.candidates.save(
            Candidate(client_id=client.id, full_name="Jonas Costa", email="jc@example.org", disclosure="named")
        )
        talk = store.interviews.save(type(interview)(candidate_id=living.id, status="scheduled"))
        own = add_note(store, talk, "My name is Jonas Costa and Jonas Quarternack (zeb@example.org) referred me")
        store.maintenance.backup()
        export_file(store, older)
        store.candidates.erase(gone.id)
        assert store.notes.get(own.id).text == "My name is Jonas Costa and [name] ([email]) referred me"
        import_file(store, older)
        assert store.notes.get(own.id).text == "My name is Jonas Costa and [name] ([email]) referred me"
    [backup] = list_backups(workspace_path)
    with Store.open_copy(backup.path) as copy:
        assert copy.notes.get(own.id).text == "My name is Jonas Costa and [name] ([email]) referred me"
