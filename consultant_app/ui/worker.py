"""Running slow work off the GUI thread: one helper that takes a pure function and success and
failure callbacks (like Anki's ``CollectionOp``), with a modal progress dialog.

The function runs on a worker thread and must open its own ``Store`` there (a database
connection belongs to the thread that opened it). Callbacks run back on the GUI thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the failure callback as a value
            exc.details = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()


def busy() -> bool:
    """Whether work started here is still running (each job holds its own connection to the workspace)."""
    return bool(_running)


def run_quietly(
    fn: Callable[[], Any], on_success: Callable[[Any], None], on_failure: Callable[[Exception], None]
) -> None:
    """Runs ``fn`` on a worker thread with no dialog (for housekeeping such as the daily backup)."""
    job = _Job(fn)
    _running.add(job)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(job)
        callback(value)

    job.signals.done.connect(lambda value: finish(on_success, value))
    job.signals.failed.connect(lambda exc: finish(on_failure, exc))
    QThreadPool.globalInstance().start(job)


def run_in_background(
    parent: QWidget | None,
    label: str,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> None:
    """Runs ``fn`` on a worker thread behind a busy progress dialog, then calls back."""
    progress = QProgressDialog(label, None, 0, 0, parent)
    progress.setWindowTitle("Debrief")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setCancelButton(None)
    job = _Job(fn)
    _running.add(job)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        progress.close()
        _running.discard(job)
        callback(value)

    job.signals.done.connect(lambda value: finish(on_success, value))
    job.signals.failed.connect(lambda exc: finish(on_failure, exc))
    QThreadPool.globalInstance().start(job)
