"""The report periods the report dialog and the dashboard both offer end with the current month, in whole months,
across the turn of a year."""

from datetime import date

import pytest

from consultant_app.domain.requests import REPORT_PERIODS, report_months


@pytest.mark.parametrize(
    "period,today,months",
    [
        ("all", date(2026, 11, 27), (None, None)),
        ("3", date(2026, 11, 27), ("2026-09", "2026-11")),
        ("3", date(2026, 2, 1), ("2025-12", "2026-02")),
        ("12", date(2026, 1, 31), ("2025-02", "2026-01")),
        ("year", date(2026, 3, 5), ("2026-01", "2026-03")),
        ("custom", date(2026, 3, 5), ("2024-05", "2024-07")),
    ],
)
def test_a_period_covers_whole_months_up_to_this_one(period, today, months):
    assert period in REPORT_PERIODS
    assert report_months(period, today, ("2024-05", "2024-07")) == months
