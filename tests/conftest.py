"""Shared fixtures: a real workspace file in a temporary folder, and the documented example."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings  # noqa: E402

# In CI the property-based tests replay the same examples every run, so a landing never depends on
# luck; on developers' machines they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from consultant_app.store import Store  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture
def store(workspace_path: Path):
    with Store.open(workspace_path) as opened:
        yield opened


@pytest.fixture
def example_doc() -> dict:
    return json.loads((DATA / "example.json").read_text())
