"""How every benchmark measures: runs of the app and of its baseline taking turns (A B A B …, so load drift on a
shared machine hits both), each run's elapsed time, CPU time and, where the run is a process of its own, that
process's peak resident memory (``VmHWM``, read by the process itself: the ``ru_maxrss`` a parent reads of its
child keeps the parent's own peak across the fork). Imports nothing of the app, so a child that opens a bare
window loads no more than that window."""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float | None = None
    cpu: float | None = None  # user + system seconds, of this process and of the children it waited for
    peak_mb: float | None = None  # the peak resident memory of the process that did the work

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_output(cls, stdout: str) -> Run:
        """The run a child process printed as the last line of its output."""
        return cls(**json.loads(stdout.strip().splitlines()[-1]))


def cpu_seconds() -> float:
    """CPU time of this process (every thread) and of the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(fn: Callable[[], object]) -> Run:
    """One run of ``fn``: its elapsed and CPU time; what ``fn`` reports of itself by returning a ``Run`` (a child
    process that timed its own work, or read its own peak memory) replaces what was measured around it."""
    cpu, start = cpu_seconds(), time.perf_counter()
    reported = fn()
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if not isinstance(reported, Run):
        return Run(elapsed, cpu)
    return Run(
        reported.seconds if reported.seconds is not None else elapsed,
        reported.cpu if reported.cpu is not None else cpu,
        reported.peak_mb,
    )


def interleaved(ours: Callable, base: Callable, repeat: int, warm_up: bool = False) -> tuple[list[Run], list[Run]]:
    """``repeat`` runs of each, taking turns (ours, base, ours, base …), after one untimed turn each when
    ``warm_up``; returns (our runs, the baseline's runs)."""
    if warm_up:
        ours(), base()
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(repeat):
        a.append(measure(ours))
        b.append(measure(base))
    return a, b


def median(runs: list[Run], field: str = "seconds") -> float | None:
    import statistics  # here, not above: a bare window's start (``bench.app_open``) does not pay for it

    values = [getattr(r, field) for r in runs if getattr(r, field) is not None]
    return statistics.median(values) if values else None


def memory_mb(status: Path = Path("/proc/self/status")) -> dict[str, float]:
    """Resident (``VmRSS``) and peak resident (``VmHWM``) memory of this process, in MB; empty where the system
    has no ``/proc`` (not Linux)."""
    try:
        lines = status.read_text().splitlines()
    except OSError:
        return {}
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM") if key in fields}


def peak_mb() -> float | None:
    """The peak resident memory of this process so far, in MB (None where unknown)."""
    return memory_mb().get("VmHWM")
