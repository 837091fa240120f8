"""The measured operations, each against a fair baseline doing the same work (``bench.baselines``), their runs
interleaved (``bench.measure.interleaved``); report, dataset and import run each measured run in a process of
its own (``bench.run_one``), so the peak memory printed is the operation's own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bench import baselines
from bench.measure import Run, interleaved
from bench.run_one import child
from bench.workspace import CACHE, cached_interchange, cached_workspace, scratch_folder
from consultant_app.cli_self_test import workspace_with_scheduled_calls
from consultant_app.store import Store
from consultant_app.store.engine import sqlite as sqlite3  # the SQLite the app runs on, for a like-for-like floor
from consultant_app.store.listing import Listing, ListingFilter

ROOT = Path(__file__).resolve().parent.parent
FILTER_WORD = "recruiter"  # common in the notes: the table's text filter at its busiest
T = TypeVar("T")


@dataclass
class Measurement:
    operation: str
    ours: list[Run]
    baseline: list[Run]
    baseline_name: str
    target: str
    note: str = ""


def _biggest_client(store: Store):
    return max(store.clients.summaries(), key=lambda s: s.candidates).client


def app_open_run(args: list[str], env: dict[str, str]) -> Run:
    """Runs ``bench.app_open`` in a fresh process with ``args``; returns the peak memory it reports of itself
    (its elapsed and CPU time are measured around it)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.app_open", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return Run.from_output(out)


def app_open(size: str, repeat: int) -> list[Measurement]:
    db = cached_workspace(size)
    # Like an installed app: modules load from compiled bytecode (kept out of the source tree).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPYCACHEPREFIX=str(CACHE / "pycache")
    )
    # warm-up: compiles the bytecode and reads the file into the OS cache
    ours, base = interleaved(
        lambda: app_open_run(["--db", str(db)], env), lambda: app_open_run(["--bare"], env), repeat, warm_up=True
    )
    return [Measurement("open the app to an interactive main window", ours, base, "bare PySide6 window", "≤ 2×")]


def cli_start(size: str, repeat: int) -> list[Measurement]:
    """``consultant-app clients`` on the workspace against ``python -c pass``, each a fresh process, from compiled
    bytecode as installed, after a warm-up."""
    db = cached_workspace(size)
    script = Path(sys.executable).with_name("consultant-app")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "consultant_app"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")

    def run(args: list[str]):
        return lambda: subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)

    runs = interleaved(run([*command, "--db", str(db), "clients"]), run([sys.executable, "-c", "pass"]), repeat, True)
    return [Measurement("command line: `clients` (list clients with counts)", *runs, "python -c pass", "< 100 ms")]


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
        size_ = model.page_size
        first = interleaved(first_page, lambda: baselines.table_floor(raw, client.id, size_, False), repeat, True)
        end = interleaved(to_the_end, lambda: baselines.table_floor(raw, client.id, size_, True), repeat, True)
        paging = interleaved(to_the_end, lambda: baselines.all_rows_floor(raw, client.id), repeat, True)
        unfiltered = model.total
        text = ListingFilter(text=FILTER_WORD)

        def filtered_page():  # a fresh listing: the word's matches looked up, not remembered from the last run
            fresh = Listing(store)
            return fresh.count(client.id, text), fresh.page(client.id, text, limit=size_)

        filtered = interleaved(filtered_page, lambda: baselines.filter_floor(raw, client.id, FILTER_WORD), repeat, True)
        matching = store.listing.count(client.id, text)
        raw.close()
    return [
        Measurement(f"table: first page ({unfiltered:,} rows)", *first, baselines.TABLE_NAME, "≤ 2×"),
        Measurement("table: scrolling to the end", *end, baselines.TABLE_NAME, "≤ 2×"),
        Measurement("table: paging's cost, to the end", *paging, baselines.PAGING_NAME, ""),
        Measurement(
            f"table: text filter “{FILTER_WORD}” ({matching:,} rows)", *filtered, baselines.FILTER_NAME, "< 300 ms"
        ),
    ]


def search(size: str, repeat: int) -> list[Measurement]:
    return search_rows(cached_workspace(size), repeat)


