"""The measured operations, each against the baseline of its own building blocks, in one run."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.call_typing import prepare_workspace
from bench.workspace import CACHE, cached_interchange, cached_workspace, scratch_folder, timed
from consultant_app.store import Store
from consultant_app.store.engine import sqlite as sqlite3  # the SQLite the app runs on, for a like-for-like floor

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measurement:
    operation: str
    ours: list[float]
    baseline: list[float]
    baseline_name: str
    target: str
    note: str = ""


def _biggest_client(store: Store):
    return max(store.clients.summaries(), key=lambda s: s.candidates).client


def app_open_rss(args: list[str], env: dict[str, str]) -> float:
    """Runs ``bench.app_open`` in a fresh process with ``args``; returns the peak memory it reports, in MB."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.app_open", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return float(re.search(r"rss_mb=(\d+)", out).group(1))


def app_open(size: str, repeat: int) -> list[Measurement]:
    db = cached_workspace(size)
    # Like an installed app: modules load from compiled bytecode (kept out of the source tree).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPYCACHEPREFIX=str(CACHE / "pycache")
    )
    rss = []

    def run(args: list[str]) -> None:
        rss.append(app_open_rss(args, env))

    run(["--db", str(db)]), run(["--bare"])  # warm-up: compiles the bytecode and reads the file into the OS cache
    rss.clear()
    ours = timed(lambda: run(["--db", str(db)]), repeat)
    app_rss = max(rss)
    base = timed(lambda: run(["--bare"]), repeat)
    return [
        Measurement(
            "open the app to an interactive main window",
            ours,
            base,
            "bare PySide6 window",
            "≤ 2×",
            f"peak memory {app_rss:.0f} MB (target < 300 MB)",
        )
    ]


def table_pages(size: str, repeat: int) -> list[Measurement]:
    from PySide6.QtCore import QModelIndex

    from consultant_app.ui.models.interviews_model import InterviewTableModel

    db = cached_workspace(size)
    with Store.open(db) as store:
        client = _biggest_client(store)
        model = InterviewTableModel(store)

        def first_page():
            model.set_client(client.id)

        def to_the_end():
            model.set_client(client.id)
            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())

        raw = sqlite3.connect(db)
        sql = (
            "SELECT i.id, p.id, p.full_name, r.title, i.status, coalesce(i.conducted_at, i.scheduled_at), "
            "p.decline_date, p.disclosure, i.decline_reasons, i.consultant, p.consent_withdrawn, p.archived "
            "FROM candidates p LEFT JOIN interviews i ON i.candidate_id = p.id LEFT JOIN roles r ON r.id = p.role_id "
            "WHERE p.client_id = ? AND p.archived = 0 ORDER BY coalesce(i.conducted_at, i.scheduled_at, '') DESC"
        )
        rows = [
            Measurement(
                f"table: first page ({model.total if model.total else store.listing.count(client.id):,} rows)",
                timed(first_page, repeat),
                timed(lambda: raw.execute(sql + f" LIMIT {model.page_size}", [client.id]).fetchall(), repeat),
                "raw SQL, first page of rows",
                "≤ 2×",
            ),
            Measurement(
                "table: scrolling to the end",
                timed(to_the_end, repeat),
                timed(lambda: raw.execute(sql, [client.id]).fetchall(), repeat),
                "raw SQL, all rows",
                "≤ 2×",
            ),
        ]
        raw.close()
    return rows


def search(size: str, repeat: int) -> list[Measurement]:
    db = cached_workspace(size)
    with Store.open(db) as store:
        raw = sqlite3.connect(db)
        sql = (
            "SELECT kind, ref_id, interview_id, candidate_id, client_id, "
            "snippet(search_index, 0, '[', ']', '…', 14) FROM search_index WHERE search_index MATCH ? "
            "ORDER BY rank LIMIT 50"
        )
        out = []
        for query, fts in (("salary market", '"salary"* "market"*'), ("recruiter", '"recruiter"*')):
            out.append(
                Measurement(
                    f"search “{query}”: first 50 with snippets",
                    timed(lambda query=query: store.search.query(query, limit=50), repeat),
                    timed(lambda fts=fts: raw.execute(sql, [fts]).fetchall(), repeat),
                    "raw FTS5 query",
                    "≤ 2× and < 50 ms",
                )
            )
        raw.close()
    return out


