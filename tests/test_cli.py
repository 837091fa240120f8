"""The command line: every command over a real workspace in a subprocess, and plain one-line
errors with a non-zero exit instead of tracebacks."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA


def run(db, *args, env=None, python=()):
    """Runs the command (``python``: options for the interpreter); an argument given as bytes reaches it as those
    bytes (not always valid text)."""
    full_env = dict(os.environ, **(env or {}))
    result = subprocess.run(
        [sys.executable, *python, "-m", "consultant_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = run(db, "demo", "--clients", "3", "--interviews", "150", "--seed", "5")
    assert result.returncode == 0, result.stderr
    return db


def test_demo_then_clients_lists_counts(demo_db):
    out = run(demo_db, "clients").stdout
    assert out.splitlines()[0].split()[:4] == ["Client", "Candidates", "Completed", "Open"]
    assert len(out.splitlines()) == 4


# What the clients command must not load: it reads one small table, and each of these takes milliseconds to import.
HEAVY = {
    "sqlite_utils": "migrations and writes only",
    "filelock": "a lock file only where the workspace file cannot be locked itself",
    "consultant_app.interchange": "import and export",
    "pyrage": "sealed files",
    "keyring": "an encrypted workspace's remembered passphrase",
    "reportlab": "reports",
    "matplotlib": "report charts",
    "numpy": "report charts",
    "PySide6": "the desktop app",
    "phonenumbers": "redaction",
    "consultant_app.domain.redaction": "outputs and erasures (its patterns compile as it loads)",
}


def test_the_clients_command_loads_none_of_the_heavy_modules(demo_db):
    result = run(demo_db, "clients", python=["-X", "importtime"])
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 4
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "consultant_app.store.store" in loaded  # the listing is the real one, read through the store
    assert {name for name in loaded if any(name == h or name.startswith(h + ".") for h in HEAVY)} == set()


def test_demo_refuses_to_mix_with_real_data(demo_db):
    result = run(demo_db, "demo")
    assert result.returncode == 1 and "already has data" in result.stderr


def test_search_prints_highlighted_hits_and_survives_hostile_input(demo_db):
    out = run(demo_db, "search", "recruiter", "--limit", "3").stdout
    assert len(out.splitlines()) == 3 and "«recruiter»" in out
    for hostile in ['"(', "NOT", "*", "%%"]:
        assert run(demo_db, "search", hostile).returncode == 0


def test_import_export_round_trip_and_a_firm_internal_client_transfer(tmp_path):
    db = tmp_path / "w.db"
    assert run(db, "import", str(DATA / "example.json")).returncode == 0
    whole = run(db, "export", str(tmp_path / "all.json"))
    assert whole.returncode == 0 and whole.stdout.startswith("Wrote a firm-internal export of the whole workspace")
    assert json.loads((tmp_path / "all.json").read_text())["clients"][0]["id"] == "c1"
    result = run(db, "export", str(tmp_path / "client.json"), "--client", "northwind robotics", "--internal")
    assert result.stdout.startswith("Wrote a firm-internal export of Northwind Robotics to ")
    assert "never for a client" in result.stdout
    doc = json.loads((tmp_path / "client.json").read_text())
    assert doc["scope"] == "client-internal" and "Alex Moreno" in json.dumps(doc)  # everything, for the firm
    refused = run(db, "export", str(tmp_path / "for-the-client.json"), "--client", "northwind robotics")
    assert refused.returncode == 1 and not (tmp_path / "for-the-client.json").exists()
    assert refused.stderr == (
        "error: Interchange files are firm-internal and never go to a client; for a client, make a report or a "
        "dataset (consultant-app report or dataset); to move this client to another of the firm's workspaces, add "
        "--internal. Nothing was written.\n"
    )


def test_erase_check_backup_restore(tmp_path):
    db = tmp_path / "w.db"
    run(db, "import", str(DATA / "example.json"))
    assert "Alex Moreno" in run(db, "search", "alex").stdout
    backup = run(db, "backup", "--to", str(tmp_path / "b.db"))
    assert backup.returncode == 0 and "outside the workspace's backups folder" in backup.stderr
    assert "Erased" in run(db, "erase-candidate", "p1").stdout
    assert "healthy" in run(db, "check").stdout
    assert run(db, "restore", str(tmp_path / "b.db")).returncode == 0
    assert "Alex Moreno" not in run(db, "search", "alex").stdout  # the backup is restored, less whom the firm erased
    assert "healthy" in run(db, "check").stdout


def test_quotes_are_listed_as_they_print_and_approved_by_id(demo_db):
    client = run(demo_db, "clients").stdout.splitlines()[1].split("  ")[0]
    listing = run(demo_db, "quotes", "--client", client).stdout
    first = listing.splitlines()[0]
    assert "await review and will be left out" in first, first
    waiting = re.findall(r"^([0-9a-f]{8})  awaiting review", listing, re.M)
    assert waiting and "[" in listing  # placeholders show where redaction hid something
    bad = run(demo_db, "quotes", "--client", client, "--approve", waiting[0], "nothex")
    assert bad.returncode == 1 and "'nothex' is not a quote of this output; nothing was changed." in bad.stderr
    assert run(demo_db, "quotes", "--client", client).stdout == listing
    done = run(demo_db, "quotes", "--client", client, "--approve", waiting[0], "--drop", *waiting[1:2])
    assert done.stdout.startswith("Recorded: 1 approved" + (", 1 dropped." if waiting[1:2] else "."))
    after = run(demo_db, "quotes", "--client", client).stdout
    assert re.search(rf"^{waiting[0]}  approved", after, re.M)
    assert run(demo_db, "quotes", "--client", client, "--approve-all").returncode == 0
    assert "Every quote has a decision" in run(demo_db, "quotes", "--client", client).stdout
    assert "review is off" in run(demo_db, "quotes", "--review", "off").stdout
    assert "Quote review is off" in run(demo_db, "quotes", "--client", client, "--dataset").stdout


def test_database_from_environment_variable(tmp_path):
    db = tmp_path / "env.db"
    result = subprocess.run(
        [sys.executable, "-m", "consultant_app", "import", str(DATA / "example.json")],
        capture_output=True,
        text=True,
        env=dict(os.environ, CONSULTANT_APP_DB=str(db)),
    )
    assert result.returncode == 0 and db.exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (["import", "{tmp}/missing.json"], "cannot be read"),
        (["import", "{tmp}/garbage.json"], "not valid JSON"),
        (["export", "{tmp}/x.json", "--client", "Nobody", "--internal"], "No client called 'Nobody'"),
        (["export", "{tmp}/x.json", "--client", "Nobody"], "Interchange files are firm-internal"),
        (["import", "{tmp}/old-client-copy.json"], "scope: 'client' is a client copy made by an older Debrief"),
        (["erase-candidate", "no-such-id"], "No candidate with id"),
        (["export", "{tmp}/x.json", "--internal"], "--internal goes with --client"),
        (["restore", "{tmp}/garbage.json"], "not a Debrief backup"),
        (
            ["import", "{tmp}/problems.json"],
            "clients[0].name: required; clients[0].candidates[0].full_name: required; "
            "clients[0].candidates[0].disclosure: required (and 1 more problem).",
        ),
        (["import", "{tmp}/digits.json"], "a number with thousands of digits"),
        (["report", "--client", b"\xff", "--out", "{tmp}/r.pdf"], "an argument is not valid text"),
    ],
)
def test_errors_are_one_plain_line(tmp_path, args, message):
    (tmp_path / "garbage.json").write_text("{nope")
    (tmp_path / "problems.json").write_text(
        json.dumps(
            {
                "format": "debrief-interchange",
                "version": 1,
                "clients": [{"id": "c", "candidates": [{"id": "p", "interviews": [{"id": "i", "status": "done"}]}]}],
            }
        )
    )
    (tmp_path / "old-client-copy.json").write_text(
        json.dumps(dict(json.loads((DATA / "example.json").read_text()), scope="client"))
    )
    (tmp_path / "digits.json").write_text('{"format": "debrief-interchange", "version": ' + "9" * 5000 + "}")
    run(tmp_path / "w.db", "import", str(DATA / "example.json"))
    result = run(tmp_path / "w.db", *[a.format(tmp=tmp_path) if isinstance(a, str) else a for a in args])
    assert result.returncode != 0
    assert message in result.stderr and result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_a_non_database_workspace_is_refused_plainly(tmp_path):
    fake = tmp_path / "fake.db"
    fake.write_text("not sqlite")
    result = run(fake, "clients")
    assert result.returncode == 1 and "not a Debrief workspace" in result.stderr
    assert fake.read_text() == "not sqlite"


def test_a_brief_lock_by_another_program_is_waited_out(tmp_path):
    """Another program holding the file for a moment (a backup tool, a sync engine) delays a command instead
    of failing it; a lock held longer than the wait is a plain message (the next test)."""
    import sqlite3
    import threading

    db = tmp_path / "w.db"
    run(db, "import", str(DATA / "example.json"))
    holder = sqlite3.connect(db, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(1.0, lambda: (holder.rollback(), holder.close()))
    release.start()
    try:
        result = run(db, "import", str(DATA / "example.json"))
    finally:
        release.join()
    assert result.returncode == 0 and "nothing new" in result.stdout, result.stderr


def test_a_lock_held_too_long_is_a_plain_message(tmp_path):
    import sqlite3

    from consultant_app.store.database import plain_error

    message = plain_error(sqlite3.OperationalError("database is locked"), tmp_path / "w.db")
    assert message == f"{tmp_path / 'w.db'} is in use by another program; close it and try again."


def test_a_constraint_on_full_name_is_not_called_a_full_disk(tmp_path):
    import sqlite3

    from consultant_app.store.database import plain_error

    message = plain_error(sqlite3.IntegrityError("NOT NULL constraint failed: candidates.full_name"), tmp_path / "w.db")
    assert "disk is full" not in message and "candidates.full_name" in message
    assert "disk is full" in plain_error(sqlite3.OperationalError("database or disk is full"), tmp_path / "w.db")


def test_an_encrypted_workspace_from_the_command_line(tmp_path):
    """encrypt, then every command takes the passphrase from the environment; a wrong or missing one is one plain
    line that changes nothing; passphrase changes it for the workspace and its backups; backups lists them."""
    db = tmp_path / "w.db"
    assert run(db, "demo", "--clients", "2", "--interviews", "40").returncode == 0
    assert run(db, "backup").returncode == 0
    first, second = {"CONSULTANT_APP_PASSPHRASE": "a long first passphrase"}, "a long second passphrase"
    short = run(db, "encrypt", env={"CONSULTANT_APP_NEW_PASSPHRASE": "short"})
    assert short.returncode == 1 and "at least 10" in short.stderr and db.read_bytes().startswith(b"SQLite format 3")
    done = run(db, "encrypt", env={"CONSULTANT_APP_NEW_PASSPHRASE": first["CONSULTANT_APP_PASSPHRASE"]})
    assert done.returncode == 0 and "Encrypted" in done.stdout
    before = db.read_bytes()
    assert not before.startswith(b"SQLite format 3")
    refusals = {
        "is encrypted: set $CONSULTANT_APP_PASSPHRASE": {},
        "The passphrase does not open w.db; nothing was changed.": {"CONSULTANT_APP_PASSPHRASE": "not the right one"},
    }
    for message, env in refusals.items():
        refused = run(db, "clients", env=env)
        assert refused.returncode == 1 and message in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before
    assert run(db, "clients", env=first).stdout.startswith("Client")
    listed = run(db, "backups", env=first).stdout
    assert listed.count(" manual ") == 2 and "newest 7 of each kind" in listed
    changed = run(db, "passphrase", env={**first, "CONSULTANT_APP_NEW_PASSPHRASE": second})
    assert changed.returncode == 0 and "of 2 backups" in changed.stdout
    assert run(db, "check", env={"CONSULTANT_APP_PASSPHRASE": second}).returncode == 0
    assert run(db, "check", env=first).returncode == 1


def test_erase_candidate_reaches_the_backups_and_restore_keeps_it_erased(tmp_path):
    db = tmp_path / "w.db"
    assert run(db, "demo", "--clients", "2", "--interviews", "40").returncode == 0
    backup = run(db, "backup").stdout.split("Backup written to ")[1].strip()
    kept = tmp_path / "kept.db"
    kept.write_bytes(Path(backup).read_bytes())  # a copy outside the app's reach, taken before the erasure
    export = tmp_path / "everything.json"
    assert run(db, "export", str(export)).returncode == 0
    doc = json.loads(export.read_text())
    person = doc["clients"][0]["candidates"][0]
    erased = run(db, "erase-candidate", person["id"])
    assert erased.returncode == 0 and "the workspace and 1 backup." in erased.stdout
    assert person["full_name"].encode() not in Path(backup).read_bytes()
    assert run(db, "restore", str(kept)).returncode == 0
    assert person["full_name"] not in run(db, "search", person["full_name"].split()[-1]).stdout
    again = run(db, "import", str(export))
    assert again.returncode == 0 and "1 candidate skipped: erased on" in again.stdout


def test_a_file_to_open_that_does_not_exist_is_one_line_and_opens_nothing(tmp_path):
    """``consultant-app --db W FILE`` opens the app to import FILE; a FILE that is not there (or a misspelt command)
    is one plain line and exit code 2, before any window or workspace."""
    for word in (str(tmp_path / "gone.debrief"), "clinets"):
        result = run(tmp_path / "w.db", word)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.splitlines() == [
            f"consultant-app: error: {word!r} is neither a command nor a file; nothing was opened"
        ]
    assert list(tmp_path.iterdir()) == []  # no workspace was made
