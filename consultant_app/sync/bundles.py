"""Change bundles in a sync folder: how workspaces that never meet exchange their changes through a folder the firm's
replication engine copies (OneDrive, Nextcloud, Dropbox, Syncthing, a network share).

Each workspace (a replica) writes only into its own subfolder, ``<folder>/<replica id>/``, one file per bundle,
numbered from 1: ``0000000001.bundle`` …, rewritten only to take out a person an erasure removed. A bundle is a
header line and a body. The header (JSON) names the replica, the number, how many changes the body holds, whether
the body is sealed (age format) and the body's SHA-256; the body is the changes as gzip'd JSON lines, sealed when
the workspace's sync is encrypted. A file is written under a hidden temporary name and renamed into place whole,
but a replication engine may still deliver one half-copied: a bundle whose header is cut or whose body does not
match its checksum is not read and holds back that replica's later bundles until it is whole (bundles are read in
order). A bundle sealed for other people (a client's bundles go only to the consultants on that client) is passed
over, and read again (``bundle_at``) when the replica gains a key. Nothing here knows what a change means: the merge
rules do (``domain.merge``)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage

MAGIC = b"DEBRIEF-BUNDLE 1\n"
SUFFIX = ".bundle"
REPLICA_ID = re.compile(r"^[0-9a-f]{32}$")
NUMBERED = re.compile(r"^(\d{10})\.bundle$")
MAX_HEADER = 4096


class NotForThisReplica(Exception):
    """Raised by an ``unseal`` function when a sealed body is not for this replica's keys (yet): passed over."""


@dataclass(frozen=True)
class Bundle:
    replica: str
    number: int
    changes: list[dict]
    problem: str | None = None  # a whole bundle that cannot be read (not changes): said, then passed over
    sealed_for_others: bool = False  # sealed for keys this replica does not hold (yet): passed over


def key_hint(public_key: str) -> str:
    """A short fingerprint of a public key, in a bundle's header, so a reader tries only the key it was sealed to
    (age hides the recipients; trying every key a lead holds costs a key exchange each)."""
    return hashlib.sha256(public_key.encode()).hexdigest()[:8]


class Seal:
    """A ``seal`` for ``write_bundle``: the body encrypted (age) to these public keys (pyrage recipients)."""

    def __init__(self, recipients: list) -> None:
        self.recipients = list(recipients)
        self.hints = sorted(key_hint(str(r)) for r in self.recipients)

    def __call__(self, body: bytes) -> bytes:
        return pyrage.encrypt(body, self.recipients)


class Unseal:
    """An ``unseal`` for ``new_bundles``: decrypts with those of these secret keys the header names; a body sealed
    for other keys is passed over."""

    def __init__(self, identities: list) -> None:
        self.by_hint: dict[str, list] = {}
        for identity in identities:
            self.by_hint.setdefault(key_hint(str(identity.to_public())), []).append(identity)

    def __call__(self, body: bytes, hints: list[str] | None = None) -> bytes:
        named = self.by_hint if hints is None else {h: self.by_hint[h] for h in hints if h in self.by_hint}
        chosen = [identity for identities in named.values() for identity in identities]
        if not chosen:
            raise NotForThisReplica
        try:
            return pyrage.decrypt(body, chosen)
        except pyrage.DecryptError as exc:
            if str(exc) == "No matching keys found":
                raise NotForThisReplica from exc
            raise ValueError(f"it does not decrypt ({exc})") from exc


def new_replica_id() -> str:
    import uuid

    return uuid.uuid4().hex