def search_rows(db: Path, repeat: int, prefix: str = "") -> list[Measurement]:
    """A search for two words together and for a common word, each against raw FTS5 running the same plan."""
    out = []
    with Store.open(db) as store:
        raw = sqlite3.connect(db)
        for query in ("salary market", "recruiter"):
            runs = interleaved(
                lambda query=query: store.search.query(query, limit=50),
                lambda query=query: baselines.search_floor(raw, query),
                repeat,
                warm_up=True,
            )
            label = f"{prefix}search “{query}”: first 50 with snippets"
            out.append(Measurement(label, *runs, baselines.SEARCH_NAME, "≤ 1.5× and < 50 ms"))
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
            note, other = session.add_note("right", "The recruiter was "), session.add_note("wrong", "The offer ")
            session.flush()
            raw = sqlite3.connect(db, isolation_level=None)
            for pragma in ("journal_mode = WAL", "synchronous = FULL"):
                raw.execute(f"PRAGMA {pragma}")

            def save():
                session.edit_note(note.id, text=session.note(note.id).text + "x")
                session.flush()

            def raw_update():  # another note, so the session's own stays as it holds it
                raw.execute("BEGIN")
                raw.execute("UPDATE notes SET text = text || 'y', updated_at = ? WHERE id = ?", ["now", other.id])
                raw.execute("COMMIT")

            runs = interleaved(save, raw_update, repeat * 20)
            raw.close()
    return [Measurement("autosave of one note", *runs, "raw UPDATE in WAL mode", "≤ 3×")]


def report(size: str, repeat: int) -> list[Measurement]:
    db = cached_workspace(f"report-{size}")
    runs, made = report_runs(db, repeat)
    label = f"report ({made['completed']:,} completed interviews, {made['pages']} pages, {made['charts']} charts)"
    return [Measurement(label, *runs, baselines.REPORT_NAME, "≤ 1.3×")]


def dashboard(size: str, repeat: int) -> list[Measurement]:
    """The client dashboard's figures (the app works them out off the GUI thread) for the client with the most
    interviews — the report's headline cleared against the release ledger as a report would be (``cleared_report``),
    in its dearest case: held back to the report the client holds after one more call, so built twice — against
    the report's data in full, of which they are the headline. On a copy: the report and the call are recorded."""
    from consultant_app.analysis import releases
    from consultant_app.analysis.report_clearance import cleared_report
    from consultant_app.analysis.report_data import build_headline, build_report_data
    from consultant_app.domain.model import Candidate, Interview
    from consultant_app.domain.requests import client_recipient

    def measured(copy: Path) -> tuple[tuple[list[Run], list[Run]], releases.Clearance]:
        with Store.open(copy) as store:
            client_id = _biggest_client(store).id
            headline = build_headline(store, client_id)
            sent = {"kind": "report", "client_id": client_id, "recipient_key": client_recipient(client_id)}
            sent |= {"recipient": headline.client.name, "date_from": None, "date_to": None, "k": headline.k}
            releases.record(store, sent, headline.population)
            role_id = store.candidates.for_client(client_id)[0].role_id  # no new breakdown row to audit
            late = store.candidates.save(Candidate(client_id, "Late call", role_id=role_id))
            store.interviews.save(Interview(late.id, status="completed", decline_reasons=["compensation"], recommend=2))

            def ours() -> releases.Clearance:
                return cleared_report(store, client_id, None, None, "hold back", headline_only=True)

            return interleaved(ours, lambda: build_report_data(store, client_id), repeat, True), ours()

    runs, cleared = on_a_copy(cached_workspace(f"report-{size}"), measured)
    label = (
        f"dashboard figures ({cleared.result.completed:,} completed interviews, "
        f"{cleared.held_back} held back as a report would)"
    )
    return [Measurement(label, *runs, "the report's data in full", "off the GUI thread")]


def report_runs(db: Path, repeat: int) -> tuple[tuple[list[Run], list[Run]], dict]:
    """The report of the workspace's client with the most completed interviews and its floor, each run in a
    process of its own, taking turns; the floor draws as many charts and makes as many pages as the app did."""
    out = scratch_folder()
    made: dict = {}

    def app() -> Run:
        run, info = on_a_copy(db, lambda copy: child("report", "app", copy, out))
        made.update(info)
        return run

    def floor() -> Run:
        drawn = ("--charts", str(made["charts"]), "--pages", str(made["pages"]))
        return on_a_copy(db, lambda copy: child("report", "floor", copy, out, *drawn))[0]

    return interleaved(app, floor, repeat), made


