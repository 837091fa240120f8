"""What a killed command leaves behind (a hidden, half-written report, export, backup or dataset) is removed
by the next run of a command writing into the same folder, once it is old; a run still going on keeps its
own. Each command runs as a real process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "report": ["report", "--client", "{client}", "--out", "{out}/r.pdf"],
    "export": ["export", "{out}/e.json"],
    "backup": ["backup", "--to", "{out}"],
    "dataset": ["dataset", "--all", "--out", "{out}/ds"],
}


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ws") / "w.db"
    assert run(db, "demo", "--clients", "2", "--interviews", "300").returncode == 0
    return db


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_next_run_clears_what_a_killed_one_left(workspace, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    stale = [
        out / ".r.pdf.debrief-partial-k1ll3d.pdf",
        out / ".e.json.debrief-partial-k1ll3d",
        out / ".w-20261127-101010.db.debrief-partial-k1ll3d",
    ]
    for path in stale:
        path.write_bytes(b"")
        os.utime(path, (1, 1))
    (out / ".ds.debrief-partial-k1ll3d").mkdir()
    os.utime(out / ".ds.debrief-partial-k1ll3d", (1, 1))
    running = out / ".r.pdf.debrief-partial-st1llw"
    running.write_bytes(b"%PDF-1.4 half")  # another run, still writing
    args = [a.format(client=_first_client(workspace), out=out) for a in COMMANDS[command]]
    result = run(workspace, *args)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [running.name]


def _first_client(db: Path) -> str:
    return run(db, "clients").stdout.splitlines()[1].split("  ")[0]
