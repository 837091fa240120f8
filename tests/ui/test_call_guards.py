"""Completing an anonymous candidate's interview on the call screen erases their identity for good, so it is
never one key away: it asks once, plainly, with the erasing button not the default; nothing is erased until the
consultant confirms or the call screen closes with the status still Completed (an arrow-key slip undone with
Ctrl+Z loses nothing); and the pseudonym shown in the title is the one the candidate keeps."""

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from consultant_app.store import Store
from tests.store.builders import client_with_interview
from tests.ui.call_driving import C, answer_next_dialog, click, key, new_call, press_return, saved

ROOT = Path(__file__).resolve().parents[2]
PLAIN = "This erases the candidate's name, e-mail and phone for good"


def complete_by_keyboard(qtbot, screen, act) -> dict:
    """Ctrl+E then one Down arrow: Scheduled becomes Completed; ``act`` answers the question that follows."""
    qtbot.waitUntil(screen.isActiveWindow)
    seen = answer_next_dialog(act)
    key(screen, Qt.Key.Key_E, C)
    key(screen, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "default" in seen, timeout=4000)
    return seen


def shown_label(screen) -> str:
    return screen.windowTitle().removeprefix("Call · ").removesuffix(" — Debrief")


def test_an_arrow_key_slip_asks_plainly_and_ctrl_z_loses_nothing(qtbot, store):
    screen = new_call(qtbot, store, "anonymous")
    candidate_id = screen.session.candidate.id
    title = screen.windowTitle()
    seen = complete_by_keyboard(qtbot, screen, press_return)
    assert PLAIN in seen["text"]
    assert seen["buttons"]["Erase now"] == QMessageBox.ButtonRole.DestructiveRole
    assert seen["default_role"] != QMessageBox.ButtonRole.DestructiveRole  # Enter never erases
    assert screen.answers.status.currentData() == "completed"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.answers.status)  # focus comes back where it was
    saved(qtbot, screen)
    assert store.candidates.get(candidate_id).full_name == "Zebulon Quarternack"  # nothing erased yet
    key(screen, Qt.Key.Key_Z, C)
    assert screen.answers.status.currentData() == "scheduled"
    saved(qtbot, screen)
    screen.close()
    candidate = store.candidates.get(candidate_id)
    assert (candidate.full_name, candidate.email, candidate.phone) == (
        "Zebulon Quarternack",
        "zeb@example.org",
        "+49 30 7654321",
    )
    assert store.interviews.get(screen.session.interview.id).status == "scheduled"
    assert screen.windowTitle() == title


def test_completed_when_the_screen_closes_erases_under_the_label_shown(qtbot, store, workspace_path):
    screen = new_call(qtbot, store, "anonymous")
    candidate_id, label = screen.session.candidate.id, shown_label(screen)
    assert label.startswith("Candidate ")
    complete_by_keyboard(qtbot, screen, press_return)
    saved(qtbot, screen)
    assert not store.candidates.get(candidate_id).identity_erased  # held back while the call goes on
    key(screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not screen.isVisible())
    candidate = store.candidates.get(candidate_id)
    assert candidate.identity_erased and (candidate.full_name, candidate.email, candidate.phone) == (label, None, None)
    assert store.interviews.get(screen.session.interview.id).status == "completed"
    assert b"uarternack" not in workspace_path.read_bytes() and b"7654321" not in workspace_path.read_bytes()


def test_erase_now_erases_at_once_and_the_label_stays(qtbot, store):
    screen = new_call(qtbot, store, "anonymous")
    title, label = screen.windowTitle(), shown_label(screen)
    complete_by_keyboard(qtbot, screen, click("Erase now"))
    saved(qtbot, screen)
    candidate = store.candidates.get(screen.session.candidate.id)
    assert candidate.identity_erased and candidate.full_name == label
    assert screen.name_label.text() == label and screen.windowTitle() == title


def test_dont_complete_puts_the_status_back_and_asks_again_next_time(qtbot, store):
    screen = new_call(qtbot, store, "anonymous")
    complete_by_keyboard(qtbot, screen, click("Don't complete"))
    qtbot.waitUntil(lambda: screen.answers.status.currentData() == "scheduled")
    seen = complete_by_keyboard(qtbot, screen, click("Don't complete"))
    assert PLAIN in seen["text"]
    saved(qtbot, screen)
    screen.close()
    assert not store.candidates.get(screen.session.candidate.id).identity_erased


def test_quitting_the_app_with_the_call_screen_open_erases_for_real(tmp_path):
    db = tmp_path / "w.db"
    with Store.open(db) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.ui.app_child",
            "--call",
            interview.id,
            "Ctrl+E,Down",
            "--answer",
            "key:Return",
            "--",
            "--db",
            str(db),
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stdout + result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    [call] = [e["call"] for e in events if "call" in e]
    [question] = [e for e in events if "dialog" in e]
    assert PLAIN in question["text"]
    with Store.open(db) as store:
        erased = store.candidates.get(candidate.id)
        assert store.interviews.get(interview.id).status == "completed"
    assert erased.identity_erased and (erased.email, erased.phone) == (None, None)
    assert call == f"Call · {erased.full_name} — Debrief"  # the label shown is the one kept
    assert b"uarternack" not in db.read_bytes()
