"""Builds a believable demo workspace: clients with roles, candidates of every disclosure, and
interviews with structured answers and notes in every section and visibility.

The same seed (and day) gives the same document. Each client gets its own pattern of decline
reasons, so their reports differ the way real clients do. The document goes through the normal
importer, so demo data obeys every rule real data does (anonymous identities are erased, too).
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from consultant_app.demo import content as c
from consultant_app.domain.taxonomy import DECLINE_REASONS, DEFAULT_GUIDE_QUESTIONS, RATING_DIMENSIONS
from consultant_app.interchange import FORMAT, VERSION, ImportResult, import_document
from consultant_app.store import Store
from consultant_app.store.audit import DEMO_DATA
from consultant_app.store.themes import PALETTE

STATUS_WEIGHTS = {"completed": 72, "scheduled": 12, "no_answer": 8, "refused": 5, "withdrawn": 3}
DISCLOSURE_WEIGHTS = {"named": 25, "confidential": 55, "anonymous": 20}
VISIBILITY_WEIGHTS = {"shareable": 58, "aggregate": 34, "internal": 8}
# Which rating dimension suffers when a reason is given.
REASON_DIMENSION = {
    "compensation": "compensation",
    "benefits": "benefits",
    "process_speed": "process_speed",
    "role_clarity": "role_clarity",
    "interviewers": "interviewers",
    "leadership_access": "leadership_access",
    "reputation": "reputation",
    "flexibility": "flexibility",
    "candidate_experience": "communication",
}


def create_demo_workspace(
    store: Store, clients: int = 6, interviews: int = 400, seed: int = 7, extra_notes: int = 0
) -> ImportResult:
    """Fills the store with a demo workspace (merged with what is there). Most highlighted quotes arrive
    approved, as a lead would have left them; every seventh, and every one redaction changed, waits for review,
    so the review has work to show. The audit log records that the workspace holds demo data."""
    result = import_document(store, build_demo_document(clients, interviews, seed, extra_notes=extra_notes))
    records = store.reporting.interviews(None)
    notes = store.reporting.notes([r.interview.id for r in records])
    highlighted = [n for found in notes.values() for n in found if n.highlight and n.visibility == "shareable"]
    redactor = store.identities.redactor()
    with store.write():
        store.audit.record(DEMO_DATA, clients=clients, interviews=interviews, seed=seed)
        for n, note in enumerate(highlighted):
            if n % 7 and not redactor.find(note.text):
                store.quotes.decide(note.id, note.text, "approved", reviewer="Demo data")
    return result


def build_demo_document(
    clients: int = 6, interviews: int = 400, seed: int = 7, today: date | None = None, extra_notes: int = 0
) -> dict[str, Any]:
    """The demo as an interchange document; ``extra_notes`` adds that many longer follow-up notes
    to every completed interview (benchmarks use it to reach about ten notes per interview)."""
    rng = random.Random(seed)
    ids = _Ids(rng)
    today = today or date.today()
    client_docs = []
    client_specs = [c.CLIENTS[i % len(c.CLIENTS)] for i in range(clients)]
    per_client = _split(interviews, clients, rng)
    for (name, industry, region, colour), count in zip(client_specs, per_client):
        suffix = "" if client_specs.count((name, industry, region, colour)) == 1 else f" {len(client_docs) + 1}"
        client_docs.append(_client(rng, ids, name + suffix, industry, region, colour, count, today, extra_notes))
    themes = sorted({s[1] for s in c.STATEMENTS})
    return {
        "format": FORMAT,
        "version": VERSION,
        "firm": {
            "name": "Meridian Talent Insights",
            "primary_color": "#14213D",
            "accent_color": "#2A7DE1",
            "min_group_size": 5,
        },
        "themes": [{"id": ids.new(), "name": t, "color": PALETTE[i % len(PALETTE)]} for i, t in enumerate(themes)],
        "guides": [{"id": ids.new(), "name": "Standard declined-offer interview", "questions": DEFAULT_GUIDE_QUESTIONS}]
        + (
            [
                {
                    "id": ids.new(),
                    "name": f"{client_docs[0]['name']} guide",
                    "client_id": client_docs[0]["id"],
                    "questions": dict(
                        DEFAULT_GUIDE_QUESTIONS,
                        competitors=DEFAULT_GUIDE_QUESTIONS["competitors"]
                        + ["Did the hybrid policy play a part in your decision?"],
                    ),
                }
            ]
            if client_docs
            else []
        ),
        "clients": client_docs,
    }


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def new(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    if parts <= 0:
        return []
    weights = [rng.uniform(0.5, 1.8) for _ in range(parts)]
    counts = [int(total * w / sum(weights)) for w in weights]
    counts[0] += total - sum(counts)
    return counts


def _client(rng, ids, name, industry, region, colour, count, today, extra_notes) -> dict[str, Any]:
    client_id = ids.new()
    domain = name.lower().split()[0] + ".example.com"
    roles = []
    for title, department, level, salary in rng.sample(c.ROLES, k=min(len(c.ROLES), rng.randint(5, 9))):
        location = rng.choice(c.LOCATIONS)
        roles.append(
            {
                "id": ids.new(),
                "title": title,
                "department": department,
                "level": level,
                "location": location,
                "work_mode": rng.choice(["onsite", "hybrid", "hybrid", "remote"]),
                "salary_offered": round(salary * rng.uniform(0.9, 1.15), -3),
                "currency": c.CURRENCY.get(location, "EUR"),
                "hiring_manager": rng.choice(c.HIRING_MANAGERS),
            }
        )
    reasons = list(DECLINE_REASONS)
    profile = {r: rng.uniform(0.2, 1.0) for r in reasons}
    for favourite in rng.sample(
        ["compensation", "process_speed", "competing_offer", "flexibility", "role_clarity", "career_growth"], 3
    ):
        profile[favourite] += rng.uniform(2.0, 4.0)
    candidates = [_candidate(rng, ids, rng.choice(roles), profile, today, extra_notes) for _ in range(count)]
    return {
        "id": client_id,
        "name": name,
        "industry": industry,
        "region": region,
        "brand_color": colour,
        "contact_name": f"{rng.choice(c.FIRST_NAMES)} {rng.choice(c.LAST_NAMES)}",
        "contact_email": f"talent@{domain}",
        "roles": roles,
        "candidates": candidates,
    }


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _candidate(rng, ids, role, profile, today, extra_notes) -> dict[str, Any]:
    first, last = rng.choice(c.FIRST_NAMES), rng.choice(c.LAST_NAMES)
    name = f"{first} {last}"
    offer = today - timedelta(days=rng.randint(25, 540))
    decline = offer + timedelta(days=rng.randint(1, 12))
    status = _pick(rng, STATUS_WEIGHTS)
    candidate = {
        "id": ids.new(),
        "role_id": role["id"],
        "full_name": name,
        "email": f"{_ascii(first)}.{_ascii(last)}@mail.example.org",
        "phone": f"+49 {rng.randint(30, 89)} {rng.randint(1000000, 9999999)}",
        "disclosure": _pick(rng, DISCLOSURE_WEIGHTS),
        "consent_date": decline.isoformat(),
        "source": rng.choice(c.SOURCES),
        "offer_date": offer.isoformat(),
        "decline_date": decline.isoformat(),
    }
    if rng.random() < 0.01:
        candidate["consent_withdrawn"] = min(today, decline + timedelta(days=30)).isoformat()
    scheduled = datetime.combine(
        decline + timedelta(days=rng.randint(3, 10)), time(rng.randint(9, 17), rng.choice([0, 30]))
    )
    if status == "scheduled":
        scheduled = datetime.combine(
            today + timedelta(days=rng.randint(0, 14)), time(rng.randint(9, 17), rng.choice([0, 30]))
        )
    interview: dict[str, Any] = {
        "id": ids.new(),
        "status": status,
        "scheduled_at": scheduled.isoformat(timespec="minutes") + ":00",
        "consultant": rng.choice(c.CONSULTANTS),
        "channel": rng.choice(["phone", "phone", "phone", "video"]),
    }
    if status == "completed":
        _complete(rng, ids, interview, role, profile, scheduled, name, candidate, extra_notes)
    candidate["interviews"] = [interview]
    return candidate


def _complete(rng, ids, interview, role, profile, scheduled, name, candidate, extra_notes) -> None:
    reasons = []
    for _ in range(rng.choice([1, 2, 2, 3])):
        reason = _pick(rng, profile)
        if reason not in reasons:
            reasons.append(reason)
    ratings = {}
    for dim in RATING_DIMENSIONS:
        if rng.random() < 0.85:
            score = rng.choice([3, 4, 4, 5])
            if any(REASON_DIMENSION.get(r) == dim for r in reasons):
                score = rng.choice([1, 2, 2, 3])
            ratings[dim] = score
    competitor = rng.choice(c.COMPETITORS) if ("competing_offer" in reasons or rng.random() < 0.55) else None
    interview.update(
        {
            "conducted_at": (scheduled + timedelta(minutes=rng.randint(0, 6))).isoformat(timespec="seconds"),
            "duration_minutes": rng.randint(14, 42),
            "decline_reasons": reasons,
            "recommend": max(0, min(10, round(rng.gauss(7.2 - 0.8 * len(reasons), 2)))),
            "ratings": ratings,
        }
    )
    if competitor:
        interview["competing_company"] = competitor
        if role.get("salary_offered"):
            interview["competing_salary"] = round(role["salary_offered"] * rng.uniform(1.0, 1.25), -3)
    if rng.random() < 0.4:
        interview["summary"] = rng.choice(c.SUMMARIES)
    interview["notes"] = _notes(rng, ids, reasons, competitor, role, name, candidate) + [
        _follow_up(rng, ids, competitor) for _ in range(extra_notes)
    ]


def _notes(rng, ids, reasons, competitor, role, name, candidate) -> list[dict[str, Any]]:
    chosen = [s for s in c.STATEMENTS if s[2] in reasons]
    chosen = rng.sample(chosen, k=min(len(chosen), rng.randint(1, 3)))
    chosen += rng.sample([s for s in c.STATEMENTS if s[0] == "right"], k=rng.randint(1, 2))
    if rng.random() < 0.5:
        chosen.append(rng.choice([s for s in c.STATEMENTS if s[0] == "extra" and s[2] is None]))
    if competitor and not any(s[0] == "competitors" for s in chosen):
        chosen.append(rng.choice([s for s in c.STATEMENTS if s[0] == "competitors" and "{company}" in s[3]]))
    notes = []
    for section, theme, _reason, text in chosen:
        notes.append(_note(rng, ids, section, [theme], text.format(company=competitor or "The other company")))
    if rng.random() < 0.15:
        section, theme, text = rng.choice(c.IDENTIFYING)
        filled = text.format(
            manager=role["hiring_manager"], name=name, email=candidate["email"], phone=candidate["phone"]
        )
        notes.append(_note(rng, ids, section, [theme], filled))
    if rng.random() < 0.3:
        notes.append(
            {"id": ids.new(), "section": "extra", "text": rng.choice(c.INTERNAL_ASIDES), "visibility": "internal"}
        )
    order = {"right": 0, "wrong": 1, "competitors": 2, "extra": 3, "other": 4}
    return sorted(notes, key=lambda n: order[n["section"]])


FOLLOW_UP_OPENERS = ["Later in the call:", "Asked again, they added:", "On reflection,", "To sum up,", ""]


def _follow_up(rng, ids, competitor) -> dict[str, Any]:
    """A longer note made of a few statements of one section, as consultants write when they catch up."""
    section = rng.choice(["right", "wrong", "wrong", "competitors", "extra"])
    pool = [st for st in c.STATEMENTS if st[0] == section]
    picked = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
    text = " ".join(
        [rng.choice(FOLLOW_UP_OPENERS)] + [st[3].format(company=competitor or "The other company") for st in picked]
    ).strip()
    return _note(rng, ids, section, sorted({st[1] for st in picked}), text)


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _note(rng, ids, section, themes, text) -> dict[str, Any]:
    visibility = _pick(rng, VISIBILITY_WEIGHTS)
    note = {"id": ids.new(), "section": section, "text": text, "visibility": visibility, "themes": themes}
    if visibility == "shareable" and rng.random() < 0.45:
        note["highlight"] = True
    return note
