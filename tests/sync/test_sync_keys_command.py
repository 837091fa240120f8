"""``consultant-app sync-keys`` as a lead and a consultant run it, in fresh processes: the lead creates the keys
and gets the firm key in a file only they can read, the consultant joins with it, the lead puts them on one
client by names, and after syncing the consultant's laptop holds that client alone; every mistake is one plain
line that changes nothing."""

import os
import stat

from consultant_app.store import Store
from tests.sync.test_sync_command import run


def test_a_lead_and_a_consultant_set_up_the_firms_sync_from_a_terminal(tmp_path):
    lead, ana, folder, key = tmp_path / "lead.db", tmp_path / "ana.db", tmp_path / "Sync", tmp_path / "firm.key"
    run("--db", str(lead), "demo", "--interviews", "12", "--clients", "2")
    run("--db", str(ana), "clients")
    created = run("--db", str(lead), "sync-keys", "create", "--name", "Lea Lead", "--key-file", str(key))
    assert "hand it to each consultant" in created.stdout
    assert key.read_text().startswith("AGE-SECRET-KEY-1")
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    run("--db", str(ana), "sync-keys", "join", str(key), "--name", "Ana Ruiz")
    for db in (lead, ana, lead):
        run("--db", str(db), "sync", str(folder))
    with Store.open(lead) as store:
        first, second = sorted(store.clients.list(), key=lambda c: c.name)
    assigned = run("--db", str(lead), "sync-keys", "assign", first.name, "ana ruiz")
    assert f"Ana Ruiz now reads {first.name}" in assigned.stdout
    for db in (lead, ana, lead, ana):
        run("--db", str(db), "sync", str(folder))
    assert first.name in counts_of(ana) and second.name not in counts_of(ana)
    status = run("--db", str(lead), "sync-keys").stdout
    assert "Lea Lead (you): lead, reads every client" in status and f"Ana Ruiz: {first.name}" in status
    run("--db", str(lead), "sync-keys", "unassign", first.name, "Ana Ruiz")
    for db in (lead, ana):
        run("--db", str(db), "sync", str(folder))
    assert first.name not in counts_of(ana)


def counts_of(db) -> str:
    return run("--db", str(db), "clients").stdout


def test_mistakes_are_one_plain_line_and_change_nothing(tmp_path):
    lead, key = tmp_path / "lead.db", tmp_path / "firm.key"
    run("--db", str(lead), "demo", "--interviews", "5", "--clients", "1")
    (tmp_path / "junk.key").write_text("hello")
    mistakes = [
        ("sync-keys", "create", "--key-file", str(key)),  # no name
        ("sync-keys", "create", "--name", "Lea", "--key-file", str(tmp_path / "no" / "such" / "folder.key")),
        ("sync-keys", "join", str(tmp_path / "missing.key"), "--name", "Ana"),
        ("sync-keys", "join", str(tmp_path / "junk.key"), "--name", "Ana"),
        ("sync-keys", "assign", "Nobody", "Ana"),
        ("sync-keys", "firm-key", "--key-file", str(key)),
    ]
    for args in mistakes:
        result = run("--db", str(lead), *args, ok=False)
        assert result.returncode == 1 and len(result.stderr.splitlines()) == 1, (args, result.stderr)
    assert not key.exists()
    assert "no firm sync keys" in run("--db", str(lead), "sync-keys").stdout
