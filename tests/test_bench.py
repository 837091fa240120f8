"""The benchmark suite itself runs (at its small size: 5 clients, 5,000 interviews) and prints a
row for every operation with its baseline and ratio, the encrypted workspace's rows against the plain one's;
the figures are read by people, not asserted."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.timeout(600)
def test_the_benchmark_suite_runs_at_the_small_size():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "small", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if re.search(r"\d+\.\d+×", line)]
    operations = [
        "open the app",
        "table: first page",
        "table: scrolling",
        "search",
        "search",
        "autosave",
        "report",
        "anonymised dataset",
        "import",
    ] + ["typing"] * 4
    operations += [
        "encrypted: open workspace",
        "encrypted: the same, key already derived",
        "encrypted: open the app",
    ]
    operations += ["encrypted: autosave"] + ["encrypted: search"] * 4 + ["encrypted: report", "encrypted: import"]
    assert len(rows) == len(operations)
    for row, name in zip(rows, operations):
        assert row.startswith(name), row
    assert re.search(r"peak memory \d+ MB", result.stdout)
    assert len(re.findall(r"RSS [+-]\d+\.\d MB after", result.stdout)) == 2
    assert re.search(r"includes key derivation, PBKDF2-HMAC-SHA512 × 256,000: \d+ ms", result.stdout)
