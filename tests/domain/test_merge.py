"""Each merge rule on its own: the hybrid clock never runs backwards, a sequential edit replaces and a concurrent
one coexists, newest wins for structured fields, two texts are a conflict a person resolves, confidentiality
only tightens on conflict, erasure and withdrawal win for good, and operations survive their JSON form while a
malformed one is refused by name."""

import json

import pytest

from consultant_app.domain.merge import (
    Erasure,
    MergeState,
    Withdrawal,
    Write,
    op_from_json,
    op_to_json,
)
from consultant_app.domain.merge_clock import Clock, HybridClock


def stamp(wall: int, replica: str, counter: int = 0) -> Clock:
    return Clock(wall, counter, replica)


def both_orders(*ops) -> tuple[MergeState, MergeState]:
    forward, backward = MergeState(), MergeState()
    for op in ops:
        forward.apply(op)
    for op in reversed(ops):
        backward.apply(op)
    assert forward == backward
    return forward, backward


def concurrent(entity: str, field: str, *values_and_stamps, owner=None) -> MergeState:
    """Replicas that never met each write one value; the state holding them all, applied in both orders."""
    writes = [MergeState().local_write(clock, entity, field, value, owner) for value, clock in values_and_stamps]
    state, _ = both_orders(*writes)
    assert len(state.heads(entity, field)) == len(writes)
    return state


# -- the clock ---------------------------------------------------------------------------------------------------
def test_stamps_order_as_wall_counter_replica():
    assert stamp(1, "b", 5) < stamp(2, "a") and stamp(1, "a", 1) < stamp(1, "b", 1) < stamp(1, "b", 2)


def test_ticks_keep_rising_when_the_computer_clock_stands_still_or_goes_back():
    readings = iter([1000, 1000, 400, 999, 2000])
    clock = HybridClock("a", now=lambda: next(readings))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == [stamp(1000, "a"), stamp(1000, "a", 1), stamp(1000, "a", 2), stamp(1000, "a", 3), stamp(2000, "a")]


@pytest.mark.parametrize(
    "local_last,remote,physical,expected",
    [
        (stamp(100, "a", 4), stamp(500, "b", 7), 300, stamp(500, "a", 8)),  # remote ahead: its wall, its counter+1
        (stamp(500, "a", 4), stamp(100, "b", 9), 300, stamp(500, "a", 5)),  # local ahead: local counter+1
        (stamp(500, "a", 4), stamp(500, "b", 9), 300, stamp(500, "a", 10)),  # same wall: the larger counter+1
        (stamp(100, "a", 4), stamp(200, "b", 9), 900, stamp(900, "a", 0)),  # the computer's clock is ahead of both
    ],
)
def test_receiving_a_stamp_follows_the_hybrid_clock_rules(local_last, remote, physical, expected):
    clock = HybridClock("a", now=lambda: physical, last=local_last)
    received = clock.receive(remote)
    assert received == expected and received > remote and received > local_last
    assert clock.tick() > received


def test_a_clock_resumes_after_its_last_stamp_even_if_the_computer_clock_was_set_back():
    clock = HybridClock("a", now=lambda: 0, last=stamp(50, "a", 3))
    assert clock.tick() == stamp(50, "a", 4)


# -- registers ---------------------------------------------------------------------------------------------------
def test_structured_fields_take_the_newest_clock_whatever_the_order():
    state = concurrent("interviews/i1", "status", ("completed", stamp(200, "b")), ("no_answer", stamp(100, "a")))
    assert state.value("interviews/i1", "status") == "completed"
    assert state.conflicts() == []  # structured fields are not conflicts


def test_an_edit_made_after_seeing_the_old_value_replaces_it_even_with_an_older_clock():
    laptop_a, laptop_b = MergeState(), MergeState()
    first = laptop_a.local_write(stamp(900, "a"), "interviews/i1", "status", "scheduled")
    laptop_b.apply(first)
    second = laptop_b.local_write(stamp(100, "b"), "interviews/i1", "status", "completed")  # b's clock is behind
    assert second.supersedes == {first.op_id}
    for state in both_orders(first, second):
        assert state.heads("interviews/i1", "status") == (second,)
        assert state.value("interviews/i1", "status") == "completed"


def test_a_late_or_repeated_old_write_stays_replaced():
    laptop_a, laptop_b = MergeState(), MergeState()
    old = laptop_a.local_write(stamp(1, "a"), "notes/n1", "text", "draft")
    laptop_b.apply(old)
    new = laptop_b.local_write(stamp(2, "b"), "notes/n1", "text", "final")
    lead = MergeState()
    for op in (new, old, old, new, old):
        lead.apply(op)
    assert lead.heads("notes/n1", "text") == (new,) and lead == laptop_b


