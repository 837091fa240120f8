"""The client dashboard shows what the report would, and no more: its figures, bars and notes equal those of the
report's own data for the client and period, suppressed where the report suppresses (the firm's minimum group
size); it follows interviews as they complete, not notes as they are typed; and the keyboard reaches it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from consultant_app.analysis.report_data import build_report_data
from consultant_app.domain.model import Candidate, Client, Interview, Note, Role
from consultant_app.domain.requests import ReportRequest, report_months
from consultant_app.store.releases import ReleaseTooClose
from consultant_app.ui import worker

# fifteen completed interviews: all name pay, five career growth; timing (2) and culture (1) stay below k = 5;
# five promoters, five passives, five detractors (three of each in the last 3 months: that split is not shown)
REASONS = [["compensation", "career_growth"]] * 5 + [["compensation", "timing"]] * 2 + [["compensation", "culture"]]
REASONS += [["compensation"]] * 7
RECOMMEND = [10, 8, 2]


@pytest.fixture
def window(qtbot, store, settings):
    from consultant_app.ui.main_window import MainWindow

    client = store.clients.save(Client(name="Northwind"))
    role = store.roles.save(Role(client_id=client.id, title="Engineer"))
    today = datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)
    for i, reasons in enumerate(REASONS + [[]]):
        person = store.candidates.save(Candidate(client_id=client.id, role_id=role.id, full_name=f"Person {i}"))
        store.interviews.save(
            Interview(
                candidate_id=person.id,
                status="completed" if reasons else "scheduled",
                conducted_at=(today - timedelta(days=200 if i < 6 else 2)).isoformat(),
                decline_reasons=reasons,
                recommend=RECOMMEND[i % 3] if reasons else None,
            )
        )
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    win.sidebar.select(client.id)
    yield win
    qtbot.waitUntil(lambda: not worker.busy())  # each computation holds a connection to the workspace


def shown(qtbot, window):
    """The dashboard brought up by Ctrl+2, once its figures are in."""
    dashboard = window.page.dashboard
    with qtbot.waitSignal(dashboard.updated, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    return dashboard


def on_screen(dashboard) -> tuple:
    return (
        [(f.value.text(), f.caption.text()) for f in dashboard.figures],
        dashboard.bars.rows,
        dashboard.notes.text().splitlines() if dashboard.notes.isVisible() else [],
        not dashboard.figures[3].split.isHidden(),  # promoters, passives and detractors
    )


def as_reported(data) -> tuple:
    suppressed = [s for s in data.suppressed if s.startswith(("Only ", "Decline reasons", "Recommendation score"))]
    return (
        [(value, caption.upper()) for value, caption in data.headline()],
        data.reasons.share_bars() if data.reasons else [],
        suppressed,
        data.recommend is not None and data.recommend_split,
    )


def test_the_dashboard_shows_the_reports_figures_and_suppresses_what_it_suppresses(qtbot, window):
    store, client_id = window.store, window.current_client_id()
    dashboard = shown(qtbot, window)
    report = build_report_data(store, client_id)
    assert on_screen(dashboard) == as_reported(report)
    assert report.recommend_split and dashboard.figures[3].split.toolTip().startswith("Detractors 0–6: 33%")
    assert [row[0] for row in dashboard.bars.rows] == ["Compensation", "Career growth"]
    assert "Timing" not in dashboard.bars.accessibleDescription()  # 2 of 15 candidates: below k, as in the report
    assert dashboard.notes.text().startswith("Decline reasons: 2 items mentioned by fewer than 5 respondents")

    with qtbot.waitSignal(dashboard.updated, timeout=5000):  # the period, chosen by keys: the last 3 months
        qtbot.keyClicks(dashboard.period, "Last 3")
    report = build_report_data(store, client_id, *report_months("3", date.today(), ("", "")))
    assert report.completed == 9 and on_screen(dashboard) == as_reported(report)
    assert dashboard.figures[3].split.isHidden() and not report.recommend_split

    with qtbot.waitSignal(dashboard.updated, timeout=5000):  # the firm's k, raised: the report shows no results
        store.firm.update(min_group_size=10)
        window.hub.flush()
    report = build_report_data(store, client_id, *report_months("3", date.today(), ("", "")))
    assert not report.enough_data and on_screen(dashboard) == as_reported(report)
    assert dashboard.bars.rows == [] and dashboard.figures[3].value.text() == "—"
    assert dashboard.lead.text().startswith("There is not enough data to show results for Northwind")


def test_a_completed_interview_updates_the_dashboard_and_a_typed_note_does_not(qtbot, window):
    store = window.store
    dashboard = shown(qtbot, window)
    assert dashboard.figures[1].value.text() == "15"
    [scheduled] = [i for i in store.interviews.for_client(window.current_client_id()) if i.status == "scheduled"]
    with qtbot.assertNotEmitted(dashboard.updated, wait=400):
        store.notes.save(Note(interview_id=scheduled.id, section="wrong", text="Typed during the call"))
        window.hub.flush()
    with qtbot.waitSignal(dashboard.updated, timeout=5000):
        store.interviews.save(replace(scheduled, status="completed", decline_reasons=["compensation"], recommend=9))
        window.hub.flush()
    assert dashboard.figures[1].value.text() == "16"
    assert on_screen(dashboard) == as_reported(build_report_data(store, window.current_client_id()))


def test_the_dashboard_holds_back_what_a_report_now_would_and_says_so_without_recording_a_release(
    qtbot, window, tmp_path
):
    """The client holds the report of the last 3 months (9 interviews); one more call of those months completes:
    a report of them now would be held back to the nine, and so is the dashboard, which records nothing."""
    from consultant_app.reports.generate import generate_report

    store, client_id = window.store, window.current_client_id()
    months = report_months("3", date.today(), ("", ""))
    generate_report(store, ReportRequest(client_id, tmp_path / "sent.pdf", *months))
    [late] = [i for i in store.interviews.for_client(client_id) if i.status == "scheduled"]
    store.interviews.save(replace(late, status="completed", decline_reasons=["culture"], recommend=2))
    window.hub.flush()
    dashboard = shown(qtbot, window)
    assert dashboard.figures[1].value.text() == "16" and dashboard.held.isHidden()  # every month: nothing sent
    with qtbot.waitSignal(dashboard.updated, timeout=5000):
        qtbot.keyClicks(dashboard.period, "Last 3")
    [sent] = store.releases.list()  # the dashboard recorded nothing
    assert dashboard.held.isVisible() and dashboard.held.text() == (
        f"As a report now would: 1 interview held back — too close to the report of {sent.created[:10]} "
        "(9 interviews, sent.pdf), which Northwind already holds."
    )
    with qtbot.waitSignal(dashboard.updated, timeout=5000):  # a report written: the ledger changed
        again = generate_report(
            store, ReportRequest(client_id, tmp_path / "again.pdf", *months, if_too_close="hold back")
        )
        window.hub.flush()
    assert again.data.completed == 9 and on_screen(dashboard) == as_reported(again.data)
    assert "(9 interviews, again.pdf), which Northwind already holds." in dashboard.held.text()
    assert [r.file for r in store.releases.list()] == ["again.pdf", "sent.pdf"]  # the dashboard is no release


def test_the_dashboard_shows_no_figures_when_a_report_now_would_be_refused_even_held_back(qtbot, window, tmp_path):
    """The client holds a report of the six old calls and one of all fifteen; then one of the nine recent ones
    withdraws consent and one more call completes: any report of all interviews would single someone out."""
    from consultant_app.reports.generate import generate_report

    store, client_id = window.store, window.current_client_id()
    interviews = store.interviews.for_client(client_id)
    old_month = min(i.conducted_at for i in interviews)[:7]
    generate_report(store, ReportRequest(client_id, tmp_path / "old.pdf", old_month, old_month))
    generate_report(store, ReportRequest(client_id, tmp_path / "all.pdf"))
    [late] = [i for i in interviews if i.status == "scheduled"]
    recent = next(i for i in interviews if i.status == "completed" and i.conducted_at[:7] != old_month)
    store.candidates.withdraw_consent(recent.candidate_id)
    store.interviews.save(replace(late, status="completed", decline_reasons=["culture"], recommend=2))
    window.hub.flush()
    dashboard = shown(qtbot, window)
    assert [f.value.text() for f in dashboard.figures] == ["—"] * 4 and dashboard.held.isHidden()
    assert dashboard.lead.text().startswith("As a report now would, no figures are shown: set against the report of")
    assert dashboard.lead.text().endswith(
        "(15 interviews, all.pdf) and the rest of what Northwind holds, any report "
        "of this period would single out 1 interview."
    )
    with pytest.raises(ReleaseTooClose):  # as the report would be
        generate_report(store, ReportRequest(client_id, tmp_path / "again.pdf", if_too_close="hold back"))
    assert len(store.releases.list()) == 2


def test_the_keyboard_switches_between_the_table_and_the_dashboard(qtbot, window):
    page = window.page
    dashboard = shown(qtbot, window)
    assert page.views.currentWidget() is dashboard and dashboard.period.hasFocus()
    assert page.views.buttons.checkedId() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert page.views.currentIndex() == 0 and page.table.hasFocus() and page.views.buttons.checkedId() == 0
    dashboard_button = page.views.buttons.button(1)
    dashboard_button.setFocus()
    qtbot.keyClick(dashboard_button, Qt.Key.Key_Space)  # the switch itself, by keys
    assert page.views.currentWidget() is dashboard
    qtbot.keyClick(dashboard_button, Qt.Key.Key_Tab)
    assert dashboard.period.hasFocus()  # the period comes next in the Tab order


@pytest.mark.parametrize("size", [(1280, 720), None])  # None: the window's minimum size
def test_the_dashboard_fits_a_laptop_screen_and_the_windows_minimum(qtbot, window, size):
    from tests.ui.layout_check import problems

    shown(qtbot, window)
    window.layout().activate()
    size = size or window.minimumSize().toTuple()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    window.layout().activate()
    qtbot.wait(10)
    assert problems(window) == []
