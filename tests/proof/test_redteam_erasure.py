"""Red-team pass on issue 16's two promises: an erased person is in no byte the app manages and nothing (restore,
import) brings them back; an encrypted workspace's bytes hold no plaintext, and a wrong or missing passphrase is one
plain line. Each test is one attack that got through when it was written (real files, real processes, kills at a
fixed point as in ``test_erasure_sticks``); each says what leaked and where."""

import hashlib
import json
import os
import pty
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

from consultant_app.domain.model import Candidate, Client, Interview
from consultant_app.interchange import export_file, import_file
from consultant_app.paths import backup_dir
from consultant_app.session import CallSession
from consultant_app.store import Store, WorkspaceLost
from consultant_app.store.encryption import change_passphrase
from consultant_app.store.restoring import restore
from tests.store.builders import add_note, client_with_interview

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE, NEW_PASSPHRASE = "correct horse battery", "another long passphrase"
NAME, EMAIL, PHONE = b"Quarternack", b"zeb@example.org", b"7654321"
MENTION = "Zebulon Quarternack referred me; reach him at zeb@example.org or +49 30 7654321"


def holding(folder: Path, *markers: bytes) -> list[str]:
    """Every file under ``folder`` (hidden ones too) that holds one of ``markers``, as 'name: marker' — but the
    user's own files in ``folder/elsewhere``, which the app does not manage."""
    return [
        f"{p.relative_to(folder)}: {m.decode()}"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "elsewhere" not in p.relative_to(folder).parts
        for m in markers
        if m in p.read_bytes()
    ]


def cli(workspace: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(workspace), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def killed(code: str, *args: str, **env: str) -> int:
    """Runs ``code`` in a child that SIGKILLs itself at the point the code patches; returns its exit code."""
    child = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT), **env}
    )
    return child.returncode


def other_candidate_mentioning(store: Store, client_id: str, text: str = MENTION) -> Interview:
    other = store.candidates.save(Candidate(client_id=client_id, full_name="Olga Otherperson"))
    interview = store.interviews.save(Interview(candidate_id=other.id, status="scheduled"))
    add_note(store, interview, text, visibility="internal")
    return interview


# -- import, restore: the erased person comes back -------------------------------------------------------------


def test_reimporting_an_older_file_brings_back_an_erased_person_named_in_another_candidates_note(
    workspace_path, tmp_path
):
    """The erased candidate is skipped, but another candidate's note in the same older file still names them, with
    e-mail and phone: the import overwrites the redacted note with it (importer._import redacts nobody erased)."""
    with Store.open(workspace_path) as store:
        client, candidate, _ = client_with_interview(store)
        other = other_candidate_mentioning(store, client.id)
        export_file(store, tmp_path / "older.json")
        store.candidates.erase(candidate.id)
        assert store.notes.for_interview(other.id)[0].text == "[name] referred me; reach him at [email] or [phone]"
        import_file(store, tmp_path / "older.json")
        assert store.search.query("quarternack") == []
    assert holding(tmp_path, NAME, EMAIL, PHONE) == [f"older.json: {m.decode()}" for m in (NAME, EMAIL, PHONE)]


def test_a_backup_taken_before_the_erased_candidate_was_added_keeps_and_restores_a_mention_of_them(workspace_path):
    """Held to the ledger, a backup only erases candidates it holds (Erasures.hold_to acts by id, never redacts with
    the keyed hashes): a note naming the person, written before their own record, stays in the backup and the
    restore puts it back in the workspace."""
    with Store.open(workspace_path) as store:
        client = store.clients.save(Client(name="Northwind Robotics"))
        other = other_candidate_mentioning(store, client.id)
        store.maintenance.backup()
        candidate = store.candidates.save(
            Candidate(client_id=client.id, full_name="Zebulon Quarternack", email="zeb@example.org")
        )
        store.candidates.erase(candidate.id)
        assert "Quarternack" not in store.notes.for_interview(other.id)[0].text
    backups_folder = backup_dir(workspace_path)
    assert holding(backups_folder, NAME, EMAIL) == []  # fails: the manual backup still names them
    restore(next(backups_folder.glob("*.db")), workspace_path)
    with Store.open(workspace_path) as store:
        assert "Quarternack" not in store.notes.for_interview(other.id)[0].text


