"""Two calls, typed by keyboard into the real app in a fresh process (``bench/call_typing.py``): 10,000
characters over notes in every section and visibility, switched with the call screen's own keys; each call
screen is opened with Enter on the interview's row and closed, and the app quit with Ctrl+Q. The process must
exit 0, every key must have been seen on screen, and every character must be in the file.

Run inside the pytest process this could not fail: PySide6-Essentials 6.12.0 on Python 3.11 drops a reference
to ``True`` on every signal emitted from Python, and a real app aborts ("bool_dealloc") after a couple of
thousand keystrokes, while pytest holds enough references to ``True`` to never reach zero."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.call_typing import typing_plan
from consultant_app.cli_self_test import workspace_with_scheduled_calls
from consultant_app.store import Store

ROOT = Path(__file__).resolve().parents[2]
CHARS, CALLS = 10_000, 2


def test_ten_thousand_characters_typed_in_calls_all_reach_the_file_and_the_app_exits_cleanly(tmp_path):
    db = tmp_path / "w.db"
    workspace_with_scheduled_calls(db, interviews=CALLS)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "bench.call_typing", str(db), "--chars", str(CHARS), "--calls", str(CALLS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Fatal" not in result.stderr, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["error"] is None and report["keys_without_paint"] == 0  # every key was seen on screen
    plan = typing_plan(CHARS, CALLS)
    assert report["chars"] == sum(len(n.text) for call in plan for n in call) >= CHARS
    assert len(set(report["interviews"])) == CALLS
    with Store.open(db) as store:
        for interview_id, notes_planned in zip(report["interviews"], plan):
            notes = sorted(store.notes.for_interview(interview_id), key=lambda n: n.position)
            assert [(n.section, n.visibility, n.text) for n in notes] == [
                (p.section, p.visibility, p.text) for p in notes_planned
            ]
    every_note = [n for call in plan for n in call]
    assert {n.section for n in every_note} == {"right", "wrong", "competitors", "extra", "other"}
    assert {n.visibility for n in every_note} == {"shareable", "aggregate", "internal"}
