"""Two consultants' workspaces and a lead's, syncing through one folder as the firm's replication engine would
carry it: each sees the others' interviews; a note edited on two laptops before they met keeps both texts (a
conflict, the same on both); visibility only tightens on conflict; an erasure on one removes the person from the
others (each keeping their call for calendar files to cancel, and holding their ATS id out of the client's next list),
and nothing of them stays in the merge's state; a change made while syncing is sent next time."""

import gzip
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from consultant_app.domain.merge import field_kind
from consultant_app.store import Store
from consultant_app.sync.engine import sync
from tests.store.builders import add_note, client_with_interview

TOMORROW = (date.today() + timedelta(days=1)).isoformat() + "T10:00:00"


def ticking(start: int):
    """A laptop's clock for the test: each reading a millisecond after the last."""
    now = [start]

    def read() -> int:
        now[0] += 1
        return now[0]

    return read


@pytest.fixture
def laptops(tmp_path):
    """The sync folder, and three workspaces: two consultants' and their lead's."""
    stores = [Store.open(tmp_path / f"{name}.db") for name in ("ana", "ben", "lead")]
    yield (tmp_path / "Sync", *stores)
    for store in stores:
        store.close()


def sync_all(folder, *stores, rounds=2):
    for _ in range(rounds):
        for n, store in enumerate(stores):
            report = sync(store, folder, now=ticking(1_800_000_000_000 + n * 7))
            assert report.problems == []


def in_bundles(folder) -> str:
    """Everything the sync folder's bundles say, decompressed (what anyone with the folder can read)."""
    return "".join(gzip.decompress(p.read_bytes().split(b"\n", 2)[2]).decode() for p in folder.rglob("*.bundle"))


def texts(store, interview_id):
    return sorted(n.text for n in store.notes.for_interview(interview_id))


def test_each_workspace_sees_the_others_interviews(laptops):
    folder, ana, ben, lead = laptops
    client, candidate, interview = client_with_interview(ana, name="Ada Quist")
    add_note(ana, interview, "The recruiter was quick", themes=["Speed"])
    sync_all(folder, ana, ben, lead)
    for store in (ben, lead):
        assert store.clients.get(client.id).name == "Northwind Robotics"
        assert store.candidates.get(candidate.id).full_name == "Ada Quist"
        assert texts(store, interview.id) == ["The recruiter was quick"]
        [note] = store.notes.for_interview(interview.id)
        assert note.themes == ["Speed"]
        assert store.replica.pending() == []  # what a sync applied is not sent back as this laptop's change


def test_a_note_edited_on_two_laptops_keeps_both_texts_as_a_conflict(laptops):
    folder, ana, ben, lead = laptops
    _, _, interview = client_with_interview(ana)
    note = add_note(ana, interview, "Salary below market", visibility="shareable")
    sync_all(folder, ana, ben, lead)
    ana.notes.save(replace(ana.notes.get(note.id), text="Salary 10% below market", visibility="internal"))
    ben.notes.save(replace(ben.notes.get(note.id), text="Salary far below market, said twice", visibility="aggregate"))
    sync_all(folder, ana, ben, lead)
    shown = {store.notes.get(note.id).text for store in (ana, ben, lead)}
    assert len(shown) == 1  # every laptop shows the same text …
    assert {store.notes.get(note.id).visibility for store in (ana, ben, lead)} == {"internal"}  # … and the tightest
    for store in (ana, ben, lead):
        conflicts = [r for r in store.sync_state.conflicted_registers() if field_kind(*r) == "text"]
        assert conflicts == [(f"notes/{note.id}", "text")]  # … and keeps both typed texts for a person to resolve
        heads = " ".join(map(json.dumps, store.sync_state.heads_of([f"notes/{note.id}"])))
        assert "Salary 10% below market" in heads and "Salary far below market, said twice" in heads


