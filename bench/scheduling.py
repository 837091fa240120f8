"""The day's calls (the Today view's query, ``store.interviews.scheduled_between``) on the busiest day of the
workspace, against the floor of reading the same day's interview ids with the same range in raw SQLite. Without an
index on ``interviews.scheduled_at`` both scan the table; with one (a migration's job), both are a range search."""

from __future__ import annotations

from datetime import date, timedelta

from bench.measure import interleaved
from bench.operations import Measurement
from bench.workspace import cached_workspace
from consultant_app.store import Store
from consultant_app.store.engine import sqlite as sqlite3

FLOOR_NAME = "raw SQLite: the day's interview ids"


def busiest_day(raw) -> str:
    return raw.execute(
        "SELECT substr(scheduled_at, 1, 10) AS day FROM interviews WHERE scheduled_at IS NOT NULL "
        "GROUP BY day ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]


def day_floor(raw, start: str, end: str) -> list:
    return raw.execute(
        "SELECT id FROM interviews WHERE scheduled_at >= ? AND scheduled_at < ? ORDER BY scheduled_at", [start, end]
    ).fetchall()


def days_calls(size: str, repeat: int) -> list[Measurement]:
    db = cached_workspace(size)
    with Store.open(db) as store:
        raw = sqlite3.connect(db)
        day = busiest_day(raw)
        end = (date.fromisoformat(day) + timedelta(1)).isoformat()
        calls = len(store.interviews.scheduled_between(day, end))
        runs = interleaved(
            lambda: store.interviews.scheduled_between(day, end), lambda: day_floor(raw, day, end), repeat, True
        )
        raw.close()
    return [Measurement(f"the day's calls ({calls} on {day})", *runs, FLOOR_NAME, "< 50 ms")]