def test_a_merged_workspace_remembers_what_its_writes_replaced():
    laptop_a, laptop_b = MergeState(), MergeState()
    old = laptop_a.local_write(stamp(1, "a"), "notes/n1", "text", "draft")
    laptop_b.apply(old)
    laptop_b.local_write(stamp(2, "b"), "notes/n1", "text", "second draft")
    laptop_b.local_write(stamp(3, "b"), "notes/n1", "text", "final")  # the draft is now only an id b replaced
    lead = MergeState()
    lead.merge(laptop_b)
    lead.apply(old)  # arrives late from a's bundles
    assert [w.value for w in lead.heads("notes/n1", "text")] == ["final"] and lead == laptop_b


def test_two_texts_typed_concurrently_are_a_conflict_a_person_resolves():
    state = concurrent("notes/n1", "text", ("Slow recruiter.", stamp(10, "a")), ("Great offer.", stamp(20, "b")))
    [(entity, field, heads)] = state.conflicts()
    assert (entity, field) == ("notes/n1", "text")
    assert [w.value for w in heads] == ["Slow recruiter.", "Great offer."]
    assert state.value("notes/n1", "text") == "Great offer."  # the newest is shown until resolved
    resolution = state.local_write(stamp(30, "c"), "notes/n1", "text", "Slow recruiter. Great offer.")
    assert resolution.supersedes == {w.op_id for w in heads}
    assert state.conflicts() == []
    elsewhere = MergeState()
    for op in (resolution, *heads):
        elsewhere.apply(op)
    assert elsewhere == state and elsewhere.value("notes/n1", "text") == "Slow recruiter. Great offer."


@pytest.mark.parametrize(
    "field,older,newer,expected",
    [
        ("visibility", "internal", "shareable", "internal"),
        ("visibility", "aggregate", "shareable", "aggregate"),
        ("visibility", "internal", "aggregate", "internal"),
        ("visibility", "shareable", "aggregate", "aggregate"),  # the newer is also the tighter
        ("disclosure", "anonymous", "named", "anonymous"),
        ("disclosure", "confidential", "named", "confidential"),
        ("disclosure", "anonymous", "confidential", "anonymous"),
    ],
)
def test_confidentiality_only_tightens_on_conflict(field, older, newer, expected):
    entity = "notes/n1" if field == "visibility" else "candidates/c1"
    state = concurrent(entity, field, (older, stamp(100, "a")), (newer, stamp(200, "b")))
    assert state.value(entity, field) == expected


@pytest.mark.parametrize(
    "entity,field,tight,loose",
    [("notes/n1", "visibility", "internal", "shareable"), ("candidates/c1", "disclosure", "anonymous", "named")],
)
def test_a_loosening_made_after_seeing_the_tighter_value_stands(entity, field, tight, loose):
    laptop_a, laptop_b = MergeState(), MergeState()
    laptop_b.apply(laptop_a.local_write(stamp(1, "a"), entity, field, tight))
    loosened = laptop_b.local_write(stamp(2, "b"), entity, field, loose)
    laptop_a.apply(loosened)
    assert laptop_a.value(entity, field) == laptop_b.value(entity, field) == loose


def test_an_unknown_visibility_counts_as_tightest():
    state = concurrent("notes/n1", "visibility", ("internal", stamp(1, "a")), ("secret", stamp(2, "b")))
    assert state.value("notes/n1", "visibility") == "secret"


def test_an_identity_scrubbed_on_one_replica_stays_scrubbed_on_conflict():
    state = concurrent("candidates/c1", "identity_erased", (True, stamp(1, "a")), (False, stamp(2, "b")))
    assert state.value("candidates/c1", "identity_erased") is True


# -- erasure and withdrawal --------------------------------------------------------------------------------------
def test_erasure_drops_every_write_owned_by_the_candidate_before_or_after_and_nothing_else():
    laptop_a = MergeState()
    name = laptop_a.local_write(stamp(1, "a"), "candidates/c1", "full_name", "Jürgen Maier", owner="c1")
    note = laptop_a.local_write(stamp(2, "a"), "notes/n1", "text", "He said no.", owner="c1")
    other = laptop_a.local_write(stamp(3, "a"), "notes/n2", "text", "Someone else.", owner="c2")
    client = laptop_a.local_write(stamp(4, "a"), "clients/k1", "name", "Contoso")
    erasure = Erasure("lead:5:0", "c1", stamp(5, "lead"))
    late = MergeState().local_write(stamp(9, "b"), "notes/n3", "text", "Typed offline later.", owner="c1")
    for state in both_orders(name, note, other, client, erasure, late):
        assert state.is_erased("c1")
        assert state.value("candidates/c1", "full_name") is None and state.value("notes/n3", "text") is None
        assert not any(w["owner"] == "c1" for *_, heads in state.snapshot()["heads"] for w in heads)
        assert state.value("notes/n2", "text") == "Someone else." and state.value("clients/k1", "name") == "Contoso"
    with pytest.raises(ValueError, match="c1 was erased"):
        state.local_write(stamp(10, "lead"), "candidates/c1", "full_name", "Jürgen Maier", owner="c1")


