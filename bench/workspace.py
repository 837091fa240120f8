"""Benchmark workspaces built with the demo generator, cached in ``bench/.cache`` between runs."""

from __future__ import annotations

import time
from pathlib import Path

from consultant_app.demo import create_demo_workspace
from consultant_app.store import Store

CACHE = Path(__file__).resolve().parent / ".cache"


def cached_workspace(name: str, clients: int, interviews: int, seed: int = 1) -> Path:
    """The path of a demo workspace of this size, built on first use."""
    path = CACHE / f"{name}-{clients}c-{interviews}i-s{seed}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        start = time.perf_counter()
        with Store.open(partial) as store:
            create_demo_workspace(store, clients, interviews, seed)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.replace(path)
        print(f"built {path.name} in {time.perf_counter() - start:.1f} s")
    return path


def timed(fn, repeat: int = 5) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times
