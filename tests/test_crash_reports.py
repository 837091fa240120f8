"""Crash reports stay local and hold no workspace content: a command that hits a bug (the test hook
``DEBRIEF_TEST_CRASH``) prints one plain line naming the report and exits 1; the report has the traceback's frames,
the exception's type and the versions, never the message; an error in another thread is reported too."""

import os
import subprocess
import sys
import threading
from pathlib import Path

from consultant_app import crash_reports

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Zelda Quixote-Marr, +44 7700 900123, hated the interview"


def test_a_crash_in_a_command_is_one_plain_line_and_a_report_without_the_message(tmp_path):
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), DEBRIEF_TEST_CRASH=SECRET)
    command = [sys.executable, "-m", "consultant_app", "--db", str(tmp_path / "w.db"), "clients"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    [report] = (tmp_path / "state" / "Debrief" / "log").glob("crash-*.txt")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"error: Debrief hit an unexpected problem. A crash report is in {report}.\n"
    text = report.read_text(encoding="utf-8")
    assert 'consultant_app/cli.py", line' in text and "in main" in text and "raise RuntimeError(message)" in text
    assert "builtins.RuntimeError (message omitted: it may quote workspace content)" in text
    assert "Debrief: " in text and "SQLite: 3." in text and "Platform: " in text
    assert SECRET not in text and "Zelda" not in text


def test_an_error_in_another_thread_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reports = []
    crash_reports.install(reports.append)

    def fail() -> None:
        try:
            {}["missing"]
        except KeyError:
            raise ValueError(SECRET) from None

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    [report] = reports
    text = report.read_text(encoding="utf-8")
    assert report.parent == tmp_path / "Debrief" / "log" and "in fail" in text and "builtins.ValueError" in text
    assert SECRET not in text and "KeyError" not in text  # ``from None``: the context is not the story


def test_a_chained_error_reports_both_types_oldest_first(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    try:
        try:
            int(SECRET)
        except ValueError as exc:
            raise OSError(SECRET) from exc
    except OSError as exc:
        text = crash_reports.write_report(exc).read_text(encoding="utf-8")
    assert text.index("builtins.ValueError") < text.index("builtins.OSError") and SECRET not in text