def test_an_erasure_on_one_laptop_removes_the_person_everywhere(laptops):
    folder, ana, ben, lead = laptops
    client, candidate, interview = client_with_interview(ana, name="Zebulon Quarternack")
    interview = ana.interviews.save(replace(interview, scheduled_at=TOMORROW))
    ana.candidates.save(replace(candidate, external_id="QX-771234"))  # his id in the client's hiring system
    add_note(ana, interview, "Zebulon hated the panel")
    sync_all(folder, ana, ben, lead)
    assert ben.candidates.exists(candidate.id)
    ben.notes.save(replace(ben.notes.for_interview(interview.id)[0], text="Zebulon hated the panel, twice"))
    ana.candidates.erase(candidate.id)  # while ben was still typing about him
    sync_all(folder, ana, ben, lead)
    for store in (ana, ben, lead):
        assert not store.candidates.exists(candidate.id) and store.notes.for_interview(interview.id) == []
        [erased_call] = store.erasures.calls_between(TOMORROW, "9999")  # a calendar file here cancels it too
        assert erased_call.interview_id == interview.id
        kept = "".join(
            map(json.dumps, store.sync_state.heads_of([f"notes/{n}" for n in store.sync_state.conflicted_registers()]))
        )
        kept += "".join(row[0] for row in store.db.execute("SELECT op FROM sync_heads"))
        kept += "".join(str(changes) for *_, changes in store.sync_state.outbox())
        assert "Zebulon" not in kept and "Quarternack" not in kept  # nothing of him in the merge's state
        assert store.candidate_lists.erased_matcher(client.id)(None, None, "qx 771234")  # the next list holds him out
    assert "Zebulon" not in in_bundles(folder) and "Quarternack" not in in_bundles(folder)  # nor the folder
    assert "771234" not in in_bundles(folder)


def test_an_identity_erasure_holds_against_a_name_typed_on_another_laptop(laptops):
    folder, ana, ben, lead = laptops
    _, candidate, interview = client_with_interview(ana, name="Zebulon Quarternack", disclosure="anonymous")
    sync_all(folder, ana, ben, lead)
    ben.candidates.save(replace(ben.candidates.get(candidate.id), full_name="Zebulon Q.", phone="+49 30 1234567"))
    ana.candidates.erase_identity(candidate.id, "asked to be forgotten")
    pseudonym = ana.candidates.get(candidate.id).full_name
    sync_all(folder, ana, ben, lead)
    for store in (ana, ben, lead):
        shown = store.candidates.get(candidate.id)
        assert (shown.full_name, shown.email, shown.phone) == (pseudonym, None, None)
        assert shown.identity_erased
        kept = "".join(row[0] for row in store.db.execute("SELECT op FROM sync_heads"))
        assert "Zebulon" not in kept and "1234567" not in kept and "zeb@example" not in kept
    assert "Zebulon" not in in_bundles(folder) and "1234567" not in in_bundles(folder)


def test_themes_made_on_two_laptops_under_one_name_become_one_theme_everywhere(laptops):
    folder, ana, ben, lead = laptops
    _, _, interview = client_with_interview(ana)
    sync_all(folder, ana, ben, lead)
    first = add_note(ana, interview, "The process took nine weeks", themes=["Slow hiring"])
    second = add_note(ben, interview, "Three rounds too many", themes=["slow hiring"])
    sync_all(folder, ana, ben, lead)
    names = {tuple((t.id, t.name) for t in store.themes.list()) for store in (ana, ben, lead)}
    assert len(names) == 1 and len(next(iter(names))) == 1  # one theme, the same one, on every laptop
    [(theme_id, _)] = next(iter(names))
    for store in (ana, ben, lead):
        tagged = {n.id: n.themes for n in store.notes.for_interview(interview.id)}
        assert tagged[first.id] == tagged[second.id] == [store.themes.list()[0].name]
        assert store.themes.notes_tagged(theme_id) and len(store.themes.notes_tagged(theme_id)) == 2


def test_guides_made_for_one_client_on_two_laptops_leave_one_everywhere(laptops):
    from consultant_app.domain.model import Guide

    folder, ana, ben, lead = laptops
    client, _, _ = client_with_interview(ana)
    sync_all(folder, ana, ben, lead)
    ana.guides.save(Guide(name="Ana's guide", client_id=client.id, questions={"right": ["What went well?"]}))
    ben.guides.save(Guide(name="Ben's guide", client_id=client.id, questions={"wrong": ["What went badly?"]}))
    sync_all(folder, ana, ben, lead)  # before: the second laptop's sync failed on one guide per client
    kept = {
        tuple((g.id, g.name) for g in store.guides.list() if g.client_id == client.id) for store in (ana, ben, lead)
    }
    assert len(kept) == 1 and len(next(iter(kept))) == 1
    for store in (ana, ben, lead):  # no question typed on either laptop is lost
        [guide] = [g for g in store.guides.list() if g.client_id == client.id]
        assert guide.questions == {"right": ["What went well?"], "wrong": ["What went badly?"]}
    [guide] = [g for g in ben.guides.list() if g.client_id == client.id]
    ben.guides.save(replace(guide, questions={"right": ["What went well?"], "wrong": []}))  # edited as one guide
    sync_all(folder, ana, ben, lead)
    for store in (ana, ben, lead):  # the question taken out stays out
        [guide] = [g for g in store.guides.list() if g.client_id == client.id]
        assert guide.questions == {"right": ["What went well?"], "wrong": []}


