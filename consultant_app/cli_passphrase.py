"""Where the command line gets an encrypted workspace's passphrase: ``$CONSULTANT_APP_PASSPHRASE``, else the
passphrase remembered in this computer's keyring, else a prompt on the terminal (never echoed). Without a
terminal and without either, the command stops with one plain line. A new passphrase (``encrypt``,
``passphrase``) comes from ``$CONSULTANT_APP_NEW_PASSPHRASE`` or is typed twice.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app import keychain
from consultant_app.paths import COMMAND_NAME

if TYPE_CHECKING:  # the store loads when a command runs, not when the command line is parsed
    from consultant_app.store import Store

PASSPHRASE_ENV = "CONSULTANT_APP_PASSPHRASE"
NEW_PASSPHRASE_ENV = "CONSULTANT_APP_NEW_PASSPHRASE"


def passphrase_for(path: Path) -> str | None:
    """The passphrase of the file at ``path`` if it is encrypted; None for a plain or missing file, unless
    ``$CONSULTANT_APP_PASSPHRASE`` is set for a workspace that does not exist yet (it is then created encrypted)."""
    from consultant_app.store import WorkspaceError
    from consultant_app.store.engine import is_encrypted

    if not is_encrypted(path):
        new = not path.exists() or (path.is_file() and path.stat().st_size == 0)
        return os.environ.get(PASSPHRASE_ENV) if new else None
    found = os.environ.get(PASSPHRASE_ENV) or keychain.recall(path)
    if found:
        return found
    if not sys.stdin.isatty():
        raise WorkspaceError(
            f"{path.name} is encrypted: set ${PASSPHRASE_ENV}, let the app remember its passphrase on this "
            "computer, or run the command in a terminal to type it."
        )
    return _typed(f"Passphrase for {path.name}: ")


def _typed(prompt: str) -> str:
    """A passphrase typed on the terminal; Ctrl+D is a plain refusal, not a traceback."""
    from consultant_app.store import WorkspaceError

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise WorkspaceError("No passphrase was typed; nothing was changed.") from None


def open_store(path: Path) -> Store:
    """The workspace at ``path``, unlocked."""
    from consultant_app.store import Store

    return Store.open(path, passphrase=passphrase_for(path))


def new_passphrase(path: Path) -> str:
    """A new passphrase for ``path``, checked: from the environment, or typed twice on the terminal."""
    from consultant_app.store import WorkspaceError
    from consultant_app.store.encryption import check_new_passphrase

    given = os.environ.get(NEW_PASSPHRASE_ENV)
    if given is None:
        if not sys.stdin.isatty():
            raise WorkspaceError(f"Set ${NEW_PASSPHRASE_ENV}, or run the command in a terminal to type it.")
        given = _typed(f"New passphrase for {path.name}: ")
        check_new_passphrase(given)
        check_new_passphrase(given, _typed("The same passphrase again: "))
    check_new_passphrase(given)
    return given


def offer_to_remember(path: Path, passphrase: str, remember: bool) -> None:
    if not remember:
        return
    try:
        keychain.remember(path, passphrase)
        print(f"This computer's keyring remembers the passphrase now ({COMMAND_NAME} passphrase --forget).")
    except keychain.KeyringUnavailable as exc:
        print(f"note: {exc}", file=sys.stderr)
