"""Importing an interchange document: all or nothing, idempotent by id.

A file is read as a stream (``stream``) and checked and written a batch at a time in one transaction, so its
size costs no memory: every problem in it, found however late, is reported with its path and rolls the whole
import back. A record whose id is already stored is updated when it differs and left alone when it does not,
so importing the same file twice changes nothing. Records are never deleted by an import. An anonymous
candidate with a completed interview arrives with their identity already erased. An encrypted file
(``sealing``) is decrypted as it is read; a wrong key changes nothing either.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from operator import itemgetter
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
from consultant_app.domain.validation import check_fields
from consultant_app.domain.wording import plural
from consultant_app.gc_pause import pause_gc
from consultant_app.interchange.document import (
    CHILDREN,
    TOP_LEVEL,
    InterchangeError,
    decode_logo,
    logo_problems,
    top_level_problems,
)
from consultant_app.interchange.sealing import Unseal, opened
from consultant_app.interchange.stream import Item, LateClientField, document_items, read_items
from consultant_app.store import NotFound, Store
from consultant_app.store.erasures import ERASED, IDENTITY

RECORD_TYPES = {"client": Client, "role": Role, "candidate": Candidate, "interview": Interview, "note": Note}
PARENT_FIELD = {"role": "client_id", "candidate": "client_id", "interview": "candidate_id", "note": "interview_id"}
PARTS = {"client": "clients", "role": "roles", "candidate": "candidates", "interview": "interviews", "note": "notes"}
KEPT_WHEN_ABSENT = ("created_at", "updated_at", "identity_erased")
BATCH_RECORDS = 5000  # records checked and written at a time: a few megabytes


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
    """Imports the file at ``path`` as it is read, with bounded memory; an encrypted one is decrypted as it is read
    (or in memory, with a passphrase: ``sealing.opened``) with ``key``."""
    with pause_gc():
        return _import(store, lambda first: _file_items(Path(path), key, first))


def _file_items(path: Path, key: Unseal | None, first: bool) -> Iterator[Item]:
    with opened(path, key) as reopen:
        yield from read_items(reopen, first)


def import_document(store: Store, doc: Any) -> ImportResult:
    """Checks the whole document, then writes it in one transaction (or raises, changing nothing)."""
    with pause_gc():
        return _import(store, lambda first: document_items(doc, first))


def _import(store: Store, items: Callable[[bool], Iterator[Item]]) -> ImportResult:
    """Imports the items with each client before its candidates, or, in a file where a client's field comes after
    its candidates (rolled back when found), after them: stored later, as SQLite's deferred foreign keys allow,
    which costs a child-row look-up for every parent row written meanwhile."""
    try:
        return _import_once(store, items, first=True)
    except LateClientField:
        return _import_once(store, items, first=False)


def _import_once(store: Store, items: Callable[[bool], Iterator[Item]], first: bool) -> ImportResult:
    """Checks and writes the items as they come, in one transaction: any problem, found however late, rolls it
    all back, and every problem is reported (``InterchangeError``)."""
    with store.bulk.roomy_cache(), store.write() as changes:
        store.bulk.begin_import()
        session = _Session(store, changes, lambda: items(first))
        for item in items(first):
            session.add(item)
        session.finish()
    return session.result


class _Session:
    """One import under way: the checks that span records (ids used twice, roles, guides' clients) and the batch
    of records waiting to be written."""

    def __init__(self, store: Store, changes: Any, again: Callable[[], Iterator[Item]]) -> None:
        self.store, self.changes, self.result, self.again = store, changes, ImportResult(), again
        self.ledger = store.erasures.all()
        self.pseudonyms = {e.candidate_id: e.pseudonym for e in self.ledger.values() if e.kind == IDENTITY}
        self.by_contact = store.erasures.by_contact(self.ledger)
        self.region = store.firm.get().phone_region
        self.top: dict[str, Any] = {}
        self.problems: list[tuple[tuple, int, str]] = []  # (order in the document, part, problem)
        self.references: list[tuple[tuple, int, str]] = []
        self.seen: set[int] = set()  # hashes of (kind, id): a few bytes a record, where paths would take hundreds
        self.twice: list[tuple[str, str, str, tuple]] = []
        self.doc_roles: dict[str, str] = {}
        self.doc_clients: set[str] = set()
        self.role_checks: list[tuple[str, str, str, tuple]] = []
        self.guides: list[tuple[str, dict[str, Any], tuple]] = []
        self.theme_parents: list[tuple[str, dict[str, Any]]] = []
        self.taken: set[str] = set()
        self.erased_people: list[Candidate] = []
        self.batch: list[tuple[str, str, dict[str, Any], Any, tuple]] = []
        self.gone: set[int] = set()
        self.empty = {  # a table empty at the start holds only what this import wrote: ids used twice, by hash
            kind for kind in RECORD_TYPES if store.bulk.is_empty(getattr(store, PARTS[kind]))
        }

    @property
    def writing(self) -> bool:
        return not (self.problems or self.references)

    def add(self, item: Item) -> None:
        kind, path, record, parent, order = item
        if kind == "top":
            self._top(path, record)
            return
        if not isinstance(record, dict):
            self.problems.append((*_list_order(kind, order), f"{path}: expected an object"))
            return
        self._check(kind, path, record, order)
        if kind == "theme":
            if self.writing:
                _tally(self.result, "theme", _merge_theme(self.store, record))
            if isinstance(record.get("parent"), str):
                self.theme_parents.append((path, record))
        elif kind == "guide":
            self.guides.append((path, record, order))
        elif self.writing and not self._skipped(kind, record, parent):
            if kind in ("client", "role", "candidate") and len(self.batch) >= BATCH_RECORDS:
                self._flush()
            self.batch.append((kind, path, record, parent, order))

    def _top(self, key: str, value: Any) -> None:
        self.top[key] = value
        if key not in TOP_LEVEL:
            return
        if key in ("themes", "guides", "clients"):
            if value is not None and not isinstance(value, list):
                self.problems.append(((2,), 0, f"{key}: expected a list"))
            if key != "clients":
                at = 3 if key == "themes" else 4
                for i, record in enumerate(value if isinstance(value, list) else []):
                    self.add((key[:-1], f"{key}[{i}]", record, None, (at, i)))
        elif key == "firm":
            if isinstance(value, dict):
                problems = check_fields("firm", value, "firm") + logo_problems(value, "firm")
                self.problems += [((1,), 0, p) for p in problems]
            else:
                self.problems.append(((1,), 0, "firm: expected an object"))

    def _check(self, kind: str, path: str, record: dict[str, Any], order: tuple) -> None:
        children = CHILDREN.get(kind, ())
        extra = children + (("client_id",) if kind == "guide" else ())
        self.problems += [(order, 0, p) for p in check_fields(kind, record, path, allowed_extra=extra)]
        self.problems += [
            (order, 1, f"{path}.{key}: expected a list")
            for key in children
            if record.get(key) is not None and not isinstance(record[key], list)
        ]
        if kind == "client":
            self.problems += [(order, 2, p) for p in logo_problems(record, path)]
        if kind == "guide" and not isinstance(record.get("client_id", ""), (str, type(None))):
            self.problems.append((order, 2, f"{path}.client_id: expected text"))

    def _skipped(self, kind: str, record: dict[str, Any], parent: Any) -> bool:
        """True for a candidate the erasure ledger erased (by id, or by e-mail, phone or ATS id under another id) and
        everything under them, counted: an older file never brings an erased person back. A person whose identity
        was erased, arriving under a new id, is erased again (``pseudonyms``)."""
        if kind == "candidate":
            self.gone.clear()  # a candidate's interviews and notes follow it: only its own are ever looked up
        elif parent is not None and id(parent) in self.gone:
            self.gone.add(id(record))
            self.result.skipped_records += 1
            return True
        if kind != "candidate":
            return False
        entry = self.ledger.get(record["id"])
        if entry is None:
            entry = self.store.erasures.contact_matches(
                _text(record, "email"),
                _text(record, "phone"),
                self.by_contact,
                ats=(parent and parent.get("id"), _text(record, "external_id")),
            )
            if entry is not None and entry.kind == IDENTITY:  # the same person under a new id: a pseudonym again
                self.pseudonyms[record["id"]] = None
                return False
        if entry is None or entry.kind != ERASED and record["id"] in self.ledger:
            return False
        self.gone.add(id(record))
        self.result.skipped[entry.erased_on] += 1
        return True

    def _flush(self) -> None:
        records, self.batch = self.batch, []
        if not records or not self.writing:
            return
        existing = {
            kind: {}
            if kind in self.empty
            else self.store.bulk.existing(
                getattr(self.store, PARTS[kind]), [r["id"] for k, _, r, _, _ in records if k == kind]
            )
            for kind in RECORD_TYPES
        }
        self._references(records, existing)
        if not self.writing:
            return
        built: dict[str, list] = {kind: [] for kind in RECORD_TYPES}
        for kind, path, record, parent, _order in records:
            built[kind].append(_build(kind, path, record, parent, existing[kind].get(record["id"])))
        erased_in_file = {r["id"] for k, _, r, _, _ in records if k == "candidate" and r.get("identity_erased")}
        self.taken.update(c.full_name for c in existing["candidate"].values() if c.identity_erased)
        self.erased_people += _apply_anonymity(
            self.store, built, existing, erased_in_file, self.pseudonyms, self.result, self.taken, self.region
        )
        for kind, items in built.items():
            count = self.store.bulk.merge(getattr(self.store, PARTS[kind]), items, existing[kind])
            if count.created or count.updated:
                self.changes.touch(PARTS[kind])
            for tally, n in (
                (self.result.created, count.created),
                (self.result.updated, count.updated),
                (self.result.unchanged, count.unchanged),
            ):
                tally[kind] += n

    def _references(self, records: list, existing: dict[str, dict[str, Any]]) -> None:
        for kind, path, record, parent, order in records:
            key = hash((kind, record["id"]))
            if key in self.seen:  # its stored copy is the one this import wrote: no parent to compare
                self.twice.append((kind, record["id"], path, order))
                continue
            self.seen.add(key)
            if kind == "client":
                self.doc_clients.add(record["id"])
            if kind == "role":
                self.doc_roles[record["id"]] = parent["id"]
            stored = existing[kind].get(record["id"])
            if stored is not None and kind in PARENT_FIELD and getattr(stored, PARENT_FIELD[kind]) != parent["id"]:
                self.references.append(
                    (
                        (0, order),
                        0,
                        f"{path}.id: {record['id']!r} already belongs to another {_parent_noun(kind)} in this "
                        "workspace",
                    )
                )
            if kind == "candidate" and record.get("role_id"):
                self.role_checks.append((path, record["role_id"], parent["id"], order))
        self._check_roles(final=False)

    def _check_roles(self, final: bool) -> None:
        """Candidates' roles: of the same client, in the file or stored; a role the file has not reached yet is
        looked for again at the end."""
        later = []
        for path, role_id, client_id, order in self.role_checks:
            owner = self.doc_roles.get(role_id)
            if owner is None and self.store.roles.exists(role_id):
                owner = self.store.roles.get(role_id).client_id
            if owner is None and not final:
                later.append((path, role_id, client_id, order))
            elif owner != client_id:
                self.references.append(((1, order), 0, f"{path}.role_id: no role {role_id!r} for this client"))
        self.role_checks = later

    def finish(self) -> None:
        """Checks what only the whole file tells, writes the rest, or raises with every problem (rolling back)."""
        top = top_level_problems(self.top)
        if top:
            raise InterchangeError(top)
        self._flush()
        if self.problems:
            raise InterchangeError([p for *_, p in sorted(self.problems, key=itemgetter(0, 1))])
        self._check_roles(final=True)
        for path, record, order in self.guides:
            client_id = record.get("client_id")
            if client_id and client_id not in self.doc_clients and not self.store.clients.exists(client_id):
                self.references.append(((1, order), 0, f"{path}.client_id: no client {client_id!r}"))
        self.references += self._twice()
        if self.references:
            raise InterchangeError([p for *_, p in sorted(self.references, key=itemgetter(0, 1))])
        self._write_rest()

    def _twice(self) -> list[tuple[tuple, int, str]]:
        """Ids used twice, with where each was first used (found again: only hashes were kept on the way)."""
        if not self.twice:
            return []
        wanted = {(kind, rid) for kind, rid, _, _ in self.twice}
        last: dict[tuple[str, str], str] = {}
        before: dict[str, str] = {}  # path of a second use -> path of the use before it
        for kind, path, record, _parent, _order in self.again():
            if kind != "top" and isinstance(record, dict) and (kind, record.get("id")) in wanted:
                if (kind, record["id"]) in last:
                    before[path] = last[(kind, record["id"])]
                last[(kind, record["id"])] = path
        return [
            ((0, order), 0, f"{path}.id: the id {rid!r} is used twice (also at {before[path]})")
            for kind, rid, path, order in self.twice
            if path in before  # else two ids that only share a hash
        ]

    def _write_rest(self) -> None:
        """The firm profile, guides, the audit entry and the erasures, once every record is written."""
        store, changes, result = self.store, self.changes, self.result
        firm = self.top.get("firm")
        if firm is not None and replace(store.firm.get(), **_firm_changes(firm)) != store.firm.get():
            store.firm.update(**_firm_changes(firm))
            result.updated["firm"] = 1
        for _path, record, _order in self.guides:
            _tally(result, "guide", _merge_guide(store, record))
        for path, record in self.theme_parents:
            _place_theme(store, path, record)
        for tally in (result.created, result.updated, result.unchanged):
            tally += Counter()  # drops the kinds counted zero times
        store.audit.record("import", created=dict(result.created), updated=dict(result.updated))
        for person in self.erased_people:
            store.identities.erase_everywhere(
                person.full_name, person.email, person.phone, changes, person.external_id, person.client_id
            )
        if self.ledger:  # people erased before this file was written, named in its notes
            store.identities.redact_erased(store.identities.erased(), changes)
        if self.erased_people:
            store.maintenance.request_purge(changes)


def _list_order(kind: str, order: tuple) -> tuple[tuple, int]:
    """Where the whole-file check listed an item of a list that is not an object: with the list's owner."""
    if kind in ("theme", "guide", "client"):
        return (2,), 1
    if kind in ("role", "candidate"):
        return (*order[:2], 0), 1
    return order[:-1], 1


def _text(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) else None


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
    taken: set[str],
    region: str,
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
    erased_people = []
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
        parent_id=base.parent_id,  # placed once every theme is in (``_place_theme``)
    )
    if merged != current:
        store.themes.save(merged)
        return "updated" if current else "created"
    return None


def _place_theme(store: Store, path: str, record: dict[str, Any]) -> None:
    """Puts a theme under the one its ``parent`` names (added to the codebook if new), as the store allows."""
    theme = store.themes.by_name(record["name"])
    parent_id = store.themes.ensure([record["parent"]])[record["parent"]]
    if theme.parent_id != parent_id:
        theme.parent_id = parent_id
        try:
            store.themes.save(theme)
        except ValueError as exc:
            raise InterchangeError([f"{path}.parent: {exc}"]) from None


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