def test_merging_an_older_copy_never_brings_an_erased_candidate_back():
    older_copy = MergeState()
    older_copy.local_write(stamp(1, "a"), "candidates/c1", "full_name", "Jürgen Maier", owner="c1")
    lead = MergeState()
    lead.merge(older_copy)
    lead.local_erasure(stamp(2, "lead"), "c1")
    lead.merge(older_copy)
    older_copy.merge(lead)
    assert lead == older_copy and lead.value("candidates/c1", "full_name") is None


def test_withdrawal_wins_over_not_withdrawn_and_dates_from_its_clock():
    march_3 = 1772496000000  # 2026-03-03T00:00Z
    laptop_a = MergeState()
    withdrawal = laptop_a.local_withdrawal(stamp(march_3, "a"), "c1")
    cleared = MergeState().local_write(stamp(march_3 + 10**9, "b"), "candidates/c1", "consent_withdrawn", None, "c1")
    for state in both_orders(withdrawal, cleared, Withdrawal("a:later", "c1", stamp(march_3 + 10**10, "a"))):
        assert state.is_withdrawn("c1") and state.value("candidates/c1", "consent_withdrawn") == "2026-03-03"


def test_without_a_withdrawal_a_recorded_date_wins_on_conflict():
    state = concurrent(
        "candidates/c1", "consent_withdrawn", ("2026-03-01", stamp(1, "a")), (None, stamp(2, "b")), owner="c1"
    )
    assert state.value("candidates/c1", "consent_withdrawn") == "2026-03-01" and not state.is_withdrawn("c1")


def test_merging_states_is_the_same_as_applying_all_their_operations():
    laptop_a, laptop_b = MergeState(), MergeState()
    ops = [
        laptop_a.local_write(stamp(1, "a"), "notes/n1", "text", "A", owner="c1"),
        laptop_b.local_write(stamp(2, "b"), "notes/n1", "text", "B", owner="c1"),
        laptop_b.local_erasure(stamp(3, "b"), "c2"),
        laptop_a.local_write(stamp(4, "a"), "notes/n9", "text", "gone", owner="c2"),
        laptop_a.local_withdrawal(stamp(5, "a"), "c3"),
    ]
    ab, ba = MergeState(), MergeState()
    for state, sources in ((ab, (laptop_a, laptop_b)), (ba, (laptop_b, laptop_a, ab))):
        for source in sources:
            state.merge(source)
    applied, _ = both_orders(*ops)
    assert ab == ba == applied and len(applied.conflicts()) == 1 and applied.value("notes/n9", "text") is None


# -- the JSON form -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "op",
    [
        Write("a:1:0", "notes/n1", "text", "Jürgen said „no“.", stamp(1, "a"), frozenset({"b:0:0", "c:0:1"}), "c1"),
        Write("a:1:1", "interviews/i1", "ratings", {"compensation": 4, "x": [1, 2.5, None, True]}, stamp(1, "a", 1)),
        Erasure("lead:9:0", "c1", stamp(9, "lead")),
        Withdrawal("lead:9:1", "c1", stamp(9, "lead", 1)),
    ],
)
def test_operations_survive_their_json_form(op):
    assert op_from_json(json.loads(json.dumps(op_to_json(op)))) == op


GOOD = {
    "kind": "write",
    "op_id": "a:1:0",
    "entity": "notes/n1",
    "field": "text",
    "value": "hi",
    "clock": [1, 0, "a"],
    "supersedes": [],
    "owner": None,
}


@pytest.mark.parametrize(
    "change,problem",
    [
        ([], "must be a JSON object"),
        ({**GOOD, "kind": "delete"}, "Unknown kind of change 'delete'"),
        ({k: v for k, v in GOOD.items() if k != "clock"}, "lacks clock"),
        ({**GOOD, "colour": "red"}, "unknown keys colour"),
        ({**GOOD, "op_id": ""}, "op_id must be a non-empty string"),
        ({**GOOD, "clock": [1, 0]}, "clock must be"),
        ({**GOOD, "clock": [True, 0, "a"]}, "clock must be"),
        ({**GOOD, "clock": [1, -1, "a"]}, "clock must be"),
        ({**GOOD, "clock": "1.0.a"}, "clock must be"),
        ({**GOOD, "entity": "n1"}, "entity must read table/id"),
        ({**GOOD, "supersedes": "a:0:0"}, "supersedes must be a list"),
        ({**GOOD, "owner": 7}, "owner must be a non-empty string"),
        ({**GOOD, "value": {1: "x"}}, "keys must be strings"),
        ({**GOOD, "value": ["ok", {"x": object()}]}, "must be plain JSON"),
        ({"kind": "erasure", "op_id": "a:1:0", "clock": [1, 0, "a"], "candidate_id": None}, "candidate_id must"),
    ],
)
def test_a_malformed_change_is_refused_by_name(change, problem):
    with pytest.raises(ValueError, match=problem):
        op_from_json(change)


