"""The CPU time and peak memory of the processes a measured run starts through multiprocessing's fork server
(the dataset's redaction pool). They are the fork server's children, not the measuring process's, so neither
its ``RUSAGE_CHILDREN`` nor its ``VmHWM`` counts them: a thread reads each one's ``/proc`` status while the run
goes (the highest ``VmHWM`` seen of each), and once they have ended, the CPU time the fork server has waited
for (``cutime`` + ``cstime`` in its ``/proc/PID/stat``). Linux only; elsewhere it counts nothing."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class PoolWatch:
    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peaks: dict[int, float] = {}  # worker pid: the highest VmHWM seen, in MB
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> PoolWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def cpu(self) -> float:
        """The CPU seconds of the fork server's children that have ended (waits up to 2 s for them to end)."""
        server = _server_pid()
        if server is None:
            return 0.0
        deadline = time.monotonic() + 2
        while _children(server) and time.monotonic() < deadline:
            time.sleep(0.02)
        try:
            fields = Path(f"/proc/{server}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[13]) + int(fields[14])) / TICKS  # cutime, cstime: fields 16 and 17 of stat

    def peak_mb(self) -> float:
        """The sum of the workers' peak resident memory: they run side by side through the redaction."""
        return sum(self.peaks.values())

    def _watch(self) -> None:
        while not self.stop.wait(self.every):
            server = _server_pid()
            for pid in _children(server) if server else ():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[pid] = max(self.peaks.get(pid, 0.0), int(line.split()[1]) / 1024)


def _server_pid() -> int | None:
    from multiprocessing import forkserver

    return getattr(forkserver._forkserver, "_forkserver_pid", None)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
