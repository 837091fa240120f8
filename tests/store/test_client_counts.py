"""The per-client counts the triggers keep (``client_counts``) always equal a fresh count of the rows: after any
mix of writes through the store, after an import, an erasure and a restore, and after the migration that
fills them in on an older file."""

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultant_app.domain.model import Candidate, Client, Interview
from consultant_app.interchange import import_document
from consultant_app.store import Store
from consultant_app.store.migrations import KNOWN_MIGRATIONS, applied_names, migration_set
from consultant_app.store.restoring import restore

STATUSES = ["scheduled", "completed", "no_answer", "refused", "withdrawn"]


def stored_counts(store) -> dict[str, tuple[int, int, int]]:
    return {s.client.id: (s.candidates, s.completed, s.open) for s in store.clients.summaries(include_archived=True)}


def fresh_counts(db) -> dict[str, tuple[int, int, int]]:
    """Counted from the rows themselves, each interview's client through its candidate."""
    counts = {cid: [0, 0, 0] for (cid,) in db.execute("SELECT id FROM clients")}
    for cid, n in db.execute("SELECT client_id, COUNT(*) FROM candidates GROUP BY client_id"):
        counts[cid][0] = n
    for cid, status, n in db.execute(
        "SELECT c.client_id, i.status, COUNT(*) FROM interviews i JOIN candidates c ON c.id = i.candidate_id "
        "WHERE i.status IN ('completed', 'scheduled') GROUP BY 1, 2"
    ):
        counts[cid][1 if status == "completed" else 2] = n
    return {cid: tuple(n) for cid, n in counts.items()}


def assert_counts_right(store) -> None:
    assert stored_counts(store) == fresh_counts(store.db)


class Workload:
    """Random writes through the store's own API, each chosen by a number."""

    def __init__(self, store) -> None:
        self.store = store
        self.made = 0

    def pick(self, rows, n):
        return rows[n % len(rows)] if rows else None

    def clients(self):
        return self.store.clients.list(include_archived=True)

    def candidates(self):
        return [p for c in self.clients() for p in self.store.candidates.for_client(c.id, include_archived=True)]

    def interviews(self):
        return [i for c in self.clients() for i in self.store.interviews.for_client(c.id)]

    def add_client(self, n):
        self.made += 1
        self.store.clients.save(Client(name=f"Client {self.made}"))

    def archive_client(self, n):
        if client := self.pick(self.clients(), n):
            self.store.clients.save(replace(client, archived=not client.archived))

    def add_candidate(self, n):
        if client := self.pick(self.clients(), n):
            self.made += 1
            disclosure = ("named", "confidential", "anonymous")[n % 3]
            self.store.candidates.save(
                Candidate(client_id=client.id, full_name=f"Person {self.made}", disclosure=disclosure)
            )

    def move_candidate(self, n):
        candidate = self.pick(self.candidates(), n)
        others = [c for c in self.clients() if candidate and c.id != candidate.client_id]
        if others:
            self.store.candidates.save(replace(candidate, client_id=self.pick(others, n).id, role_id=None))

    def archive_candidate(self, n):
        if candidate := self.pick(self.candidates(), n):
            self.store.candidates.save(replace(candidate, archived=not candidate.archived))

    def add_interview(self, n):
        if candidate := self.pick(self.candidates(), n):
            self.store.interviews.save(Interview(candidate_id=candidate.id, status=STATUSES[n % len(STATUSES)]))

    def change_status(self, n):
        if interview := self.pick(self.interviews(), n):
            self.store.interviews.save(replace(interview, status=STATUSES[n % len(STATUSES)]))

    def move_interview(self, n):
        interview = self.pick(self.interviews(), n)
        others = [c for c in self.candidates() if interview and c.id != interview.candidate_id]
        if others:
            self.store.interviews.save(replace(interview, candidate_id=self.pick(others, n).id))

    def delete_interview(self, n):
        if interview := self.pick(self.interviews(), n):
            self.store.interviews.delete(interview.id)

    def erase_candidate(self, n):
        if candidate := self.pick(self.candidates(), n):
            self.store.candidates.erase(candidate.id)

    def erase_identity(self, n):
        if candidate := self.pick(self.candidates(), n):
            self.store.candidates.erase_identity(candidate.id, "asked to be forgotten")

    def withdraw_consent(self, n):
        if candidate := self.pick(self.candidates(), n):
            self.store.candidates.withdraw_consent(candidate.id)


OPERATIONS = [
    name
    for name in vars(Workload)
    if not name.startswith("_") and name not in ("pick", "clients", "candidates", "interviews")
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 10_000)), min_size=1, max_size=40))
def test_counts_equal_a_fresh_count_after_any_mix_of_writes(steps):
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "w.db") as store:
        work = Workload(store)
        for _ in range(3):
            work.add_client(0)
        for name, n in steps:
            getattr(work, name)(n)
            assert_counts_right(store)


def test_counts_are_right_after_an_import_into_a_workspace_with_data_and_an_erasure(store, example_doc):
    work = Workload(store)
    for name in ("add_client", "add_candidate", "add_interview", "add_interview", "change_status"):
        getattr(work, name)(1)
    import_document(store, example_doc)
    assert_counts_right(store)
    assert sum(c for c, _, _ in stored_counts(store).values()) > 1
    for interview in example_doc["clients"][0]["candidates"][0]["interviews"]:
        interview["status"] = "completed" if interview["status"] != "completed" else "scheduled"
    import_document(store, example_doc)  # the same ids again: the statuses change in place
    assert_counts_right(store)
    for candidate in work.candidates():
        store.candidates.erase(candidate.id)
        assert_counts_right(store)
    assert all(counts == (0, 0, 0) for counts in stored_counts(store).values())


def test_counts_are_right_after_a_restore_that_keeps_an_erasure(workspace_path, tmp_path, example_doc):
    with Store.open(workspace_path) as store:
        import_document(store, example_doc)
        backup = store.maintenance.backup(tmp_path / "before.db")
        erased = Workload(store).candidates()[0]
        store.candidates.erase(erased.id)
    restore(backup, workspace_path)
    with Store.open(workspace_path) as store:
        assert not store.candidates.exists(erased.id)  # the backup was held to the erasure ledger
        assert_counts_right(store)


def test_the_migration_counts_what_an_older_file_holds(workspace_path, example_doc):
    with Store.open(workspace_path) as store:
        import_document(store, example_doc)
        expected = fresh_counts(store.db)
        store.db.execute("DROP TABLE client_counts")
        for (trigger,) in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'client_counts_%'"
        ).fetchall():
            store.db.execute(f"DROP TRIGGER {trigger}")
        store.db.execute(
            "DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name = 'm011_client_counts'",
            [migration_set().name],
        )
    with Store.open(workspace_path) as store:
        assert sorted(applied_names(store.db)) == sorted(KNOWN_MIGRATIONS)  # m011 again, after the later ones
        assert stored_counts(store) == expected
        assert any(counts != (0, 0, 0) for counts in expected.values())
        Workload(store).add_interview(3)
        assert_counts_right(store)
