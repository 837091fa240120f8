"""The store's one write door: every change goes through ``store.write``; listeners hear each outermost
write once, after its commit, with every area it touched; nothing is announced before it is committed or
when it was rolled back; the purge of erased text runs after the commit that asked for it."""

import re
import sqlite3

import pytest

from consultant_app.domain.model import Client, Note
from consultant_app.interchange import import_document
from consultant_app.session import CallSession
from consultant_app.store import Store, WorkspaceError
from tests.store.builders import client_with_interview


def committed(path, sql: str) -> list:
    """What another connection, outside any transaction of ours, reads."""
    with sqlite3.connect(path) as other:
        return other.execute(sql).fetchall()


def test_no_listener_ever_sees_uncommitted_data(workspace_path):
    with Store.open(workspace_path) as store:
        _, _, interview = client_with_interview(store)
        session = CallSession(store, interview.id)
        for i in range(3):
            session.add_note("right", f"note {i} typed during the call")
        session.set_answer("recommend", 8)
        seen = []
        store.subscribe(
            lambda areas: seen.append(
                (
                    areas,
                    committed(workspace_path, "SELECT text FROM notes ORDER BY text"),
                    committed(workspace_path, "SELECT recommend FROM interviews"),
                )
            )
        )
        session.flush()  # one write holding several nested writes of notes and the interview
    [(areas, notes, recommend)] = seen
    assert areas == {"notes", "interviews"}
    assert notes == [(f"note {i} typed during the call",) for i in range(3)] and recommend == [(8,)]


def test_a_rolled_back_write_announces_nothing(store):
    heard = []
    store.subscribe(heard.append)
    with pytest.raises(RuntimeError), store.write():
        store.clients.save(Client(name="Never committed"))
        raise RuntimeError("the outer write fails after the inner one")
    assert heard == [] and store.clients.list() == []


def test_an_anonymous_completion_announces_everything_it_changed(store):
    _, _, interview = client_with_interview(store, disclosure="anonymous")
    store.notes.save(Note(interview_id=interview.id, section="right", text="Zebulon Quarternack said so"))
    heard = []
    store.subscribe(heard.append)
    interview.status = "completed"
    store.interviews.save(interview)
    assert heard == [frozenset({"interviews", "candidates", "notes", "audit_log", "erasures"})]
    assert not store.maintenance.purge_pending()  # the purge ran after the commit


def test_an_import_announces_the_areas_it_changed_once(store, example_doc):
    heard = []
    store.subscribe(heard.append)
    import_document(store, example_doc)
    assert len(heard) == 1 and {"clients", "roles", "candidates", "interviews", "notes"} <= heard[0]
    import_document(store, example_doc)
    assert heard[1] == {"audit_log"}  # nothing new: only the import's own audit entry


def test_store_errors_are_plain(store):
    with pytest.raises(WorkspaceError), store.write():
        store.db.execute("INSERT INTO notes (id) VALUES ('orphan')")  # breaks NOT NULL constraints


def test_a_damaged_file_raises_the_stores_own_error_on_reads_too(workspace_path):
    from tests.store.builders import add_note

    with Store.open(workspace_path) as store:
        _, _, interview = client_with_interview(store)
        for i in range(60):
            add_note(store, interview, f"note {i} " * 200)
    data = bytearray(workspace_path.read_bytes())
    page = 4096
    for at in {(m.start() // page) * page for m in re.finditer(rb"note \d+ note", data)}:
        data[at : at + page] = b"\xa5" * page  # the pages holding notes, as a failing disk leaves them
    workspace_path.write_bytes(bytes(data))
    with Store.open(workspace_path) as store, pytest.raises(WorkspaceError, match="is damaged"):
        store.notes.for_interview(interview.id)  # the schema and the first pages are intact: it opens
