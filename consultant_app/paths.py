"""Where Debrief keeps its files: the workspace database, its backups and the settings folder.

The workspace is ``--db``, else ``$CONSULTANT_APP_DB``, else ``debrief.db`` in the platform's
user data folder. Backups live in a ``<name>-backups`` folder beside the workspace file.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Debrief"
DB_ENV = "CONSULTANT_APP_DB"


def default_workspace() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "debrief.db"


def demo_workspace_path() -> Path:
    return default_workspace().with_name("debrief-demo.db")


def workspace_path(cli_value: str | os.PathLike | None = None) -> Path:
    """The workspace file to use: the command-line value, the environment, or the default."""
    chosen = cli_value or os.environ.get(DB_ENV) or default_workspace()
    return Path(chosen).expanduser()


def backup_dir(workspace: Path) -> Path:
    return workspace.with_name(workspace.stem + "-backups")


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"
