"""Scheduled interviews as an iCalendar file (.ics) for the consultants' own calendars, one event per call.

Each event's UID comes from the interview's id, so importing a newer file updates the events rather than doubling
them; its times are in UTC (a stored time without an offset is the computer's local time, as the schedule dialog
writes it); what it says about the candidate is what ``confidentiality.on_a_calendar`` allows; and every event is
private (``CLASS:PRIVATE``): a calendar shared with an assistant shows the time as busy, not who the call is with.
A call that will not happen (refused, withdrawn, or the candidate withdrew consent) stays in the file as cancelled,
so that an update takes it off the calendar, and the name it carried with it; so does a call an erasure deleted (a
``Schedule``'s ``erased``), as a cancelled event that says nothing but its time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from consultant_app.domain.confidentiality import on_a_calendar
from consultant_app.domain.taxonomy import CHANNELS, label
from consultant_app.interchange.exporter import write_bytes_atomically
from consultant_app.store.erasures import ErasedCall
from consultant_app.store.interviews import Schedule, ScheduledCall

DEFAULT_MINUTES = 45  # a call without a recorded duration
PRODUCT_ID = "-//Debrief//Scheduled interviews//EN"
UID_DOMAIN = "debrief.interview"
REVISIONS_FROM = datetime(2000, 1, 1, tzinfo=UTC)
CALL_OFF = ("refused", "withdrawn")
ERASED_TITLE = "Debrief call — cancelled"


def utc(stored: str) -> datetime:
    """A stored date-time in UTC; one without an offset is local time on this computer."""
    return datetime.fromisoformat(stored).astimezone(UTC)


def revision(stamp: datetime) -> int:
    """An event's SEQUENCE: the file's time in seconds since 2000, so every newer file is a later revision of each of
    its events (some calendars take an update, or a cancellation, only with a higher number)."""
    return int((stamp - REVISIONS_FROM).total_seconds())


def event_uid(interview_id: str) -> str:
    return f"{interview_id}@{UID_DOMAIN}"


def calendar_bytes(calls: Iterable[ScheduledCall], stamp: datetime | None = None) -> bytes:
    """The iCalendar text of ``calls`` (each with a scheduled time), and of the erased calls of a ``Schedule``."""
    from icalendar import Calendar

    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    for call in calls:
        calendar.add_component(_call_event(call, stamp))
    for erased in calls.erased if isinstance(calls, Schedule) else ():
        calendar.add_component(_erased_event(erased, stamp))
    return calendar.to_ical()


def _call_event(call: ScheduledCall, stamp: datetime):
    interview, person = call.interview, on_a_calendar(call.candidate)
    event = _event(interview.id, interview.scheduled_at, interview.duration_minutes, stamp)
    event.add("summary", f"Debrief call: {person.label}" + (f" ({call.client})" if person.client_in_title else ""))
    lines = [f"Client: {call.client}", f"Role: {call.role or '—'}", f"Consultant: {interview.consultant or '—'}"]
    if interview.channel:
        lines.append(f"Channel: {label(CHANNELS, interview.channel)}")
    if person.phone:
        lines.append(f"Phone: {person.phone}")
    event.add("description", "\n".join(lines))
    cancelled = interview.status in CALL_OFF or call.candidate.consent_withdrawn
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _erased_event(call: ErasedCall, stamp: datetime):
    event = _event(call.interview_id, call.scheduled_at, call.duration_minutes, stamp)
    event.add("summary", ERASED_TITLE)
    event.add("status", "CANCELLED")
    return event


def _event(interview_id: str, scheduled_at: str, minutes: int | None, stamp: datetime):
    from icalendar import Event

    start = utc(scheduled_at)
    event = Event()
    event.add("uid", event_uid(interview_id))
    event.add("dtstamp", stamp)
    event.add("sequence", revision(stamp))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes or DEFAULT_MINUTES))
    event.add("class", "PRIVATE")
    return event


def write_calendar(path: Path, calls: Schedule | list[ScheduledCall]) -> int:
    """Writes ``calls`` to ``path`` whole or not at all; returns how many events it holds (a ``Schedule``'s erased
    calls included). A file that cannot be written raises WorkspaceError with a plain sentence."""
    write_bytes_atomically(Path(path), calendar_bytes(calls))
    return len(calls) + len(calls.erased if isinstance(calls, Schedule) else ())
