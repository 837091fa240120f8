"""Retention over a real workspace: what the firm's policy and a client's override make due, that listing it
changes nothing, and that applying it erases identities (no name, e-mail or phone left, in the records, the notes,
the file or a backup) and everything of a candidate who withdrew consent, with the run and each erasure audited."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from consultant_app.domain.model import Candidate, Client, Interview
from consultant_app.domain.retention import EVERYTHING, IDENTITY
from consultant_app.store import Store
from tests.store.builders import add_note

TODAY = date(2026, 3, 2)


def person(store, client, name, disclosure="confidential", conducted="2025-03-02T10:00:00Z", status="completed"):
    first = name.split()[0].lower()
    candidate = store.candidates.save(
        Candidate(
            client_id=client.id,
            full_name=name,
            email=f"{first}@example.org",
            phone="+49 30 " + str(7000000 + len(name) * 1111),
            disclosure=disclosure,
        )
    )
    interview = store.interviews.save(
        Interview(candidate_id=candidate.id, status=status, conducted_at=conducted, consultant="Sam Lee")
    )
    add_note(store, interview, f"{name} said the recruiter was slow; write to {first}@example.org", "internal")
    return candidate


@pytest.fixture
def firm(store):
    return build_firm(store)


def build_firm(store):
    """Northwind keeps identities 12 months (the firm's policy); Helios overrides it with 6. On ``TODAY`` two
    identities and one withdrawn candidate are due; the others are kept."""
    store.firm.update(retention_months=12)
    north = store.clients.save(Client(name="Northwind Robotics"))
    helios = store.clients.save(Client(name="Helios Health", retention_months=6))
    people = {
        "due_firm": person(store, north, "Zebulon Quarternack"),  # completed 12 months ago today
        "kept_firm": person(store, north, "Ottilie Brandwein", "named", "2025-06-01T09:00:00Z"),
        "due_client": person(store, helios, "Quirin Oberhollenzer", conducted="2025-08-15T09:00:00Z"),
        "anonymous": person(store, helios, "Yolanda Vexworth", "anonymous", "2024-01-01T09:00:00Z"),
        "scheduled": person(store, helios, "Xaver Dunkelstein", conducted=None, status="scheduled"),
        "withdrawn": person(store, north, "Wendelin Moosbrugger", "named", "2026-02-01T09:00:00Z"),
    }
    store.candidates.withdraw_consent(people["withdrawn"].id, on="2026-02-10")
    return store, north, helios, people


def test_due_lists_identities_by_the_firms_policy_or_the_clients_override_and_withdrawn_candidates(firm):
    store, north, helios, people = firm
    due = store.retention.due(TODAY)
    assert [(i.candidate_id, i.action) for i in due] == [
        (people["due_client"].id, IDENTITY),  # Helios first (clients by name), then Northwind
        (people["withdrawn"].id, EVERYTHING),
        (people["due_firm"].id, IDENTITY),
    ]
    by_id = {i.candidate_id: i for i in due}
    assert by_id[people["due_firm"].id].why == "completed 2025-03-02, 12 months ago; policy 12 months (firm policy)"
    assert by_id[people["due_client"].id].why == "completed 2025-08-15, 6 months ago; policy 6 months (client override)"
    assert by_id[people["withdrawn"].id].why == "consent withdrawn on 2026-02-10"
    assert (by_id[people["due_firm"].id].candidate, by_id[people["due_firm"].id].client) == (
        "Zebulon Quarternack",
        "Northwind Robotics",
    )
    day_before = {i.candidate_id for i in store.retention.due(TODAY - timedelta(days=1))}
    assert day_before == {people["due_client"].id, people["withdrawn"].id}


def test_without_a_policy_only_withdrawn_candidates_are_due_and_an_override_alone_applies(firm):
    store, north, helios, people = firm
    store.firm.update(retention_months=None)
    assert {i.candidate_id for i in store.retention.due(TODAY)} == {people["due_client"].id, people["withdrawn"].id}
    store.clients.save(replace(store.clients.get(helios.id), retention_months=None))
    assert [i.action for i in store.retention.due(date(2040, 1, 1))] == [EVERYTHING]


def test_a_completion_without_a_conducted_date_counts_from_when_it_was_saved(store):
    store.firm.update(retention_months=12)
    client = store.clients.save(Client(name="Northwind Robotics"))
    candidate = person(store, client, "Zebulon Quarternack", conducted=None)
    saved = date.fromisoformat(store.interviews.for_candidate(candidate.id)[0].updated_at[:10])
    assert store.retention.due(saved + timedelta(days=364)) == []
    [item] = store.retention.due(saved + timedelta(days=366))
    assert item.why.startswith(f"completed {saved.isoformat()}, 12 months ago")


def test_listing_what_is_due_changes_nothing(firm):
    store, *_ = firm
    before = (store.candidates._select(), store.audit.entries(None), store.notes._select())
    store.retention.due(TODAY)
    assert (store.candidates._select(), store.audit.entries(None), store.notes._select()) == before


def test_apply_erases_identities_and_withdrawn_candidates_and_audits_the_run(firm, workspace_path):
    store, north, helios, people = firm
    backup = store.maintenance.backup()  # taken before the run: the run reaches it too
    counts = store.retention.apply(store.retention.due(TODAY), TODAY)
    assert counts == {"identities": 2, "erased": 1}
    for key in ("due_firm", "due_client"):
        erased = store.candidates.get(people[key].id)
        assert erased.identity_erased and erased.full_name.startswith("Candidate ")
        assert erased.email is None and erased.phone is None
        [interview] = store.interviews.for_candidate(erased.id)
        [note] = store.notes.for_interview(interview.id)
        assert people[key].full_name.split()[0] not in note.text and "@example.org" not in note.text
    assert not store.candidates.exists(people["withdrawn"].id)
    kept = store.candidates.get(people["kept_firm"].id)
    assert (kept.full_name, kept.identity_erased) == ("Ottilie Brandwein", False)
    assert store.candidates.get(people["scheduled"].id).full_name == "Xaver Dunkelstein"
    entries = store.audit.entries(None)
    [run] = [e for e in entries if e.action == "retention"]
    assert run.detail == {
        "identities": 2,
        "erased": 1,
        "firm_months": 12,
        "client_months": {helios.id: 6},
        "on": "2026-03-02",
    }
    reasons = {e.detail["candidate_id"]: e.detail["reason"] for e in entries if e.action == "erase-identity"}
    assert reasons[people["due_firm"].id] == (
        "retention: completed 2025-03-02, 12 months ago; policy 12 months (firm policy)"
    )
    assert reasons[people["due_client"].id].startswith("retention: completed 2025-08-15")
    [gone] = [e for e in entries if e.action == "erase-candidate"]
    assert (gone.detail["candidate_id"], gone.detail["reason"]) == (people["withdrawn"].id, "consent withdrawn")
    assert not any(p.full_name in str(e.detail) for e in entries for p in people.values())
    assert store.retention.due(TODAY) == [] and store.retention.apply([], TODAY) == {"identities": 0, "erased": 0}
    store.close()
    data = b"".join(p.read_bytes() for p in Path(workspace_path).parent.glob(workspace_path.name + "*"))
    data += backup.read_bytes()
    for word in (b"Quarternack", b"Oberhollenzer", b"Moosbrugger", b"zebulon@", b"quirin@", b"wendelin@"):
        assert word not in data


def test_apply_skips_what_is_no_longer_due(firm):
    store, north, helios, people = firm
    listed = store.retention.due(TODAY)
    store.candidates.erase(people["withdrawn"].id)  # erased by hand meanwhile
    store.clients.save(replace(store.clients.get(helios.id), retention_months=24))  # the override lengthened
    assert store.retention.apply(listed, TODAY) == {"identities": 1, "erased": 0}
    assert store.candidates.get(people["due_client"].id).full_name == "Quirin Oberhollenzer"


def test_a_policy_is_a_whole_number_of_months_and_a_clients_override_is_audited(store):
    for bad in (0, -1, 1201):
        with pytest.raises(ValueError, match="whole number of months"):
            store.firm.update(retention_months=bad)
        with pytest.raises(ValueError, match="whole number of months"):
            store.clients.save(Client(name="Helios", retention_months=bad))
    assert store.firm.get().retention_months is None and store.clients.list() == []
    client = store.clients.save(Client(name="Helios Health", retention_months=6))
    store.clients.save(replace(client, industry="Health"))
    store.clients.save(replace(client, retention_months=None))
    changes = [e.detail for e in store.audit.entries(None) if e.action == "confidentiality-settings"]
    assert changes == [
        {"client_id": client.id, "retention_months": None},
        {"client_id": client.id, "retention_months": 6},
    ]


def test_the_retention_run_is_one_write_that_listeners_hear_once(firm):
    store, *_ = firm
    heard = []
    store.subscribe(heard.append)
    store.retention.apply(store.retention.due(TODAY), TODAY)
    assert len(heard) == 1 and {"candidates", "audit_log"} <= heard[0]


def test_the_store_has_a_retention_part(workspace_path):
    with Store.open(workspace_path) as store:
        assert store.retention.due() == []
