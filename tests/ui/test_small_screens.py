"""Every screen works on a 1280×720 laptop: the main window, a call screen and the main dialogs, shown at that size
over the demo workspace, have no widget cut by its parent or the window's edge and no text too wide for its
label or button; the detail pane's actions stay in view however long the facts above them are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from consultant_app.ui.theme import apply_theme, theme_choice
from tests.ui.layout_check import problems

SMALL = (1280, 720)
ROOT = Path(__file__).resolve().parents[2]


def show_at(qtbot, widget, size=SMALL):
    qtbot.addWidget(widget)
    widget.show()
    widget.resize(*size)
    qtbot.waitUntil(lambda: widget.size().toTuple() == size)
    widget.layout().activate()
    return widget


def select_completed(window) -> None:
    """Selects a completed interview with notes and reasons: the detail pane at its longest."""
    for i, row in enumerate(window.page.model.rows):
        if row.status == "completed" and window.store.notes.for_interview(row.interview_id):
            window.page.select_row(i)  # the only row selected, whatever modifier keys an earlier test left held
            return
    raise AssertionError("the demo has no completed interview with notes")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_main_window_fits_1280_by_720(qtbot, main_window, qapp, theme):
    before = theme_choice()
    apply_theme(qapp, theme)
    try:
        show_at(qtbot, main_window)
        select_completed(main_window)
        qtbot.wait(10)
        assert problems(main_window) == []
        header, reasons = main_window.page.table.horizontalHeader(), 4
        assert header.model().headerData(reasons, header.orientation()) == "Top reasons"
        assert header.sectionViewportPosition(reasons) + header.sectionSize(reasons) <= header.viewport().width()
        main_window.grab().save(f"/tmp/debrief-1280x720-{theme}.png")
    finally:
        apply_theme(qapp, before)


def test_detail_pane_actions_stay_in_view_on_a_short_screen(qtbot, main_window):
    show_at(qtbot, main_window, (1366, 700))
    select_completed(main_window)
    qtbot.wait(10)
    window_rect = main_window.rect()
    for text in ("Open call screen", "Schedule", "Edit", "Withdraw consent", "Erase…"):
        [b] = [b for b in main_window.detail.findChildren(QPushButton) if b.text() == text and b.isVisible()]
        top_left = b.mapTo(main_window, b.rect().topLeft())
        bottom_right = b.mapTo(main_window, b.rect().bottomRight())
        assert window_rect.contains(top_left) and window_rect.contains(bottom_right), text
        assert main_window.detail.scroll.viewport().isAncestorOf(b) is False  # never scrolled out of view
    assert problems(main_window) == []


def test_call_screen_fits_1280_by_720(qtbot, main_window):
    show_at(qtbot, main_window)
    select_completed(main_window)
    screen = main_window.open_call(main_window.page.current_row().interview_id)
    try:
        screen.resize(*SMALL)
        qtbot.waitUntil(lambda: screen.size().toTuple() == SMALL)
        assert problems(screen) == []
    finally:
        screen.close()


def test_main_window_fits_at_its_minimum_size(qtbot, main_window):
    """The window cannot be made so narrow that its panes are cut ("Show archived" read "Show archivi" at the
    width it opened at on a 1280×720 screen): its minimum is its panes' minimum, and that fits such a screen."""
    select_completed(main_window)
    qtbot.wait(10)
    main_window.layout().activate()
    smallest = main_window.minimumSize()
    show_at(qtbot, main_window, smallest.toTuple())
    assert problems(main_window) == []
    archived = main_window.page.archived
    assert archived.width() >= archived.sizeHint().width()
    assert smallest.width() <= SMALL[0] and smallest.height() <= SMALL[1] - 100, smallest  # a panel and a title bar


def test_call_screen_fits_at_its_minimum_size(qtbot, main_window):
    select_completed(main_window)
    screen = main_window.open_call(main_window.page.current_row().interview_id)
    try:
        smallest = screen.minimumSize()
        assert smallest.width() <= 1000 and smallest.height() <= 600, smallest
        screen.showNormal()
        screen.resize(smallest)
        qtbot.waitUntil(lambda: screen.size() == smallest)
        assert problems(screen) == []
    finally:
        screen.close()


