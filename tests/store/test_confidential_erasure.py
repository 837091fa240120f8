"""Erasure leaves no readable copy in the file; anonymous identities vanish on completion;
withdrawn consent is recorded; the integrity check sees all of it."""

import dataclasses
from pathlib import Path

import pytest

from consultant_app.store import Store
from tests.store.builders import add_note, client_with_interview


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_erasing_a_candidate_leaves_no_readable_copy_in_the_file(workspace_path):
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store)
        for i in range(300):
            add_note(store, interview, f"Canaryword{i} said Zebulon was brave", themes=["courage"])
        assert store.search.query("canaryword1")
        removed = store.candidates.erase(candidate.id)
        assert removed == {"interviews": 1, "notes": 300}
        assert store.search.query("canaryword1") == [] and store.search.query("zebulon") == []
        assert store.maintenance.check().ok
        data = file_bytes(workspace_path)
        for marker in (b"Canaryword", b"canaryword", b"Zebulon", b"zebulon", b"Quarternack", b"zeb@example.org"):
            assert marker not in data
    data = file_bytes(workspace_path)
    assert b"anaryword" not in data and b"ebulon" not in data


def test_erasure_is_written_to_the_audit_log_without_the_identity(store):
    _, candidate, _ = client_with_interview(store)
    store.candidates.erase(candidate.id)
    [entry] = [e for e in store.audit.entries() if e.action == "erase-candidate"]
    assert entry.detail["candidate_id"] == candidate.id
    assert "Zebulon" not in str(entry.detail)


def test_completing_an_anonymous_interview_erases_the_identity(workspace_path):
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        add_note(store, interview, "Zebulon Quarternack here, phone +49 30 7654321", visibility="internal")
        assert store.candidates.get(candidate.id).full_name == "Zebulon Quarternack"
        interview.status = "completed"
        store.interviews.save(interview)
        erased = store.candidates.get(candidate.id)
        assert erased.identity_erased and erased.full_name.startswith("Candidate ")
        assert erased.email is None and erased.phone is None
        assert store.notes.for_interview(interview.id)[0].text == "[name] here, phone [phone]"
        assert store.search.query("Quarternack") == []
        assert store.maintenance.check().ok
    data = file_bytes(workspace_path)
    assert b"Quarternack" not in data and b"quarternack" not in data and b"7654321" not in data


def test_confidential_identity_is_kept_when_completed(store):
    _, candidate, interview = client_with_interview(store, disclosure="confidential")
    interview.status = "completed"
    store.interviews.save(interview)
    assert store.candidates.get(candidate.id).full_name == "Zebulon Quarternack"


def test_withdrawing_consent_is_recorded_and_audited(store):
    _, candidate, _ = client_with_interview(store)
    store.candidates.withdraw_consent(candidate.id, on="2026-05-01")
    assert store.candidates.get(candidate.id).consent_withdrawn == "2026-05-01"
    assert any(e.action == "withdraw-consent" for e in store.audit.entries())


def test_check_reports_an_out_of_step_search_index(store):
    _, _, interview = client_with_interview(store)
    add_note(store, interview, "hello")
    store.db.execute("DELETE FROM search_index WHERE kind = 'note'")
    report = store.maintenance.check()
    assert not report.ok and "search index" in report.problems[0]


def test_completing_during_a_call_erases_the_identity_from_the_file_at_once(workspace_path):
    from consultant_app.session import CallSession

    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        add_note(store, interview, "Zebulon Quarternack speaking", visibility="internal")
        session = CallSession(store, interview.id)
        session.set_answer("status", "completed")
        session.confirm_erasure()  # the consultant confirmed the completion
        session.flush()
        assert store.candidates.get(candidate.id).identity_erased
        assert not store.maintenance.purge_pending()
        data = file_bytes(workspace_path)  # while the call screen is still open
        assert b"Quarternack" not in data and b"quarternack" not in data and b"Zebulon" not in data
        backup = store.maintenance.backup()  # a backup taken now holds no index residue either
        assert b"uarternack" not in backup.read_bytes()


def test_a_call_holds_an_anonymous_completion_back_until_confirmed_or_finished(workspace_path):
    from consultant_app.domain.confidentiality import client_label
    from consultant_app.session import CallSession

    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        session = CallSession(store, interview.id)
        label = session.label
        assert label == client_label(candidate)
        session.set_answer("status", "completed")
        session.set_answer("recommend", 3)
        session.flush()
        held = store.interviews.get(interview.id)
        assert (held.status, held.recommend) == ("scheduled", 3)  # the other answers are saved meanwhile
        assert session.erasure_awaits and not store.candidates.get(candidate.id).identity_erased
        session.finish()  # the call screen closes with the status still Completed
        assert session.flush().identity_erased
        erased = store.candidates.get(candidate.id)
        assert (erased.full_name, erased.email, erased.phone) == (label, None, None) and session.label == label
        assert store.interviews.get(interview.id).status == "completed" and store.maintenance.check().ok