def test_restoring_another_workspaces_backup_brings_back_a_person_erased_here(tmp_path):
    """A colleague's workspace holds the same person (same e-mail and phone) under another id. An import of it is
    refused by e-mail; a restore of its backup is held to this ledger by id only, and the erased person is back."""
    ours, theirs = tmp_path / "ours" / "workspace.db", tmp_path / "theirs" / "colleague.db"
    with Store.open(theirs) as store:
        _, _, interview = client_with_interview(store)
        add_note(store, interview, "Zebulon Quarternack said the offer was late", visibility="internal")
        colleague_backup = store.maintenance.backup()
    with Store.open(ours) as store:
        _, candidate, _ = client_with_interview(store)
        store.candidates.erase(candidate.id)
    restore(colleague_backup, ours)
    with Store.open(ours) as store:
        assert store.search.query("quarternack") == []
    assert holding(ours.parent, NAME) == []


def test_an_erased_anonymous_identity_comes_back_under_a_new_id_with_the_same_email(workspace_path, tmp_path):
    """After an anonymous completion, the same person under a new id (the client's list, an older file) arrives
    as a pseudonym again: neither name, e-mail nor phone is stored."""
    older = tmp_path / "elsewhere" / "older.json"
    older.parent.mkdir()
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        export_file(store, older)
        interview.status = "completed"
        store.interviews.save(interview)
        assert store.candidates.get(candidate.id).identity_erased
    doc = json.loads((older).read_text())
    person = doc["clients"][0]["candidates"][0]
    person["id"], person["interviews"] = "a-new-id-from-the-client-list", []
    (older).write_text(json.dumps(doc))
    with Store.open(workspace_path) as store:
        import_file(store, older)
        again = store.candidates.get("a-new-id-from-the-client-list")
        assert again.identity_erased and again.email is None and again.phone is None
    assert holding(workspace_path.parent, NAME, EMAIL) == []


# -- killed commands leave copies nobody erases ----------------------------------------------------------------

KILL_BEFORE_RENAME = """
import os, pathlib, signal, sys
from consultant_app.cli import main
pathlib.Path.replace = lambda self, target: os.kill(os.getpid(), signal.SIGKILL)
main(['--db', sys.argv[1], 'backup'])
"""

KILL_WHILE_CHECKING_THE_RESTORED_COPY = """
import os, signal, sys
from consultant_app.cli import main
from consultant_app.store.store import Store
Store.open_copy = classmethod(lambda cls, *a, **k: os.kill(os.getpid(), signal.SIGKILL))
main(['--db', sys.argv[1], 'restore', sys.argv[2]])
"""


def test_a_backup_killed_midway_leaves_a_full_copy_no_erasure_reaches(workspace_path):
    """backup_copy writes the whole copy to a hidden '.…debrief-partial-…' file first; killed before the rename, the
    copy stays in the backups folder; erase-candidate says '0 backups' and the person stays in it (list_backups
    ignores it, clear_stale runs only at the next backup and only after 10 minutes)."""
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store)
        add_note(store, interview, "Zebulon Quarternack said the offer was late", visibility="internal")
    assert killed(KILL_BEFORE_RENAME, str(workspace_path)) == -9
    erased = cli(workspace_path, "erase-candidate", candidate.id)
    assert erased.returncode == 0
    assert holding(workspace_path.parent, NAME, EMAIL) == []


def test_a_restore_killed_midway_leaves_the_older_backup_beside_the_workspace(workspace_path, tmp_path):
    """restore copies the backup into a hidden folder beside the workspace before holding it to the ledger; killed
    then, a pre-erasure copy of the person sits beside the workspace, and `check` calls the workspace healthy."""
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store)
        add_note(store, interview, "Zebulon Quarternack said the offer was late", visibility="internal")
        (tmp_path / "elsewhere").mkdir()
        kept = store.maintenance.backup(tmp_path / "elsewhere" / "kept.db")  # the user's own copy, out of reach
        store.candidates.erase(candidate.id)
    assert killed(KILL_WHILE_CHECKING_THE_RESTORED_COPY, str(workspace_path), str(kept)) == -9
    assert cli(workspace_path, "check").returncode == 0
    assert holding(workspace_path.parent, NAME, EMAIL) == []


KILL_AFTER_THE_SWAP = """
import os, signal, sys
from consultant_app.cli import main
from consultant_app.store import encryption
encryption.backups.encrypt_plain_backups = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
main(['--db', sys.argv[1], 'encrypt'])
"""


