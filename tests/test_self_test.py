"""``consultant-app self-test`` (frozen: ``debrief self-test``), the check whoever installs Debrief runs: in a fresh
process it passes every check and leaves nothing behind — no workspace, settings or file in the user's folders
(only caches the libraries keep), its temporary folder removed; a check that cannot pass says which step failed
instead of hanging. The frozen build runs it too (``tests/packaging/test_frozen.py``)."""

import os
import subprocess
import sys
from pathlib import Path

from consultant_app.cli_self_test import CALL_NOTE, CHECK_NAMES

ROOT = Path(__file__).resolve().parent.parent


def isolated(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    (tmp_path / "tmp").mkdir()
    places = {"HOME": home, "TMPDIR": tmp_path / "tmp"}
    places |= {f"XDG_{kind}_HOME": home / kind.lower() for kind in ("CONFIG", "DATA", "STATE", "CACHE")}
    env = {k: v for k, v in os.environ.items() if k not in ("DEBRIEF_DB", "QT_QPA_PLATFORM", "MPLCONFIGDIR")}
    return env | {name: str(path) for name, path in places.items()}


def self_test(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "consultant_app", "self-test", *args]
    return subprocess.run(command, cwd=tmp_path, env=isolated(tmp_path), capture_output=True, text=True, timeout=300)


def test_every_check_passes_and_nothing_is_left_outside_the_caches(tmp_path):
    result = self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].split(maxsplit=1) for line in lines[1:-1]] == [
        ["ok", "encrypted workspace"],
        ["ok", "demo"],
        ["ok", "report"],
        ["ok", "dataset"],
        ["ok", "desktop app"],
    ]
    assert f"typed {len(CALL_NOTE)} characters" in lines[5] and lines[-1] == "All checks passed."
    assert "Traceback" not in result.stderr
    home = tmp_path / "home"
    left = [p for p in home.rglob("*") if p.is_file() and (home / "cache") not in p.parents]
    assert left == []  # the user's settings, data and logs untouched (no workspace, no recent files, no backup)
    assert list((tmp_path / "tmp").iterdir()) == [] and list(tmp_path.glob("*.db")) == []


def test_only_the_checks_asked_for_run(tmp_path):
    result = self_test(tmp_path, "--only", "dataset", "--only", "encryption")
    assert result.returncode == 0, result.stderr[-3000:]
    assert [line.split(":")[0] for line in result.stdout.splitlines()[1:-1]] == [
        "  ok      encrypted workspace",
        "  ok      dataset",
    ]
    assert set(CHECK_NAMES) == {"encryption", "demo", "report", "dataset", "desktop"}


def test_a_desktop_check_that_cannot_pass_names_the_step_and_closes_the_app(tmp_path):
    """A workspace with a client but no interview: Enter opens no call screen; the check gives up (after 30 s),
    says so and the app quits, instead of waiting forever."""
    script = (
        "import sys; from pathlib import Path; "
        "from consultant_app.store import Store; from consultant_app.domain.model import Client; "
        "from consultant_app.ui.call_check import type_into_a_call; "
        "s = Store.open(Path('w.db')); s.clients.save(Client(name='No calls yet')); s.close(); "
        "print(type_into_a_call(Path('w.db'), 'never typed', Path('settings')))"
    )
    env = isolated(tmp_path) | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "Enter on the interview's row did not open the call screen"
