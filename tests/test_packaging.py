"""Installs are reproducible: the lock (``packaging/requirements.lock``) pins, with hashes, every package that
``pyproject.toml`` and ``packaging/tools.in`` ask for, at a version their ranges allow; the environment these
tests run in is exactly the lock's; and the PySide6 release that aborts the app on Python 3.11 is excluded."""

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "requirements.lock"


def locked() -> dict[str, tuple[str, Requirement]]:
    """Canonical name → (pinned version, requirement) for each lock entry that applies to this machine."""
    entries = {}
    for block in re.split(r"\n(?=\S)", LOCK.read_text()):
        if block.startswith("#") or not block.strip():
            continue
        requirement = Requirement(block.split("\\")[0].strip())
        assert "--hash=sha256:" in block, f"{requirement.name} has no hash"
        if requirement.marker is None or requirement.marker.evaluate():
            [pin] = requirement.specifier
            entries[canonicalize_name(requirement.name)] = (pin.version, requirement)
    return entries


def asked_for() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    lines += [
        line
        for line in (ROOT / "packaging" / "tools.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [Requirement(line) for line in lines]


def test_the_lock_pins_everything_asked_for_within_its_range():
    pins = locked()
    for requirement in asked_for():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in the lock: run python3 packaging/dev.py lock"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (requirement, pins[name][0])


def test_this_environment_is_the_lock():
    for name, (pinned, _) in locked().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        assert installed == pinned, f"{name}: installed {installed}, locked {pinned}"


def test_the_pyside6_release_that_aborts_typing_on_python_3_11_is_excluded():
    [pyside] = [r for r in asked_for() if r.name == "PySide6-Essentials"]
    assert not pyside.specifier.contains("6.12.0")
    assert locked()["pyside6-essentials"][0] != "6.12.0"