def test_a_note_read_before_its_interview_waits_for_it(laptops):
    """Replicas' bundles are read in the order of their ids, so a note on someone else's interview can arrive
    before the interview: it waits (it is in the merge) and appears when the interview does, with no failure."""
    folder, *stores = laptops
    note_writer, interview_maker, reader = sorted(stores, key=lambda store: store.replica.id)
    _, _, interview = client_with_interview(interview_maker)
    sync_all(folder, interview_maker, note_writer)
    add_note(note_writer, interview, "Asked twice for the offer in writing")
    assert sync(note_writer, folder).problems == []
    report = sync(reader, folder)  # reads the note writer's bundles first
    assert report.problems == []
    assert texts(reader, interview.id) == ["Asked twice for the offer in writing"]


def test_a_waiting_note_of_someone_erased_goes_with_them(laptops):
    folder, *stores = laptops
    note_writer, interview_maker, reader = sorted(stores, key=lambda store: store.replica.id)
    _, candidate, interview = client_with_interview(interview_maker)
    sync_all(folder, interview_maker, note_writer)
    add_note(note_writer, interview, "Quentin Zubrowski hated the panel")
    sync(note_writer, folder)
    away = folder.parent / "not yet copied"
    (folder / interview_maker.replica.id).rename(away)  # the replication engine has not brought it yet
    sync(reader, folder)
    interview_maker.candidates.erase(candidate.id)
    away.rename(folder / interview_maker.replica.id)
    sync(interview_maker, folder)
    assert sync(reader, folder).problems == []
    assert not reader.candidates.exists(candidate.id)
    waiting = "".join(str(row) for row in reader.db.execute("SELECT * FROM sync_waiting"))
    assert "Zubrowski" not in waiting


def test_a_theme_typed_on_three_laptops_keeps_its_notes_through_aliases_of_aliases(laptops):
    """Ben's theme becomes an alias of the lead's after Ana's became an alias of Ben's: a note tagged with Ana's,
    rebuilt later, still carries the one theme (before, it lost the tag: only one step of aliases was followed)."""
    from consultant_app.domain.model import Theme

    folder, ana, ben, lead = laptops
    _, _, interview = client_with_interview(ana)
    sync_all(folder, ana, ben, lead)
    for store, theme_id in (
        (lead, "00000000-0000-4000-8000-000000000000"),
        (ben, "55555555-5555-4555-8555-555555555555"),
        (ana, "ffffffff-ffff-4fff-8fff-ffffffffffff"),
    ):
        store.themes.save(Theme(id=theme_id, name="Slow hiring"))
    note = add_note(ana, interview, "Nine weeks", themes=["Slow hiring"])
    sync(ana, folder)
    sync(ben, folder)  # Ana's theme becomes an alias of Ben's
    sync(lead, folder)
    sync(ben, folder)  # Ben's becomes an alias of the lead's
    ana.notes.save(replace(ana.notes.get(note.id), text="Nine weeks, four interviews"))
    sync_all(folder, ana, ben, lead)
    for store in (ana, ben, lead):
        assert store.notes.get(note.id).themes == ["Slow hiring"]
        assert [t.id for t in store.themes.list()] == ["00000000-0000-4000-8000-000000000000"]


def test_heads_kept_whole_by_an_earlier_version_are_read_as_they_are(laptops):
    folder, ana, _, _ = laptops
    _, _, interview = client_with_interview(ana)
    note = add_note(ana, interview, "Salary below market")
    sync(ana, folder)
    entity = f"notes/{note.id}"
    compact = ana.sync_state.heads_of([entity])
    with ana.write():  # as versions before the compact form kept them: each write whole
        for head in compact:
            ana.db.execute("UPDATE sync_heads SET op = ? WHERE op_id = ?", [json.dumps(head), head["op_id"]])
    assert ana.sync_state.heads_of([entity]) == compact
    ana.notes.save(replace(ana.notes.get(note.id), text="Salary far below market"))
    sync(ana, folder)  # the edit replaces the head kept whole
    [text] = [h for h in ana.sync_state.heads_of([entity]) if h["field"] == "text"]
    assert text["value"] == "Salary far below market"
    assert text["supersedes"] == [h["op_id"] for h in compact if h["field"] == "text"]


def test_a_lead_takes_in_a_note_on_an_interview_another_consultant_made_whatever_the_replicas_order(laptops):
    folder, ana, ben, lead = laptops
    first, second = sorted((ana, ben), key=lambda s: s.replica.id, reverse=True)  # the lead reads `second` first
    _, _, interview = client_with_interview(first)
    sync(first, folder)
    sync(second, folder)  # takes in the client, the candidate and the interview
    note = add_note(second, interview, "Typed on the second laptop")
    sync(second, folder)
    sync(lead, folder)
    assert lead.notes.get(note.id).text == "Typed on the second laptop"
