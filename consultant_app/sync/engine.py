"""One sync of a workspace with a sync folder: what changed here goes out, then every other replica's new bundles
come in, merged by the domain's rules (``domain.merge``) and written to the workspace. Once the workspace has the
firm's sync keys (``sync.keys``), what goes out is split by who may read it — a bundle for the firm, one for each
client — each sealed for its readers, and a bundle passed over for want of a key is read again when one arrives.

Going out, each record noted since the last sync (``store.replica``) is compared field by field with what the
merge last held for it; each field that differs becomes a write stamped by this replica's hybrid logical clock and
replacing the heads this replica had seen; a deleted record becomes a write of ``_deleted``; an erased candidate an
erasure; a withdrawal of consent a withdrawal. The bundle is kept in the workspace (the outbox) in the same
transaction that records the changes as sent, and written to the folder after, so a crash between the two sends
it next time rather than losing it. Coming in, each bundle's changes are applied to the registers they touch and
the records rebuilt from their resolved values, all in one transaction per bundle; nothing it writes is noted as
this replica's change. The merge's state lives in the workspace (``store.sync_state``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consultant_app.domain.merge import (
    IDENTITY_FIELDS,
    Erasure,
    IdentityErasure,
    MergeState,
    Withdrawal,
    Write,
    field_kind,
    op_from_json,
    op_to_json,
)
from consultant_app.domain.merge_clock import Clock, HybridClock
from consultant_app.gc_pause import pause_gc
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.sync_state import PARENTS
from consultant_app.sync import keys
from consultant_app.sync.bundles import Bundle, bundle_at, holds_sealed, new_bundles, own_bundles, write_bundle

if TYPE_CHECKING:
    from consultant_app.store import Store

DELETED = "_deleted"
AREAS = ("firm", "clients", "roles", "candidates", "interviews", "notes", "themes", "guides")  # what a sync touches
PARENTS_FIRST = {table: n for n, table in enumerate(PARENTS)}  # a record is written after those it refers to


@dataclass
class SyncReport:
    sent: int = 0  # changes sent
    received: int = 0  # changes taken in
    bundles_read: int = 0
    problems: list[str] = field(default_factory=list)


@pause_gc()  # hundreds of thousands of changes, kept while a bundle is taken in, form no cycles
def sync(store: Store, folder: Path, now=None) -> SyncReport:
    """Sends this workspace's changes to ``folder`` and takes in the other replicas' (see the module's text)."""
    keyed = keys.joined(store)
    if not keyed and (why := _why_keys_are_needed(store, folder)):
        raise KeysNeeded(f"{why}: join the firm's sync keys first (Preferences → Sync). Nothing was sent.")
    report = SyncReport()
    clock = _clock(store, now)
    ledger_before = store.sync_state.ledger()
    held = keys.Keys.load(store) if keyed else None
    if held is not None:
        keys.share(store, held)
    sent = _send(store, folder, clock)
    owners = _read(store, folder, clock, report, held)  # of the writes taken in: is one someone erased?
    if held is not None and (back := keys.clients_put_back(store)):
        with store.write("sync"):  # this laptop's member is on a client it dropped again: all is read again
            for client_id in back:
                store.sync_keys.read_everything_again(client_id)
        held.reload(store)
        owners |= _read(store, folder, clock, report, held)
    if held is not None and keys.share(store, held):  # members or assignments that arrived get the keys they lack
        sent += _send(store, folder, clock)
    report.sent = len(sent)
    owners |= {getattr(op, "owner", None) for op in sent}
    ledger = store.sync_state.ledger()
    erased = {op.candidate_id for op in _ledger(store) if not isinstance(op, Withdrawal)}
    if ledger != ledger_before or owners & erased:
        _take_out_of_own_bundles(store, folder, held)
    return report


class KeysNeeded(WorkspaceError):
    """This workspace may not sync into this folder until it joins the firm's sync keys (nothing was sent)."""


def _why_keys_are_needed(store: Store, folder: Path) -> str | None:
    if store.encrypted:
        return "This workspace is encrypted, and its changes would reach the sync folder unencrypted"
    if holds_sealed(folder):
        return "The firm seals what it syncs in this folder, and this workspace's changes would reach it unsealed"
    return None


def _read(store: Store, folder: Path, clock: HybridClock, report: SyncReport, held: keys.Keys | None) -> set:
    """Takes in the other replicas' new bundles, then those passed over for want of a key one of them brought;
    returns the owners of the writes taken in."""
    owners = set()
    for bundle in new_bundles(folder, store.replica.id, store.sync_state.read_up_to(), held and held.unseal):
        owners |= _apply(store, bundle, clock, report, held)
    while held is not None and (again := store.sync_keys.passed_over(fewer_keys_than=held.count)):
        count = held.count
        for replica, number in again:
            bundle = bundle_at(folder, replica, number, held.unseal)
            if bundle is not None:
                owners |= _apply(store, bundle, clock, report, held)
        if held.count == count:
            break
    return owners


def _apply(store: Store, bundle: Bundle, clock: HybridClock, report: SyncReport, held: keys.Keys | None) -> set:
    """Takes in one bundle in one transaction; one sealed for keys this replica lacks is noted to be read again.
    Returns the owners of its writes (not the writes: a sync may take in hundreds of thousands)."""
    report.bundles_read += 1
    if bundle.problem:
        report.problems.append(bundle.problem)
    try:
        ops = [op_from_json(change) for change in bundle.changes]
    except ValueError as exc:
        report.problems.append(f"bundle {bundle.number} of replica {bundle.replica} was passed over: {exc}")
        ops = []
    with store.write(*AREAS) as changes:
        store.sync_state.defer_references()
        for op in ops:
            clock.receive(op.clock)
        _take_in(store, ops, changes)
        _follow_assignments(store, ops)
        store.sync_state.mark_read(bundle.replica, bundle.number)
        if bundle.sealed_for_others:
            store.sync_keys.pass_over(bundle.replica, bundle.number, held.count if held else 0)
        else:
            store.sync_keys.read_at_last(bundle.replica, bundle.number)
        store.replica.save_clock(clock.wall_ms, clock.counter)
    keyed = ("sync_client_keys/", "sync_assignments/")
    if held is not None and any(isinstance(op, Write) and op.entity.startswith(keyed) for op in ops):
        held.reload(store)
    report.received += len(ops)
    return {getattr(op, "owner", None) for op in ops}


def _follow_assignments(store: Store, ops: list[Any]) -> None:
    """Inside the bundle's write: a client this laptop's member was taken off leaves the laptop."""
    touched = [op.entity for op in ops if isinstance(op, Write) and op.entity.startswith("sync_assignments/")]
    if not touched or not keys.joined(store):
        return
    merge = merge_of(store, touched)
    taken_off = {merge.value(entity, "client_id") for entity in touched if merge.value(entity, DELETED)} - {None}
    for client_id in keys.clients_to_drop(store, taken_off):
        removed = store.sync_keys.drop_client(client_id)
        store.audit.record("sync-taken-off-client", client_id=client_id, candidates=removed)


def resolve(store: Store, entity: str, field: str, text: str) -> None:
    """A person's choice for a conflict: ``text`` saved on the record the normal way, and marked so the next sync
    sends it as the write that replaces every version this laptop holds, even when it is the one already shown."""
    table, _, record_id = entity.partition("/")
    with store.write():
        if (table, field) == ("notes", "text"):
            store.notes.save(replace(store.notes.get(record_id), text=text))
        elif (table, field) == ("interviews", "summary"):
            store.interviews.save(replace(store.interviews.get(record_id), summary=text))
        else:
            raise ValueError(f"{entity} {field} is not a text a conflict is resolved in.")
        store.sync_state.mark_resolved(entity, field)


def conflicts(store: Store) -> list[tuple[str, str]]:
    """The (entity, field) of every text typed on two laptops since they last met, for a person to resolve."""
    return [register for register in store.sync_state.conflicted_registers() if field_kind(*register) == "text"]


def _clock(store: Store, now) -> HybridClock:
    wall, counter = store.replica.clock()
    replica = store.replica.id
    last = Clock(wall, counter, replica)
    return HybridClock(replica, now, last=last) if now else HybridClock(replica, last=last)


# -- going out -------------------------------------------------------------------------------------------------
def _parsed(text: str) -> Any:
    return op_from_json(json.loads(text))


def _send(store: Store, folder: Path, clock: HybridClock) -> list[Any]:
    state = store.sync_state
    pending = store.replica.pending()
    ops: list[Any] = []
    if pending:
        merge, erased_here, resolved = merge_of(store, pending), _erased_here(store), store.sync_state.resolved()
        for entity in pending:
            ops += _changes_of(store, merge, clock, entity, erased_here, resolved)
        with store.write():
            _keep(store, merge, {*pending, *(op.entity for op in ops if isinstance(op, Write))}, ops)
            for op in ops:
                if isinstance(op, Erasure):
                    store.sync_state.forget_owned(op.candidate_id)
            for scope, scoped in _by_scope(store, ops):
                state.to_outbox([op_to_json(op) for op in scoped], scope)
            store.replica.sent(pending)
            store.sync_state.forget_resolved()
            store.replica.save_clock(clock.wall_ms, clock.counter)
    _flush_outbox(store, folder)
    return ops


def _by_scope(store: Store, ops: list[Any]) -> list[tuple[str, list[Any]]]:
    """The operations grouped by who may read them (``sync.keys``), the firm's first: a client's records go to that
    client's readers; the firm's records, deletions and the erasure ledger (which name no one) to the firm."""
    if not ops:
        return []
    if not keys.joined(store):
        return [(keys.FIRM, ops)]
    clients = store.sync_keys.clients_of({op.entity for op in ops if isinstance(op, Write)})
    scopes: dict[str, list[Any]] = {keys.FIRM: []}
    for op in ops:
        client = clients.get(op.entity) if isinstance(op, Write) and op.field != DELETED else None
        scopes.setdefault(keys.client_scope(client) if client else keys.FIRM, []).append(op)
    return [(scope, scoped) for scope, scoped in scopes.items() if scoped]


def _changes_of(
    store: Store, merge: MergeState, clock: HybridClock, entity: str, erased_here: set[str], resolved: set
) -> list:
    table, _, record_id = entity.partition("/")
    values = store.sync_state.record(table, record_id)
    if values is None:
        return _gone(store, merge, clock, entity, erased_here)
    owner = store.sync_state.owner(table, record_id)
    changes = []
    scrubbed = table == "candidates" and bool(values.get("identity_erased"))
    if scrubbed and not merge.is_scrubbed(record_id):
        changes.append(merge.local_identity_erasure(clock.tick(), record_id, values["full_name"]))
    if merge.value(entity, DELETED):
        changes.append(merge.local_write(clock.tick(), entity, DELETED, False, owner))
    for name, value in values.items():
        if scrubbed and name in IDENTITY_FIELDS:
            continue  # the identity erasure says what they are everywhere
        chosen = (entity, name) in resolved  # a person resolved a conflict: sent even as the version shown
        if chosen or not merge.heads(entity, name) or merge.value(entity, name) != value:
            changes.append(merge.local_write(clock.tick(), entity, name, value, owner))
    if table == "candidates" and values.get("consent_withdrawn") and not merge.is_withdrawn(record_id):
        changes.append(merge.local_withdrawal(clock.tick(), record_id))
    if table == "guides" and changes and values.get("client_id"):  # edited as one: the guides it united go
        for other in _other_guides(store, values["client_id"], than=entity):
            merge.merge(merge_of(store, [other]))
            changes.append(merge.local_write(clock.tick(), other, DELETED, True, None))
    return changes


def _gone(store: Store, merge: MergeState, clock: HybridClock, entity: str, erased_here: set[str]) -> list[Any]:
    table, _, record_id = entity.partition("/")
    if table == "candidates" and record_id in erased_here:
        return [] if merge.is_erased(record_id) else [merge.local_erasure(clock.tick(), record_id)]
    owners = {w.owner for name in store.sync_state.fields(table) for w in merge.heads(entity, name)} - {None}
    if any(merge.is_erased(o) or o in erased_here for o in owners):
        return []  # went with an erased candidate: the erasure says it all
    if merge.value(entity, DELETED) or not any(merge.heads(entity, n) for n in store.sync_state.fields(table)):
        return []  # already deleted, or never sent
    owner = next(iter(owners), None)
    return [merge.local_write(clock.tick(), entity, DELETED, True, owner)]


def _erased_here(store: Store) -> set[str]:
    from consultant_app.store.erasures import ERASED

    return {candidate for candidate, erasure in store.erasures.all().items() if erasure.kind == ERASED}


def _take_out_of_own_bundles(store: Store, folder: Path, held: keys.Keys | None) -> None:
    """Rewrites this replica's own bundles without what an erasure removed: the erased candidates' writes, and
    the name and contacts of those whose identity was erased (other replicas do the same with theirs)."""
    ledger = _ledger(store)
    gone = {op.candidate_id for op in ledger if isinstance(op, Erasure)}
    scrubbed = {op.candidate_id for op in ledger if isinstance(op, IdentityErasure)}
    if not gone and not scrubbed:
        return
    deleted = set()  # records of someone whose identity was erased that were deleted: what they said goes too
    for candidate_id in scrubbed:
        heads = map(op_from_json, store.sync_state.heads_owned(candidate_id))
        deleted |= {w.entity for w in heads if w.field == DELETED and w.value is True}
    if deleted:
        with store.write():
            store.sync_state.drop_fields_of(deleted, DELETED)

    def erased(change: dict, replaced: set[str]) -> bool:
        if change.get("kind") != "write":
            return False
        table, _, record_id = change["entity"].partition("/")
        identity = table == "candidates" and change["field"] in IDENTITY_FIELDS and record_id in scrubbed
        # a text of theirs that a redacted one has replaced: history no replica needs to converge
        dead = change["entity"] in deleted and change["field"] != DELETED
        return change.get("owner") in gone or identity or dead or change["op_id"] in replaced

    for bundle in own_bundles(folder, store.replica.id, held and held.unseal):
        theirs = [c["op_id"] for c in bundle.changes if c.get("kind") == "write" and c.get("owner") in scrubbed]
        replaced = store.sync_state.superseded_among(theirs)
        kept = [change for change in bundle.changes if not erased(change, replaced)]
        if len(kept) < len(bundle.changes):
            seal = keys.seal_for(store, store.sync_keys.own_scope(bundle.number))
            write_bundle(folder, store.replica.id, bundle.number, kept, seal, replacing=True)


def _flush_outbox(store: Store, folder: Path) -> None:
    for number, scope, changes in store.sync_state.outbox():
        taken = _next_number(folder, store.replica.id)
        with store.write():  # before the file: rewriting it later seals it for the same readers
            store.sync_keys.note_own_scope(taken, scope)
        write_bundle(folder, store.replica.id, taken, changes, keys.seal_for(store, scope))
        with store.write():
            store.sync_state.written(number)


def _next_number(folder: Path, replica: str) -> int:
    own = folder / replica
    numbers = [int(p.stem) for p in own.glob("*.bundle") if p.stem.isdigit()] if own.is_dir() else []
    return max(numbers, default=0) + 1


# -- coming in -------------------------------------------------------------------------------------------------
def _take_in(store: Store, ops: list[Any], changes) -> None:
    with store.bulk.roomy_cache():  # a bundle's thousands of records and heads: written without spilling
        _merge_in(store, ops, changes)


def _merge_in(store: Store, ops: list[Any], changes) -> None:
    writes = [op for op in ops if isinstance(op, Write)]
    entities = {op.entity for op in writes}
    entities |= {f"candidates/{op.candidate_id}" for op in ops if isinstance(op, IdentityErasure)}
    merge = merge_of(store, entities)
    merge.add_superseded(store.sync_state.superseded_among(op.op_id for op in writes))
    erased = []
    for op in ops:
        merge.apply(op)
        if isinstance(op, Erasure):
            erased.append(op.candidate_id)
    _keep(store, merge, entities, ops)
    for op in ops:  # here too, with the identity this laptop still knows: its notes are redacted, and sent so
        if isinstance(op, IdentityErasure) and store.candidates.exists(op.candidate_id):
            pseudonym = merge.value(f"candidates/{op.candidate_id}", "full_name")
            store.candidates.erase_identity(op.candidate_id, "identity erased on another laptop", pseudonym)
    with store.replica.applying():
        for candidate_id in erased:
            store.sync_state.forget_owned(candidate_id)
            if store.candidates.exists(candidate_id):
                store.candidates.erase(candidate_id, reason="erased on another consultant's workspace")
        _rebuild(store, merge, entities)
        store.sync_state.put_waiting()
    texts = any(field_kind(op.entity, op.field) == "text" for op in writes)
    if texts and store.sync_state.has_identity_erasures():
        # a text typed elsewhere may name someone whose identity this laptop erased: redacted here and sent
        store.identities.redact_erased(store.identities.erased(), changes)


def _ledger(store: Store) -> list[Any]:
    return [_parsed(text) for text in store.sync_state.ledger()]


def _rebuild(store: Store, merge: MergeState, entities) -> None:
    """These entities' records rebuilt from their resolved values, a table at a time, parents first: deleted,
    or inserted or updated many at once (themes and guides one by one, as two laptops' may be one)."""
    by_table: dict[str, list[str]] = {}
    for entity in entities:
        by_table.setdefault(entity.partition("/")[0], []).append(entity)
    state = store.sync_state
    for table in sorted(by_table, key=lambda t: PARENTS_FIRST.get(t, 99)):
        gone, kept, owners = [], [], []
        for entity in by_table[table]:
            values, owner = _resolved(store, merge, entity)
            if values is None and table in ("themes", "guides"):
                state.delete_record(table, entity.partition("/")[2])
            elif values is None:
                gone.append(entity.partition("/")[2])
            elif table == "themes":
                _put_theme(store, values)
            elif table == "guides":
                _put_guide(store, values)
            elif "id" in values:
                kept.append(values)
                owners.append(owner)
        state.delete_records(table, gone)
        state.put_records(table, kept, owners)


def _resolved(store: Store, merge: MergeState, entity: str) -> tuple[dict[str, Any] | None, str | None]:
    """The record's fields as the merge resolves them (those written, or scrubbed), or None when it is gone —
    deleted, or owned by an erased candidate — and the candidate it belongs to."""
    table, _, record_id = entity.partition("/")
    heads = {name: merge.heads(entity, name) for name in store.sync_state.fields(table)}
    owners = {w.owner for written in heads.values() for w in written} - {None}
    owner = next(iter(owners), None)
    if merge.value(entity, DELETED) or any(merge.is_erased(o) for o in owners):
        return None, owner
    scrubbed = table == "candidates" and merge.is_scrubbed(record_id)
    values = {
        name: merge.value(entity, name)
        for name, written in heads.items()
        if written or (scrubbed and name in IDENTITY_FIELDS)
    }
    return values, owner


def _put_guide(store: Store, values: dict) -> None:
    """A client has one interview guide: two made for it on two laptops leave the one with the smaller id on
    every laptop alike, holding every question either had (no typed question is lost) until someone edits it."""
    if "id" not in values:
        return
    client_id = values.get("client_id")
    ours = store.sync_state.guide_for_client(client_id, values["id"])
    if ours is not None and ours > values["id"]:
        store.sync_state.delete_record("guides", ours)
    if ours is None or ours > values["id"]:
        store.sync_state.put_record("guides", values)
    if client_id is not None:
        _unite_guides(store, client_id)


def _unite_guides(store: Store, client_id: str) -> None:
    guides = _other_guides(store, client_id, None)
    if len(guides) < 2:
        return
    merge = merge_of(store, guides)
    questions: dict[str, list] = {}
    for entity in guides:  # the smaller id's first, section by section
        for section, asked in json.loads(merge.value(entity, "questions") or "{}").items():
            kept = questions.setdefault(section, [])
            kept += [q for q in asked if q not in kept]
    shown = store.sync_state.guide_for_client(client_id, "")
    if shown is not None:
        store.sync_state.set_field("guides", shown, "questions", json.dumps(questions))


def _other_guides(store: Store, client_id: str, than: str | None) -> list[str]:
    """The guides made for this client that the merge holds and no one deleted, but ``than``, in id order."""
    entities = store.sync_state.entities_naming("guides", "client_id", client_id)
    merge = merge_of(store, entities)
    return sorted(e for e in entities if e != than and not merge.value(e, DELETED) and merge.heads(e, "questions"))


def _put_theme(store: Store, values: dict) -> None:
    """Themes made on two laptops under one name (case aside) are one theme, the one with the smaller id, on
    every laptop alike; the other stays an alias of it, and notes tagged with it carry it."""
    state = store.sync_state
    if "id" not in values or values["id"] in state.theme_aliases():
        return
    ours = state.theme_named(values.get("name") or "", values["id"])
    if ours is not None and ours < values["id"]:
        state.merge_themes(values["id"], ours)
        return
    if ours is not None:
        state.merge_themes(ours, values["id"])  # its notes move over first (foreign keys wait for the commit)
    if values.get("parent_id") in state.theme_aliases():
        values = {**values, "parent_id": state.theme_aliases()[values["parent_id"]]}
    state.put_record("themes", values)


# -- the merge's state, kept in the workspace -------------------------------------------------------------------
def merge_of(store: Store, entities) -> MergeState:
    """The merge as far as these entities go: their registers' heads, and the whole erasure/withdrawal ledger."""
    merge = MergeState()
    for op in [*_ledger(store), *map(op_from_json, store.sync_state.heads_of(entities))]:
        merge.apply(op)
    return merge


def _keep(store: Store, merge: MergeState, entities, ops: list[Any]) -> None:
    """Writes back these entities' heads (those the merge dropped deleted, those it gained added), the ids the
    operations replaced, and the ledger's new entries."""
    state = store.sync_state
    entities = set(entities)
    synced = {table: {*state.fields(table), DELETED} for table in {e.partition("/")[0] for e in entities}}
    heads = {
        write.op_id: write
        for write in merge.all_heads()
        if write.entity in entities and write.field in synced[write.entity.partition("/")[0]]
    }
    held = state.head_ids_of(entities)
    state.drop_heads(held - heads.keys())
    gained = sorted(heads.keys() - held)  # in the order of the table's key: each row goes next to the last
    state.add_heads(op_to_json(heads[i]) for i in gained)
    state.add_superseded(i for op in ops if isinstance(op, Write) for i in op.supersedes)
    for op in ops:
        if isinstance(op, Erasure | IdentityErasure | Withdrawal):
            kind = {Erasure: "erasure", IdentityErasure: "identity", Withdrawal: "withdrawal"}[type(op)]
            state.add_to_ledger(op.op_id, op.candidate_id, kind, json.dumps(op_to_json(op)))
