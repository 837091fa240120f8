"""Scheduled interviews as an iCalendar file (.ics) for the consultants' own calendars, one event per call.

Each event's UID comes from the interview's id, so importing a newer file updates the events rather than doubling
them; its times are in UTC (a stored time without an offset is the computer's local time, as the schedule dialog
writes it); and what it says about the candidate is what ``confidentiality.on_a_calendar`` allows. A call that will
not happen (refused, withdrawn, or the candidate withdrew consent) stays in the file as cancelled, so that an update
takes it off the calendar, and the name it carried with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from consultant_app.domain.confidentiality import on_a_calendar
from consultant_app.domain.taxonomy import CHANNELS, label
from consultant_app.interchange.exporter import write_bytes_atomically
from consultant_app.store.interviews import ScheduledCall

DEFAULT_MINUTES = 45  # a call without a recorded duration
PRODUCT_ID = "-//Debrief//Scheduled interviews//EN"
UID_DOMAIN = "debrief.interview"
CALL_OFF = ("refused", "withdrawn")


def utc(stored: str) -> datetime:
    """A stored date-time in UTC; one without an offset is local time on this computer."""
    return datetime.fromisoformat(stored).astimezone(UTC)


def event_uid(interview_id: str) -> str:
    return f"{interview_id}@{UID_DOMAIN}"


def calendar_bytes(calls: Iterable[ScheduledCall], stamp: datetime | None = None) -> bytes:
    """The iCalendar text of ``calls`` (each with a scheduled time)."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    for call in calls:
        interview, person = call.interview, on_a_calendar(call.candidate)
        start = utc(interview.scheduled_at)
        event = Event()
        event.add("uid", event_uid(interview.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=interview.duration_minutes or DEFAULT_MINUTES))
        event.add("summary", f"Debrief call: {person.label} ({call.client})")
        lines = [f"Role: {call.role or '—'}", f"Consultant: {interview.consultant or '—'}"]
        if interview.channel:
            lines.append(f"Channel: {label(CHANNELS, interview.channel)}")
        if person.phone:
            lines.append(f"Phone: {person.phone}")
        event.add("description", "\n".join(lines))
        cancelled = interview.status in CALL_OFF or call.candidate.consent_withdrawn
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def write_calendar(path: Path, calls: list[ScheduledCall]) -> int:
    """Writes ``calls`` to ``path`` whole or not at all; returns how many events it holds. A file that cannot be
    written raises WorkspaceError with a plain sentence."""
    write_bytes_atomically(Path(path), calendar_bytes(calls))
    return len(calls)
