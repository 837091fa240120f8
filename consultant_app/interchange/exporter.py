"""Exporting a workspace, or one client, to the interchange format: a firm-internal file.

``scope="workspace"`` and ``scope="client-internal"`` keep everything (a firm's own transfer between its
workspaces, or an archive; export → import → export gives the same document). Nothing in an interchange
file is made safe for a client, and no scope is: what leaves the firm for a client is a report or a dataset
(``confidentiality.INTERCHANGE_IS_FIRM_INTERNAL``). A file that leaves the laptop can be sealed (``Seal``): it is
encrypted in memory, so no plain copy of it is ever written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from consultant_app.domain import confidentiality
from consultant_app.domain.validation import RECORD_SPECS
from consultant_app.interchange.document import FORMAT, SCOPES, VERSION, encode_logo
from consultant_app.interchange.sealing import Seal
from consultant_app.leftovers import partial_file
from consultant_app.store import Store, WorkspaceError


def export_document(store: Store, client_id: str | None = None, scope: str | None = None) -> dict[str, Any]:
    """The interchange document for the workspace, or for one client in the given scope."""
    scope = scope or ("client-internal" if client_id else "workspace")
    if scope not in SCOPES:
        raise ValueError(f"{confidentiality.INTERCHANGE_IS_FIRM_INTERNAL}.")
    if (scope != "workspace") != bool(client_id):
        raise ValueError("A client's transfer needs a client; a workspace export takes none.")
    clients = [store.clients.get(client_id)] if client_id else store.clients.list(include_archived=True)
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "scope": scope}
    if scope == "workspace":
        doc["firm"] = _record("firm", store.firm.get())
    client_docs = [_client_doc(store, c) for c in clients]
    used = {
        t
        for c in client_docs
        for p in c.get("candidates", [])
        for i in p.get("interviews", [])
        for n in i.get("notes", [])
        for t in n.get("themes", [])
    }
    codebook = store.themes.list()
    names = {t.id: t.name for t in codebook}
    used |= {names[t.parent_id] for t in codebook if t.name in used and t.parent_id in names}  # and what they are under
    themes = [t for t in codebook if scope == "workspace" or t.name in used]
    doc["themes"] = [dict(_record("theme", t), **_parent(t, names)) for t in themes]
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


def export_file(
    store: Store, path: Path, client_id: str | None = None, scope: str | None = None, seal: Seal | None = None
) -> dict[str, int]:
    """Writes the document atomically (a partial file never replaces a good one), sealed when ``seal`` says how;
    returns counts."""
    doc = export_document(store, client_id, scope)
    counts = {
        "clients": len(doc.get("clients", [])),
        "candidates": sum(len(c.get("candidates", [])) for c in doc.get("clients", [])),
        "interviews": sum(
            len(p.get("interviews", [])) for c in doc.get("clients", []) for p in c.get("candidates", [])
        ),
    }
    write_document(Path(path), doc, seal)
    store.audit.record(
        "export-interchange",
        scope=doc["scope"],
        firm_internal=True,
        client_id=client_id,
        file=Path(path).name,
        **counts,
        **({"encrypted": seal.how} if seal else {}),
    )
    return counts


def write_document(path: Path, doc: Any, seal: Seal | None = None) -> None:
    """Writes ``doc`` atomically, as JSON, or sealed in memory when ``seal`` says how (no plain copy on disk)."""
    if seal is None:
        write_json_atomically(path, doc)
    else:
        plain = (json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")
        write_bytes_atomically(path, seal.seal(plain))


def write_json_atomically(path: Path, doc: Any) -> None:
    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1, allow_nan=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())

    _write_atomically(path, write)


def write_bytes_atomically(path: Path, data: bytes) -> None:
    def write(temp: Path) -> None:
        with temp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    _write_atomically(path, write)


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Writes a hidden file beside ``path`` with ``write``, then moves it into place whole."""
    try:
        temp = partial_file(path)
    except OSError as exc:
        raise WorkspaceError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    try:
        write(temp)
        os.replace(temp, path)
    except OSError as exc:
        raise WorkspaceError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)


def _parent(theme: Any, names: dict[str, str]) -> dict[str, str]:
    """A theme's place under a broader one, by that theme's name (as notes name their themes)."""
    return {"parent": names[theme.parent_id]} if theme.parent_id in names else {}


def _record(kind: str, obj: Any) -> dict[str, Any]:
    """The document fields of a record, in the documented order, without empty values."""
    out = {}
    for name in RECORD_SPECS[kind]:
        if not hasattr(obj, name):
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


def _client_doc(store: Store, client: Any) -> dict[str, Any]:
    doc = _record("client", client)
    roles = store.roles.for_client(client.id, include_archived=True)
    interviews_of: dict[str, list] = {}
    for interview in store.interviews.for_client(client.id):
        interviews_of.setdefault(interview.candidate_id, []).append(interview)
    notes_of: dict[str, list] = {}
    for note in store.notes.for_client(client.id):
        notes_of.setdefault(note.interview_id, []).append(note)
    candidates = []
    for candidate in store.candidates.for_client(client.id, include_archived=True):
        cdoc = _record("candidate", candidate)
        idocs = []
        for interview in interviews_of.get(candidate.id, []):
            idoc = _record("interview", interview)
            ndocs = [_record("note", note) for note in notes_of.get(interview.id, [])]
            if ndocs:
                idoc["notes"] = ndocs
            idocs.append(idoc)
        if idocs:
            cdoc["interviews"] = idocs
        candidates.append(cdoc)
    if roles:
        doc["roles"] = [_record("role", r) for r in roles]
    if candidates:
        doc["candidates"] = candidates
    return doc
