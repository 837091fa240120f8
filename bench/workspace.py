"""Benchmark workspaces built with the demo generator (seeded; about ten notes per interview of
realistic length), cached in ``bench/.cache`` between runs, with their interchange export."""

from __future__ import annotations

import time
from pathlib import Path

from consultant_app.demo import create_demo_workspace
from consultant_app.interchange import export_file
from consultant_app.store import Store

CACHE = Path(__file__).resolve().parent / ".cache"
SIZES = {
    "small": (5, 5_000),
    "medium": (15, 15_000),  # the largest the generator builds in about an hour (import erases each anonymous name)
    "large": (50, 100_000),
    "report-small": (1, 1_400),
    "report-medium": (1, 7_000),
    "report-large": (1, 7_000),
}  # one client, about 1,000 / 5,000 completed
EXTRA_NOTES = 10


def cached_workspace(size: str, seed: int = 1) -> Path:
    """The path of the benchmark workspace of this size, built on first use."""
    clients, interviews = SIZES[size]
    path = CACHE / f"{size}-{clients}c-{interviews}i-n{EXTRA_NOTES}-s{seed}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        start = time.perf_counter()
        with Store.open(partial) as store:
            create_demo_workspace(store, clients, interviews, seed, extra_notes=EXTRA_NOTES)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for leftover in CACHE.glob(partial.name + ".lock"):
            leftover.unlink()
        partial.replace(path)
        print(f"built {path.name} in {time.perf_counter() - start:.0f} s")
    return path


def cached_interchange(size: str) -> Path:
    """The benchmark workspace exported to an interchange file, made on first use."""
    workspace = cached_workspace(size)
    path = workspace.with_suffix(".json")
    if not path.exists():
        with Store.open(workspace) as store:
            export_file(store, path)
    return path


def timed(fn, repeat: int = 5) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times