def autosave(size: str, repeat: int) -> list[Measurement]:
    from consultant_app.session import CallSession

    source = cached_workspace(size)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "copy.db"
        with Store.open(source) as original:
            original.maintenance.backup(db)
        with Store.open(db) as store:
            interview_id = store.db.execute("SELECT id FROM interviews WHERE status = 'scheduled' LIMIT 1").fetchone()[
                0
            ]
            session = CallSession(store, interview_id)
            note = session.add_note("right", "The recruiter was ")

            def save():
                session.edit_note(note.id, text=session.note(note.id).text + "x")
                session.flush()

            ours = timed(save, repeat * 20)
            raw = sqlite3.connect(db, isolation_level=None)
            for pragma in ("journal_mode = WAL", "synchronous = FULL"):
                raw.execute(f"PRAGMA {pragma}")

            def raw_update():
                raw.execute("BEGIN")
                raw.execute("UPDATE notes SET text = text || 'y', updated_at = ? WHERE id = ?", ["now", note.id])
                raw.execute("COMMIT")

            store.close()
            base = timed(raw_update, repeat * 20)
            raw.close()
    return [Measurement("autosave of one note", ours, base, "raw UPDATE in WAL mode", "≤ 3×")]


def report(size: str, repeat: int) -> list[Measurement]:
    from matplotlib.figure import Figure
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report

    db = cached_workspace(f"report-{size}")
    out = scratch_folder()
    with Store.open(db) as store:
        client = max(store.clients.summaries(), key=lambda s: s.completed).client
        result = generate_report(store, ReportRequest(client.id, out / "warm.pdf"))
        ours = timed(lambda: generate_report(store, ReportRequest(client.id, out / "r.pdf")), repeat)

    def bare():
        for _ in range(9):
            fig = Figure(figsize=(6.5, 3))
            fig.add_subplot().barh([f"reason {i}" for i in range(10)], list(range(10)))
            fig.savefig(io.BytesIO(), format="svg")
        styles = getSampleStyleSheet()
        story = []
        for i in range(result.pages):
            story += [Paragraph(f"Section {i}", styles["Heading1"])] + [Paragraph("Text " * 80, styles["BodyText"])] * 6
            story.append(PageBreak())
        SimpleDocTemplate(str(out / "bare.pdf")).build(story)

    return [
        Measurement(
            f"report ({result.data.completed:,} completed interviews, {result.pages} pages)",
            ours,
            timed(bare, repeat),
            "bare matplotlib + reportlab",
            "≤ 1.5×",
        )
    ]


def dataset(size: str, repeat: int) -> list[Measurement]:
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset
    from consultant_app.domain.requests import DatasetRequest

    db = cached_workspace(size)
    out = scratch_folder()
    with Store.open(db) as store:
        store.firm.update(review_quotes=False)  # every shareable answer is redacted and written, as in the baseline
        manifests = []
        ours = timed(
            lambda: manifests.append(write_dataset(store, plan_dataset(store, DatasetRequest(None)), out / "d")), repeat
        )

        def raw_csv():
            for name, sql in (
                (
                    "i.csv",
                    "SELECT i.id, p.client_id, r.title, r.department, r.level, r.location, r.work_mode, "
                    "i.conducted_at, r.salary_offered, i.decline_reasons, i.recommend, i.ratings, "
                    "i.competing_company, i.competing_salary FROM interviews i JOIN candidates p ON "
                    "p.id = i.candidate_id LEFT JOIN roles r ON r.id = p.role_id WHERE i.status = 'completed'",
                ),
                (
                    "a.csv",
                    "SELECT n.interview_id, n.section, n.text FROM notes n JOIN interviews i ON "
                    "i.id = n.interview_id WHERE i.status = 'completed' AND n.visibility = 'shareable'",
                ),
            ):
                with (out / name).open("w", newline="") as fh:
                    csv.writer(fh).writerows(store.db.execute(sql))

        base = timed(raw_csv, repeat)
    m = manifests[-1]
    return [
        Measurement(
            f"anonymised dataset ({m['rows']['exported']:,} rows, {m['answers']:,} answers)",
            ours,
            base,
            "raw CSV, no anonymisation",
            "≤ 5×",
            f"k reached {m['k_reached']}, {m['rows']['suppressed']} suppressed",
        )
    ]