def write_bundle(
    folder: Path,
    replica: str,
    number: int,
    changes: list[dict],
    seal: Seal | None = None,
    replacing: bool = False,
) -> Path:
    """Writes bundle ``number`` of ``replica`` into its own subfolder, whole or not at all; an existing bundle of
    that number is replaced only when ``replacing`` (an erasure taking a person out), else ``FileExistsError``."""
    _check_replica(replica)
    if number < 1:
        raise ValueError(f"Bundle numbers start at 1, not {number}.")
    body = gzip.compress(b"".join(json.dumps(c, sort_keys=True).encode() + b"\n" for c in changes), mtime=0)
    if seal is not None:
        body = seal(body)
    header = {
        "replica": replica,
        "number": number,
        "changes": len(changes),
        "sealed": seal is not None,
        "to": getattr(seal, "hints", []),
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    own = folder / replica
    own.mkdir(parents=True, exist_ok=True)
    target = own / f"{number:010d}{SUFFIX}"
    if target.exists() and not replacing:
        raise FileExistsError(f"{target} already exists: a bundle is never rewritten.")
    partial = own / f".{target.name}.partial"
    with partial.open("wb") as fh:
        fh.write(MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, target)
    return target


def own_bundles(folder: Path, replica: str, unseal: Unseal | Callable | None = None) -> Iterator[Bundle]:
    """This replica's own whole bundles, to take out what an erasure removed (``write_bundle(..., replacing=True)``)."""
    own = folder / replica
    numbers = sorted(int(m[1]) for p in own.iterdir() if (m := NUMBERED.match(p.name))) if own.is_dir() else []
    for number in numbers:
        body = _whole_body(own / f"{number:010d}{SUFFIX}", replica, number)
        if body is not None:
            yield _opened(replica, number, *body, unseal)


def replicas(folder: Path) -> list[str]:
    """The replicas that have written into ``folder`` (subfolders named by a replica id), in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and REPLICA_ID.match(p.name))


def holds_sealed(folder: Path) -> bool:
    """Whether any replica's first bundle in ``folder`` says it is sealed (the firm syncs with keys): its header
    alone is read."""
    for replica in replicas(folder):
        try:
            with (folder / replica / f"{1:010d}{SUFFIX}").open("rb") as fh:
                head = fh.read(len(MAGIC) + MAX_HEADER)
        except OSError:
            continue
        header = _header(head)
        if header is not None and header.get("sealed"):
            return True
    return False


def new_bundles(
    folder: Path,
    me: str,
    read_up_to: dict[str, int],
    unseal: Seal | None = None,
) -> Iterator[Bundle]:
    """Every other replica's bundles after the number ``read_up_to`` gives for it, in order, each whole: a replica's
    reading stops at its first bundle that is missing, cut short or does not match its checksum (a later call
    tries again). A sealed bundle with no ``unseal``, or that ``unseal`` says is for others, yields no changes but
    counts as read."""
    for replica in replicas(folder):
        if replica == me:
            continue
        number = read_up_to.get(replica, 0) + 1
        while True:
            body = _whole_body(folder / replica / f"{number:010d}{SUFFIX}", replica, number)
            if body is None:
                break
            yield _opened(replica, number, *body, unseal)
            number += 1


def bundle_at(folder: Path, replica: str, number: int, unseal: Unseal | Callable | None) -> Bundle | None:
    """One bundle read again (one passed over once may be for keys gained since), or None if it is not whole."""
    body = _whole_body(folder / replica / f"{number:010d}{SUFFIX}", replica, number)
    return None if body is None else _opened(replica, number, *body, unseal)


def _opened(replica: str, number: int, payload: bytes, sealed: bool, hints: list[str] | None, unseal) -> Bundle:
    if sealed and unseal is None:
        return Bundle(replica, number, [], sealed_for_others=True)
    try:
        plain = unseal(payload, hints) if sealed else payload
        lines = [line for line in gzip.decompress(plain).splitlines() if line.strip()]
        changes = json.loads(b"[" + b",".join(lines) + b"]")  # one parse for the bundle, not one per line
    except NotForThisReplica:
        return Bundle(replica, number, [], sealed_for_others=True)
    except (OSError, EOFError, ValueError) as exc:  # gzip, JSON and age failures of a whole, checksummed file
        return Bundle(replica, number, [], problem=f"bundle {number} of replica {replica} cannot be read: {exc}")
    if not all(isinstance(change, dict) for change in changes):
        return Bundle(replica, number, [], problem=f"bundle {number} of replica {replica} holds a non-change")
    return Bundle(replica, number, changes)


def _whole_body(path: Path, replica: str, number: int) -> tuple[bytes, bool, list[str] | None] | None:
    """The body, whether it is sealed and the hints of the keys it is sealed to (None: not said), or None while
    the file is absent, cut short or not what it says."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _header(data)
    if header is None:
        return None
    body = data[data.index(b"\n", len(MAGIC)) + 1 :]
    if (
        header.get("replica") != replica
        or header.get("number") != number
        or header.get("sha256") != hashlib.sha256(body).hexdigest()
    ):
        return None
    hints = header.get("to")
    return body, bool(header.get("sealed")), hints if isinstance(hints, list) and hints else None


def _header(data: bytes) -> dict | None:
    """The header of a bundle's bytes (or of their beginning), or None if they do not start with a whole one."""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        return None
    try:
        header = json.loads(data[len(MAGIC) : end])
    except ValueError:
        return None
    return header if isinstance(header, dict) else None


def _check_replica(replica: str) -> None:
    if not REPLICA_ID.match(replica):
        raise ValueError(f"{replica!r} is not a replica id (32 hexadecimal digits).")