def test_an_encrypt_killed_after_the_swap_leaves_plain_backups_forever(workspace_path):
    """Killed between replacing the workspace and encrypting the backups: the backups stay plain, `check` says
    healthy, `encrypt` refuses (already encrypted), and erase-candidate reports 'from the workspace and its 2
    backups' while both still hold the person in plaintext (for_each_backup fails on them; the CLI prints success)."""
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store)
        add_note(store, interview, "Zebulon Quarternack said the offer was late", visibility="internal")
        store.maintenance.backup()
    keys = {"CONSULTANT_APP_NEW_PASSPHRASE": PASSPHRASE, "CONSULTANT_APP_PASSPHRASE": PASSPHRASE}
    assert killed(KILL_AFTER_THE_SWAP, str(workspace_path), **keys) == -9
    checked = cli(workspace_path, "check", **keys)
    plain = [p.name for p in backup_dir(workspace_path).iterdir() if p.read_bytes().startswith(b"SQLite format 3")]
    assert plain == [] or checked.returncode != 0, f"plain backups {plain}, yet: {checked.stdout}"
    erased = cli(workspace_path, "erase-candidate", candidate.id, **keys)
    assert erased.returncode != 0 or holding(workspace_path.parent, NAME) == [], erased.stdout


def test_a_backup_written_into_the_backups_folder_under_another_name_is_neither_erased_nor_encrypted(workspace_path):
    """`backup --to <name>-backups/before-trip.db` gives no 'outside the backups folder' note, yet list_backups
    ignores the name: erase-candidate does not reach it and `encrypt` ('… and its backups') leaves it plain."""
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store)
        add_note(store, interview, "Zebulon Quarternack said the offer was late", visibility="internal")
    made = cli(workspace_path, "backup", "--to", str(backup_dir(workspace_path) / "before-trip.db"))
    assert made.returncode == 0 and "outside" not in made.stderr
    assert cli(workspace_path, "erase-candidate", candidate.id).returncode == 0
    assert cli(workspace_path, "encrypt", CONSULTANT_APP_NEW_PASSPHRASE=PASSPHRASE).returncode == 0
    assert holding(workspace_path.parent, NAME, b"SQLite format 3") == []


# -- the call screen -------------------------------------------------------------------------------------------


def test_a_call_kept_in_its_recovery_file_is_sealed_beside_an_encrypted_workspace_and_erased_with_its_candidate(
    workspace_path,
):
    """When the workspace is lost mid-call, the whole call is kept in '<name>-recovery': sealed with the workspace's
    passphrase when the workspace is encrypted (no name, e-mail or note in its bytes; it imports back with the
    passphrase), and deleted when the candidate is erased."""
    with Store.open(workspace_path, passphrase=PASSPHRASE) as store:
        _, candidate, interview = client_with_interview(store)
    store = Store.open(workspace_path, passphrase=PASSPHRASE)
    call = CallSession(store, interview.id)
    call.add_note("right", "Zebulon Quarternack says the offer was late")
    aside = workspace_path.with_name("moved-by-a-sync-tool.db")
    workspace_path.rename(aside)
    try:
        call.flush()
        raise AssertionError("the lost workspace was not noticed")
    except WorkspaceLost:
        pass
    finally:
        store.close()
    aside.rename(workspace_path)
    assert holding(workspace_path.parent, NAME, EMAIL, b"offer was late") == []
    [kept] = workspace_path.with_name("workspace-recovery").iterdir()
    imported = cli(
        workspace_path,
        "import",
        str(kept),
        CONSULTANT_APP_PASSPHRASE=PASSPHRASE,
        CONSULTANT_APP_EXPORT_PASSPHRASE=PASSPHRASE,
    )
    assert imported.returncode == 0, imported.stderr
    assert cli(workspace_path, "erase-candidate", candidate.id, CONSULTANT_APP_PASSPHRASE=PASSPHRASE).returncode == 0
    assert holding(workspace_path.parent, NAME, EMAIL, b"offer was late") == []


