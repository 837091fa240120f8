"""Crash safety: the save path is killed with SIGKILL at random moments, again and again, on the
same file. After every kill the file passes the integrity check, opens, and holds every save that
was acknowledged before the kill. DEBRIEF_CRASH_RUNS sets the number of kills (30 by default;
the full run uses 300)."""

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from consultant_app.store import Store
from tests.store.builders import client_with_interview

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("DEBRIEF_CRASH_RUNS", "30"))


def run_and_kill(db: Path, interview_id: str, seed: int, rng: random.Random) -> list[dict]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.proof.crash_child", str(db), interview_id, str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acks: list[dict] = []
    first = threading.Event()

    def read() -> None:
        for line in child.stdout:
            try:
                acks.append(json.loads(line))
            except json.JSONDecodeError:
                return  # a line cut by the kill was never acknowledged
            first.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not first.wait(30):
        child.kill()
        pytest.fail(f"the save path never acknowledged a save: {child.stderr.read()}")
    time.sleep(rng.uniform(0.0, 0.35))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=30)
    return list(acks)


@pytest.mark.timeout(60 + RUNS * 2)
def test_every_acknowledged_save_survives_random_kills(tmp_path):
    db = tmp_path / "crash.db"
    with Store.open(db) as store:
        _, _, interview = client_with_interview(store)
    rng = random.Random(20261126)
    acknowledged: dict[str, str] = {}
    total_acks = 0
    for run in range(RUNS):
        acks = run_and_kill(db, interview.id, run, rng)
        total_acks += len(acks)
        for ack in acks:
            acknowledged[ack["note"]] = ack["text"]
        with Store.open(db) as store:
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"run {run}"
            assert store.maintenance.check().ok, f"run {run}: {store.maintenance.check().problems}"
            stored = {n.id: n.text for n in store.notes.for_interview(interview.id)}
            if acks:  # a rating once acknowledged may change later, but never disappears
                assert set(acks[-1]["ratings"]) <= set(store.interviews.get(interview.id).ratings), f"run {run}"
        for note_id, text in acknowledged.items():
            assert note_id in stored, f"run {run}: acknowledged note {note_id} is missing"
            assert stored[note_id].startswith(text), f"run {run}: acknowledged text of {note_id} was lost"
    assert total_acks > RUNS  # the harness really wrote between kills
