"""When another program removes or replaces the open workspace file or its write-ahead log, saving says so
instead of writing into a file nobody will read, and a call is kept whole in a recovery file that imports
back (real files, removed the way ``rm`` and a sync tool do it)."""

import os
import sqlite3

import pytest

from consultant_app.domain.model import Client
from consultant_app.interchange import import_file
from consultant_app.session import CallSession
from consultant_app.store import Store, WorkspaceLost
from tests.store.builders import add_note, client_with_interview


def test_a_removed_write_ahead_log_stops_saving_plainly(store):
    store.clients.save(Client(name="Saved before"))
    os.unlink(str(store.path) + "-wal")
    with pytest.raises(WorkspaceLost, match="removed or replaced w.*-wal"):
        store.clients.save(Client(name="Would vanish"))


def test_a_replaced_workspace_file_stops_saving_plainly(store, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    os.replace(other, store.path)
    with pytest.raises(WorkspaceLost, match="removed or replaced workspace.db"):
        store.clients.save(Client(name="Would vanish"))


def test_a_call_is_kept_whole_in_a_recovery_file_that_imports_back(workspace_path):
    with Store.open(workspace_path) as store:
        _, _, interview = client_with_interview(store)
        add_note(store, interview, "Saved before the log went")
        session = CallSession(store, interview.id)
        note = session.add_note("wrong", "Typed after the log went: the offer came too late")
        session.set_answer("recommend", 3)
        os.unlink(str(workspace_path) + "-wal")
        with pytest.raises(WorkspaceLost, match="kept in .*interview-.*json; once the workspace is back, import"):
            session.flush()
        kept = session.kept_in
        session.edit_note(note.id, text=note.text + ", and the salary was low")
        with pytest.raises(WorkspaceLost):
            session.flush()  # each save rewrites the recovery file with the whole call
    assert kept.parent.name == "workspace-recovery"
    with Store.open(workspace_path) as store:
        assert note.id not in {n.id for n in store.notes.for_interview(interview.id)}
        import_file(store, kept)
        texts = {n.text for n in store.notes.for_interview(interview.id)}
        assert texts == {
            "Saved before the log went",
            "Typed after the log went: the offer came too late, and the salary was low",
        }
        assert store.interviews.get(interview.id).recommend == 3