def interchange_import(size: str, repeat: int) -> list[Measurement]:
    from sqlite_utils import Database

    from consultant_app.interchange import import_file

    source = cached_interchange(size)
    folder = scratch_folder()

    def ours():
        target = folder / "import.db"
        for leftover in folder.glob("import.db*"):
            leftover.unlink()
        with Store.open(target) as store:
            import_file(store, source)

    def bulk():
        for leftover in folder.glob("bulk.db*"):
            leftover.unlink()
        doc = json.loads(source.read_text())
        db = Database(folder / "bulk.db")
        tables: dict[str, list] = {"clients": [], "roles": [], "candidates": [], "interviews": [], "notes": []}
        for client in doc["clients"]:
            tables["clients"].append({k: v for k, v in client.items() if k not in ("roles", "candidates")})
            tables["roles"] += [dict(r, client_id=client["id"]) for r in client.get("roles", [])]
            for person in client.get("candidates", []):
                tables["candidates"].append({k: v for k, v in person.items() if k != "interviews"})
                for interview in person.get("interviews", []):
                    tables["interviews"].append({k: v for k, v in interview.items() if k != "notes"})
                    tables["notes"] += [dict(n, interview_id=interview["id"]) for n in interview.get("notes", [])]
        with db.conn:
            for name, rows in tables.items():
                db[name].insert_all(rows, pk="id", alter=True, batch_size=1000)
        db.close()

    return [
        Measurement(
            "import of the large workspace's interchange file",
            timed(ours, repeat),
            timed(bulk, repeat),
            "sqlite-utils bulk insert",
            "≤ 3×",
        )
    ]


def typing_soak(size: str, repeat: int) -> list[Measurement]:
    """The long-session soak: the real app typed into by keyboard (``bench/call_typing.py``), as a day of
    calls and as one long call, each run interleaved with a bare PySide6 window typed the same keys."""
    chars, day = (100_000, 8) if size == "large" else (3_000, 3)  # the small size is CI's smoke test
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = []
    for name, calls in (("a day of calls", day), ("one long call", 1)):
        runs: dict[str, list[dict]] = {"app": [], "bare": []}
        for _ in range(min(repeat, 3)):  # a large run types for about a minute
            for kind in runs:
                with tempfile.TemporaryDirectory() as folder:
                    db = Path(folder) / "w.db"
                    prepare_workspace(db, calls)
                    env["XDG_CONFIG_HOME"] = folder
                    command = [
                        sys.executable,
                        "-m",
                        "bench.call_typing",
                        str(db),
                        "--chars",
                        str(chars),
                        "--calls",
                        str(calls),
                    ] + (["--bare"] if kind == "bare" else [])
                    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
                    runs[kind].append(json.loads(done.stdout.splitlines()[-1]))

        def growth(kind: str, runs: dict[str, list[dict]] = runs) -> float:
            return max(r["memory_at_end"]["VmRSS"] - r["memory_after_warm_up"]["VmRSS"] for r in runs[kind])

        label = f"typing {name}, {chars:,} characters: key to paint"
        warm_up = "the first call" if calls > 1 else "the first 1,000 characters"
        for stat, target in (("p50", ""), ("p99", "< 16 ms")):
            out.append(
                Measurement(
                    f"{label}, {stat}",
                    [r[f"{stat}_ms"] / 1000 for r in runs["app"]],
                    [r[f"{stat}_ms"] / 1000 for r in runs["bare"]],
                    "bare PySide6 editors",
                    target,
                )
            )
        out[-1].note = (
            f"RSS {growth('app'):+.1f} MB after {warm_up} (bare {growth('bare'):+.1f} MB), target < 20 MB; "
            f"slowest key {max(r['max_ms'] for r in runs['app']):.0f} ms"
        )
    return out


OPERATIONS = {
    "open": app_open,
    "table": table_pages,
    "search": search,
    "autosave": autosave,
    "report": report,
    "dataset": dataset,
    "import": interchange_import,
    "typing": typing_soak,
}
