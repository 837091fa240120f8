"""A small workspace of calls for the scheduling tests: one client and role, a candidate of each disclosure (and
one who withdrew consent), each with a phone number and a call on ``day``, stored out of time order."""

from __future__ import annotations

from datetime import date

from consultant_app.domain.model import Candidate, Client, Interview, Role
from consultant_app.store import Store

PHONES = {"named": "+49 30 1111111", "confidential": "+49 30 2222222", "anonymous": "+49 30 3333333"}
WITHDRAWN_PHONE = "+49 30 4444444"
TIMES = {"anonymous": "14:00", "named": "09:00", "confidential": "10:30", "withdrawn": "16:15"}


def add_calls(store: Store, day: date, client_name: str = "Helios Health") -> dict[str, Interview]:
    """Adds the client's candidates and their calls on ``day``; returns the interviews by disclosure (and
    "withdrawn")."""
    client = store.clients.save(Client(name=client_name))
    role = store.roles.save(Role(client_id=client.id, title="Data Engineer"))
    people = {kind: (f"{kind.capitalize()} Person", kind, phone) for kind, phone in PHONES.items()}
    people["withdrawn"] = ("Wanda Withdrawn", "named", WITHDRAWN_PHONE)
    calls = {}
    for kind, (name, disclosure, phone) in people.items():
        candidate = store.candidates.save(
            Candidate(client_id=client.id, full_name=name, role_id=role.id, phone=phone, disclosure=disclosure)
        )
        calls[kind] = store.interviews.save(
            Interview(
                candidate_id=candidate.id, scheduled_at=f"{day.isoformat()}T{TIMES[kind]}:00", consultant="Ruth Ames"
            )
        )
    store.candidates.withdraw_consent(calls["withdrawn"].candidate_id)
    return calls
