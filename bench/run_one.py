"""One measured run of a whole-workspace operation in a process of its own, so its peak memory is its own: ``python
-m bench.run_one OPERATION SIDE PATH OUT [--charts N --pages N] [--folder F]``, OPERATION one of report, dataset,
import, sync, open-sync; SIDE ``app`` or ``floor`` (its fair baseline, ``bench.baselines``, or for sync the app's
import of the same records); PATH the workspace (the interchange file for import, the sync folder or the interchange
file for sync); OUT a folder for what it writes. Everything the run needs is loaded and opened first; a report is
made once untimed (fonts, first drawing). The last line printed is JSON: the run's elapsed and CPU seconds, the
process's peak memory (``VmHWM``; with the pool of processes it started, ``bench.pool_watch``) and what was made.
``child`` runs it from the benchmark."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.measure import Run, measure, peak_mb
from bench.pool_watch import PoolWatch

ROOT = Path(__file__).resolve().parent.parent


def child(operation: str, side: str, path: Path, out: Path, *options: str) -> tuple[Run, dict]:
    """Runs the operation in a fresh process; returns its run and what it reports of what it made."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.run_one", operation, side, str(path), str(out), *options],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen")),
        check=True,
        capture_output=True,
        text=True,
    )
    made = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(*(made.pop(k) for k in ("seconds", "cpu", "peak_mb"))), made


def report(side: str, db: Path, out: Path, args) -> tuple[Callable[[], dict], Callable[[], None]]:
    from consultant_app.store import Store

    store = Store.open(db)
    client = max(store.clients.summaries(), key=lambda s: s.completed).client
    if side == "floor":
        from bench.baselines import report_floor

        def floor() -> dict:
            return {"pages": report_floor(store.db, client.id, out / "floor.pdf", args.charts, args.pages)}

        return floor, store.close
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report

    def app() -> dict:
        result = generate_report(store, ReportRequest(client.id, out / "report.pdf"))
        return {"pages": result.pages, "completed": result.data.completed, "data": result.data}

    return app, store.close


def charts_in(data) -> int:
    """How many charts the report of ``data`` embeds: the drawings among its sections' flowables."""
    from reportlab.graphics.shapes import Drawing

    from consultant_app.reports.generate import CONTENT_SECTIONS
    from consultant_app.reports.sections import SectionWriter
    from consultant_app.reports.styles import Brand, paragraph_styles

    brand = Brand.of(data.firm.primary_color, data.client.brand_color, data.firm.accent_color)
    writer = SectionWriter(data, brand, paragraph_styles(brand))
    flowables = [f for name in CONTENT_SECTIONS if name in data.sections for f in getattr(writer, name)()]
    flowables += [inner for f in flowables for inner in getattr(f, "_content", [])]  # inside KeepTogether
    return sum(isinstance(f, Drawing) for f in flowables)


def dataset(side: str, db: Path, out: Path, args) -> tuple[Callable[[], dict], Callable[[], None]]:
    from consultant_app.store import Store

    store = Store.open(db)
    if side == "floor":
        from bench.baselines import dataset_floor

        return lambda: dataset_floor(store.db, out) or {}, store.close
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset
    from consultant_app.domain.requests import DatasetRequest

    store.firm.update(review_quotes=False)  # every shareable answer is redacted and written, as in the floor

    def app() -> dict:
        manifest = write_dataset(store, plan_dataset(store, DatasetRequest(None)), out / "dataset")
        return {"rows": manifest["rows"]["exported"], "answers": manifest["answers"]}

    return app, store.close


def interchange_import(side: str, source: Path, out: Path, args) -> tuple[Callable[[], dict], Callable[[], None]]:
    target = out / f"{side}.db"
    if side == "floor":
        from bench.baselines import app_schema, import_floor

        schema = app_schema()
        return lambda: import_floor(source, target, schema) or {}, lambda: None
    from consultant_app.interchange import import_file
    from consultant_app.store import Store

    def app() -> dict:
        with Store.open(target) as store:
            import_file(store, source)
        return {}

    return app, lambda: None


def sync(side: str, source: Path, out: Path, args) -> tuple[Callable[[], dict], Callable[[], None]]:
    """A new lead workspace taking in every bundle of the sync folder ``source``, or (floor) importing the
    interchange file ``source`` holding the same records."""
    from consultant_app.interchange import import_file
    from consultant_app.store import Store
    from consultant_app.sync import engine

    def run() -> dict:
        with Store.open(out / f"{side}.db") as store:
            if side == "floor":
                import_file(store, source)
                return {}
            return {"received": engine.sync(store, source).received}

    return run, lambda: None


def open_sync(side: str, db: Path, out: Path, args) -> tuple[Callable[[], dict], Callable[[], None]]:
    """The workspace opened and synced with ``--folder`` (the sync's module loaded too), or (floor) opened only."""
    from consultant_app.store import Store

    def run() -> dict:
        with Store.open(db) as store:
            if side == "app":
                from consultant_app.sync import engine

                engine.sync(store, Path(args.folder))
        return {}

    return run, lambda: None


OPERATIONS = {"report": report, "dataset": dataset, "import": interchange_import, "sync": sync, "open-sync": open_sync}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("operation", choices=list(OPERATIONS))
    parser.add_argument("side", choices=["app", "floor"])
    parser.add_argument("path", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--charts", type=int, default=9)
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--folder", help="open-sync: the sync folder")
    args = parser.parse_args(argv)
    run, close = OPERATIONS[args.operation](args.side, args.path, args.out, args)
    if args.operation == "report":
        run()  # warm-up: fonts registered, the first drawing made, as in an app that has made a report before
    made: dict = {}
    with PoolWatch() as pool:  # the dataset's redaction runs on a pool of processes: their work counts too
        timed = measure(lambda: made.update(run()))
    timed.cpu += pool.cpu()
    timed.peak_mb = peak_mb() + pool.peak_mb()
    close()
    if "data" in made:
        made["charts"] = charts_in(made.pop("data"))
    print(json.dumps({"seconds": timed.seconds, "cpu": timed.cpu, "peak_mb": timed.peak_mb, **made}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
