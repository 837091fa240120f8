"""Convergence, proved over generated histories: 3 to 5 replicas (laptops whose clocks drift and jump back) type
note texts and summaries, change visibility, disclosure, status and consent, erase and withdraw candidates, and
pass each other their changes in random orders, duplicated, partly (a half-copied bundle, a lost one) or as whole
workspaces. After a final full exchange every replica holds the same state, which is exactly what the rules say
the set of all changes made anywhere gives: every text not replaced by someone who had seen it survives as the
value or in a conflict, nothing owned by an erased candidate exists anywhere, a withdrawal is never undone, and
concurrent visibilities and disclosures resolve to the tightest. The settings below run 2,000 histories of up to
50 steps each, derandomized (CI replays the same ones every time): about 30 s on one core of the shared machine."""

from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from consultant_app.domain.merge import (
    IDENTITY_FIELDS,
    Erasure,
    IdentityErasure,
    MergeState,
    Withdrawal,
    Write,
    field_kind,
)
from consultant_app.domain.merge_clock import HybridClock
from consultant_app.domain.taxonomy import DISCLOSURES, INTERVIEW_STATUSES, VISIBILITIES

CANDIDATES = ("c1", "c2", "c3")
REGISTERS = (  # (entity, field, owner)
    ("notes/n1", "text", "c1"),
    ("notes/n2", "text", "c2"),
    ("interviews/i3", "summary", "c3"),
    ("notes/n1", "visibility", "c1"),
    ("notes/n2", "visibility", "c2"),
    ("candidates/c1", "disclosure", "c1"),
    ("candidates/c3", "disclosure", "c3"),
    ("candidates/c2", "consent_withdrawn", "c2"),
    ("interviews/i1", "status", "c1"),
    ("clients/k1", "name", None),
    ("candidates/c1", "full_name", "c1"),
    ("candidates/c2", "email", "c2"),
)
CHOICES = {
    "visibility": tuple(VISIBILITIES),
    "disclosure": tuple(DISCLOSURES),
    "withdrawal": (None, "2026-03-01", "2026-04-15"),
    "newest": (*INTERVIEW_STATUSES, "Contoso", "Fabrikam", "Zebulon Quarternack"),
}
TIGHTNESS = {"visibility": tuple(VISIBILITIES), "disclosure": tuple(DISCLOSURES)}
replica_index = st.integers(0, 4)


def owners(state: MergeState) -> set[str | None]:
    """The candidates some write the state keeps belongs to."""
    return {w["owner"] for *_, heads in state.snapshot()["heads"] for w in heads}


@dataclass
class Replica:
    state: MergeState
    clock: HybridClock
    outbox: list = field(default_factory=list)  # the changes this replica made, as its bundles carry them
    skew_ms: int = 0  # how far this laptop's clock is off the world's


