"""Whole-process checks of the real app: it opens from its real entry point, and a call typed into by
keyboard (``bench/call_typing.py``) and killed with SIGKILL keeps everything typed up to a second before,
also when another SQLite program has opened the workspace meanwhile."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.call_typing import typing_plan
from consultant_app.cli_self_test import workspace_with_scheduled_calls
from consultant_app.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")
CHARS = 200_000  # more than can be typed before the kill


def test_the_app_opens_from_its_entry_point_takes_the_daily_backup_and_quits_cleanly(tmp_path):
    import json

    db = tmp_path / "w.db"
    subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(db), "demo", "--interviews", "50"],
        check=True,
        env=ENV,
        cwd=ROOT,
        capture_output=True,
    )
    env = dict(ENV, XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.app_child", "--wait-for-status", "Daily backup saved", "--", "--db", str(db)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=100,
    )
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    window, status, end = events
    assert window["workspace"] == str(db) and not window["empty"]
    assert status["status"].startswith("Daily backup saved to") and end == {"exit": 0}
    [backup] = (tmp_path / "w-backups").glob("auto-*.db")
    with Store.open(backup) as copy:
        assert copy.maintenance.check().ok and not copy.is_empty()


def type_and_kill(tmp_path, seconds: float, meanwhile=None) -> tuple[Path, int]:
    """Types into the real app for ``seconds`` (running ``meanwhile`` halfway), kills it with SIGKILL, and
    returns the workspace and how many characters had been typed one second before the kill."""
    db = tmp_path / "w.db"
    workspace_with_scheduled_calls(db)
    env = dict(ENV, XDG_CONFIG_HOME=str(tmp_path / "config"))
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.call_typing", str(db), "--chars", str(CHARS), "--progress"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    timeline = []
    try:
        first = child.stdout.readline()
        assert first.strip() == "1", child.stderr.read()
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            if meanwhile and time.monotonic() - start > seconds / 2:
                meanwhile(db)
                meanwhile = None
            timeline.append((time.monotonic(), int(child.stdout.readline())))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=20)
    killed_at = time.monotonic()
    return db, max(n for t, n in timeline if t <= killed_at - 1.0)


def saved_characters(db: Path) -> int:
    """Checks the file is intact and every saved note is the plan's, whole or begun; returns the characters."""
    with Store.open(db) as store:
        assert store.maintenance.check().ok
        [interview] = [i for c in store.clients.list() for i in store.interviews.for_client(c.id)]
        notes = sorted(store.notes.for_interview(interview.id), key=lambda n: n.position)
    [plan] = typing_plan(CHARS)
    for note, planned in zip(notes, plan):
        assert planned.text.startswith(note.text) and note.section == planned.section
    return sum(len(n.text) for n in notes)


def test_killing_the_app_mid_typing_loses_at_most_the_last_second(tmp_path):
    db, typed_a_second_before = type_and_kill(tmp_path, 3.0)
    assert saved_characters(db) >= typed_a_second_before > 1_000


def outside_reader(db: Path) -> None:
    """What any other SQLite program does: open the file, read, close (the last one out cleans up)."""
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('PRAGMA integrity_check').fetchall(); c.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=30)


def test_another_sqlite_program_opening_the_file_mid_call_loses_nothing(tmp_path):
    db, typed_a_second_before = type_and_kill(tmp_path, 5.0, meanwhile=outside_reader)  # after the daily backup
    assert saved_characters(db) >= typed_a_second_before > 2_000
