"""Exporting a workspace, or one client, to the interchange format.

``scope="workspace"`` and ``scope="client-internal"`` keep everything (a firm's own transfer or
archive; export → import → export gives the same document). ``scope="client"`` is a client
output and goes through the confidentiality rules: consent withdrawn → left out; only shareable
notes, redacted unless the candidate is named; identity, exact dates, roles and timestamps only
for named candidates; never consultants or summaries; fresh ids and pseudonyms on every export.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from consultant_app.domain import confidentiality
from consultant_app.domain.model import new_id
from consultant_app.domain.validation import RECORD_SPECS
from consultant_app.interchange.document import FORMAT, VERSION, encode_logo
from consultant_app.leftovers import partial_file
from consultant_app.store import Store, WorkspaceError

SCOPES = ("workspace", "client-internal", "client")
_NAMED_ONLY = {  # what a client-safe export keeps only for a candidate who agreed to be named
    "candidate": ("consent_date", "offer_date", "decline_date", "role_id", "source"),
    "interview": ("scheduled_at", "conducted_at", "consultant", "created_at", "updated_at"),
}
_NEVER_TO_A_CLIENT = {"candidate": ("email", "phone", "identity_erased", "archived")}  # named lifts the name only


def export_document(store: Store, client_id: str | None = None, scope: str | None = None) -> dict[str, Any]:
    """The interchange document for the workspace, or for one client in the given scope."""
    scope = scope or ("client-internal" if client_id else "workspace")
    if scope not in SCOPES or (scope != "workspace") != bool(client_id):
        raise ValueError("A client export needs a client; a workspace export takes none.")
    clients = [store.clients.get(client_id)] if client_id else store.clients.list(include_archived=True)
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "scope": scope}
    if scope == "workspace":
        doc["firm"] = _record("firm", store.firm.get())
    client_docs = [_client_doc(store, c, safe=scope == "client") for c in clients]
    used = {
        t
        for c in client_docs
        for p in c.get("candidates", [])
        for i in p.get("interviews", [])
        for n in i.get("notes", [])
        for t in n.get("themes", [])
    }
    themes = [t for t in store.themes.list() if scope == "workspace" or t.name in used]
    doc["themes"] = [_record("theme", t) for t in themes]
    guides = [g for g in store.guides.list() if scope == "workspace" or g.client_id == client_id]
    doc["guides"] = [dict(_record("guide", g), **({"client_id": g.client_id} if g.client_id else {})) for g in guides]
    doc["clients"] = client_docs
    return {k: v for k, v in doc.items() if v != []}


def interview_document(client: Any, role: Any, candidate: Any, interview: Any, notes: list) -> dict[str, Any]:
    """A firm-internal document of one interview as it stands in memory: what a call is kept in when the
    workspace file can no longer be written, to be imported once it is back."""
    idoc = _record("interview", interview)
    ndocs = [_record("note", n) for n in notes if n.text.strip()]
    if ndocs:
        idoc["notes"] = ndocs
    cdoc = _record("client", client)
    if role is not None:
        cdoc["roles"] = [_record("role", role)]
    cdoc["candidates"] = [dict(_record("candidate", candidate), interviews=[idoc])]
    return {"format": FORMAT, "version": VERSION, "scope": "client-internal", "clients": [cdoc]}


def export_file(store: Store, path: Path, client_id: str | None = None, scope: str | None = None) -> dict[str, int]:
    """Writes the document atomically (a partial file never replaces a good one); returns counts."""
    doc = export_document(store, client_id, scope)
    counts = {
        "clients": len(doc.get("clients", [])),
        "candidates": sum(len(c.get("candidates", [])) for c in doc.get("clients", [])),
        "interviews": sum(
            len(p.get("interviews", [])) for c in doc.get("clients", []) for p in c.get("candidates", [])
        ),
    }
    write_json_atomically(Path(path), doc)
    store.audit.record("export-interchange", scope=doc["scope"], client_id=client_id, file=Path(path).name, **counts)
    return counts


def write_json_atomically(path: Path, doc: Any) -> None:
    try:
        temp = partial_file(path)
    except OSError as exc:
        raise WorkspaceError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    try:
        with temp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1, allow_nan=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise WorkspaceError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)


def _record(kind: str, obj: Any, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """The document fields of a record, in the documented order, without empty values."""
    out = {}
    for name in RECORD_SPECS[kind]:
        if name in drop or not hasattr(obj, name):
            continue
        value = getattr(obj, name)
        if name == "logo":
            value = encode_logo(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value is None or value is False or value == [] or value == {}:
            continue
        out[name] = value
    return out


def _companies_shown(store: Store, interviews_of: dict[str, list]) -> list[str]:
    """The competitors a client-safe export may name: those at least k of this client's candidates went to."""
    k = store.firm.get().min_group_size
    wins = Counter(
        " ".join(i.competing_company.split())
        for found in interviews_of.values()
        for i in found
        if i.competing_company and i.status == "completed"
    )
    return [company for company, n in wins.items() if n >= k]


