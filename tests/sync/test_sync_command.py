"""``consultant-app sync FOLDER`` as consultants run it, in fresh processes on two laptops' workspaces sharing one
folder: the second laptop gets the first one's clients and interviews; an erasure on the first removes the person
from the second; a bundle the replication engine has only half copied is waited for; bad input (a file for a
folder, an encrypted workspace, whose changes would leave unencrypted) is one plain line and sends nothing."""

import os
import subprocess
import sys
from pathlib import Path

from consultant_app.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, ok: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "consultant_app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, **(env or {})),
    )
    assert "Traceback" not in result.stderr, result.stderr
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def counts(db: Path) -> str:
    return run("--db", str(db), "clients").stdout


def test_a_second_laptop_gets_the_first_ones_work_and_its_erasures(tmp_path):
    ana, ben, folder = tmp_path / "ana.db", tmp_path / "ben.db", tmp_path / "Sync"
    run("--db", str(ana), "demo", "--interviews", "40", "--clients", "2")
    sent = run("--db", str(ana), "sync", str(folder)).stdout
    assert sent.startswith(f"Synced with {folder}: sent ") and "took in 0 changes from 0 bundles" in sent
    took = run("--db", str(ben), "sync", str(folder)).stdout
    assert "sent 0 changes, took in " in took and took.rstrip().endswith("from 1 bundle.")
    assert counts(ben) == counts(ana)
    run("--db", str(ana), "sync", str(folder))
    with Store.open(ana) as store, Store.open(ben) as other:  # a new laptop's default profile overrides nothing
        assert store.firm.get().name == other.firm.get().name != "Your research firm"
    with Store.open(ana) as store:
        candidate = store.candidates.for_client(store.clients.list()[0].id)[0]
    run("--db", str(ana), "erase-candidate", candidate.id)
    run("--db", str(ana), "sync", str(folder))
    run("--db", str(ben), "sync", str(folder))
    with Store.open(ben) as store:
        assert not store.candidates.exists(candidate.id)
    assert counts(ben) == counts(ana)


def test_a_half_copied_bundle_is_waited_for(tmp_path):
    ana, ben, folder = tmp_path / "ana.db", tmp_path / "ben.db", tmp_path / "Sync"
    run("--db", str(ana), "demo", "--interviews", "20", "--clients", "1")
    run("--db", str(ana), "sync", str(folder))
    [bundle] = folder.rglob("*.bundle")
    whole = bundle.read_bytes()
    bundle.write_bytes(whole[: len(whole) // 2])  # the replication engine is still copying it
    assert "took in 0 changes from 0 bundles" in run("--db", str(ben), "sync", str(folder)).stdout
    bundle.write_bytes(whole)
    assert "from 1 bundle." in run("--db", str(ben), "sync", str(folder)).stdout
    assert counts(ben) == counts(ana)


def test_bad_input_is_one_plain_line_and_sends_nothing(tmp_path):
    ana, folder = tmp_path / "ana.db", tmp_path / "Sync"
    run("--db", str(ana), "demo", "--interviews", "5", "--clients", "1")
    (tmp_path / "a-file").write_text("not a folder")
    result = run("--db", str(ana), "sync", str(tmp_path / "a-file"), ok=False)
    assert (
        result.returncode == 1
        and result.stderr == f"error: {tmp_path / 'a-file'} is a file, not a folder; nothing was sent.\n"
    )
    secret = tmp_path / "secret.db"
    env = {"CONSULTANT_APP_PASSPHRASE": "correct horse battery staple"}
    run("--db", str(secret), "demo", "--interviews", "5", "--clients", "1", env=env)
    result = run("--db", str(secret), "sync", str(folder), ok=False, env=env)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1 and "encrypted" in result.stderr
    assert not folder.exists() or list(folder.rglob("*.bundle")) == []
