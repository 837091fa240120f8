"""Start times of the frozen app against the venv's, measured in one run on this machine (README, Installing).

    python3 packaging/start_times.py FROZEN_FOLDER   # a folder built with build.py --with-typing-check

Three starts each way, in fresh processes on a 60-interview demo workspace: ``--version``; ``clients`` (the
workspace opened and read); and the desktop app offscreen opening a call, typing one key, closing it and quitting
(``bench/call_typing.py``, frozen as ``debrief-typing-check``). Warm is the median of 7 runs, alternating the two
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
    db, typed = str(work / "w.db"), work / "typed.db"
    subprocess.run([str(folder / "debrief"), "--db", db, "demo", "--interviews", "60"], check=True, capture_output=True)
    subprocess.run(
        [
            str(VENV_BIN / "python"),
            "-c",
            f"from bench.call_typing import prepare_workspace as p; "
            f"from pathlib import Path; p(Path({str(typed)!r}), interviews=20)",
        ],
        cwd=ROOT,
        check=True,
    )
    starts = {
        "--version": (["--version"], ["--version"]),
        "clients": (["--db", db, "clients"], ["--db", db, "clients"]),
    }
    commands = {
        name: ([str(VENV_BIN / "consultant-app"), *venv], [str(folder / "debrief"), *frozen])
        for name, (venv, frozen) in starts.items()
    }
    call = [str(typed), "--chars", "1"]
    commands["app: a call, one key, quit"] = (
        [str(VENV_BIN / "python"), "-m", "bench.call_typing", *call],
        [str(folder / "debrief-typing-check"), *call],
    )
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
