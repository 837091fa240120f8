"""The scaling table: report, dataset, import and search at 1,000, 10,000 and 100,000 interviews, each against its
fair floor (``bench.baselines``), runs interleaved, report, dataset and import each run in a process of its own
so its peak memory is its own. The workspaces (``bench.workspace.scaled_workspace``) hold one client, so its
report grows with the size too: the small workspace's candidates, cut at 1,000, or tiled under new ids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench import baselines
from bench.operations import Measurement, dataset_runs, import_runs, report_runs, search_rows
from bench.workspace import scaled_workspace
from consultant_app.interchange import export_file
from consultant_app.store import Store

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


def scaled_interchange(db: Path) -> Path:
    """The scaled workspace exported to an interchange file, made on first use."""
    path = db.with_suffix(".json")
    if not path.exists():
        with Store.open(db) as store:
            export_file(store, path)
    return path


def scaling(sizes: list[str], repeat: int) -> Iterator[Measurement]:
    """Every row of the table, size by size, each as soon as it is measured."""
    for size in sizes:
        db = scaled_workspace(SIZES[size])
        (ours, base), made = report_runs(db, repeat)
        label = f"{size}: report ({made['completed']:,} completed, {made['pages']} pages)"
        yield Measurement(label, ours, base, baselines.REPORT_NAME, "≤ 1.3×")
        (ours, base), made = dataset_runs(db, repeat)
        label = f"{size}: anonymised dataset ({made['rows']:,} rows, {made['answers']:,} answers)"
        yield Measurement(label, ours, base, baselines.DATASET_NAME, "≤ 3×, < 300 MB")
        source = scaled_interchange(db)
        label = f"{size}: import ({source.stat().st_size / 1e6:,.0f} MB)"
        yield Measurement(label, *import_runs(source, repeat), baselines.IMPORT_NAME, "≤ 2×, < 500 MB")
        yield from search_rows(db, repeat, f"{size}: ")
