"""Two running apps, two laptops' workspaces, one sync folder: each real app (``consultant-app --db W``, offscreen,
in a process of its own, run at the same time) syncs shortly after it opens and once more on F5's action, then
quits with Ctrl+Q. The second laptop gets the first one's interviews; a note edited on both before they met is a
conflict on both, keeping both texts; an erasure on one removes the person from the other — all through bundles
sealed with the firm's sync keys (the first laptop leads; the second is on its client)."""

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings

from consultant_app.domain.model import Client
from consultant_app.store import Store
from consultant_app.sync import keys
from consultant_app.sync.engine import conflicts, sync
from consultant_app.ui.syncing import set_sync_folder
from tests.store.builders import add_note, client_with_interview

ROOT = Path(__file__).resolve().parents[2]
DRIVER = """
import sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from consultant_app.ui.main_window import MainWindow

app = QApplication(["debrief"])
seen = {}

def poll():
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if shown:
        window, syncing = shown[0], shown[0].syncing
        if syncing.failure:
            print("failed:", syncing.failure, flush=True)
            return QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        if syncing.last_synced is not None and not syncing.running:
            if "first" not in seen:
                seen["first"] = syncing.last_synced  # synced on opening; once more, for what the other wrote since
                QTimer.singleShot(1500, window.act_sync.trigger)
            elif syncing.last_synced != seen["first"]:
                print(syncing.line, flush=True)
                return QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    QTimer.singleShot(50, poll)

QTimer.singleShot(0, poll)
from consultant_app.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def both_apps(tmp_path: Path, *workspaces: Path) -> None:
    """Runs the app on each workspace at the same time, each with its own settings (its sync folder)."""
    running = []
    for db in workspaces:
        env = dict(
            os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / db.stem), PYTHONPATH=str(ROOT)
        )
        command = [sys.executable, "-c", DRIVER, str(db)]
        running.append(
            subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "Traceback" not in err, err[-3000:]
        assert out.strip().startswith("Synced "), out + err[-2000:]


def test_two_running_apps_share_work_conflicts_and_erasures_through_one_folder(tmp_path):
    folder = tmp_path / "Sync"
    folder.mkdir()
    ana, ben = tmp_path / "ana.db", tmp_path / "ben.db"
    with Store.open(ana) as store:
        _, candidate, interview = client_with_interview(store, name="Zebulon Quarternack")
        note = add_note(store, interview, "The offer came late")
    with Store.open(ben) as store:
        store.clients.save(Client(name="Verdant Energy"))  # a workspace with data: the app opens on it directly
    with (
        Store.open(ana) as lead,
        Store.open(ben) as consultant,
    ):  # the firm's sync keys: ana leads, ben is on her client
        keys.join(consultant, keys.create_firm(lead, "Ana Lead"), "Ben Consultant")
        sync(consultant, folder)
        sync(lead, folder)
        [member] = [m for m in lead.sync_keys.members() if not m.lead]
        keys.set_assigned(lead, candidate.client_id, member.id, True)
    for db in (ana, ben):
        settings = QSettings(str(tmp_path / db.stem / "Debrief" / "Debrief.conf"), QSettings.Format.IniFormat)
        set_sync_folder(settings, db, folder)
        settings.sync()

    both_apps(tmp_path, ana, ben)
    both_apps(tmp_path, ana, ben)
    with Store.open(ben) as store:
        assert store.candidates.get(candidate.id).full_name == "Zebulon Quarternack"
        assert [n.text for n in store.notes.for_interview(interview.id)] == ["The offer came late"]

    for db, text in ((ana, "The offer came three weeks late"), (ben, "Offer late; salary also low")):
        with Store.open(db) as store:
            store.notes.save(replace(store.notes.get(note.id), text=text))
    both_apps(tmp_path, ana, ben)
    both_apps(tmp_path, ana, ben)
    for db in (ana, ben):
        with Store.open(db) as store:
            assert conflicts(store) == [(f"notes/{note.id}", "text")]
            kept = " ".join(map(json.dumps, store.sync_state.heads_of([f"notes/{note.id}"])))
            assert "three weeks late" in kept and "salary also low" in kept

    with Store.open(ana) as store:
        store.candidates.erase(candidate.id)
    both_apps(tmp_path, ana, ben)
    both_apps(tmp_path, ana, ben)
    with Store.open(ben) as store:
        assert not store.candidates.exists(candidate.id)
    everything = b"".join(p.read_bytes() for p in folder.rglob("*.bundle"))
    assert b"Zebulon" not in everything and b"offer" not in everything.lower()  # sealed for the firm
