"""Whole-process checks: the app opens from its real entry point, and a call screen killed
mid-typing loses at most the last second of what was typed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from consultant_app.store import Store
from tests.store.builders import client_with_interview
from tests.ui.call_typist import typed_text

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def test_main_window_opens_from_the_entry_point(tmp_path):
    db = tmp_path / "w.db"
    subprocess.run([sys.executable, "-m", "consultant_app", "--db", str(db), "demo", "--interviews", "50"],
                   check=True, env=ENV, cwd=ROOT, capture_output=True)
    child = subprocess.Popen([sys.executable, "-m", "consultant_app", "--db", str(db)], env=ENV, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(6)
        assert child.poll() is None, child.communicate()[1]
    finally:
        child.terminate()
        _, err = child.communicate(timeout=20)
    assert "Traceback" not in err
    backups = list((tmp_path / "w-backups").glob("auto-*.db"))
    assert len(backups) == 1  # the daily automatic backup was taken at open


def test_killing_the_app_mid_typing_loses_at_most_the_last_second(tmp_path):
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        _, _, interview = client_with_interview(store)
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.call_typist", str(db), interview.id], env=ENV, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timeline = []
    try:
        first = child.stdout.readline()
        assert first.strip() == "1", child.stderr.read()
        start = time.monotonic()
        while time.monotonic() - start < 2.5:
            timeline.append((time.monotonic(), int(child.stdout.readline())))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=20)
    killed_at = time.monotonic()
    typed_a_second_before = max(n for t, n in timeline if t <= killed_at - 1.0)
    with Store.open(db) as store:
        assert store.maintenance.check().ok
        [note] = store.notes.for_interview(interview.id)
    assert typed_text(timeline[-1][1]).startswith(note.text)
    assert len(note.text) >= typed_a_second_before, (len(note.text), typed_a_second_before, timeline[-1][1])
