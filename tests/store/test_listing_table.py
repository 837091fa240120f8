"""The candidate table's store side: the quick text filter finds a candidate by name, role or the words of their
notes, only within the client, every word required, and never from a stale memory of the notes; every column sorts
both ways by what it shows; and the bulk actions each write once, skipping the candidates they do not apply to."""

import pytest

from consultant_app.domain.model import Candidate, Client, Interview, Role
from consultant_app.store.listing import SORT_KEYS, ListingFilter
from tests.store.builders import add_note


@pytest.fixture
def table(store):
    """Two clients; the first with three candidates that differ in every column, the second with a look-alike."""
    acme = store.clients.save(Client(name="Acme"))
    other = store.clients.save(Client(name="Other"))
    designer = store.roles.save(Role(client_id=acme.id, title="Product Designer"))
    engineer = store.roles.save(Role(client_id=acme.id, title="Engineer"))
    ann = store.candidates.save(
        Candidate(acme.id, "Ann Lee", role_id=designer.id, disclosure="named", decline_date="2026-03-01")
    )
    bob = store.candidates.save(
        Candidate(acme.id, "bob Stone", role_id=engineer.id, disclosure="anonymous", decline_date="2026-01-05")
    )
    cy = store.candidates.save(Candidate(acme.id, "Cy Ward", disclosure="confidential"))
    done = store.interviews.save(
        Interview(
            ann.id,
            status="completed",
            conducted_at="2026-04-02T10:00:00",
            consultant="zoe",
            decline_reasons=["timing", "compensation"],
        )
    )
    store.interviews.save(
        Interview(bob.id, scheduled_at="2026-05-01T09:00:00", consultant="Max", decline_reasons=["benefits"])
    )
    add_note(store, done, "The recruiter never called back about relocation")
    twin = store.candidates.save(Candidate(other.id, "Ann Lee-Twin"))
    add_note(store, store.interviews.save(Interview(twin.id)), "relocation was the issue")
    return {"acme": acme, "other": other, "ann": ann, "bob": bob, "cy": cy, "done": done}


def names(store, client_id, text, **kwargs):
    flt = ListingFilter(text=text, **kwargs)
    rows = store.listing.page(client_id, flt, sort="candidate", descending=False)
    assert store.listing.count(client_id, flt) == len(rows)
    return [r.candidate for r in rows]


def test_the_text_filter_matches_name_role_and_notes_within_the_client(store, table):
    acme = table["acme"].id
    assert names(store, acme, "ann") == ["Ann Lee"]  # a name, as a prefix, whatever the case
    assert names(store, acme, "design") == ["Ann Lee"]  # a word of the role
    assert names(store, acme, "gineer") == ["bob Stone"]  # anywhere in the role's title
    assert names(store, acme, "relocat") == ["Ann Lee"]  # a note's word; the other client's note stays out
    assert names(store, table["other"].id, "relocation") == ["Ann Lee-Twin"]
    assert names(store, acme, "ann relocation") == ["Ann Lee"]  # words may come from different places…
    assert names(store, acme, "ann engineer") == []  # …but all of them must match
    assert names(store, acme, "") == ["Ann Lee", "bob Stone", "Cy Ward"]
    assert names(store, acme, '"*) (^') == ["Ann Lee", "bob Stone", "Cy Ward"]  # no words: no filter, no error
    assert names(store, acme, "ann", status="scheduled") == []  # with the other filters, not instead of them
    bob_call = store.interviews.for_candidate(table["bob"].id)[0]
    add_note(store, bob_call, "Asked about relocation too")  # the matches remembered for a word follow every write
    assert names(store, acme, "relocation") == ["Ann Lee", "bob Stone"]


def test_every_column_sorts_both_ways_by_what_it_shows(store, table):
    shown = {
        "candidate": lambda r: r.candidate.lower(),
        "role": lambda r: (r.role or "").lower(),
        "status": lambda r: {"completed": "completed", "scheduled": "scheduled", None: ""}[r.status],
        "date": lambda r: r.date or "",
        "reasons": lambda r: {"timing": "timing", "benefits": "benefits", None: ""}[(r.reasons or [None])[0]],
        "disclosure": lambda r: r.disclosure,
        "declined": lambda r: r.declined or "",
        "consultant": lambda r: (r.consultant or "").lower(),
    }
    assert set(shown) == set(SORT_KEYS)
    for key, value in shown.items():
        up = [value(r) for r in store.listing.page(table["acme"].id, sort=key, descending=False)]
        down = [value(r) for r in store.listing.page(table["acme"].id, sort=key, descending=True)]
        assert up == sorted(up) and len(set(up)) == 3, key
        assert down == up[::-1], key


def test_bulk_actions_write_once_and_skip_whom_they_do_not_concern(store, table):
    dee = store.candidates.save(Candidate(table["acme"].id, "Dee Fox"))
    heard = []
    store.subscribe(heard.append)
    everyone = [table["ann"].id, table["bob"].id, table["cy"].id]
    assert store.interviews.left_out_of_scheduling([*everyone, dee.id]) == {
        table["ann"].id: "completed",
        table["bob"].id: "scheduled",
    }
    made = store.interviews.schedule_many([*everyone, dee.id], "2026-06-01T10:00:00", "Kim", "video", 45)
    assert [i.candidate_id for i in made] == [table["cy"].id, dee.id]  # ann was interviewed, bob's call is open
    assert [i.scheduled_at for i in made] == ["2026-06-01T10:00:00", "2026-06-01T10:45:00"]  # one after another
    assert all(i.consultant == "Kim" for i in made)
    assert store.interviews.consultants() == ["Kim", "Max", "zoe"]
    open_ids = [r.interview_id for r in store.listing.page(table["acme"].id) if r.status == "scheduled"]
    assert store.interviews.assign_consultant([*open_ids, table["done"].id], "Lou") == 3  # not the completed one
    assert store.interviews.get(table["done"].id).consultant == "zoe"
    assert store.candidates.archive_many(everyone[:2]) == 2
    assert names(store, table["acme"].id, "") == ["Cy Ward", "Dee Fox"]
    assert store.candidates.archive_many(everyone, archived=False) == 2
    store.candidates.withdraw_consent(table["ann"].id)
    assert store.candidates.withdraw_consent_many(everyone) == 2
    assert all(store.candidates.get(c).consent_withdrawn for c in everyone)
    assert len(heard) == 6  # one notification a bulk action (and one for the single withdrawal)
