"""Every workspace is a replica: an id of its own that stays, a clock reading that persists, and every record
changed on any write path noted for the next sync — saving, archiving, deleting, tagging, merging themes,
erasing (the cascade included), importing — except what a sync itself applies. An older workspace's data is
noted whole when it is migrated, so its first sync sends everything."""

import re

from consultant_app.domain.model import Client, Theme
from consultant_app.interchange import import_document
from consultant_app.store import Store
from consultant_app.store.migrations import KNOWN_MIGRATIONS, SYNCED_TABLES, applied_names, migration_set
from tests.store.builders import add_note, client_with_interview


def clear(store) -> None:
    with store.write():
        store.replica.sent(store.replica.pending())


def test_each_workspace_has_its_own_lasting_replica_id_and_clock(workspace_path, tmp_path):
    with Store.open(workspace_path) as store:
        first = store.replica.id
        assert re.fullmatch(r"[0-9a-f]{32}", first) and store.replica.clock() == (0, 0)
        with store.write():
            store.replica.save_clock(1_790_000_000_000, 3)
    with Store.open(workspace_path) as store:
        assert store.replica.id == first and store.replica.clock() == (1_790_000_000_000, 3)
    with Store.open(tmp_path / "other.db") as other:
        assert other.replica.id != first


def test_every_write_path_notes_the_records_it_changed(store):
    client, candidate, interview = client_with_interview(store)
    note = add_note(store, interview, "The recruiter was quick", themes=["Speed"])
    assert {
        f"clients/{client.id}",
        f"candidates/{candidate.id}",
        f"interviews/{interview.id}",
        f"notes/{note.id}",
    } <= set(store.replica.pending())
    steps = [
        (lambda: store.notes.save(note.__class__(**{**note.__dict__, "text": "edited"})), [f"notes/{note.id}"]),
        (lambda: store.clients.archive(client.id), [f"clients/{client.id}"]),
        (lambda: store.candidates.withdraw_consent(candidate.id, on="2026-11-01"), [f"candidates/{candidate.id}"]),
    ]
    for act, expected in steps:
        clear(store)
        act()
        assert store.replica.pending() == expected
    clear(store)
    speed = store.themes.by_name("Speed")
    slow = store.themes.save(Theme(name="Slow hiring"))
    clear(store)
    store.themes.merge(speed.id, slow.id)  # the note's theme set changes with the merge
    assert set(store.replica.pending()) == {f"themes/{speed.id}", f"notes/{note.id}"}  # one theme gone, one note
    clear(store)
    store.notes.delete(note.id)
    assert store.replica.pending() == [f"notes/{note.id}"]
    clear(store)
    other = add_note(store, interview, "another note")
    clear(store)
    store.candidates.erase(candidate.id)  # the candidate, their interview and note go by cascade
    assert {f"candidates/{candidate.id}", f"interviews/{interview.id}", f"notes/{other.id}"} <= set(
        store.replica.pending()
    )


def test_a_record_saved_again_before_a_sync_is_noted_once(store):
    client = store.clients.save(Client(name="Northwind"))
    store.clients.save(Client(id=client.id, name="Northwind Robotics"))  # an upsert of a pending record
    assert store.replica.pending().count(f"clients/{client.id}") == 1


def test_an_import_notes_everything_it_wrote(store, example_doc):
    clear(store)
    import_document(store, example_doc)
    notes = [
        n["id"] for c in example_doc["clients"] for p in c["candidates"] for i in p["interviews"] for n in i["notes"]
    ]
    assert notes and {f"notes/{n}" for n in notes} <= set(store.replica.pending())


def test_what_a_sync_applies_is_not_noted_as_this_replicas_change(store):
    clear(store)
    with store.write(), store.replica.applying():
        store.clients.save(Client(name="From another laptop"))
    assert store.replica.pending() == []
    store.clients.save(Client(name="Typed here"))  # noting resumes once the sync's changes are in
    assert len(store.replica.pending()) == 1


def test_an_older_workspace_is_noted_whole_when_migrated(workspace_path, example_doc):
    with Store.open(workspace_path) as store:
        import_document(store, example_doc)
        rows = {f"{t}/{i}" for t in SYNCED_TABLES for (i,) in store.db.execute(f"SELECT id FROM {t}")}
        for statement in ["DROP TABLE replica", "DROP TABLE sync_pending"] + [
            f"DROP TRIGGER {name}"
            for (name,) in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"
            )
        ]:
            store.db.execute(statement)
        store.db.execute(
            "DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name = 'm012_sync_capture'",
            [migration_set().name],
        )
    with Store.open(workspace_path) as store:
        assert sorted(applied_names(store.db)) == sorted(KNOWN_MIGRATIONS)
        assert set(store.replica.pending()) == rows and len(rows) >= 10


def test_a_restored_workspace_syncs_as_a_new_replica(workspace_path, tmp_path):
    from consultant_app.store.restoring import restore

    with Store.open(workspace_path) as store:
        store.clients.save(Client(name="Northwind"))
        before = store.replica.id
        backup = store.maintenance.backup(tmp_path / "b.db")
    restore(backup, workspace_path)
    with Store.open(workspace_path) as store:
        assert store.replica.id != before and re.fullmatch(r"[0-9a-f]{32}", store.replica.id)
