"""The candidate-list group (issue 21): a client's list of 10,000 people (1,000 at the small size, 200 at the smoke size
the test suite runs) from their applicant-tracking system, imported whole — read, mapped, every row checked against the
client's candidates, the roles made, and written in one transaction — as a Greenhouse-style CSV (semicolon-delimited,
Windows-1252) and as a Workday-style workbook, each into a new workspace holding one client. The baseline reads the same
file (``csv`` or openpyxl in read-only mode) and inserts its rows into one SQLite table in one transaction: the floor of
reading and storing them. Target: under 5 seconds for 10,000 rows (the issue's figure)."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from bench.measure import Run, cpu_seconds, interleaved
from bench.operations import Measurement
from bench.workspace import CACHE

ROWS = {"smoke": 200, "small": 1_000, "large": 10_000, "tiled": 10_000}
HEADER = ["Candidate ID", "First Name", "Last Name", "Email", "Phone", "Job", "Source", "Offer Created Date",
          "Rejected On"]  # fmt: skip
WORKDAY = ["Candidate ID", "Legal Name", "Email Address", "Phone Number", "Job Requisition", "Source", "Offer Date",
           "Disposition Date"]  # fmt: skip
FIRST = ["Jürgen", "Zoë", "Anna", "Lukas", "Émilie", "Noah", "Sofía", "Mateo", "Chloé", "Jonas", "Åsa", "Oskar"]
LAST = ["Müller", "Weber", "García", "Fischer", "Dubois", "Novak", "Larsen", "Rossi", "Kowalski", "Brandt"]
JOBS = [f"{level} {area}" for level in ("Junior", "Senior", "Lead") for area in ("Engineer", "Analyst", "Designer")]


def _people(rows: int) -> list[tuple]:
    rng, start = random.Random(21), date(2026, 1, 5)
    people = []
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        offer = start + timedelta(days=rng.randrange(300))
        people.append((f"{48_000 + n}", first, last, f"{first}.{last}.{n}@example.com".lower(),
                       f"+49 30 {5550000 + n:07d}", rng.choice(JOBS), rng.choice(["LinkedIn", "Referral", "Agency"]),
                       offer, offer + timedelta(days=rng.randrange(1, 20))))  # fmt: skip
    return people


def cached_lists(rows: int) -> tuple[Path, Path]:
    """The CSV and the workbook of ``rows`` people, made once."""
    from openpyxl import Workbook

    csv_path, xlsx_path = CACHE / f"greenhouse-{rows}.csv", CACHE / f"workday-{rows}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        return csv_path, xlsx_path
    CACHE.mkdir(parents=True, exist_ok=True)
    people = _people(rows)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([*p[:7], p[7].strftime("%d/%m/%Y"), p[8].isoformat()] for p in people)
    csv_path.write_bytes(text.getvalue().encode("cp1252"))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Candidates")
    sheet.append(WORKDAY)
    for p in people:
        sheet.append([p[0], f"{p[1]} {p[2]}", p[3], p[4], p[5], p[6], p[7], p[8].strftime("%d/%m/%Y")])
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _import(path: Path, rows: int) -> Run:
    """The app's import of the list into a new workspace with one client; the workspace's creation is not timed."""
    from consultant_app.candidate_lists import importing
    from consultant_app.domain.model import Client
    from consultant_app.store import Store

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.db") as store:
        client = store.clients.save(Client("Northwind Robotics"))
        cpu, start = cpu_seconds(), time.perf_counter()
        table = importing.open_list(path)
        mapping, _ = importing.offered_mapping(store, client.id, table)
        plan = importing.plan(store, client.id, table, mapping)
        importing.commit(store, plan)
        run = Run(time.perf_counter() - start, cpu_seconds() - cpu)
        assert len(plan.to_add) == rows and not plan.problems, plan.summary()
    return run


def _floor(path: Path) -> Run:
    """Reading the same file and inserting its rows into one table, in one transaction."""
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "floor.db")
        cpu, start = cpu_seconds(), time.perf_counter()
        if path.suffix == ".csv":
            rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp1252")), delimiter=";"))[1:]
        else:
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            rows = [list(r) for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
            book.close()
        width = len(rows[0])
        db.execute(f"CREATE TABLE people ({', '.join(f'c{i}' for i in range(width))})")
        with db:
            db.executemany(f"INSERT INTO people VALUES ({', '.join('?' for _ in range(width))})", rows)
        run = Run(time.perf_counter() - start, cpu_seconds() - cpu)
        db.close()
    return run


def candidate_lists(size: str, repeat: int) -> Iterator[Measurement]:
    """The two rows: the CSV and the workbook of the same people."""
    rows = ROWS[size]
    csv_path, xlsx_path = cached_lists(rows)
    target = "< 5 s" if rows == 10_000 else ""
    for label, path in (("CSV (cp1252, semicolons)", csv_path), ("XLSX", xlsx_path)):
        runs = interleaved(lambda p=path: _import(p, rows), lambda p=path: _floor(p), repeat)
        yield Measurement(f"import candidates: {rows:,}-row {label}", *runs, "read the file + insert its rows", target)
