"""Calls exported as an iCalendar file, read back with icalendar: the phone and the name only for named and confidential
candidates (never for anonymous ones, nor anyone who withdrew), a confidential name beside no client in the title, every
event private, an erased candidate's call cancelled naming no one, UIDs that stay the same and revisions that grow so a
newer file updates a calendar, times in UTC from the stored local time, and a file written whole or not at all."""

import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from consultant_app.interchange.calendar import DEFAULT_MINUTES, calendar_bytes, event_uid, write_calendar
from consultant_app.store import WorkspaceError
from tests.scheduled_calls import PHONES, WITHDRAWN_PHONE, add_calls

DAY = date(2026, 3, 4)


@pytest.fixture
def berlin(monkeypatch):
    """The computer's local time is Berlin's (UTC+1 in March)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def calls(store):
    return add_calls(store, DAY)


def events(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def export(store, client_id=None, stamp: datetime | None = None) -> bytes:
    return calendar_bytes(store.interviews.scheduled_between("2026-03-04", "2026-03-05", client_id), stamp)


def test_phone_and_name_only_for_named_and_confidential_candidates(store, calls):
    data = export(store)
    found = events(data)
    assert len(found) == 4
    for kind in ("named", "confidential"):
        event = found[event_uid(calls[kind].id)]
        assert f"Phone: {PHONES[kind]}" in str(event["description"])
        assert "Client: Helios Health" in str(event["description"])
        assert "Role: Data Engineer" in str(event["description"])
        assert "Consultant: Ruth Ames" in str(event["description"])
    for hidden in (PHONES["anonymous"], WITHDRAWN_PHONE, "Anonymous Person", "Wanda"):
        assert hidden.encode() not in data
    assert str(found[event_uid(calls["named"].id)]["summary"]) == "Debrief call: Named Person (Helios Health)"
    assert str(found[event_uid(calls["confidential"].id)]["summary"]) == "Debrief call: Confidential Person"
    anonymous = found[event_uid(calls["anonymous"].id)]
    assert (
        str(anonymous["summary"]).startswith("Debrief call: Candidate ") and "(Helios Health)" in anonymous["summary"]
    )
    assert "Phone:" not in str(anonymous["description"])
    assert str(found[event_uid(calls["withdrawn"].id)]["status"]) == "CANCELLED"
    assert str(found[event_uid(calls["named"].id)]["status"]) == "CONFIRMED"
    assert {str(event["class"]) for event in found.values()} == {"PRIVATE"}


def test_an_erased_candidates_call_is_cancelled_naming_no_one(store):
    tomorrow = date.today() + timedelta(days=1)  # erased calls long past are forgotten
    calls = add_calls(store, tomorrow)
    period = (tomorrow.isoformat(), (tomorrow + timedelta(days=1)).isoformat())
    store.interviews.save(replace(calls["confidential"], duration_minutes=30, channel="video"))
    store.candidates.erase(calls["confidential"].candidate_id)
    data = calendar_bytes(store.interviews.scheduled_between(*period))
    found = events(data)
    assert len(found) == 4
    erased = found[event_uid(calls["confidential"].id)]
    assert str(erased["status"]) == "CANCELLED" and str(erased["class"]) == "PRIVATE"
    assert erased["sequence"] == found[event_uid(calls["named"].id)]["sequence"]  # a revision like the file's others
    assert str(erased["summary"]) == "Debrief call — cancelled" and "description" not in erased
    assert erased.decoded("dtend") - erased.decoded("dtstart") == timedelta(minutes=30)
    for gone in ("Confidential Person", PHONES["confidential"], "Video"):
        assert gone.encode() not in data
    assert data.count(b"Helios Health") == 6  # the title and details of the three calls still on, not this one
    other = add_calls(store, tomorrow, "Northwind")
    assert event_uid(calls["confidential"].id) not in events(
        calendar_bytes(
            store.interviews.scheduled_between(*period, store.candidates.get(other["named"].candidate_id).client_id)
        )
    )


def test_an_erased_candidate_leaves_no_personal_data(store, calls):
    store.interviews.save(replace(calls["anonymous"], status="completed"))  # completing erases the identity
    call = store.interviews.scheduled_call(calls["anonymous"].id)
    assert call.candidate.identity_erased
    data = calendar_bytes([call])
    assert b"Anonymous Person" not in data and PHONES["anonymous"].encode() not in data
    assert call.candidate.full_name.encode() in data  # the pseudonym


def test_uids_stay_the_same_so_a_newer_file_updates_the_events(store, calls):
    then = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    first = events(export(store, stamp=then))
    moved = replace(calls["named"], scheduled_at="2026-03-04T11:45:00")
    store.interviews.save(moved)
    second = events(export(store, stamp=then + timedelta(minutes=5)))
    assert set(first) == set(second) == {event_uid(i.id) for i in calls.values()}
    uid = event_uid(moved.id)
    assert first[uid].decoded("dtstart") != second[uid].decoded("dtstart")
    # every event of the newer file, moved or not, is a later revision: calendars take it (cancellations included)
    assert all(second[uid]["sequence"] == first[uid]["sequence"] + 300 for uid in first)


def test_times_are_utc_from_the_stored_local_time_with_the_call_length(store, calls, berlin):
    store.interviews.save(replace(calls["confidential"], duration_minutes=30))
    store.interviews.save(replace(calls["anonymous"], scheduled_at="2026-03-04T14:00:00+05:00"))
    found = events(export(store))
    named, confidential = found[event_uid(calls["named"].id)], found[event_uid(calls["confidential"].id)]
    assert named.decoded("dtstart") == datetime(2026, 3, 4, 8, 0, tzinfo=UTC)  # 09:00 in Berlin
    assert named.decoded("dtend") - named.decoded("dtstart") == timedelta(minutes=DEFAULT_MINUTES)
    assert confidential.decoded("dtstart") == datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    assert confidential.decoded("dtend") - confidential.decoded("dtstart") == timedelta(minutes=30)
    offset = found[event_uid(calls["anonymous"].id)].decoded("dtstart")
    assert offset == datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # a stored offset wins over the local time
    assert named.decoded("dtstamp").tzinfo is not None


def test_the_day_is_read_in_time_order_and_per_client(store, calls):
    other = add_calls(store, DAY, "Northwind")
    day = store.interviews.scheduled_between("2026-03-04", "2026-03-05")
    times = [c.interview.scheduled_at for c in day]
    assert times == sorted(times) and len(day) == 8
    helios = store.interviews.scheduled_between("2026-03-04", "2026-03-05", day[0].candidate.client_id)
    assert {c.client for c in helios} == {day[0].client} and len(helios) == 4
    assert store.interviews.scheduled_between("2026-03-05", "2026-03-06") == []
    assert other["named"].id in {c.interview.id for c in day}


def test_a_file_that_cannot_be_written_is_a_plain_error_and_leaves_nothing(store, calls, tmp_path):
    taken = tmp_path / "taken.ics"
    taken.mkdir()  # a folder where the file should go
    with pytest.raises(WorkspaceError, match="Could not write"):
        write_calendar(taken, store.interviews.scheduled_between("2026-03-04", "2026-03-05"))
    assert taken.is_dir() and list(taken.iterdir()) == []
    written = tmp_path / "calls.ics"
    assert write_calendar(written, store.interviews.scheduled_between("2026-03-04", "2026-03-05")) == 4
    assert len(events(written.read_bytes())) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half-written file left
