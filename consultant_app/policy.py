"""The firm's machine-wide policy, which IT deploys beside the app: a small JSON file at ``$CONSULTANT_APP_POLICY``
or, by default, ``policy.json`` in the system's configuration folder for Debrief (``/etc/xdg/Debrief`` on Linux,
``C:\\ProgramData\\Debrief`` on Windows, ``/Library/Application Support/Debrief`` on macOS). It can require that
every workspace be encrypted (``"require_passphrase": true``) and cap the idle minutes before the window locks
(``"auto_lock_minutes": 5``; the firm profile may set fewer, never more or "never"). No file means no policy. A
file that cannot be read does not weaken anything: a passphrase is then required, and ``problem`` says why.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

POLICY_ENV = "CONSULTANT_APP_POLICY"


@dataclass(frozen=True)
class Policy:
    require_passphrase: bool = False
    auto_lock_minutes: int | None = None  # the most idle minutes allowed before locking; None: the firm decides
    path: Path | None = None  # the file it came from
    problem: str | None = None  # why the file could not be read (the strict reading then applies)


def policy_path() -> Path:
    chosen = os.environ.get(POLICY_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.site_config_path("Debrief", appauthor=False) / "policy.json"


def load_policy(path: Path | None = None) -> Policy:
    """The policy in force on this computer (none when the file does not exist)."""
    path = path or policy_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Policy()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return _unreadable(path, f"it cannot be read ({reason})")
    if not isinstance(data, dict):
        return _unreadable(path, "it is not a JSON object")
    require, minutes = data.get("require_passphrase", False), data.get("auto_lock_minutes")
    if not isinstance(require, bool):
        return _unreadable(path, "require_passphrase is not true or false")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0):
        return _unreadable(path, "auto_lock_minutes is not a whole number of minutes")
    return Policy(require, minutes or None, path)


def _unreadable(path: Path, why: str) -> Policy:
    return Policy(True, None, path, f"The firm policy {path} is not used because {why}; a passphrase is required.")


def passphrase_required(policy: Policy, firm_requires: bool) -> bool:
    return policy.require_passphrase or firm_requires


def auto_lock_minutes(firm_minutes: int, policy: Policy) -> int:
    """Idle minutes before an encrypted workspace locks (0: never): the firm's setting within the policy's cap."""
    cap = policy.auto_lock_minutes
    if cap is None:
        return max(0, firm_minutes)
    return cap if firm_minutes <= 0 else min(firm_minutes, cap)