class Consultants(RuleBasedStateMachine):
    @initialize(count=st.integers(3, 5))
    def open_workspaces(self, count):
        self.world_ms = 1_780_000_000_000
        self.typed = 0
        self.replicas = []
        for number in range(count):
            replica = Replica(MergeState(), HybridClock(f"r{number}"))
            replica.clock.now = lambda replica=replica: self.world_ms + replica.skew_ms
            self.replicas.append(replica)

    def replica(self, index: int) -> Replica:
        return self.replicas[index % len(self.replicas)]

    @rule(index=replica_index, skew_ms=st.integers(-60_000, 60_000))
    def a_laptop_clock_is_set(self, index, skew_ms):
        self.replica(index).skew_ms = skew_ms

    @rule(index=replica_index, register=st.sampled_from(REGISTERS), choice=st.integers(0, 7), ms=st.integers(0, 5_000))
    def someone_edits(self, index, register, choice, ms):
        self.world_ms += ms
        self.edit(self.replica(index), register, choice)

    @rule(
        indexes=st.sets(replica_index, min_size=2, max_size=3),
        register=st.sampled_from(REGISTERS),
        choice=st.integers(0, 7),
    )
    def several_edit_the_same_field_offline(self, indexes, register, choice):
        for offset, index in enumerate(sorted(indexes)):
            self.edit(self.replica(index), register, choice + offset)

    def edit(self, replica: Replica, register: tuple, choice: int) -> None:
        entity, name, owner = register
        if replica.state.is_erased(owner):
            return  # local_write refuses (test_merge proves it)
        kind = field_kind(entity, name)
        if kind == "text":
            self.typed += 1
            value = f"text {self.typed} typed on {replica.clock.replica}"
        else:
            value = CHOICES[kind][choice % len(CHOICES[kind])]
        replica.outbox.append(replica.state.local_write(replica.clock.tick(), entity, name, value, owner))

    @rule(index=replica_index, candidate=st.sampled_from(CANDIDATES), erased=st.sampled_from((True, False, False)))
    def a_candidate_is_erased_or_withdraws(self, index, candidate, erased):
        """Withdrawals twice as often as erasures, so that fewer histories end with everyone erased."""
        replica = self.replica(index)
        record = replica.state.local_erasure if erased else replica.state.local_withdrawal
        replica.outbox.append(record(replica.clock.tick(), candidate))

    @rule(index=replica_index, candidate=st.sampled_from(CANDIDATES), pseudonym=st.sampled_from(("A-1", "B-2")))
    def a_candidates_identity_is_erased(self, index, candidate, pseudonym):
        replica = self.replica(index)
        replica.outbox.append(replica.state.local_identity_erasure(replica.clock.tick(), candidate, pseudonym))

    @rule(
        sender=replica_index,
        receiver=replica_index,
        start=st.integers(0, 30),
        stop=st.integers(0, 30),
        duplicated=st.booleans(),
        shuffler=st.randoms(use_true_random=False),
    )
    def bundles_arrive(self, sender, receiver, start, stop, duplicated, shuffler):
        """Part of a replica's changes reach another: a window of them (half-copied or lost bundles around it),
        in any order, some twice."""
        batch = self.replica(sender).outbox[start:stop]
        batch += batch[: len(batch) // 2] if duplicated else []
        shuffler.shuffle(batch)
        self.take_in(self.replica(receiver), batch)

    @rule(sender=replica_index, receiver=replica_index)
    def a_whole_workspace_is_merged(self, sender, receiver):
        self.replica(receiver).state.merge(self.replica(sender).state)

    @staticmethod
    def take_in(replica: Replica, ops) -> None:
        for op in ops:
            replica.clock.receive(op.clock)
            replica.state.apply(op)

    @invariant()
    def no_replica_keeps_what_it_knows_is_erased(self):
        for replica in self.replicas:
            assert not [owner for owner in owners(replica.state) if owner and replica.state.is_erased(owner)]

    def teardown(self):
        """The final full exchange, twice: a lead merges every workspace as it stands, and every replica takes in
        every change made anywhere, one by one; all of them must end equal."""
        lead = MergeState()
        for replica in self.replicas:
            lead.merge(replica.state)
        everything = [op for replica in self.replicas for op in replica.outbox]
        for replica in self.replicas:
            self.take_in(replica, reversed(everything))
        for replica in self.replicas:
            assert replica.state.snapshot() == lead.snapshot(), f"{replica.clock.replica} and the lead differ"
        self.check_the_rules(lead, everything)

    @staticmethod
    def check_the_rules(state: MergeState, everything: list) -> None:
        writes = [op for op in everything if isinstance(op, Write)]
        replaced = {op_id for w in writes for op_id in w.supersedes}
        erased = {op.candidate_id for op in everything if isinstance(op, Erasure)}
        withdrawn = {op.candidate_id for op in everything if isinstance(op, Withdrawal)}
        scrubs = sorted(
            (op.clock, op.op_id, op.pseudonym, op.candidate_id) for op in everything if isinstance(op, IdentityErasure)
        )
        scrubbed = {}
        for _, _, pseudonym, candidate in scrubs:
            scrubbed.setdefault(candidate, pseudonym)  # the earliest erasure's pseudonym
        conflicts = {(entity, name): heads for entity, name, heads in state.conflicts()}
        for entity, name, owner in REGISTERS:
            expected = {w for w in writes if (w.entity, w.field) == (entity, name) and w.op_id not in replaced}
            expected = {w.op_id for w in expected if w.owner not in erased}
            if name in IDENTITY_FIELDS and owner in scrubbed:
                expected = set()  # an erased identity keeps no name, e-mail or phone, typed before or after
                assert state.value(entity, name) == (scrubbed[owner] if name == "full_name" else None)
            heads = state.heads(entity, name)
            assert {w.op_id for w in heads} == expected, "a head was lost, or a replaced/erased write came back"
            kind, values = field_kind(entity, name), [w.value for w in heads]
            if kind == "text":
                assert (len(heads) > 1) == ((entity, name) in conflicts)
                assert state.value(entity, name) in values or not heads
            if kind in TIGHTNESS and len(heads) > 1:
                order = TIGHTNESS[kind]
                assert state.value(entity, name) == max(values, key=order.index)
            if kind == "withdrawal" and owner in withdrawn:
                assert state.is_withdrawn(owner) and state.value(entity, name) is not None
        for candidate in CANDIDATES:
            assert state.is_erased(candidate) == (candidate in erased)
            assert state.is_withdrawn(candidate) == (candidate in withdrawn)
        assert not owners(state) & erased


Consultants.TestCase.settings = settings(
    max_examples=2000,
    stateful_step_count=50,
    derandomize=True,
    database=None,
    report_multiple_bugs=False,  # one failing history, shrunk to its shortest, in seconds rather than minutes
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestConvergence = Consultants.TestCase