def _client_doc(store: Store, client: Any, safe: bool) -> dict[str, Any]:
    doc = _record("client", client, drop=("contact_name", "contact_email", "contact_phone", "archived") if safe else ())
    roles = store.roles.for_client(client.id, include_archived=True)
    interviews_of: dict[str, list] = {}
    for interview in store.interviews.for_client(client.id):
        interviews_of.setdefault(interview.candidate_id, []).append(interview)
    notes_of: dict[str, list] = {}
    for note in store.notes.for_client(client.id):
        notes_of.setdefault(note.interview_id, []).append(note)
    shown = _companies_shown(store, interviews_of) if safe else []
    hidden = confidentiality.companies_to_hide(store.interviews.competing_companies(), shown)
    redactor = store.identities.redactor(companies=hidden) if safe else None
    reviews = store.quotes.for_notes(n.id for found in notes_of.values() for n in found) if safe else {}
    review_required = store.firm.get().review_quotes
    candidates = []
    pseudonyms: set[str] = set()
    for candidate in store.candidates.for_client(client.id, include_archived=True):
        if safe and not confidentiality.in_outputs(candidate):
            continue
        named = confidentiality.identity_may_appear(candidate)
        drop = () if named or not safe else _NAMED_ONLY["candidate"]
        cdoc = _record("candidate", candidate, drop=drop + (_NEVER_TO_A_CLIENT["candidate"] if safe else ()))
        if safe:
            cdoc["id"] = new_id()
            if not named:
                cdoc["full_name"] = confidentiality.new_pseudonym(pseudonyms)
                pseudonyms.add(cdoc["full_name"])
        idocs = []
        for interview in interviews_of.get(candidate.id, []):
            idrop = (() if named or not safe else _NAMED_ONLY["interview"]) + (
                ("summary", "consultant") if safe else ()
            )
            idoc = _record("interview", interview, drop=idrop)
            notes = notes_of.get(interview.id, [])
            if safe:
                idoc["id"] = new_id()
                if idoc.get("competing_company"):
                    idoc["competing_company"] = confidentiality.company_shown(idoc["competing_company"], shown)
                notes = [
                    n
                    for n in notes
                    if confidentiality.may_quote(n, candidate)
                    and confidentiality.quote_cleared(n, reviews.get(n.id), review_required)
                ]
            ndocs = []
            for note in notes:
                ndoc = _record("note", note, drop=("created_at", "updated_at") if safe and not named else ())
                if safe:
                    ndoc["id"] = new_id()
                    edits = reviews[note.id].edits_for(note.text) if note.id in reviews else ((), ())
                    ndoc["text"] = confidentiality.printed_quote(note, candidate, redactor, *edits).text
                ndocs.append(ndoc)
            if ndocs:
                idoc["notes"] = ndocs
            idocs.append(idoc)
        if idocs:
            cdoc["interviews"] = idocs
        candidates.append(cdoc)
    if roles:
        doc["roles"] = [_record("role", r, drop=("hiring_manager",) if safe else ()) for r in roles]
    if candidates:
        doc["candidates"] = candidates
    return doc
