"""The installable app: the folder ``packaging/build.py`` freezes with ``packaging/debrief.spec``, run as a user
runs it, in fresh processes: its version, the demo, a report, a dataset and a search from the terminal, and
``debrief self-test``, whose last check is the desktop app (offscreen) with a call typed into by keyboard, closed,
and the app quit with Ctrl+Q.

The spec's list of resource folders is always checked against ``resources/``. The frozen tests need a build
(about a minute on two cores), cached in ``build/frozen-test/<key>/`` where the key hashes everything that goes
into it. They run when ``DEBRIEF_FROZEN_TESTS=1``, or when ``packaging/`` or ``pyproject.toml`` differ from the
last cached build's, which is always so on a clean checkout: CI builds and runs them every time. Only when just
the sources changed since the last local build are they skipped, saying so. The folder tested is the release
folder, made by the same command."""

import ast
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from consultant_app.datasets.answers import POOL_FROM

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "frozen-test"
SPEC = ROOT / "packaging" / "debrief.spec"
PACKAGING_INPUTS = ["packaging", "pyproject.toml"]
SOURCE_INPUTS = ["consultant_app", "resources"]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
pytestmark = pytest.mark.timeout(900)  # the first test's setup builds the folder: a minute, more on a busy machine


def digest(places: list[str]) -> str:
    hashed = hashlib.sha256(platform.python_version().encode())
    for place in places:
        for path in sorted(p for p in (ROOT / place).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hashed.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
        if (ROOT / place).is_file():
            hashed.update((ROOT / place).read_bytes())
    return hashed.hexdigest()[:16]


def cached_packaging_key() -> str | None:
    stamps = sorted(CACHE.glob("*/packaging-key"))
    return stamps[-1].read_text() if stamps else None


@pytest.fixture(scope="module")
def frozen() -> Path:
    """The frozen folder for this tree, built if the cache has none."""
    packaging_key = digest(PACKAGING_INPUTS)
    folder = CACHE / f"{packaging_key}-{digest(SOURCE_INPUTS)}"
    if (folder / "debrief" / "debrief").exists():
        return folder / "debrief"
    if os.environ.get("DEBRIEF_FROZEN_TESTS") != "1" and cached_packaging_key() == packaging_key:
        pytest.skip("packaging unchanged since the last frozen build; DEBRIEF_FROZEN_TESTS=1 rebuilds and runs these")
    shutil.rmtree(CACHE, ignore_errors=True)
    command = [sys.executable, "packaging/build.py", "--folder-only", "--dist", str(folder)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    (folder / "packaging-key").write_text(packaging_key)
    return folder / "debrief"


def run(folder: Path, *args: str, cwd: Path) -> str:
    result = subprocess.run([str(folder / "debrief"), *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    return result.stdout


def test_the_spec_bundles_every_resource_folder():
    [listed] = [
        node.value
        for node in ast.parse(SPEC.read_text()).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "RESOURCE_FOLDERS"
    ]
    on_disk = sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir())
    assert sorted(ast.literal_eval(listed)) == on_disk


def test_the_frozen_app_tells_its_version_from_the_bundled_metadata(frozen, tmp_path):
    assert run(frozen, "--version", cwd=tmp_path).strip() == f"Debrief {VERSION}"


def test_the_frozen_commands_make_a_demo_a_report_a_dataset_and_find_notes(frozen, tmp_path):
    db = str(tmp_path / "w.db")
    assert "60 interviews (60 new)" in run(frozen, "--db", db, "demo", "--interviews", "60", cwd=tmp_path)
    client = run(frozen, "--db", db, "clients", cwd=tmp_path).splitlines()[1].split("  ")[0]
    assert "-page report" in run(frozen, "--db", db, "report", "--client", client, "--out", "r.pdf", cwd=tmp_path)
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"Inter-Regular" in pdf  # the bundled typeface, not a fallback
    run(frozen, "--db", db, "dataset", "--all", "--out", "ds", "--xlsx", cwd=tmp_path)
    written = {p.name for p in (tmp_path / "ds").iterdir()}
    assert {"interviews.csv", "answers.csv", "datapackage.json", "dataset.xlsx"} <= written
    found = run(frozen, "--db", db, "search", "recruiter", "--limit", "3", cwd=tmp_path).splitlines()
    assert len(found) == 3 and all("«recruiter»" in line.lower() for line in found)


def test_a_bad_command_line_is_one_plain_line(frozen, tmp_path):
    result = subprocess.run([str(frozen / "debrief"), "report"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert re.match(r"debrief report: error: the following arguments are required", result.stderr)


def test_the_installed_app_passes_its_self_test(frozen, tmp_path):
    """``debrief self-test`` as whoever installs it runs it: an encrypted workspace, a demo, a report, a dataset,
    and the desktop app offscreen with a call opened by Enter, a note typed key by key, Ctrl+Q, the note read back
    from the file."""
    result = subprocess.run(
        [str(frozen / "debrief"), "self-test"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stdout + result.stderr[-3000:]
    assert result.stdout.count("\n  ok  ") == 5 and result.stdout.endswith("All checks passed.\n")
    assert "desktop app: opened a call from the keyboard" in result.stdout


def test_the_frozen_dataset_redacts_on_its_pool_of_processes(frozen, tmp_path):
    db = str(tmp_path / "w.db")
    run(frozen, "--db", db, "demo", "--interviews", "6000", cwd=tmp_path)  # over 4,000 kept: the pool's size
    written = run(frozen, "--db", db, "dataset", "--all", "--out", "ds", cwd=tmp_path)
    wrote = re.search(r"([\d,]+) interviews", written)
    assert wrote, written  # without freeze_support the pool's processes run the command line again instead
    assert int(wrote[1].replace(",", "")) >= POOL_FROM and (tmp_path / "ds" / "answers.csv").stat().st_size > 0