def test_an_anonymous_completion_anywhere_keeps_the_label_already_shown(store):
    from consultant_app.domain.confidentiality import client_label

    _, candidate, interview = client_with_interview(store, disclosure="anonymous")
    store.interviews.save(dataclasses.replace(interview, status="completed"))
    assert store.candidates.get(candidate.id).full_name == client_label(candidate)


KILL_BEFORE_PURGE = """
import os, signal, sys
from consultant_app.store import Store
from consultant_app.store.maintenance import Maintenance

store = Store.open(sys.argv[1])
Maintenance.purge = lambda self: os.kill(os.getpid(), signal.SIGKILL)  # dies right after the commit
{action}
"""
ACTIONS = {
    "erase": "store.candidates.erase(sys.argv[2])",
    "anonymous completion": "i = store.interviews.for_candidate(sys.argv[2])[0]; i.status = 'completed'; "
    "store.interviews.save(i)",
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_kill_between_the_commit_and_the_index_purge_is_finished_at_the_next_open(workspace_path, action):
    import subprocess
    import sys

    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        for i in range(200):
            add_note(store, interview, f"Zebulon Quarternack said canaryword{i}", visibility="internal")
    child = subprocess.run(
        [sys.executable, "-c", KILL_BEFORE_PURGE.format(action=ACTIONS[action]), str(workspace_path), candidate.id],
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert child.returncode == -9
    with Store.open(workspace_path, lock=False) as helper:  # a connection that does no housekeeping
        assert any("clean-up" in p for p in helper.maintenance.check().problems)
    with Store.open(workspace_path) as store:  # the owner's open finishes the purge
        assert store.maintenance.check().ok
        store.db.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, search_index, row)")
        assert "quarternack" not in {r[0] for r in store.db.execute("SELECT term FROM temp.vocabulary")}
    assert file_bytes(workspace_path).lower().count(b"quarternack") == 0


@pytest.mark.parametrize("how", ["erase", "anonymous completion"])
def test_erasing_someone_redacts_them_in_every_note_of_every_client(workspace_path, how):
    from consultant_app.domain.model import Client, Note

    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store, disclosure="anonymous")
        other_client = store.clients.save(Client(name="Globex"))
        _, namesake, other = client_with_interview(store, name="Emil Quarternack")
        store.candidates.save(dataclasses.replace(namesake, client_id=other_client.id, email="emil@example.org"))
        store.notes.save(
            Note(
                interview_id=other.id,
                section="extra",
                visibility="internal",
                text="Zebulon Quarternack recommended us; Mr Quarternack, not Emil Quarternack, "
                "wrote from zeb@example.org",
            )
        )
        if how == "erase":
            store.candidates.erase(candidate.id)
        else:
            interview.status = "completed"
            store.interviews.save(interview)
        [note] = store.notes.for_interview(other.id)
        assert note.text == "[name] recommended us; Mr [name], not Emil Quarternack, wrote from [email]"
        assert {h.ref_id for h in store.search.query("Zebulon")} == set()
        assert store.db.execute("SELECT COUNT(*) FROM erased_identities").fetchone()[0] >= 4
    data = file_bytes(workspace_path)
    assert data.count(b"Zebulon") == 0 and data.count(b"zeb@example.org") == 0


def test_a_reader_holding_old_pages_keeps_the_clean_up_noted_until_it_can_run(workspace_path):
    with Store.open(workspace_path) as store:
        _, candidate, interview = client_with_interview(store)
        for i in range(50):
            add_note(store, interview, f"Zebulon Quarternack said canaryword{i}")
        reader = store.sibling()
        reader.db.execute("BEGIN")
        reader.db.execute("SELECT COUNT(*) FROM notes").fetchone()  # a report being made holds a snapshot
        store.candidates.erase(candidate.id)
        assert store.maintenance.purge_pending()  # the log could not be emptied under the reader
        reader.db.execute("COMMIT")
        reader.close()
    with Store.open(workspace_path, lock=False) as helper:
        assert not helper.maintenance.purge_pending()  # done when the workspace closed
    assert b"uarternack" not in file_bytes(workspace_path)


def test_a_call_refuses_to_move_an_erased_candidates_completion_back(store):
    from consultant_app.session import CallSession

    _, candidate, interview = client_with_interview(store, disclosure="anonymous")
    session = CallSession(store, interview.id)
    session.set_answer("status", "completed")
    session.confirm_erasure()
    assert session.flush().identity_erased
    with pytest.raises(ValueError, match="identity is erased"):
        session.set_answer("status", "scheduled")
    assert session.interview.status == "completed" and not session.dirty
    session.set_answer("status", "completed")  # staying Completed is fine
    assert store.interviews.get(interview.id).status == "completed"
