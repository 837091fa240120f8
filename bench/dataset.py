"""Times the anonymised dataset of a large workspace against writing the same rows to CSV with no
anonymisation (the floor any export pays).

    python -m bench.dataset [--interviews N]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
from pathlib import Path

from bench.workspace import cached_workspace, timed
from consultant_app.store import Store


def raw_csv(store: Store, folder: Path) -> None:
    """The same interviews and notes straight from SQLite to CSV."""
    folder.mkdir(exist_ok=True)
    with (folder / "raw-interviews.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(store.db.execute(
            "SELECT i.id, p.client_id, r.title, r.department, r.level, r.location, r.work_mode, i.conducted_at, "
            "r.salary_offered, i.decline_reasons, i.recommend, i.ratings, i.competing_company, i.competing_salary "
            "FROM interviews i JOIN candidates p ON p.id = i.candidate_id LEFT JOIN roles r ON r.id = p.role_id "
            "WHERE i.status = 'completed'"))
    with (folder / "raw-answers.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(store.db.execute(
            "SELECT n.interview_id, n.section, n.text FROM notes n JOIN interviews i ON i.id = n.interview_id "
            "WHERE i.status = 'completed' AND n.visibility = 'shareable'"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset

    path = cached_workspace("large", args.clients, args.interviews)
    out = Path(tempfile.mkdtemp())
    with Store.open(path) as store:
        plans = []
        ours = timed(lambda: plans.append(write_dataset(store, plan_dataset(store, None), out / "dataset")), args.repeat)
        base = timed(lambda: raw_csv(store, out / "raw"), args.repeat)
    manifest = plans[-1]
    print(f"{manifest['rows']['exported']:,} interviews exported, {manifest['answers']:,} answers, "
          f"k reached {manifest['k_reached']}, {manifest['rows']['suppressed']} suppressed")
    print(f"{'operation':<34}{'median':>9}{'min':>9}{'max':>9}{'ratio':>8}")
    for name, times in (("anonymised dataset (Debrief)", ours), ("raw CSV, no anonymisation", base)):
        print(f"{name:<34}{statistics.median(times):>8.2f}s{min(times):>8.2f}s{max(times):>8.2f}s"
              f"{statistics.median(times) / statistics.median(base):>7.2f}×")


if __name__ == "__main__":
    main()
