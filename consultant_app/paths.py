"""Where Debrief keeps its files: the workspace database, its backups and the settings folder.

The workspace is ``--db``, else ``$CONSULTANT_APP_DB``, else ``debrief.db`` in the data folder: the
platform's user data folder, or the folder the user chose instead when that one could not be written
(remembered in ``data-folder.txt`` in the user config folder). The demo workspace lives beside it.
Backups live in a ``<name>-backups`` folder beside the workspace file, recovery files (calls that could not
be saved to the workspace) in ``<name>-recovery``. Crash reports go to the platform's user log folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Debrief"
# The command: ``debrief`` as the installed packages (``packaging/build.py``) name it, ``consultant-app`` from Python.
COMMAND_NAME = "debrief" if getattr(sys, "frozen", False) else "consultant-app"
DB_ENV = "CONSULTANT_APP_DB"
DEMO_NAME = "debrief-demo.db"


def _remembered_folder_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "data-folder.txt"


def data_folder() -> Path:
    """The folder chosen by the user, else the platform's user data folder."""
    try:
        chosen = _remembered_folder_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        chosen = ""
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def remember_data_folder(folder: Path) -> None:
    """Makes ``folder`` the data folder from now on (raises OSError if that cannot be recorded)."""
    target = _remembered_folder_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(str(Path(folder).resolve()) + "\n", encoding="utf-8")


def default_workspace() -> Path:
    return data_folder() / "debrief.db"


def demo_workspace_path() -> Path:
    return data_folder() / DEMO_NAME


def is_chosen_explicitly(cli_value: str | os.PathLike | None) -> bool:
    """Whether the workspace was named (``--db`` or the environment) rather than taken by default."""
    return bool(cli_value or os.environ.get(DB_ENV))


def workspace_path(cli_value: str | os.PathLike | None = None) -> Path:
    """The workspace file to use: the command-line value, the environment, or the default."""
    chosen = cli_value or os.environ.get(DB_ENV) or default_workspace()
    return Path(chosen).expanduser()


def backup_dir(workspace: Path) -> Path:
    return workspace.with_name(workspace.stem + "-backups")


def recovery_dir(workspace: Path) -> Path:
    return workspace.with_name(workspace.stem + "-recovery")


def recovery_file(workspace: Path, candidate_id: str, interview_id: str) -> Path:
    """Where a call is kept when the workspace file can no longer be written (an interchange file to import);
    named by the candidate, so an erasure finds it without opening it."""
    return recovery_dir(workspace) / f"candidate-{candidate_id}-interview-{interview_id}.json"


def crash_report_folder() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """``resources/`` beside the package: the repository's in a checkout, and the bundle's in the frozen app,
    where PyInstaller puts ``consultant_app/`` and ``resources/`` side by side (packaging/debrief.spec)."""
    return Path(__file__).resolve().parent.parent / "resources"
