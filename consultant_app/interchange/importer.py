"""Importing an interchange document: all or nothing, idempotent by id.

Every problem in the file is found before anything is written, and reported with its path. A
record whose id is already stored is updated when it differs and left alone when it does not,
so importing the same file twice changes nothing. Records are never deleted by an import. An
anonymous candidate with a completed interview arrives with their identity already erased. An
encrypted file (``sealing``) is opened in memory; a wrong key changes nothing either.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from consultant_app.domain import confidentiality
from consultant_app.domain.model import (
    Candidate,
    Client,
    Firm,
    Guide,
    Interview,
    Note,
    Role,
    Theme,
    new_id,
    now_iso,
)
from consultant_app.domain.wording import plural
from consultant_app.gc_pause import pause_gc
from consultant_app.interchange.document import (
    InterchangeError,
    decode_logo,
    parse_document,
    read_bytes,
    structural_problems,
    walk,
)
from consultant_app.interchange.sealing import Unseal, open_sealed
from consultant_app.store import NotFound, Store
from consultant_app.store.erasures import ERASED, IDENTITY

RECORD_TYPES = {"client": Client, "role": Role, "candidate": Candidate, "interview": Interview, "note": Note}
PARENT_FIELD = {"role": "client_id", "candidate": "client_id", "interview": "candidate_id", "note": "interview_id"}
PARTS = {"client": "clients", "role": "roles", "candidate": "candidates", "interview": "interviews", "note": "notes"}
KEPT_WHEN_ABSENT = ("created_at", "updated_at", "identity_erased")


@dataclass
class ImportResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    identities_erased: int = 0
    skipped: Counter = field(default_factory=Counter)  # erased candidates left out, by the date they were erased
    skipped_records: int = 0  # their interviews and notes

    def summary(self) -> str:
        kinds = ["theme", "guide", "client", "role", "candidate", "interview", "note"]
        parts = ["the firm profile"] if self.updated["firm"] else []
        parts += [
            f"{plural(self.created[k] + self.updated[k], k)} ("
            + ", ".join(f"{n} {what}" for n, what in ((self.created[k], "new"), (self.updated[k], "updated")) if n)
            + ")"
            for k in kinds
            if self.created[k] or self.updated[k]
        ]
        text = "; ".join(parts) if parts else "nothing new"
        if self.identities_erased:
            text += f"; {plural(self.identities_erased, 'anonymous identity', 'anonymous identities')} erased"
        if self.skipped:
            dates = ", ".join(sorted(self.skipped))
            count = sum(self.skipped.values())
            text += f". {plural(count, 'candidate')} skipped: erased on {dates}"
            if self.skipped_records:
                text += f" (with {self.skipped_records} of their interviews and notes)"
        return f"Imported {text}."


def import_file(store: Store, path: Path, key: Unseal | None = None) -> ImportResult:
    """Imports the file at ``path``; an encrypted one is opened in memory with ``key`` first."""
    with pause_gc():
        return import_document(store, parse_document(open_sealed(read_bytes(path), key)))


def import_document(store: Store, doc: Any) -> ImportResult:
    """Checks the whole document, then writes it in one transaction (or raises, changing nothing)."""
    with pause_gc():
        return _import(store, doc)


def _import(store: Store, doc: Any) -> ImportResult:
    problems = structural_problems(doc)
    if problems:
        raise InterchangeError(problems)
    result = ImportResult()
    ledger = store.erasures.all()
    pseudonyms = {e.candidate_id: e.pseudonym for e in ledger.values() if e.kind == IDENTITY}
    records = _without_erased(store, list(walk(doc)), ledger, result, pseudonyms)
    existing = {
        kind: store.bulk.existing(getattr(store, PARTS[kind]), [r["id"] for k, _, r, _ in records if k == kind])
        for kind in RECORD_TYPES
    }
    problems = _reference_problems(store, records, existing)
    if problems:
        raise InterchangeError(problems)
    built = {kind: [] for kind in RECORD_TYPES}
    for kind, _path, record, parent in records:
        if kind in RECORD_TYPES:
            built[kind].append(_build(kind, _path, record, parent, existing[kind].get(record["id"])))
    erased_in_file = {r["id"] for k, _, r, _ in records if k == "candidate" and r.get("identity_erased")}
    erased_people = _apply_anonymity(store, built, existing, erased_in_file, pseudonyms, result)
    with store.bulk.roomy_cache(), store.write() as changes:
        if "firm" in doc and replace(store.firm.get(), **_firm_changes(doc["firm"])) != store.firm.get():
            store.firm.update(**_firm_changes(doc["firm"]))
            result.updated["firm"] = 1
        for record in (r for k, _, r, _ in records if k == "theme"):
            _tally(result, "theme", _merge_theme(store, record))
        for kind, items in built.items():
            count = store.bulk.merge(getattr(store, PARTS[kind]), items, existing[kind])
            if count.created or count.updated:
                changes.touch(PARTS[kind])
            for tally, n in (
                (result.created, count.created),
                (result.updated, count.updated),
                (result.unchanged, count.unchanged),
            ):
                if n:
                    tally[kind] = n
        for record in (r for k, _, r, _ in records if k == "guide"):
            _tally(result, "guide", _merge_guide(store, record))
        store.audit.record("import", created=dict(result.created), updated=dict(result.updated))
        for person in erased_people:
            store.identities.erase_everywhere(person.full_name, person.email, person.phone, changes)
        if ledger:  # people erased before this file was written, named in its notes
            store.identities.redact_erased(store.identities.erased(), changes)
        if erased_people:
            store.maintenance.request_purge(changes)
    return result


def _without_erased(
    store: Store, records: list, ledger: dict, result: ImportResult, identities: dict[str, str | None]
) -> list:
    """The records less every candidate the erasure ledger erased (by id, or by e-mail or phone under another id)
    and everything under them, counted in ``result``: an older file never brings an erased person back. A person
    whose identity was erased, arriving under a new id, is added to ``identities`` to be erased again."""
    kept, gone = [], set()  # ids of the skipped records' objects
    by_contact = store.erasures.by_contact(ledger)
    for kind, path, record, parent in records:
        if parent is not None and id(parent) in gone:
            gone.add(id(record))
            result.skipped_records += 1
            continue
        if kind == "candidate" and record.get("id") not in ledger:
            entry = store.erasures.contact_matches(_text(record, "email"), _text(record, "phone"), by_contact)
            if entry is not None and entry.kind == IDENTITY:  # the same person under a new id: a pseudonym again
                identities[record.get("id")] = None
            elif entry is not None:
                gone.add(id(record))
                result.skipped[entry.erased_on] += 1
                continue
        elif kind == "candidate" and ledger[record["id"]].kind == ERASED:
            gone.add(id(record))
            result.skipped[ledger[record["id"]].erased_on] += 1
            continue
        kept.append((kind, path, record, parent))
    return kept


def _text(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) else None


def _reference_problems(store: Store, records: list, existing: dict[str, dict[str, Any]]) -> list[str]:
    problems, seen = [], {}
    doc_roles = {}  # role id -> client id in the document
    doc_clients = set()
    for kind, path, record, parent in records:
        if kind in ("theme", "guide"):
            continue
        key = (kind, record["id"])
        if key in seen:
            problems.append(f"{path}.id: the id {record['id']!r} is used twice (also at {seen[key]})")
        seen[key] = path
        if kind == "client":
            doc_clients.add(record["id"])
        if kind == "role":
            doc_roles[record["id"]] = parent["id"]
        stored = existing[kind].get(record["id"])
        if stored is not None and kind in PARENT_FIELD and getattr(stored, PARENT_FIELD[kind]) != parent["id"]:
            problems.append(
                f"{path}.id: {record['id']!r} already belongs to another {_parent_noun(kind)} in this workspace"
            )
    for kind, path, record, parent in records:
        if kind == "candidate" and record.get("role_id"):
            role_id = record["role_id"]
            owner = doc_roles.get(role_id)
            if owner is None and store.roles.exists(role_id):
                owner = store.roles.get(role_id).client_id
            if owner != parent["id"]:
                problems.append(f"{path}.role_id: no role {role_id!r} for this client")
        if (
            kind == "guide"
            and record.get("client_id")
            and record["client_id"] not in doc_clients
            and not store.clients.exists(record["client_id"])
        ):
            problems.append(f"{path}.client_id: no client {record['client_id']!r}")
    return problems


def _parent_noun(kind: str) -> str:
    return {"role": "client", "candidate": "client", "interview": "candidate", "note": "interview"}[kind]


def _build(kind: str, path: str, record: dict[str, Any], parent: dict[str, Any] | None, stored: Any) -> Any:
    cls = RECORD_TYPES[kind]
    names = {f.name for f in fields(cls)}
    lists = {f.name for f in fields(cls) if f.default_factory in (list, dict)}
    values = {k: v for k, v in record.items() if k in names and not (v is None and k in lists)}  # null list = empty
    if kind in PARENT_FIELD:
        values[PARENT_FIELD[kind]] = parent["id"]
    if kind == "client":
        values["logo"] = decode_logo(record.get("logo"))
    if kind == "note":
        values["position"] = int(path.rsplit("[", 1)[1].rstrip("]"))
        values["themes"] = sorted({" ".join(t.split()) for t in record.get("themes") or []}, key=str.casefold)
    for name in KEPT_WHEN_ABSENT:
        if name in names and name not in record:
            values[name] = (
                getattr(stored, name) if stored is not None else (now_iso() if name.endswith("_at") else False)
            )
    return cls(**values)


def _apply_anonymity(
    store: Store,
    built: dict[str, list],
    existing: dict[str, dict],
    erased_in_file: set[str],
    pseudonyms: dict[str, str | None],
    result: ImportResult,
) -> list[Candidate]:
    """Erases identities the anonymity rule or the erasure ledger (``pseudonyms``: candidate id → the pseudonym
    given when their identity was erased) forbids keeping, in memory, before anything is written. Returns the
    people erased, as they were, to be redacted in the rest of the workspace once it is written."""
    interviews_of: dict[str, list[Interview]] = {}
    for interview in built["interview"]:
        interviews_of.setdefault(interview.candidate_id, []).append(interview)
    notes_of: dict[str, list[Note]] = {}
    for note in built["note"]:
        notes_of.setdefault(note.interview_id, []).append(note)
    anonymous = [c for c in built["candidate"] if c.disclosure == "anonymous" and c.id in existing["candidate"]]
    stored_interviews = {c.id: store.interviews.for_candidate(c.id) for c in anonymous}
    taken = {c.full_name for c in existing["candidate"].values() if c.identity_erased}
    erased_people, region = [], store.firm.get().phone_region
    replaced: dict[tuple[str, str], Any] = {}
    for index, candidate in enumerate(built["candidate"]):
        stored = existing["candidate"].get(candidate.id)
        interviews = interviews_of.get(candidate.id, [])
        erased_here = stored is not None and stored.identity_erased
        already_erased = erased_here or candidate.id in pseudonyms
        every_interview = interviews + stored_interviews.get(candidate.id, [])
        if candidate.id in erased_in_file:  # arrives erased: its name is a pseudonym, nothing in it to redact
            if erased_here and candidate.full_name != stored.full_name:
                built["candidate"][index] = replace(candidate, full_name=stored.full_name)  # a pseudonym stays
            continue
        if not (already_erased or confidentiality.must_erase_identity(candidate, every_interview)):
            continue
        if erased_here:
            pseudonym = stored.full_name
        else:
            pseudonym = pseudonyms.get(candidate.id) or confidentiality.new_pseudonym(taken)
        taken.add(pseudonym)
        notes = [n for i in interviews for n in notes_of.get(i.id, [])]
        erased, new_interviews, new_notes = confidentiality.erase_identity(
            candidate, interviews, notes, pseudonym, region
        )
        built["candidate"][index] = erased
        replaced.update((("interview", r.id), r) for r in new_interviews)
        replaced.update((("note", r.id), r) for r in new_notes)
        if not already_erased:
            result.identities_erased += 1
        erased_people.append(candidate)
    for kind in ("interview", "note"):
        built[kind] = [replaced.get((kind, r.id), r) for r in built[kind]]
    return erased_people


def _firm_changes(firm: dict[str, Any]) -> dict[str, Any]:
    changes = {k: v for k, v in firm.items() if k in {f.name for f in fields(Firm)} and k != "logo"}
    if "logo" in firm:
        changes["logo"] = decode_logo(firm["logo"])
    return changes


def _tally(result: ImportResult, kind: str, change: str | None) -> None:
    if change:
        (result.created if change == "created" else result.updated)[kind] += 1


def _merge_theme(store: Store, record: dict[str, Any]) -> str | None:
    """Themes are matched by name; the document's colour and description win when given."""
    name = " ".join(record["name"].split())
    try:
        current = store.themes.by_name(name)
    except NotFound:
        current = None
        theme_id = new_id() if store.themes.exists(record["id"]) else record["id"]
    base = current or Theme(name=name, id=theme_id)
    merged = Theme(
        name=base.name,
        id=base.id,
        color=record.get("color", base.color),
        description=record.get("description", base.description),
    )
    if merged != current:
        store.themes.save(merged)
        return "updated" if current else "created"
    return None


def _merge_guide(store: Store, record: dict[str, Any]) -> str | None:
    """Guides are matched by id, and a client's guide by client (a client has one guide)."""
    client_id = record.get("client_id")
    guide_id = record["id"]
    if client_id and not store.guides.exists(guide_id):
        current = store.guides.for_client(client_id)
        guide_id = current.id if current.client_id == client_id else guide_id
    guide = Guide(id=guide_id, name=record["name"], client_id=client_id, questions=record.get("questions", {}))
    existed = store.guides.exists(guide.id)
    if not existed or store.guides.get(guide.id) != guide:
        store.guides.save(guide)
        return "updated" if existed else "created"
    return None
