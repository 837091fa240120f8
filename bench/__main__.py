"""The benchmark suite: ``python -m bench [--size small|large|tiled] [--only NAME ...] [--repeat N]``.

Builds (once, cached in ``bench/.cache``) seeded workspaces — small: 5 clients and 5,000 interviews; large:
50 clients, 100,000 interviews and about a million notes; tiled: the small one twenty times over under new ids
(100 clients, 100,000 interviews, built in minutes where the large one takes hours); and for the report a
single client with about 1,000 (small) or 5,000 (large, tiled) completed interviews — then measures each
operation and its baseline in the same run and prints median, min, max and the ratio. The encryption group
measures each operation on an encrypted copy of the workspace against the plain one, runs interleaved.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics

from bench.encryption import encryption
from bench.operations import OPERATIONS

SUITE = {**OPERATIONS, "encryption": encryption}  # encryption: the encrypted copy against the plain workspace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["small", "large", "tiled"], default="large")
    parser.add_argument("--only", nargs="*", choices=list(SUITE), help="run only these operations")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(
        f"Debrief benchmarks, size {args.size}, {args.repeat} runs each — {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    header = (
        f"{'operation':<58}{'median':>10}{'min':>10}{'max':>10}  {'baseline':<28}{'median':>10}{'ratio':>8}  target"
    )
    print(header)
    print("-" * len(header))
    for name in args.only or SUITE:
        for m in SUITE[name](args.size, args.repeat):
            ours, base = statistics.median(m.ours), statistics.median(m.baseline)
            print(
                f"{m.operation:<58}{_fmt(ours):>10}{_fmt(min(m.ours)):>10}{_fmt(max(m.ours)):>10}  "
                f"{m.baseline_name:<28}{_fmt(base):>10}{ours / base:>7.2f}×  {m.target}"
                + (f"  ({m.note})" if m.note else ""),
                flush=True,
            )
    return 0


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    raise SystemExit(main())