def test_on_a_1280_by_720_screen_the_windows_open_within_it(tmp_path):
    """At a first start the main window takes the whole screen, nothing cut; a call screen opens within the
    screen (it opened at 1320×820, its Start call and New note buttons off the screen's edge) and reopens where it
    was last left."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", XDG_CONFIG_HOME=str(tmp_path / "c"))
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_child", str(tmp_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["available"] == [0, 0, *SMALL]
    assert report["main"] == report["available"]  # the whole screen
    assert report["main_cut"] == [] and report["top_reasons_in_view"]
    x, y, width, height = report["call"]
    assert x >= 0 and y >= 0 and x + width <= SMALL[0] and y + height <= SMALL[1], report["call"]
    assert report["call_cut"] == []
    assert report["reopened"] == report["moved"]


def dialogs(store, tmp_path):
    from consultant_app.ui.admin.codebook_view import CodebookView
    from consultant_app.ui.admin.guides_view import GuidesView
    from consultant_app.ui.dialogs.candidate_dialog import CandidateDialog
    from consultant_app.ui.dialogs.client_dialog import ClientDialog
    from consultant_app.ui.dialogs.dataset_dialog import DatasetDialog
    from consultant_app.ui.dialogs.erase_dialog import EraseDialog
    from consultant_app.ui.dialogs.export_dialog import ExportDialog
    from consultant_app.ui.dialogs.firm_dialog import FirmDialog
    from consultant_app.ui.dialogs.preferences_dialog import PreferencesDialog
    from consultant_app.ui.dialogs.report_dialog import ReportDialog
    from consultant_app.ui.dialogs.role_dialog import RoleDialog
    from consultant_app.ui.dialogs.schedule_dialog import ScheduleDialog
    from consultant_app.ui.search_dialog import SearchDialog

    clients = store.clients.list()
    roles = store.roles.for_client(clients[0].id)
    candidate = store.candidates.for_client(clients[0].id)[0]
    return {
        "client": lambda: ClientDialog(firm_months=24),
        "role": lambda: RoleDialog(clients[0].id, roles[0]),
        "candidate": lambda: CandidateDialog(clients[0].id, roles, candidate),
        "schedule": lambda: ScheduleDialog(candidate.id, candidate.full_name, ["Ingrid Halvorsen"]),
        "erase": lambda: EraseDialog(candidate.full_name),
        "export": lambda: ExportDialog("Export workspace", tmp_path / "w.debrief", encrypt=True),
        "preferences": lambda: PreferencesDialog("system"),
        "guides": lambda: GuidesView(store, clients[0].id),
        "report": lambda: ReportDialog(clients, clients[0].id, tmp_path),
        "dataset": lambda: DatasetDialog(clients, clients[0].id, 5, tmp_path),
        "firm": lambda: FirmDialog(store.firm.get()),
        "codebook": lambda: CodebookView(store),
        "search": lambda: SearchDialog(store, clients[0].id),
    }


@pytest.mark.parametrize(
    "name",
    ["report", "dataset", "firm", "codebook", "search", "client", "role", "candidate", "schedule", "erase"]
    + ["export", "preferences", "guides"],
)
def test_main_dialogs_fit_1280_by_720(qtbot, demo_store, tmp_path, name):
    dialog = dialogs(demo_store, tmp_path)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    natural = dialog.sizeHint().expandedTo(dialog.minimumSize())  # as it opens on a screen larger than it
    # Qt opens a window no wider than two thirds of its screen (unless its minimum says so): wider is squeezed
    assert natural.width() <= max(SMALL[0] * 2 // 3, dialog.minimumWidth()) and natural.height() <= SMALL[1], natural
    dialog.resize(natural)
    qtbot.waitUntil(lambda: dialog.size() == natural)
    assert problems(dialog) == []
    dialog.reject()
