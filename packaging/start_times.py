"""Start times of the frozen app against the venv's, measured in one run on this machine (README, Installing).

    python3 packaging/start_times.py FROZEN_FOLDER   # a folder built with build.py (dist/debrief)

Three starts each way, in fresh processes: ``--version``; ``clients`` on a 60-interview demo workspace (opened and
read); and ``self-test --only desktop``, the desktop app offscreen on a fresh workspace, a call opened by Enter, a
note typed, Ctrl+Q, the note read back. Warm is the median of 7 runs, alternating the two
sides; cold is the median of 3 runs each right after dropping the page cache (root only: writes
/proc/sys/vm/drop_caches), so every library is read from disk again.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"


def seconds(command: list[str], cold: bool) -> float:
    if cold:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main(folder: Path) -> None:
    work = Path(tempfile.mkdtemp())
    db = str(work / "w.db")
    subprocess.run([str(folder / "debrief"), "--db", db, "demo", "--interviews", "60"], check=True, capture_output=True)
    starts = {
        "--version": ["--version"],
        "clients": ["--db", db, "clients"],
        "app: a call typed, Ctrl+Q": ["self-test", "--only", "desktop"],
    }
    commands = {
        name: ([str(VENV_BIN / "consultant-app"), *arguments], [str(folder / "debrief"), *arguments])
        for name, arguments in starts.items()
    }
    results = {}
    for name, (venv, frozen) in commands.items():
        warm = {"venv": [], "frozen": []}
        for _ in range(7):
            warm["venv"].append(seconds(venv, cold=False))
            warm["frozen"].append(seconds(frozen, cold=False))
        cold = {
            "venv": [seconds(venv, cold=True) for _ in range(3)],
            "frozen": [seconds(frozen, cold=True) for _ in range(3)],
        }
        results[name] = {
            f"{kind} {side}": round(statistics.median(values), 3)
            for kind, runs in (("warm", warm), ("cold", cold))
            for side, values in runs.items()
        }
        print(name, json.dumps(results[name]), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