def test_a_name_typed_in_the_summary_after_an_anonymous_completion_is_stored(workspace_path):
    """CallSession._scrub_former_identity redacts the former identity in notes typed after the completion, not in
    the interview's summary: the name and phone typed there are saved in the workspace."""
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        call = CallSession(store, interview.id)
        call.set_answer("status", "completed")
        call.confirm_erasure()  # the consultant confirmed the completion
        assert call.flush().identity_erased
        call.set_answer("summary", "Zebulon Quarternack was polite; call back on +49 30 7654321")
        call.flush()
        assert "Quarternack" not in (store.interviews.get(interview.id).summary or "")
    assert holding(workspace_path.parent, NAME, PHONE) == []


# -- encryption ------------------------------------------------------------------------------------------------


def _frames_readable_with(wal: bytes, passphrase: str, salt: bytes, marker: bytes) -> int:
    """How many write-ahead-log frames decrypt to a page holding ``marker`` under ``passphrase`` (SQLCipher 4
    defaults: PBKDF2-HMAC-SHA512, 256,000 rounds, AES-256-CBC with the IV in the page's reserved bytes)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, 256_000, 32)
    found = 0
    for offset in range(32 + 24, len(wal) - 4096 + 1, 4096 + 24):
        page = wal[offset : offset + 4096]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(page[4016:4032])).decryptor()
        found += marker in decryptor.update(page[:4016]) + decryptor.finalize()
    return found


def test_changing_the_passphrase_leaves_pages_readable_with_the_old_one_in_the_log(workspace_path):
    """change_passphrase runs PRAGMA rekey on the open workspace without emptying the write-ahead log first or
    after: the -wal keeps frames encrypted with the old (perhaps leaked) passphrase until the log is rewritten
    or the app closes, and after a crash until the next open."""
    with Store.open(workspace_path, passphrase=PASSPHRASE) as store:
        _, _, interview = client_with_interview(store)
        for i in range(200):
            add_note(store, interview, f"Zebulon Quarternack said canary{i} " + "x" * 300, visibility="internal")
        salt = workspace_path.read_bytes()[:16]
        change_passphrase(store, NEW_PASSPHRASE)
        wal = Path(f"{workspace_path}-wal").read_bytes()
        assert _frames_readable_with(wal, PASSPHRASE, salt, NAME) == 0


def test_restore_and_encrypt_leave_the_workspace_readable_by_everyone(workspace_path, tmp_path):
    """The workspace is created 0600 (lock.py), but restore and encrypt put a new file in its place made with the
    process umask (copy_database, export_to): 0644, and so is the 'replaced by a restore' backup."""
    umask = os.umask(0o022)
    try:
        with Store.open(workspace_path) as store:
            client_with_interview(store)
            kept = store.maintenance.backup(tmp_path / "kept.db")
        assert stat.S_IMODE(workspace_path.stat().st_mode) == 0o600
        restore(kept, workspace_path)
    finally:
        os.umask(umask)
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in tmp_path.rglob("*.db") if p != kept}
    assert set(modes.values()) == {"0o600"}, modes


def _on_a_terminal(args: list[str], typed: bytes) -> tuple[int, str]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command line, on a terminal
        os.environ.pop("CONSULTANT_APP_PASSPHRASE", None)
        os.environ["PYTHONPATH"] = str(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "consultant_app", *args])
    output, deadline, sent = b"", time.time() + 60, False
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not sent and b"Passphrase for" in output:
            time.sleep(0.3)
            os.write(fd, typed)
            sent = True
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def test_ctrl_d_at_the_passphrase_prompt_is_one_plain_line(tmp_path):
    """getpass raises EOFError on Ctrl+D; cli.main catches neither it nor anything around the prompt."""
    workspace = tmp_path / "workspace.db"
    with Store.open(workspace, passphrase=PASSPHRASE) as store:
        client_with_interview(store)
    code, output = _on_a_terminal(["--db", str(workspace), "clients"], b"\x04")
    assert code == 1 and "Traceback" not in output, output


def test_a_passphrase_in_the_environment_is_ignored_for_an_empty_workspace_file(tmp_path):
    """passphrase_for gives None for any existing file that does not look encrypted, an empty one too (left by a
    first open that was killed, or made by a save dialog): the workspace is then created in plaintext although a
    passphrase was given."""
    workspace = tmp_path / "workspace.db"
    workspace.touch()
    made = cli(workspace, "demo", "--clients", "1", "--interviews", "3", CONSULTANT_APP_PASSPHRASE=PASSPHRASE)
    assert made.returncode == 0
    assert not workspace.read_bytes().startswith(b"SQLite format 3")
