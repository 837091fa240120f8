"""Encryption at rest: an encrypted workspace, its log and its backups hold no plaintext; the wrong passphrase
opens nothing and changes nothing; a plain workspace is encrypted in place with all its backups; the passphrase
can be changed, backups included."""

from pathlib import Path

import pytest

from consultant_app.paths import backup_dir
from consultant_app.store import Store
from consultant_app.store.backups import list_backups
from consultant_app.store.encryption import change_passphrase, check_new_passphrase, encrypt_in_place
from consultant_app.store.engine import SQLITE_HEADER, is_encrypted
from consultant_app.store.errors import PassphraseNeeded, WorkspaceError, WrongPassphrase
from consultant_app.store.restoring import restore
from tests.store.builders import add_note, client_with_interview

SECRET = "correct horse battery staple"
WORDS = (b"Quarternack", b"Northwind", b"Whitfield", b"bananafish", b"zeb@example.org", b"SQLite format 3")


def managed_bytes(workspace: Path) -> dict[str, bytes]:
    files = [p for p in workspace.parent.glob(workspace.name + "*") if p.is_file()]
    files += [p for p in backup_dir(workspace).rglob("*") if p.is_file()]
    return {p.name: p.read_bytes() for p in files}


def plaintext_in(workspace: Path) -> list[str]:
    return [f"{name}: {w.decode()}" for name, data in managed_bytes(workspace).items() for w in WORDS if w in data]


def fill(store: Store) -> None:
    _, _, interview = client_with_interview(store)
    for i in range(50):
        add_note(store, interview, f"The bananafish offer number {i} was better, said Zebulon Quarternack")


def test_an_encrypted_workspace_its_log_and_backups_hold_no_plaintext(workspace_path):
    with Store.open(workspace_path, passphrase=SECRET) as store:
        fill(store)
        assert (workspace_path.parent / (workspace_path.name + "-wal")).exists()
        assert plaintext_in(workspace_path) == []  # the log too, while the workspace is open
        store.maintenance.backup()
        store.maintenance.automatic_backup()
        assert store.search.query("bananafish")
    assert len(list_backups(workspace_path)) == 2
    assert plaintext_in(workspace_path) == []


def test_the_wrong_passphrase_opens_nothing_and_changes_nothing(workspace_path):
    with Store.open(workspace_path, passphrase=SECRET) as store:
        fill(store)
    before = workspace_path.read_bytes()
    with pytest.raises(WrongPassphrase, match="does not open"):
        Store.open(workspace_path, passphrase="not the passphrase")
    with pytest.raises(PassphraseNeeded, match="is encrypted"):
        Store.open(workspace_path)
    assert workspace_path.read_bytes() == before
    assert sorted(p.name for p in workspace_path.parent.iterdir()) == [workspace_path.name]


def test_a_plain_workspace_is_encrypted_in_place_with_every_backup(workspace_path):
    with Store.open(workspace_path) as store:
        fill(store)
        store.maintenance.backup()
        store.maintenance.automatic_backup()
    assert plaintext_in(workspace_path)
    safety = encrypt_in_place(workspace_path, SECRET)
    assert is_encrypted(workspace_path) and safety.exists() and is_encrypted(safety)
    assert plaintext_in(workspace_path) == []
    assert len(list_backups(workspace_path)) == 3
    with Store.open(workspace_path, passphrase=SECRET) as store:
        assert len(store.search.query("bananafish", limit=100)) == 50
        assert store.maintenance.check().ok
        assert any(e.action == "encrypt-workspace" for e in store.audit.entries())
    for backup in list_backups(workspace_path):
        with Store.open_copy(backup.path, SECRET) as copy:
            assert copy.maintenance.check().counts["notes"] == 50


def test_encrypting_needs_a_real_passphrase_and_a_plain_workspace(workspace_path):
    with Store.open(workspace_path) as store:
        fill(store)
    before = workspace_path.read_bytes()
    with pytest.raises(ValueError, match="at least 10"):
        encrypt_in_place(workspace_path, "short")
    assert workspace_path.read_bytes() == before
    encrypt_in_place(workspace_path, SECRET)
    with pytest.raises(WorkspaceError, match="already encrypted"):
        encrypt_in_place(workspace_path, SECRET)
    with pytest.raises(ValueError, match="differ"):
        check_new_passphrase(SECRET, SECRET + "!")


def test_changing_the_passphrase_rekeys_the_workspace_and_every_backup(workspace_path):
    new = "a different long passphrase"
    with Store.open(workspace_path, passphrase=SECRET) as store:
        fill(store)
        store.maintenance.backup()
        assert change_passphrase(store, new) == 1
        add_note(store, store.interviews.for_client(store.clients.list()[0].id)[0], "typed after the change")
    with pytest.raises(WrongPassphrase):
        Store.open(workspace_path, passphrase=SECRET)
    with Store.open(workspace_path, passphrase=new) as store:
        assert store.search.query("typed after the change")
    [backup] = list_backups(workspace_path)
    with pytest.raises(WrongPassphrase):
        Store.open_copy(backup.path, SECRET)
    with Store.open_copy(backup.path, new) as copy:
        assert copy.maintenance.check().ok


def test_an_encrypted_backup_restores_with_the_workspace_passphrase(workspace_path):
    with Store.open(workspace_path, passphrase=SECRET) as store:
        fill(store)
        backup = store.maintenance.backup()
        store.notes.delete(
            store.notes.for_interview(store.interviews.for_client(store.clients.list()[0].id)[0].id)[0].id
        )
    with pytest.raises(WorkspaceError, match="not a Debrief backup"):
        restore(backup, workspace_path)  # without the passphrase
    restore(backup, workspace_path, SECRET)
    with Store.open(workspace_path, passphrase=SECRET) as store:
        assert store.maintenance.check().counts["notes"] == 50
    assert plaintext_in(workspace_path) == []
    assert not workspace_path.read_bytes().startswith(SQLITE_HEADER)
