"""What this Debrief is, for ``--version``, Help → About and crash reports: its version (``pyproject.toml``'s,
the one home of it, read from the installed package's metadata, which the frozen build bundles) and the versions
of what it runs on. Reading them loads nothing heavy; Qt's version is read only once the app has loaded Qt."""

from __future__ import annotations

import sys

PACKAGE = "consultant-app"


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # a source tree run without installing it (``packaging/dev.py`` installs it)
        return "unknown (not installed)"


def runtime_versions() -> dict[str, str]:
    """Debrief's version and those of Python, Qt, SQLCipher and SQLite, and the platform, for support."""
    import platform

    from consultant_app.store.engine import versions

    cipher, sqlite = versions()
    qt = sys.modules.get("PySide6.QtCore")
    return {
        "Debrief": app_version(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Qt": f"{qt.qVersion()} (PySide6 {qt.__version__})" if qt else "not loaded",
        "SQLCipher": cipher,
        "SQLite": sqlite,
        "Platform": platform.platform(),
    }
