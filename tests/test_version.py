"""One version string: ``pyproject.toml``'s. ``consultant-app --version`` prints it (read from the installed
package's metadata), and the CHANGELOG's newest released entry is for it."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_version_option_prints_pyprojects_version():
    command = [sys.executable, "-m", "consultant_app", "--version"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == f"Debrief {pyproject_version()}\n", result.stderr


def test_the_changelogs_newest_release_is_pyprojects_version():
    headings = re.findall(r"^## \[([^\]]+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert headings[0] == "Unreleased" and headings[1] == pyproject_version()
