"""The benchmark suite itself runs (at its smoke size: 2 clients, 500 interviews) and prints a row for every
operation with its baseline, CPU time, peak memory and ratio, the encrypted workspace's rows against the plain
one's, the sync group's (a lead taking in twenty replicas, a typed note's bundle, a sync at opening) and the
candidate lists' (a client's list from a CSV and from a workbook); the figures are read by people, not asserted.
What is asserted is how it measures: app and baseline take turns, the peak memory is the measuring process's own,
and the fair floors run the app's plans."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.baselines import search_floor, table_floor
from bench.measure import Run, interleaved, measure, memory_mb, peak_mb
from consultant_app.demo import create_demo_workspace

ROOT = Path(__file__).resolve().parent.parent
LINUX = Path("/proc/self/status").exists()


@pytest.mark.timeout(900)  # the sync group builds twenty replicas' bundles on a clean checkout
def test_the_benchmark_suite_runs_at_the_smoke_size():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--size", "smoke", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if re.search(r"\d+\.\d+×", line)]
    operations = [
        "open the app",
        "command line: `clients`",
        "table: first page",
        "table: scrolling",
        "table: paging's cost",
        "table: text filter",
        "search",
        "search",
        "autosave",
        "report",
        "dashboard figures",
        "anonymised dataset",
        "import",
    ] + ["typing"] * 4
    operations += [
        "encrypted: open workspace",
        "encrypted: the same, key already derived",
        "encrypted: open the app",
    ]
    operations += ["encrypted: autosave"] + ["encrypted: search"] * 4 + ["encrypted: report", "encrypted: import"]
    operations += ["sync: a new lead takes in", "sync: send one typed note", "sync: open a synced workspace"]
    operations += ["the day's calls", "import candidates: 200-row CSV", "import candidates: 200-row XLSX"]
    assert len(rows) == len(operations)
    for row, name in zip(rows, operations):
        assert row.startswith(name), row
        if name in ("open the app", "report", "anonymised dataset", "import", "encrypted: open the app") or (
            name == "sync: a new lead takes in"
        ):
            assert len(re.findall(r" \d+ MB ", row)) == 2, row  # the peak memory of the app and of its baseline
    assert len(re.findall(r"RSS [+-]\d+\.\d MB after", result.stdout)) == 2
    assert re.search(r"includes key derivation, PBKDF2-HMAC-SHA512 × 256,000: \d+ ms", result.stdout)
    assert re.search(r"a bundle of [\d,]+ bytes for a 160-character note", result.stdout)
    assert re.search(r"adds -?\d+ ms", result.stdout)  # what a sync with nothing new adds to opening


def test_the_app_and_its_baseline_take_turns_after_a_warm_up_turn():
    calls = []
    ours, base = interleaved(lambda: calls.append("app"), lambda: calls.append("base"), 3, warm_up=True)
    assert calls == ["app", "base"] * 4
    assert len(ours) == len(base) == 3
    assert all(r.seconds >= 0 and r.cpu >= 0 and r.peak_mb is None for r in ours + base)


def test_what_a_run_reports_of_itself_replaces_what_was_measured_around_it():
    child = measure(lambda: Run(seconds=12.5, peak_mb=80.0))  # a child process that timed its own work
    assert (child.seconds, child.peak_mb) == (12.5, 80.0) and child.cpu >= 0
    busy = measure(lambda: sum(range(2_000_000)))
    assert busy.seconds > 0 and busy.cpu > 0


@pytest.mark.skipif(not LINUX, reason="VmHWM is read from Linux's /proc")
def test_the_peak_memory_is_read_from_this_process_status_and_keeps_its_high_mark():
    rss = memory_mb()["VmRSS"]
    assert 0 < rss <= peak_mb()
    block = bytearray(64 * 1024 * 1024)
    block[::4096] = b"\1" * len(block[::4096])  # each page touched, so resident
    held = memory_mb()["VmRSS"]
    assert held >= rss + 60 and peak_mb() >= held - 1  # the kernel updates its counters in batches
    del block  # a block this large goes back to the system
    assert memory_mb()["VmRSS"] < held - 60 and peak_mb() >= held - 1
    assert memory_mb(Path("/no/such/status")) == {}


def test_the_floors_run_the_app_plans_and_find_the_same_rows(store):
    from consultant_app.store.engine import sqlite

    create_demo_workspace(store, 2, 120, 3)
    raw = sqlite.connect(store.path)
    for query in ("salary market", "recruiter", "the"):
        app = [(h.kind, h.ref_id) for h in store.search.query(query, limit=50)]
        assert app and [row[:2] for row in search_floor(raw, query)] == app
    client = max(store.clients.summaries(), key=lambda s: s.candidates).client
    listing = store.listing.page(client.id, limit=10_000)
    rows = table_floor(raw, client.id, 20, to_the_end=True)
    assert [(r[0], r[1]) for r in rows] == [(r.interview_id, r.candidate_id) for r in listing]
    raw.close()


def test_a_markdown_row_gives_each_side_its_spread_cpu_and_peak_and_both_ratios():
    from bench.__main__ import _markdown_row
    from bench.operations import Measurement

    ours = [Run(2.0, 1.8, 250.0), Run(1.0, 0.9, 240.0), Run(3.0, 2.7, 260.0)]
    floor = [Run(0.5, 0.3, 90.0), Run(0.4, 0.3, 80.0), Run(0.6, 0.3, 85.0)]
    row = _markdown_row(Measurement("dataset", ours, floor, "plain CSV", "≤ 3×"))
    assert row == (
        "| dataset | 2.00 s (1.00 s–3.00 s) | 1.80 s | 260 MB | plain CSV | 500.0 ms (400.0 ms–600.0 ms) | 300.0 ms "
        "| 90 MB | 4.00× (6.00×) | ≤ 3× |"
    )


def _busy_with_memory(megabytes: int) -> int:
    block = bytearray(megabytes * 1024 * 1024)
    block[::4096] = b"\1" * len(block[::4096])  # each page touched, so resident
    return sum(range(3_000_000)) + len(block)


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_the_work_of_a_fork_server_pool_is_counted_with_the_run():
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from bench.pool_watch import PoolWatch

    with PoolWatch() as watch, ProcessPoolExecutor(2, get_context("forkserver")) as pool:
        assert all(list(pool.map(_busy_with_memory, [80, 80])))
    assert len(watch.peaks) == 2 and watch.peak_mb() >= 160
    assert watch.cpu() > 0.05  # the two workers' CPU time, which this process's own counters never see
