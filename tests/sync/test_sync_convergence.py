"""Convergence of real workspaces, not only of the rules (``tests/domain/test_merge_convergence.py`` proves those):
three laptops' stores edit notes, visibility, themes (one name typed on several laptops) and statuses, add and
delete notes, erase candidates and identities, and sync through one folder at random moments; after every laptop
has synced a few more times, their records are identical, their conflicts the same, and no erased person is
anywhere — table or folder."""

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultant_app.domain.model import Guide
from consultant_app.store import Store
from consultant_app.sync import keys
from consultant_app.sync.engine import conflicts, sync
from tests.store.builders import add_note, client_with_interview
from tests.sync.test_engine import in_bundles

ACTIONS = ("type", "visibility", "tag", "status", "add_note", "delete_note", "erase", "erase_identity", "guide", "sync")
TABLES = {
    "clients": "id, name, archived",
    "candidates": "id, full_name, email, phone, disclosure, identity_erased",
    "interviews": "id, candidate_id, status, summary",
    "notes": "id, interview_id, text, visibility, section",
    "note_themes": "note_id, theme_id",
    "themes": "id, name",
    "guides": "id, client_id, questions",
}


def records(store: Store) -> dict[str, list]:
    return {t: store.db.execute(f"SELECT {c} FROM {t} ORDER BY 1, 2").fetchall() for t, c in TABLES.items()}


class Laptops:
    def __init__(self, folder: Path, keyed: bool = False) -> None:
        self.folder = folder
        self.stores = [Store.open(folder.parent / f"laptop{n}.db") for n in range(3)]
        self.now = [1_800_000_000_000]
        self.typed = 0
        base = self.stores[0]
        if keyed:  # the first laptop leads the firm's sync; the others join and are put on every client
            firm_key = keys.create_firm(base, "Lead")
            for n, store in enumerate(self.stores[1:]):
                keys.join(store, firm_key, f"Consultant {n}")
        self.names, clients = [], []
        for n in range(2):
            client, candidate, interview = client_with_interview(base, name=f"Zebulon Quarternack{n}")
            self.names.append(candidate.full_name)
            clients.append(client.id)
            add_note(base, interview, f"{candidate.full_name} found the panel slow", themes=["Speed"])
        self.sync_everyone()
        if keyed:
            for client_id in clients:
                for member in base.sync_keys.members():
                    if not member.lead:
                        keys.set_assigned(base, client_id, member.id, True)
            self.sync_everyone()

    def clock(self) -> int:
        self.now[0] += 1
        return self.now[0]

    def sync(self, n: int) -> None:
        report = sync(self.stores[n], self.folder, now=self.clock)
        assert report.problems == []

    def sync_everyone(self, rounds: int = 2) -> None:
        for _ in range(rounds):
            for n in range(3):
                self.sync(n)

    def act(self, n: int, action: str, pick: int) -> None:
        store = self.stores[n]
        notes = store.db.execute("SELECT id FROM notes ORDER BY rid").fetchall()
        interviews = store.db.execute("SELECT id FROM interviews ORDER BY rid").fetchall()
        candidates = store.db.execute("SELECT id FROM candidates WHERE identity_erased = 0 ORDER BY rid").fetchall()
        if action == "sync":
            self.sync(n)
        elif action == "guide":  # a client's guide, made (perhaps on two laptops at once) or a question added
            client_id = store.db.execute("SELECT id FROM clients ORDER BY id").fetchall()[pick % 2][0]
            guide = next((g for g in store.guides.list() if g.client_id == client_id), None)
            self.typed += 1
            asked = f"question {self.typed} on laptop {n}?"
            if guide is None:
                store.guides.save(Guide(name=f"guide {self.typed}", client_id=client_id, questions={"right": [asked]}))
            else:
                kept = guide.questions.get("wrong", [])[pick % 2 :]  # sometimes one taken out
                store.guides.save(replace(guide, questions={**guide.questions, "wrong": [*kept, asked]}))
        elif action in ("type", "visibility", "tag", "delete_note") and notes:
            note = store.notes.get(notes[pick % len(notes)][0])
            if action == "delete_note":
                store.notes.delete(note.id)
            elif action == "tag":  # the same theme name typed on several laptops, in any case
                store.notes.save(replace(note, themes=[("Speed", "speed", "Slow hiring", "SLOW HIRING")[pick % 4]]))
            elif action == "type":
                self.typed += 1
                store.notes.save(replace(note, text=f"typed {self.typed} on laptop {n}"))
            else:
                store.notes.save(replace(note, visibility=("shareable", "aggregate", "internal")[pick % 3]))
        elif action in ("status", "add_note") and interviews:
            interview = store.interviews.get(interviews[pick % len(interviews)][0])
            if action == "status":
                store.interviews.save(replace(interview, status=("scheduled", "no_answer", "refused")[pick % 3]))
            else:
                self.typed += 1
                add_note(store, interview, f"new note {self.typed} on laptop {n}")
        elif action in ("erase", "erase_identity") and candidates and pick % 4 == 0:  # rarely: it ends a history
            candidate_id = candidates[pick % len(candidates)][0]
            if action == "erase":
                store.candidates.erase(candidate_id)
            else:
                store.candidates.erase_identity(candidate_id, "asked to be forgotten")

    def close(self) -> None:
        for store in self.stores:
            store.close()


def sealed_bundles_text(laptops: Laptops) -> str:
    """Everything the folder's sealed bundles say to someone holding every key of the firm (the lead)."""
    from consultant_app.sync.bundles import own_bundles, replicas

    held = keys.Keys.load(laptops.stores[0])
    for store in laptops.stores[1:]:  # a client's key each consultant made for themselves, if any
        for client, secrets in keys.Keys.load(store).clients.items():
            held.clients.setdefault(client, {}).update(secrets)
    bundles = [b for r in replicas(laptops.folder) for b in own_bundles(laptops.folder, r, held.unseal)]
    assert not any(b.sealed_for_others for b in bundles)
    return str([b.changes for b in bundles])


HISTORIES = st.lists(
    st.tuples(st.integers(0, 2), st.sampled_from(ACTIONS), st.integers(0, 99)), min_size=1, max_size=25
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(HISTORIES)
def test_laptops_that_sync_at_random_moments_end_with_the_same_records(steps):
    converge(steps, keyed=False)


@settings(max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(HISTORIES)
def test_laptops_with_the_firms_sync_keys_converge_alike(steps):
    """Sealed bundles, split by client and read again when a key arrives, change nothing of the outcome."""
    converge(steps, keyed=True)


def converge(steps, keyed: bool) -> None:
    with tempfile.TemporaryDirectory() as work:
        laptops = Laptops(Path(work) / "Sync", keyed)
        try:
            for n, action, pick in steps:
                laptops.act(n, action, pick)
            laptops.sync_everyone(rounds=3)
            first, *others = laptops.stores
            for store in others:
                assert records(store) == records(first)
                assert conflicts(store) == conflicts(first)
            erased = [n for n in laptops.names if not any(n in str(records(s)) for s in laptops.stores)]
            folder_text = sealed_bundles_text(laptops) if keyed else in_bundles(laptops.folder)
            for name in erased:  # a person gone from the records is gone from every bundle too
                assert name not in folder_text
            if keyed:  # and what the folder holds is sealed
                assert b"Zebulon" not in b"".join(p.read_bytes() for p in laptops.folder.rglob("*.bundle"))
        finally:
            laptops.close()