def test_a_snapshot_is_plain_json():
    state = concurrent("notes/n1", "text", ("A", stamp(1, "a")), ("B", stamp(2, "b")))
    state.local_withdrawal(stamp(3, "a"), "c1")
    assert json.loads(json.dumps(state.snapshot())) == state.snapshot()


def test_the_worked_example_of_docs_merge_md():
    def at(minute: int, replica: str, counter: int = 0) -> Clock:  # 10:05 is at(5, ...)
        return stamp((10 * 60 + minute) * 60_000, replica, counter)

    anna, ben, lead = MergeState(), MergeState(), MergeState()
    dana_note = lead.local_write(at(0, "lead"), "notes/N-9", "text", "Dana's first answer.", "dana")
    anna.apply(dana_note)
    ops = [
        dana_note,
        anna.local_write(at(5, "anna"), "notes/N-3", "text", "Offer was 10% below market.", "jurgen"),
        anna.local_write(at(8, "anna"), "notes/N-3", "visibility", "shareable", "jurgen"),
        ben.local_write(at(7, "ben"), "notes/N-3", "visibility", "internal", "jurgen"),
        ben.local_write(at(7, "ben", 1), "notes/N-3", "text", "Recruiter was slow; offer 10% low.", "jurgen"),
        ben.local_write(at(8, "ben"), "interviews/I-17", "status", "completed", "jurgen"),
        anna.local_write(at(9, "anna"), "interviews/I-17", "status", "no_answer", "jurgen"),
        lead.local_erasure(at(9, "lead"), "dana"),
        anna.local_write(at(10, "anna"), "notes/N-12", "text", "Dana called back.", "dana"),
    ]
    for state in both_orders(*ops):
        assert state.value("notes/N-3", "visibility") == "internal"
        [(_, _, versions)] = state.conflicts()
        assert {w.value for w in versions} == {"Offer was 10% below market.", "Recruiter was slow; offer 10% low."}
        assert state.value("interviews/I-17", "status") == "no_answer"
        assert state.value("notes/N-9", "text") is None and state.value("notes/N-12", "text") is None
    anna.merge(state)
    kept = anna.local_write(
        at(20, "anna"), "notes/N-3", "text", "Recruiter was slow; offer 10% below market.", "jurgen"
    )
    ben.merge(state)
    loosened = ben.local_write(at(30, "ben"), "notes/N-3", "visibility", "shareable", "jurgen")
    for state in both_orders(*ops, kept, loosened):
        assert state.conflicts() == [] and state.value("notes/N-3", "visibility") == "shareable"
        assert state.value("notes/N-3", "text") == "Recruiter was slow; offer 10% below market."


def test_an_identity_erasure_wins_over_names_typed_before_and_after_it():
    ana, ben = MergeState(), MergeState()
    old = ana.local_write(Clock(1, 0, "a"), "candidates/c1", "full_name", "Zebulon Quarternack", "c1")
    ben.apply(old)
    late = ben.local_write(Clock(9, 0, "b"), "candidates/c1", "full_name", "Zebulon Q.", "c1")  # typed concurrently
    email = ben.local_write(Clock(9, 1, "b"), "candidates/c1", "email", "zeb@example.org", "c1")
    scrub = ana.local_identity_erasure(Clock(5, 0, "a"), "c1", "Candidate 7")
    for state, ops in ((ana, [late, email]), (ben, [scrub])):
        for op in ops:
            state.apply(op)
        assert (
            state.value("candidates/c1", "full_name") == "Candidate 7" and state.value("candidates/c1", "email") is None
        )
        assert state.heads("candidates/c1", "full_name") == () and state.is_scrubbed("c1")
    assert ana == ben
    assert op_from_json(op_to_json(scrub)) == scrub
    other = MergeState()
    other.apply(ana.local_identity_erasure(Clock(7, 0, "a"), "c1", "Candidate 9"))
    other.apply(scrub)
    assert other.value("candidates/c1", "full_name") == "Candidate 7"  # two erasures: the earlier's pseudonym
