"""What an erasure keeps of the calls it deleted, so a calendar file can cancel their events: every interview of the
candidate with a scheduled time, by its id, client, time and length alone (nothing else of the person, whose
interviews and notes are gone), read by period and client beside the period's calls,
and forgotten once its time is ``CALLS_KEPT`` past; a withdrawal of consent that retention erases keeps them too."""

from datetime import date, datetime, timedelta

from consultant_app.domain.model import Candidate, Client, Interview
from consultant_app.store.erasures import CALLS_KEPT, ErasedCall

TOMORROW = datetime.combine(date.today() + timedelta(days=1), datetime.min.time()).replace(hour=10)


def candidate_with_calls(store, client, name, *times):
    person = store.candidates.save(Candidate(client.id, name, phone="+49 30 55501234", email="oskar@example.org"))
    calls = [store.interviews.save(Interview(person.id, scheduled_at=t, duration_minutes=30)) for t in times]
    return person, calls


def test_an_erasure_keeps_only_what_cancelling_the_calls_needs(store):
    helios, northwind = store.clients.save(Client("Helios Health")), store.clients.save(Client("Northwind"))
    person, [call] = candidate_with_calls(store, helios, "Oskar Brandvold", TOMORROW.isoformat())
    store.interviews.save(Interview(person.id))  # no scheduled time: never on a calendar
    kept, [other] = candidate_with_calls(store, northwind, "Ines Kept", TOMORROW.isoformat())

    store.candidates.erase(person.id)

    day = (TOMORROW.date().isoformat(), (TOMORROW.date() + timedelta(days=1)).isoformat())
    erased = ErasedCall(call.id, helios.id, TOMORROW.isoformat(), 30)
    assert store.erasures.calls_between(*day) == [erased]
    assert store.interviews.scheduled_between(*day).erased == [erased]
    assert [c.interview.id for c in store.interviews.scheduled_between(*day)] == [other.id]  # the day's list
    assert store.erasures.calls_between(*day, northwind.id) == []
    assert store.erasures.calls_between(day[1], "9999-12-31") == []
    rows = store.db.execute("SELECT * FROM erased_calls").fetchall()
    assert rows == [(call.id, helios.id, TOMORROW.isoformat(), 30)]
    assert not store.interviews.exists(call.id) and store.notes.for_interview(call.id) == []


def test_calls_long_past_are_forgotten_at_the_next_erasure(store):
    client = store.clients.save(Client("Helios Health"))
    weeks = CALLS_KEPT // timedelta(weeks=1)
    recent = (TOMORROW - timedelta(weeks=weeks - 1)).isoformat()
    old = (TOMORROW - timedelta(weeks=weeks + 2)).isoformat()
    first, calls = candidate_with_calls(store, client, "Oskar Brandvold", recent, old)
    store.candidates.erase(first.id)
    assert [c.interview_id for c in store.erasures.calls_between("", "9999")] == [calls[0].id]
    store.db.execute("UPDATE erased_calls SET scheduled_at = ?", [old])  # as if the weeks had gone by
    second, [later] = candidate_with_calls(store, client, "Ines Later", TOMORROW.isoformat())
    store.candidates.erase(second.id)
    assert [c.interview_id for c in store.erasures.calls_between("", "9999")] == [later.id]


def test_erasing_a_candidate_who_withdrew_keeps_their_calls_for_the_calendar(store):
    client = store.clients.save(Client("Helios Health"))
    person, [call] = candidate_with_calls(store, client, "Oskar Brandvold", TOMORROW.isoformat())
    store.candidates.withdraw_consent(person.id)
    assert store.retention.apply(store.retention.due()) == {"identities": 0, "erased": 1}
    assert [c.interview_id for c in store.erasures.calls_between("", "9999")] == [call.id]
