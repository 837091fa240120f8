"""Counted words agree with their count everywhere: "1 client", never "1 clients" or "1 client(s)", in the
command line's output, import summaries, report notes and the main window's status bar, sidebar and row count."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from consultant_app.domain.model import Interview
from consultant_app.domain.wording import agree, plural
from consultant_app.interchange.importer import ImportResult
from tests.store.builders import client_with_interview


def test_plural_agrees_with_the_count():
    assert [plural(n, "client") for n in (0, 1, 2, 1204)] == ["0 clients", "1 client", "2 clients", "1,204 clients"]
    assert plural(1, "identity", "identities") == "1 identity" and plural(3, "identity", "identities") == "3 identities"
    assert (agree(1, "was", "were"), agree(2, "was", "were")) == ("was", "were")


def workspace_of(store, n: int) -> None:
    """``n`` clients, each with one candidate and one completed interview."""
    for i in range(n):
        client_with_interview(store, name=f"Person Number{i}", status="completed")


@pytest.mark.parametrize("n", [1, 2])
def test_the_command_line_counts_in_words_that_agree(store, tmp_path, n):
    workspace_of(store, n)
    store.close()
    out = subprocess.run(
        [sys.executable, "-m", "consultant_app", "--db", str(store.path), "export", str(tmp_path / "all.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    expected = f"{n} client{'s' * (n > 1)}, {n} candidate{'s' * (n > 1)}, {n} interview{'s' * (n > 1)}."
    assert out.stdout.rstrip().endswith(expected), out.stdout


def test_an_import_summary_counts_in_words_that_agree():
    result = ImportResult(created=Counter(candidate=1, interview=2), updated=Counter(interview=1))
    result.identities_erased = 1
    assert result.summary() == (
        "Imported 1 candidate (1 new); 3 interviews (2 new, 1 updated); 1 anonymous identity erased."
    )


def test_a_report_with_one_interview_says_so_in_the_singular(store):
    from consultant_app.analysis.report_data import build_report_data

    client, _, _ = client_with_interview(store, status="completed")
    data = build_report_data(store, client.id)
    assert any(s.startswith("Only 1 completed interview in the period,") for s in data.suppressed), data.suppressed


def test_the_main_window_counts_in_words_that_agree(qtbot, store, tmp_path):
    from PySide6.QtCore import QSettings

    from consultant_app.ui.main_window import MainWindow
    from consultant_app.ui.models.clients_model import COUNTS_ROLE

    _, candidate, _ = client_with_interview(store, status="completed")
    window = MainWindow(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.status_counts.text() == "1 client · 1 candidate · 1 completed interview"
    assert window.page.count.text() == "1 row"
    assert window.clients_model.data(window.clients_model.index(0), COUNTS_ROLE).endswith("· 1 candidate")
    with store.write():
        store.interviews.save(Interview(candidate_id=candidate.id, status="scheduled"))
    window.hub.flush()
    assert window.page.count.text() == "2 rows"
