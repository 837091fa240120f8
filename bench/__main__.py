"""The benchmark suite: ``python -m bench [--size S] [--only NAME ...] [--repeat N] [--scaling [1k 10k 100k]]``.

Builds (once, cached in ``bench/.cache``) seeded workspaces — smoke (CI's run: 2 clients, 500 interviews, every
row measured, none meaningful); small: 5 clients and 5,000 interviews; large: 50
clients, 100,000 interviews and about a million notes; tiled: the small one twenty times over under new ids (100
clients, 100,000 interviews, built in minutes where the large one takes hours); and for the report a single client
with about 1,000 (small) or 5,000 (large, tiled) completed interviews — then measures each operation against a fair
baseline doing the same work (``bench.baselines``), the two taking turns, and prints for each side the median, min
and max elapsed time, the median CPU time and the peak memory of the process that did the work (report, dataset,
import and the app's start each run in a process of their own), and the ratio of the medians. The encryption group
measures each operation on an encrypted copy of the workspace against the plain one; the sync group
(``bench.syncing``) a lead taking in twenty replicas' bundles against importing the same records, the bundle of one
typed note, and what a sync with nothing new adds to opening a workspace; the candidate-list group
(``bench.candidate_lists``) a client's list of 10,000 people imported from a CSV and from a workbook. ``--scaling``
prints report, dataset, import and search at 1,000, 10,000 and 100,000 interviews instead.
"""

from __future__ import annotations

import argparse
import os
import platform

from bench.candidate_lists import candidate_lists
from bench.encryption import encryption
from bench.measure import Run, median
from bench.operations import OPERATIONS, Measurement
from bench.scheduling import days_calls
from bench.syncing import syncing

SUITE = {
    **OPERATIONS,
    "encryption": encryption,
    "sync": syncing,
    "today": days_calls,
    "candidate-lists": candidate_lists,
}  # encryption: the encrypted copy against the plain
SCALES = ["1k", "10k", "100k"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["smoke", "small", "large", "tiled"], default="large")
    parser.add_argument("--only", nargs="*", choices=list(SUITE), help="run only these operations")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--scaling", nargs="*", choices=SCALES, help="the scaling table instead, at these sizes (default: all)"
    )
    parser.add_argument("--markdown", action="store_true", help="print the rows as a Markdown table (the README's)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    what = f"scaling {', '.join(args.scaling or SCALES)}" if args.scaling is not None else f"size {args.size}"
    print(
        f"Debrief benchmarks, {what}, {args.repeat} runs each, app and baseline taking turns — "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )
    side = f"{'median':>9}{'min':>9}{'max':>9}{'CPU':>9}{'peak':>8}"
    header = f"{'operation':<56}{side}  {'baseline':<40}{side}{'ratio':>8}{'CPU':>7}  target"
    print(MARKDOWN_HEADER if args.markdown else f"{header}\n{'-' * len(header)}")
    if args.scaling is not None:
        from bench.scaling import scaling

        rows = scaling(args.scaling or SCALES, args.repeat)
    else:
        rows = (m for name in args.only or SUITE for m in SUITE[name](args.size, args.repeat))
    for m in rows:
        print(_markdown_row(m) if args.markdown else _row(m), flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end; CPU: median user + system time; ratios of the medians")
    return 0


def _row(m: Measurement) -> str:
    """The two sides, the ratio of their median elapsed times and that of their median CPU times (steadier than
    elapsed time on a loaded machine, but blind to waiting on the disk)."""
    ratio, cpu = _ratios(m)
    note = f"  ({m.note})" if m.note else ""
    sides = f"{m.operation:<56}{_side(m.ours)}  {m.baseline_name:<40}{_side(m.baseline)}"
    return f"{sides}{ratio:>7.2f}×{f'{cpu:.2f}×' if cpu else '':>7}  {m.target}{note}"


MARKDOWN_HEADER = (
    "| operation | median (min–max) | CPU | peak | baseline (same runs, taking turns) | median (min–max) | CPU | peak "
    "| ratio (CPU) | target |\n|---|---|---|---|---|---|---|---|---|---|"
)


def _markdown_row(m: Measurement) -> str:
    """The row as the README's table has it: each side's median (min–max), CPU and peak memory, then the ratios."""
    ratio, cpu = _ratios(m)
    note = f" ({m.note})" if m.note else ""
    sides = f"{_markdown_side(m.ours)} | {m.baseline_name} | {_markdown_side(m.baseline)}"
    return f"| {m.operation}{note} | {sides} | {ratio:.2f}×{f' ({cpu:.2f}×)' if cpu else ''} | {m.target} |"


def _ratios(m: Measurement) -> tuple[float, float | None]:
    """The ratio of the two sides' median elapsed times, and of their median CPU times where both are known."""
    ours_cpu, base_cpu = median(m.ours, "cpu"), median(m.baseline, "cpu")
    return median(m.ours) / median(m.baseline), ours_cpu / base_cpu if ours_cpu is not None and base_cpu else None


def _figures(runs: list[Run]) -> tuple[str, str, str, str, str]:
    """Median, min, max, median CPU time and the highest peak memory of one side's runs ('' where unknown)."""
    seconds = [r.seconds for r in runs]
    cpu = median(runs, "cpu")
    peaks = [r.peak_mb for r in runs if r.peak_mb is not None]
    return (
        _fmt(median(runs)),
        _fmt(min(seconds)),
        _fmt(max(seconds)),
        _fmt(cpu) if cpu is not None else "",
        f"{max(peaks):.0f} MB" if peaks else "",
    )


def _markdown_side(runs: list[Run]) -> str:
    middle, low, high, cpu, peak = _figures(runs)
    return f"{middle} ({low}–{high}) | {cpu} | {peak}"


def _side(runs: list[Run]) -> str:
    middle, low, high, cpu, peak = _figures(runs)
    return f"{middle:>9}{low:>9}{high:>9}{cpu:>9}{peak:>8}"


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    raise SystemExit(main())
