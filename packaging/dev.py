"""Sets up a private virtual environment for Debrief and runs the app or the tests.

    python3 packaging/dev.py app      # install what is needed, then open the desktop app
    python3 packaging/dev.py test     # install what is needed, then run the test suite
    python3 packaging/dev.py lock     # update packaging/requirements.lock (add --upgrade to take
                                      # the newest allowed releases, --upgrade-package NAME for one)

Only the Python standard library is used here, so this works on a fresh machine with Python
3.11+. The environment lives in ``.venv`` and is installed from ``packaging/requirements.lock``
(exact versions with hashes, for every platform and Python Debrief supports), so every machine
runs the versions CI tested; it is rebuilt from scratch whenever the lock, ``pyproject.toml`` or
the Python version changes. Extra arguments go to the app, to pytest or to ``uv pip compile``.
"""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".debrief-installed"
LOCK = Path("packaging/requirements.lock")
LOCK_INPUTS = ["pyproject.toml", "packaging/tools.in"]
LOCK_COMMAND = "python3 packaging/dev.py lock"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def wanted_stamp() -> str:
    digest = hashlib.sha256(platform.python_version().encode())
    for name in (LOCK, *LOCK_INPUTS):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 (this file runs on whatever python3 the machine has)
        sys.exit(f"Debrief needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    wanted = wanted_stamp()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    print("Creating the environment in .venv from packaging/requirements.lock (a minute or two) …", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "-q", "install", "--no-deps"]
    run(pip + ["--require-hashes", "-r", str(LOCK)], "Installing the locked dependencies failed")
    run(pip + ["--no-build-isolation", "-e", "."], "Installing Debrief itself failed")
    STAMP.write_text(wanted)
    return python


def run(command: list[str], failure: str) -> None:
    if subprocess.call(command, cwd=ROOT) != 0:
        sys.exit(f"{failure} (pip's message is above). Check the network connection and run the command again.")


def update_lock(python: Path, extra: list[str]) -> int:
    """Resolves pyproject.toml and tools.in again for every platform and Python, with hashes."""
    env = dict(os.environ, UV_CUSTOM_COMPILE_COMMAND=LOCK_COMMAND)
    command = [
        str(python),
        "-m",
        "uv",
        "pip",
        "compile",
        *LOCK_INPUTS,
        "--extra",
        "test",
        "--universal",
        "--generate-hashes",
        "--output-file",
        str(LOCK),
        *extra,
    ]
    return subprocess.call(command, cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "lock"):
        print(__doc__.strip())
        return 2
    python = ensure_environment()
    if argv[0] == "lock":
        return update_lock(python, argv[1:])
    if argv[0] == "app":
        command = [str(python), "-m", "consultant_app", "--demo-when-empty", *argv[1:]]
    else:
        command = [str(python), "-m", "pytest", *argv[1:]]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
