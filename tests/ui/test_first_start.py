"""Every first start ends in a window or a plain message, in a fresh process of the real app whose dialogs are
answered as a user would (``tests/ui/app_child.py``): the welcome's three choices, the README's first command,
a workspace that another process holds open, and a data folder the app cannot write to."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consultant_app.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path):
    """A new user's machine: empty data and config folders, no workspace named in the environment."""
    env = {k: v for k, v in os.environ.items() if k != "CONSULTANT_APP_DB"}
    env.update(
        QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config")
    )
    return env


def run_app(env, *app_args, answers=()):
    """Runs the app to its end; returns the events it printed and its stderr."""
    command = [sys.executable, "-m", "tests.ui.app_child", *[f"--answer={a}" for a in answers], "--", *app_args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=100)
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert "Traceback" not in result.stderr, result.stderr
    assert events and events[-1] == {"exit": result.returncode}, (result.stdout, result.stderr)
    return events, result.stderr


def data_folder(env) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "Debrief"


def test_explore_a_demo_workspace_opens_the_demo(home):
    events, _ = run_app(home, answers=["click:Explore a demo workspace"])
    welcome, window, end = events
    assert welcome["dialog"] == "WelcomeDialog"
    assert window["workspace"] == str(data_folder(home) / "debrief-demo.db") and not window["empty"]
    assert end == {"exit": 0}


def test_skip_opens_the_empty_workspace(home):
    events, _ = run_app(home, answers=["click:Skip for now"])
    assert [e.get("dialog") for e in events[:-2]] == ["WelcomeDialog"]
    assert events[-2]["workspace"] == str(data_folder(home) / "debrief.db") and events[-2]["empty"]
    assert events[-1] == {"exit": 0}


def test_setting_up_the_firm_saves_the_firm_and_first_client(home):
    steps = "type:Your research firm=Meridian Talent|type:The first client you work for=Northwind|click:Set up my firm"
    events, _ = run_app(home, answers=[steps])
    assert events[-2]["workspace"] == str(data_folder(home) / "debrief.db") and events[-1] == {"exit": 0}
    with Store.open(data_folder(home) / "debrief.db") as store:
        assert store.firm.get().name == "Meridian Talent"
        assert [c.name for c in store.clients.list()] == ["Northwind"]


def test_the_readme_command_opens_the_demo_without_asking(home):
    events, _ = run_app(home, "--demo-when-empty")
    [window, end] = events
    assert window["workspace"] == str(data_folder(home) / "debrief-demo.db") and not window["empty"]
    assert end == {"exit": 0}


@pytest.fixture
def held_open(home):
    """Another process that has the default workspace open until the test ends."""
    workspace = data_folder(home) / "debrief.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from consultant_app.store import Store; "
            f"s = Store.open({str(workspace)!r}); print('open', flush=True); sys.stdin.read()",
        ],
        cwd=ROOT,
        env=home,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    yield workspace
    holder.stdin.close()
    holder.wait(timeout=30)


@pytest.mark.parametrize("app_args", [(), ("--demo-when-empty",)])
def test_a_workspace_open_in_another_process_is_explained_and_the_app_quits(home, held_open, app_args):
    events, _ = run_app(home, *app_args, answers=["key:Return"])
    [message, end] = events
    assert message["dialog"] == "QMessageBox" and "is open in another Debrief window" in message["text"]
    assert end == {"exit": 1}


@pytest.fixture
def unwritable(tmp_path):
    """A folder nobody may write to: a read-only RAM disk when running as root, else a folder without write
    permission."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("as root, a read-only folder needs a read-only mount: " + made.stderr.decode().strip())
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_an_unwritable_data_folder_offers_another_folder_and_remembers_it(home, unwritable, tmp_path):
    home["XDG_DATA_HOME"] = str(unwritable)
    elsewhere = tmp_path / "Documents"
    elsewhere.mkdir()
    events, _ = run_app(
        home, answers=["click:Choose a folder…", f"folder:{elsewhere}", "click:Explore a demo workspace"]
    )
    problem, picker, welcome, window, end = events
    assert problem["dialog"] == "QMessageBox" and "Debrief cannot create a workspace in" in problem["text"]
    assert "read-only" in problem["text"] or "permission denied" in problem["text"]
    assert picker["dialog"] == "QFileDialog" and welcome["dialog"] == "WelcomeDialog"
    assert window["workspace"] == str(elsewhere / "debrief-demo.db") and not window["empty"]
    assert end == {"exit": 0}
    events, _ = run_app(home, answers=["click:Skip for now"])  # the next start goes straight to the chosen folder
    assert [e.get("dialog") for e in events[:-2]] == ["WelcomeDialog"]
    assert events[-2]["workspace"] == str(elsewhere / "debrief.db")


def test_an_unwritable_data_folder_lets_the_user_quit_plainly(home, unwritable):
    home["XDG_DATA_HOME"] = str(unwritable)
    events, _ = run_app(home, "--demo-when-empty", answers=["click:Quit"])
    [problem, end] = events
    assert "Debrief cannot create a workspace in" in problem["text"] and end == {"exit": 1}
    cli = subprocess.run(
        [sys.executable, "-m", "consultant_app", "clients"], cwd=ROOT, env=home, capture_output=True, text=True
    )
    assert cli.returncode == 1 and cli.stderr.startswith("error: Debrief cannot create a workspace in")
    assert len(cli.stderr.splitlines()) == 1


def test_a_named_workspace_in_an_unwritable_folder_is_explained(home, unwritable):
    events, _ = run_app(home, "--db", str(unwritable / "w.db"), answers=["key:Return"])
    [problem, end] = events
    assert "Start Debrief with a workspace in a folder you can write to" in problem["text"]
    assert end == {"exit": 1}
    assert not any(unwritable.iterdir())
