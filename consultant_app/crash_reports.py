"""Crash reports stay on this computer: an unexpected error writes one report file per crash into the app's log
folder (``paths.crash_report_folder``), named by the time, holding the traceback's frames (file, line, function
and source line), the exception's type, and the versions ``about`` lists. The exception's message, its notes and
any local variable are left out, because they can quote a note or a name; so is the workspace's path. Nothing is
sent anywhere. ``install`` sends the uncaught errors of the main thread (Qt's slots included: PySide6 hands
theirs to ``sys.excepthook``) and of other threads here. For tests only, ``DEBRIEF_TEST_CRASH`` makes the app
and every command fail at start with its text as the message (``crash_if_asked``)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from consultant_app.paths import crash_report_folder

TEST_CRASH_ENV = "DEBRIEF_TEST_CRASH"
MESSAGE_OMITTED = "message omitted: it may quote workspace content"


def report_text(exc: BaseException) -> str:
    import traceback  # only once something went wrong: a command's start does not pay for it

    from consultant_app.about import runtime_versions

    lines = [f"Debrief crash report, {datetime.now().astimezone().isoformat(timespec='seconds')}", ""]
    try:
        lines += [f"{name}: {value}" for name, value in runtime_versions().items()]
    except Exception as failure:  # the report goes out without versions rather than not at all
        lines.append(f"versions could not be read ({type(failure).__name__})")
    for link in reversed(_chain(exc)):
        lines += ["", "Traceback (most recent call last):"]
        for frame in traceback.extract_tb(link.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line}")
        lines.append(f"{type(link).__module__}.{type(link).__qualname__} ({MESSAGE_OMITTED})")
    return "\n".join(lines) + "\n"


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised from or during, newest first."""
    chain: list[BaseException] = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return chain


def write_report(exc: BaseException) -> Path | None:
    """Writes the report of ``exc`` to a new file; its path, or None when the log folder cannot be written."""
    folder = crash_report_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y-%m-%d-%H%M%S-%f}.txt"
        with path.open("x", encoding="utf-8") as report:
            report.write(report_text(exc))
    except OSError:
        return None
    return path


def install(on_crash: Callable[[Path | None], None]) -> None:
    """Writes a report of every uncaught error, of any thread, then calls ``on_crash`` with its path."""

    def main_thread(kind, value, tb) -> None:
        on_crash(write_report(value))

    def other_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            on_crash(write_report(args.exc_value))

    sys.excepthook = main_thread
    threading.excepthook = other_thread


def crash_if_asked() -> None:
    """Fails as a bug would, when a test asked for it with ``DEBRIEF_TEST_CRASH``; does nothing otherwise."""
    message = os.environ.get(TEST_CRASH_ENV)
    if message:
        raise RuntimeError(message)
