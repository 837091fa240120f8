"""Scheduling from the main window, by keyboard: Ctrl+T shows the day's calls of every client in time order,
Enter opens the call screen of the current row, Alt+Right and Alt+Left step through the days (an empty day says
so, and holds the keyboard where Space steps nowhere), Alt+Home comes back, and the list follows the change hub (at
once in front, after a pause in view behind the main window); a call and a schedule saved as .ics files that keep
the phone rule and cancel an erased candidate's call, and a file that cannot be written is a plain message that
saves nothing."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from consultant_app.domain.model import Interview
from consultant_app.ui import scheduling
from consultant_app.ui.dialogs.calendar_dialog import CalendarDialog
from tests.scheduled_calls import PHONES, WITHDRAWN_PHONE, add_calls
from tests.ui.modal import active_window, focused, on_modal

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, store, settings):
    """The window over today's and tomorrow's calls; "today" read when the test starts, not when it was collected
    (a run across midnight)."""
    today = date.today()
    calls = {"today": add_calls(store, today), "tomorrow": add_calls(store, today + timedelta(1), "Northwind")}
    window = active_window(qtbot, store, settings)
    window.today, window.calls = today, calls
    return window


def key(qtbot, k, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), k, modifiers)


def column(view, number: int) -> list[str]:
    return [view.table.item(row, number).text() for row in range(view.table.rowCount())]


def save_as(monkeypatch, path):
    monkeypatch.setattr(scheduling.QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(path), "")))


def test_the_days_calls_by_keyboard(qtbot, window, store):
    key(qtbot, Qt.Key.Key_T, CTRL)
    view = window.scheduling.today_view
    qtbot.waitUntil(view.isActiveWindow)
    assert view.title.text().startswith("Today, ")
    assert column(view, 0) == ["09:00", "10:30", "14:00", "16:15"]
    assert column(view, 1) == ["Named Person", "Confidential Person", "Anonymous Person", "Wanda Withdrawn"]
    assert set(column(view, 2)) == {"Helios Health"} and set(column(view, 5)) == {"Scheduled"}
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    wanted = window.calls["today"]["confidential"].id
    assert list(window.call_screens) == [wanted] and view.isVisible()
    assert window.close_call_screens()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    store.interviews.save(
        Interview(candidate_id=window.calls["today"]["named"].candidate_id, scheduled_at=f"{window.today}T12:00:00")
    )
    window.hub.flush()
    assert view.table.rowCount() == 4  # in view behind another window: not at once (a call typed beside it)...
    view.quiet.setInterval(100)
    qtbot.waitUntil(lambda: view.table.rowCount() == 5)  # ...but once the changes pause, without coming to the front
    assert not view.isActiveWindow()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert column(view, 0) == ["09:00", "10:30", "12:00", "14:00", "16:15"]
    assert view.current_interview_id() == wanted  # the current call stays current

    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.title.text().startswith("Tomorrow, ") and set(column(view, 2)) == {"Northwind"}
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.stack.currentWidget() is view.empty_card
    assert view.empty.text().startswith("No calls are scheduled on ")
    day = view.day
    key(qtbot, Qt.Key.Key_Space)  # the keyboard rests on the empty day's message, not on a day button
    assert focused() is view.empty and view.day == day
    store.interviews.save(
        Interview(candidate_id=window.calls["today"]["named"].candidate_id, scheduled_at=f"{day}T08:00")
    )
    window.hub.flush()  # a call on the empty day: the keyboard follows into the list, still off the day buttons
    assert focused() is view.table and view.table.rowCount() == 1
    key(qtbot, Qt.Key.Key_Left, ALT)
    key(qtbot, Qt.Key.Key_Left, ALT)
    key(qtbot, Qt.Key.Key_Left, ALT)
    assert view.title.text().startswith("Yesterday, ") and view.table.rowCount() == 0
    key(qtbot, Qt.Key.Key_Home, ALT)
    assert view.title.text().startswith("Today, ") and view.table.rowCount() == 5
    key(qtbot, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_the_schedule_of_all_clients_as_ics(qtbot, window, monkeypatch, tmp_path):
    save_as(monkeypatch, tmp_path / "calls")  # no suffix: .ics is added

    def all_clients_upcoming(dialog: CalendarDialog):
        assert focused() is dialog.clients
        key(qtbot, Qt.Key.Key_Down)  # from the selected client to all clients
        key(qtbot, Qt.Key.Key_Return)

    erased = window.calls["tomorrow"]["confidential"]
    window.store.candidates.erase(erased.candidate_id)
    done = on_modal(qtbot, CalendarDialog, all_clients_upcoming)
    window.scheduling.act_export.trigger()
    assert done.get("ok"), done
    data = (tmp_path / "calls.ics").read_bytes()
    events = {str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert len(events) == 8
    assert str(events.pop(erased.id)["summary"]) == "Debrief call — cancelled"  # taken off the calendar
    assert {str(e["description"]).split("\n")[0] for e in events.values()} == {
        "Client: Helios Health",
        "Client: Northwind",
    }
    assert PHONES["named"].encode() in data and PHONES["confidential"].encode() in data
    assert PHONES["anonymous"].encode() not in data and WITHDRAWN_PHONE.encode() not in data
    assert "Saved 8 calls" in window.statusBar().currentMessage()


def test_one_call_added_to_the_calendar_and_a_plain_message_when_it_cannot_be_saved(
    qtbot, window, monkeypatch, tmp_path
):
    named = window.calls["today"]["named"]
    window.page.select_candidate(named.candidate_id)
    save_as(monkeypatch, tmp_path / "call.ics")
    window.scheduling.act_add_to_calendar.trigger()
    [event] = Calendar.from_ical((tmp_path / "call.ics").read_bytes()).walk("VEVENT")
    assert str(event["uid"]).startswith(named.id) and PHONES["named"] in str(event["description"])

    (tmp_path / "folder.ics").mkdir()
    save_as(monkeypatch, tmp_path / "folder.ics")
    seen = {}
    done = on_modal(qtbot, QMessageBox, lambda box: seen.update(text=box.text()))
    window.scheduling.act_add_to_calendar.trigger()
    assert done.get("ok") and seen["text"].startswith("Could not write") and "Nothing was saved." in seen["text"]
    assert list((tmp_path / "folder.ics").iterdir()) == []
