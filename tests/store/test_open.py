"""Opening a workspace: pragmas, migrations with a backup first, and refusing files that are not
ours or that a newer version of Debrief wrote."""

import sqlite3

import pytest

from consultant_app.paths import backup_dir
from consultant_app.store import Store, WorkspaceError, migrations
from consultant_app.store.migrations import APPLICATION_ID, KNOWN_MIGRATIONS, applied_names, migration_set


@pytest.fixture
def extra_step(monkeypatch):
    """Adds a test-only step at the end of this version's steps, gone after the test."""

    def add(step):
        monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, step])
        migration_set.cache_clear()

    yield add
    migration_set.cache_clear()  # the next open builds the set of this version's steps again


def test_new_workspace_uses_wal_foreign_keys_and_is_marked_as_ours(store):
    db = store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert applied_names(db) == KNOWN_MIGRATIONS


def test_reopening_keeps_data(workspace_path):
    from consultant_app.domain.model import Client

    with Store.open(workspace_path) as s:
        s.clients.save(Client(name="Northwind", id="c1"))
    with Store.open(workspace_path) as s:
        assert s.clients.get("c1").name == "Northwind"


def test_a_file_from_a_newer_version_is_refused_and_not_modified(workspace_path):
    with Store.open(workspace_path):
        pass
    conn = sqlite3.connect(workspace_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('debrief', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = workspace_path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer version of Debrief"):
        Store.open(workspace_path)
    assert workspace_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not SQLite")
    with pytest.raises(WorkspaceError, match="not a Debrief workspace"):
        Store.open(path)
    assert path.read_text() == "hello, this is not SQLite"


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="not a Debrief workspace"):
        Store.open(path)


def test_pending_migration_runs_after_a_backup_of_the_old_file(workspace_path, extra_step):
    from consultant_app.domain.model import Client

    with Store.open(workspace_path) as s:
        s.clients.save(Client(name="Before", id="c1"))

    def m900_test_add_column(db):
        db.execute("ALTER TABLE clients ADD COLUMN test_extra TEXT")

    extra_step(m900_test_add_column)
    with Store.open(workspace_path) as s:
        columns = [r[1] for r in s.db.execute("PRAGMA table_info(clients)")]
        assert "test_extra" in columns
        assert applied_names(s.db)[-1] == "m900_test_add_column"
    backups = list(backup_dir(workspace_path).glob("*before-m900_test_add_column*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert "test_extra" not in [r[1] for r in old.execute("PRAGMA table_info(clients)")]
    assert old.execute("SELECT name FROM clients").fetchall() == [("Before",)]
    old.close()


def test_a_failing_migration_changes_nothing_and_says_so(workspace_path, monkeypatch):
    with Store.open(workspace_path):
        pass

    def m901_test_broken(db):
        db.execute("CREATE TABLE half_done (x)")
        db.execute("THIS IS NOT SQL")

    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", [*migrations.STEPS, m901_test_broken])
        migration_set.cache_clear()
        with pytest.raises(WorkspaceError):
            Store.open(workspace_path)
    migration_set.cache_clear()
    with Store.open(workspace_path) as s:
        assert s.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
        assert "m901_test_broken" not in applied_names(s.db)


def test_a_file_from_the_first_version_is_upgraded_with_its_data(workspace_path):
    from sqlite_utils import Database

    old = Database(workspace_path)
    migration_set().apply(old, stop_before="m002_interview_client")
    old.execute("INSERT INTO clients (id, name) VALUES ('c1', 'Old Client')")
    old.execute("INSERT INTO candidates (id, client_id, full_name, disclosure) VALUES ('p1', 'c1', 'Ann', 'named')")
    old.execute(
        "INSERT INTO interviews (id, candidate_id, status, created_at, updated_at) "
        "VALUES ('i1', 'p1', 'completed', 'x', 'x')"
    )
    old.conn.commit()
    old.close()
    with Store.open(workspace_path) as s:
        assert applied_names(s.db) == KNOWN_MIGRATIONS
        [summary] = s.clients.summaries()
        assert (summary.candidates, summary.completed) == (1, 1)
        assert [i.id for i in s.interviews.for_client("c1")] == ["i1"]
        assert s.maintenance.check().ok
    assert list(backup_dir(workspace_path).glob("*before-m002_interview_client*.db"))


def test_a_second_process_is_told_the_workspace_is_in_use(workspace_path):
    import subprocess
    import sys

    code = "import sys; from consultant_app.store import Store; Store.open(sys.argv[1])"
    with Store.open(workspace_path):
        result = subprocess.run([sys.executable, "-c", code, str(workspace_path)], capture_output=True, text=True)
        assert result.returncode != 0 and "is open in another Debrief window or command" in result.stderr
        with Store.open(workspace_path, lock=False) as worker:  # a background connection of the same process
            assert worker.maintenance.check().ok
    result = subprocess.run([sys.executable, "-c", code, str(workspace_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_restore_waits_for_nobody_and_refuses_an_open_workspace(workspace_path, tmp_path):
    from consultant_app.store.restoring import restore

    with Store.open(workspace_path) as s:
        backup = s.maintenance.backup(tmp_path / "b.db")
        with pytest.raises(WorkspaceError, match="is open in another"):
            restore(backup, workspace_path)


def test_salaries_that_earlier_versions_let_in_as_infinity_are_forgotten_at_upgrade(workspace_path):
    with Store.open(workspace_path) as s:
        from tests.store.builders import client_with_interview

        _, _, interview = client_with_interview(s)
    conn = sqlite3.connect(workspace_path)
    conn.execute("UPDATE interviews SET competing_salary = 9e999")  # stored as Infinity
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_finite_salaries'")
    conn.commit()
    conn.close()
    with Store.open(workspace_path) as s:
        assert s.interviews.get(interview.id).competing_salary is None
