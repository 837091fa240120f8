"""Remembering a workspace's passphrase on this computer, in the operating system's keyring (macOS Keychain,
Windows Credential Locker, the Secret Service on Linux) through ``keyring``. Off unless the consultant asks;
one entry per workspace file, named by its full path. A computer without a usable keyring simply remembers
nothing: recalling finds nothing, and remembering says plainly that it could not.
"""

from __future__ import annotations

from pathlib import Path

SERVICE = "Debrief workspace"


def _account(workspace: Path) -> str:
    return str(Path(workspace).resolve())


def recall(workspace: Path) -> str | None:
    """The passphrase remembered for ``workspace``, or None."""
    try:
        import keyring

        return keyring.get_password(SERVICE, _account(workspace))
    except Exception:  # no backend, a locked or broken keyring: nothing is remembered
        return None


def remember(workspace: Path, passphrase: str) -> None:
    """Stores the passphrase for ``workspace``; raises ``KeyringUnavailable`` with a plain message if it cannot."""
    try:
        import keyring

        keyring.set_password(SERVICE, _account(workspace), passphrase)
    except Exception as exc:
        from keyring.errors import NoKeyringError

        where = "has no keyring Debrief can use" if isinstance(exc, NoKeyringError) else "'s keyring refused it"
        raise KeyringUnavailable(
            f"This computer {where}, so the passphrase is not remembered; you will be asked for it each time."
        ) from None


def forget(workspace: Path) -> bool:
    """Removes the remembered passphrase for ``workspace``; returns whether there was one to remove."""
    try:
        import keyring

        keyring.delete_password(SERVICE, _account(workspace))
    except Exception:  # nothing remembered, or no keyring: nothing to forget
        return False
    return True


class KeyringUnavailable(Exception):
    """The passphrase could not be stored in the operating system's keyring."""