def dataset(size: str, repeat: int) -> list[Measurement]:
    runs, made = dataset_runs(cached_workspace(size), repeat)
    label = f"anonymised dataset ({made['rows']:,} rows, {made['answers']:,} answers)"
    return [Measurement(label, *runs, baselines.DATASET_NAME, "≤ 3×")]


def dataset_runs(db: Path, repeat: int) -> tuple[tuple[list[Run], list[Run]], dict]:
    """The anonymised dataset of every client and its floor, each run in a process of its own on a fresh copy of
    the workspace (``on_a_copy``), taking turns."""
    out = scratch_folder()
    made: dict = {}

    def side(name: str):
        def run() -> Run:
            done, info = on_a_copy(db, lambda copy: child("dataset", name, copy, out))
            made.update(info)
            return done

        return run

    return interleaved(side("app"), side("floor"), repeat), made


def on_a_copy(db: Path, run: Callable[[Path], T]) -> T:
    """``run`` on a fresh copy of the workspace, for the report and the dataset: the app records each of them in
    the workspace's release ledger, which the next one checks, so runs on the workspace itself would each start
    from a longer ledger than the last. The floor runs on a copy too, so both read a file just written."""
    with tempfile.TemporaryDirectory(dir=scratch_folder()) as folder:
        copy = Path(folder) / db.name
        for suffix in ("", "-wal"):  # a log left by a run that did not close cleanly holds pages too
            if Path(f"{db}{suffix}").exists():
                shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
        return run(copy)


def interchange_import(size: str, repeat: int) -> list[Measurement]:
    source = cached_interchange(size)
    label = f"import of the interchange file ({source.stat().st_size / 1e6:,.0f} MB)"
    return [Measurement(label, *import_runs(source, repeat), baselines.IMPORT_NAME, "≤ 2×")]


def import_runs(source: Path, repeat: int) -> tuple[list[Run], list[Run]]:
    """The import of an interchange file into a new workspace and its floor, each run in a process of its own
    writing into a new folder, taking turns."""

    def side(name: str):
        def run() -> Run:
            with tempfile.TemporaryDirectory(dir=scratch_folder()) as folder:
                return child("import", name, source, Path(folder))[0]

        return run

    return interleaved(side("app"), side("floor"), repeat)


def typing_soak(size: str, repeat: int) -> list[Measurement]:
    """The long-session soak: the real app typed into by keyboard (``bench/call_typing.py``), as a day of
    calls and as one long call, each run interleaved with a bare PySide6 window typed the same keys."""
    chars, day = (100_000, 8) if size == "large" else (3_000, 3)  # the smoke size is CI's
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = []
    for name, calls in (("a day of calls", day), ("one long call", 1)):
        runs: dict[str, list[dict]] = {"app": [], "bare": []}

        def typed(kind: str, calls: int = calls, runs: dict[str, list[dict]] = runs):
            def run() -> None:
                with tempfile.TemporaryDirectory() as folder:
                    db = Path(folder) / "w.db"
                    workspace_with_scheduled_calls(db, calls)
                    env["XDG_CONFIG_HOME"] = folder
                    command = [sys.executable, "-m", "bench.call_typing", str(db), "--chars", str(chars)]
                    command += ["--calls", str(calls)] + (["--bare"] if kind == "bare" else [])
                    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
                    runs[kind].append(json.loads(done.stdout.splitlines()[-1]))

            return run

        interleaved(typed("app"), typed("bare"), min(repeat, 3))  # a large run types for about a minute

        def growth(kind: str, runs: dict[str, list[dict]] = runs) -> float:
            return max(r["memory_at_end"]["VmRSS"] - r["memory_after_warm_up"]["VmRSS"] for r in runs[kind])

        label = f"typing {name}, {chars:,} characters: key to paint"
        warm_up = "the first call" if calls > 1 else "the first 1,000 characters"
        for stat, target in (("p50", ""), ("p99", "< 16 ms")):
            out.append(
                Measurement(
                    f"{label}, {stat}",
                    [Run(r[f"{stat}_ms"] / 1000) for r in runs["app"]],
                    [Run(r[f"{stat}_ms"] / 1000) for r in runs["bare"]],
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
    "cli": cli_start,
    "table": table_pages,
    "search": search,
    "autosave": autosave,
    "report": report,
    "dashboard": dashboard,
    "dataset": dataset,
    "import": interchange_import,
    "typing": typing_soak,
}
