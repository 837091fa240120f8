"""``consultant-app retention`` in a real process over a real workspace: it lists what is due (a dry run leaves
the file's bytes as they were), erases only after ``erase`` is typed on a terminal or with ``--yes`` elsewhere
(refused in one plain line otherwise), says when nothing is due or no policy is set, and sets the firm's policy
and a client's override."""

import os
import pty
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest

from consultant_app.store import Store
from tests.store.test_retention import build_firm
from tests.test_cli import run

TODAY = "2026-03-02"


@pytest.fixture
def db(workspace_path):
    with Store.open(workspace_path) as store:
        build_firm(store)
    return workspace_path


def workspace_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def names(path) -> list[str]:
    with Store.open(path) as store:
        return sorted(c.full_name for c in store.candidates._select())


def test_a_dry_run_lists_each_erasure_due_and_a_total_and_changes_nothing(db):
    before = workspace_bytes(db)
    result = run(db, "retention", "--dry-run", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Identities are erased 12 months after the interview (firm policy); Helios Health overrides it with 6 months."
    )
    assert lines[1:4] == [
        "  Quirin Oberhollenzer · Helios Health · identity erased · completed 2025-08-15, 6 months ago; policy 6 "
        "months (client override)",
        "  Wendelin Moosbrugger · Northwind Robotics · everything erased (consent withdrawn) · consent withdrawn on "
        "2026-02-10",
        "  Zebulon Quarternack · Northwind Robotics · identity erased · completed 2025-03-02, 12 months ago; policy "
        "12 months (firm policy)",
    ]
    assert lines[4:] == ["Due on 2026-03-02: 2 identities and everything of 1 candidate. Dry run: nothing was erased."]
    assert workspace_bytes(db) == before


def test_without_a_terminal_erasing_needs_yes_and_is_refused_in_one_plain_line(db):
    before = names(db)
    refused = run(db, "retention", "--today", TODAY)
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: Erasing cannot be undone: add --yes to erase without a terminal, or --dry-run to list only. "
        "Nothing was erased.\n"
    )
    assert names(db) == before
    done = run(db, "retention", "--yes", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(
        r"Erased 2 identities and everything of 1 candidate, from the workspace and \d+ backups?\.",
        done.stdout.splitlines()[-1],
    )
    after = names(db)
    assert "Zebulon Quarternack" not in after and "Wendelin Moosbrugger" not in after and len(after) == 5
    assert run(db, "retention", "--today", TODAY).stdout == (
        "Nothing is due for erasure on 2026-03-02. Identities are erased 12 months after the interview (firm "
        "policy); Helios Health overrides it with 6 months.\n"
    )


def on_a_terminal(db, typed: str) -> subprocess.CompletedProcess:
    """Runs the command with a terminal as its input, and types ``typed`` into it."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "consultant_app", "--db", str(db), "retention", "--today", TODAY],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.write(leader, typed.encode() + b"\n")
        out, err = process.communicate(timeout=120)
    finally:
        os.close(leader)
        os.close(follower)
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_on_a_terminal_only_typing_erase_goes_on(db):
    before = names(db)
    declined = on_a_terminal(db, "yes")
    assert "Erase 2 identities and everything of 1 candidate? Type 'erase' to go on: " in declined.stdout
    assert declined.returncode == 1 and declined.stdout.endswith("Nothing was erased.\n")
    assert names(db) == before
    accepted = on_a_terminal(db, "erase")
    assert accepted.returncode == 0 and "Erased 2 identities and everything of 1 candidate, " in accepted.stdout
    assert "Zebulon Quarternack" not in names(db)


def test_no_policy_is_said_with_how_to_set_one_and_setting_it_is_audited(workspace_path):
    db = workspace_path
    Store.open(db).close()
    assert run(db, "retention").stdout == (
        "No retention policy is set: consultant-app retention --set-months 18 sets the firm's. Nothing is due.\n"
    )
    with Store.open(db) as store:
        build_firm(store)
        store.firm.update(retention_months=None)
    result = run(db, "retention", "--set-months", "18", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "The firm now erases identities 18 months after the interview."
    assert result.stdout.splitlines()[-1] == (
        "Due on 2026-03-02: 1 identity and everything of 1 candidate. Dry run: nothing was erased; run "
        "consultant-app retention to erase."
    )
    client = run(db, "retention", "--client", "helios health", "--clear", "--today", TODAY)
    assert client.stdout.splitlines()[0] == "Helios Health now follows the firm's policy (18 months)."
    assert run(db, "retention", "--client", "Northwind Robotics", "--set-months", "3", "--dry-run").stdout.startswith(
        "Northwind Robotics now erases identities 3 months after the interview (the firm's policy: 18 months)."
    )
    cleared = run(db, "retention", "--clear", "--dry-run")
    assert cleared.stdout.startswith("The firm's retention policy is cleared: identities are kept.")
    with Store.open(db) as store:
        settings = [e.detail for e in store.audit.entries(None) if e.action == "confidentiality-settings"]
        assert store.firm.get().retention_months is None
        assert [s for s in settings if "client_id" not in s][:2] == [
            {"retention_months": None},
            {"retention_months": 18},
        ]
        assert len(store.candidates._select()) == 6  # setting a policy erases nothing by itself


@pytest.mark.parametrize(
    "args,message",
    [
        (["--set-months", "0"], "error: A retention period is a whole number of months from 1 to 1200.\n"),
        (["--client", "Helios Health"], "error: --client goes with --set-months N or --clear. Nothing was changed.\n"),
        (["--client", "Nobody", "--clear"], "error: No client called 'Nobody'.\n"),
        (
            ["--yes", "--today", (date.today() + timedelta(days=1)).isoformat()],
            "error: --today after today only goes with --dry-run: erasing what is not yet due is refused. Nothing "
            "was erased.\n",
        ),
    ],
)
def test_bad_requests_are_one_plain_line_and_change_nothing(db, args, message):
    before = names(db)
    result = run(db, "retention", *args)
    assert (result.returncode, result.stderr) == (1, message)
    assert names(db) == before


def test_a_day_that_is_not_a_date_is_a_usage_error(db):
    result = run(db, "retention", "--today", "2026-02-30")
    assert result.returncode == 2
    assert result.stderr.endswith("error: argument --today: '2026-02-30' is not a day; give it as YYYY-MM-DD.\n")
