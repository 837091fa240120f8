"""Who may read what in the sync folder: the firm's sync keys (age X25519 keys, through ``pyrage``).

The engagement lead creates the **firm key** and hands it to each consultant, who joins with it; every member's
workspace also makes its **own key**, whose public half it publishes as a member of the firm's sync. The firm's
bundles (the firm profile, the codebook, members, assignments, deletions and the erasure ledger, which name no one)
are sealed to the firm key. Each client has a **client key**: its bundles (the client, roles, candidates,
interviews, notes, guides) are sealed to it, and its secret half travels sealed to the own key of each member who
may read the client — the leads, and the consultants assigned to it — so a consultant's laptop holds only the
clients they work on, and one assigned later reads the client's earlier bundles too. Whoever holds a client's key
shares it with a reader who lacks it at their next sync; two laptops that make a key for one client at once
leave two, and a client's bundles are sealed to every key it has. Assignments live in the workspace and merge
like any record (``sync.engine``). Taking a consultant off a client retires the client's keys (the next sync of
a laptop that holds the client makes a new one, sealed to the remaining readers only) and their laptop removes the
client at its next sync; put back on, it reads every bundle again. What a laptop sealed before it heard of the
change still opens with the old key."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyrage

from consultant_app.store.errors import WorkspaceError
from consultant_app.store.sync_keys import Member, SealedClientKey
from consultant_app.sync.bundles import Seal, Unseal

if TYPE_CHECKING:
    from consultant_app.store import Store

FIRM = "firm"  # the scope of the firm's bundles; a client's is "client:<id>"
RETIRED = "retired"  # a client key sealed to no one: no longer sealed to (a member was taken off the client)
SECRET_PREFIX = "AGE-SECRET-KEY-1"


def client_scope(client_id: str) -> str:
    return f"client:{client_id}"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def member_id(public_key: str) -> str:
    """A member is known by their own key: the same on every replica, and after a restore."""
    return _digest("member", public_key)


def assignment_id(client_id: str, member: str) -> str:
    return _digest("assignment", client_id, member)


def joined(store: Store) -> bool:
    return store.sync_keys.secret("own") is not None and store.sync_keys.secret("firm") is not None


def create_firm(store: Store, name: str) -> str:
    """Makes the firm's sync keys with this workspace as their lead; returns the firm key to hand out."""
    if joined(store):
        raise WorkspaceError("This workspace already has the firm's sync keys; nothing was changed.")
    firm = str(pyrage.x25519.Identity.generate())
    _join(store, firm, name, lead=True)
    return firm


def join(store: Store, firm_key: str, name: str, lead: bool = False) -> None:
    """Joins the firm's sync with the firm key a lead handed out (its ``AGE-SECRET-KEY-1…`` text)."""
    firm_key = firm_key.strip()
    if not firm_key.startswith(SECRET_PREFIX):
        raise WorkspaceError(f"A firm key starts with {SECRET_PREFIX}…; this is not one. Nothing was changed.")
    try:
        pyrage.x25519.Identity.from_str(firm_key)
    except pyrage.IdentityError as exc:
        raise WorkspaceError(f"This firm key is damaged ({exc}); ask the lead for it again.") from exc
    if joined(store):
        raise WorkspaceError("This workspace already has the firm's sync keys; nothing was changed.")
    _join(store, firm_key, name, lead)


def _join(store: Store, firm_key: str, name: str, lead: bool) -> None:
    if not name.strip():
        raise WorkspaceError("A member of the firm's sync needs a name (yours, as colleagues know you).")
    own = pyrage.x25519.Identity.generate()
    public = str(own.to_public())
    with store.write("sync"):
        store.sync_keys.keep_secret("firm", firm_key)
        store.sync_keys.keep_secret("own", str(own))
        store.sync_keys.put_member(Member(member_id(public), name.strip(), public, lead))


def firm_key(store: Store) -> str:
    """The firm key, for a lead to hand to a consultant again."""
    key = store.sync_keys.secret("firm")
    if key is None:
        raise WorkspaceError("This workspace has no firm sync keys yet.")
    return key


def me(store: Store) -> str | None:
    own = store.sync_keys.secret("own")
    return member_id(str(pyrage.x25519.Identity.from_str(own).to_public())) if own else None


def set_assigned(store: Store, client_id: str, member: str, assigned: bool) -> None:
    """Puts a member on a client (they may read its bundles from then on, earlier ones included) or takes them
    off: the client's keys are retired (a new one, which they never get, is made at the next sync) and their
    laptop removes the client at its next sync."""
    members = {m.id: m for m in store.sync_keys.members()}
    if member not in members:
        raise WorkspaceError("There is no such member of the firm's sync.")
    if not (mine := members.get(me(store) or "")) or not mine.lead:
        raise WorkspaceError("Only a lead of the firm's sync puts consultants on a client; nothing was changed.")
    with store.write("sync"):
        if assigned:
            store.sync_keys.assign(assignment_id(client_id, member), client_id, member)
            return
        store.sync_keys.unassign(assignment_id(client_id, member))
        for public in active_keys(store, client_id):
            store.sync_keys.put_client_key(SealedClientKey(_digest(RETIRED, public), client_id, public, RETIRED, ""))


def active_keys(store: Store, client_id: str) -> set[str]:
    """The public halves of the client's keys its bundles are sealed to: every one it has, but those retired."""
    return all_active_keys(store).get(client_id, set())


def all_active_keys(store: Store) -> dict[str, set[str]]:
    """``active_keys`` of every client, from one reading of the clients' keys."""
    active: dict[str, set[str]] = {}
    retired = set()
    for key in store.sync_keys.client_keys():
        active.setdefault(key.client_id, set()).add(key.public_key)
        if key.member_id == RETIRED:
            retired.add(key.public_key)
    return {client_id: publics - retired for client_id, publics in active.items()}


def clients_to_drop(store: Store, taken_off: set[str]) -> list[str]:
    """Of the clients whose assignments a sync just ended, those this laptop's member is off and no longer reads
    (a lead reads every client)."""
    mine = me(store)
    if not taken_off or mine is None or any(m.lead for m in store.sync_keys.members() if m.id == mine):
        return []
    on = {client for client, member in store.sync_keys.assignments() if member == mine}
    local = set(store.sync_keys.client_ids())
    return sorted(client for client in taken_off if client not in on and client in local)


def clients_put_back(store: Store) -> list[str]:
    """Clients this laptop dropped whose member is on them again: every bundle is to be read again."""
    mine = me(store)
    if any(m.lead for m in store.sync_keys.members() if m.id == mine):
        return sorted(store.sync_keys.dropped())  # a lead reads every client
    on = {client for client, member in store.sync_keys.assignments() if member == mine}
    return sorted(store.sync_keys.dropped() & on)


@dataclass
class Keys:
    """The secret keys this workspace holds: the firm's, its own, and the clients' sealed to it."""

    firm: pyrage.x25519.Identity | None = None
    own: pyrage.x25519.Identity | None = None
    clients: dict[str, dict[str, pyrage.x25519.Identity]] = field(default_factory=dict)  # client → public → secret
    _unseal: tuple[int, Unseal] | None = field(default=None, repr=False)  # made again when the keys change

    @classmethod
    def load(cls, store: Store) -> Keys:
        firm, own = store.sync_keys.secret("firm"), store.sync_keys.secret("own")
        keys = cls(
            pyrage.x25519.Identity.from_str(firm) if firm else None,
            pyrage.x25519.Identity.from_str(own) if own else None,
        )
        keys.reload(store)
        return keys

    def reload(self, store: Store) -> None:
        """Takes in the clients' keys sealed to this workspace since (a sync brought them); forgets those of
        clients this laptop dropped (what is sealed to them is passed over until it is put back on them)."""
        mine, dropped = me(store), store.sync_keys.dropped()
        for client_id in dropped:
            self.clients.pop(client_id, None)
        for sealed in store.sync_keys.client_keys():
            if sealed.client_id in dropped:
                continue
            held = self.clients.setdefault(sealed.client_id, {})
            if sealed.member_id == mine and self.own is not None and sealed.public_key not in held:
                try:
                    secret = pyrage.decrypt(base64.b64decode(sealed.sealed_secret), [self.own]).decode()
                    held[sealed.public_key] = pyrage.x25519.Identity.from_str(secret)
                except (ValueError, pyrage.DecryptError, pyrage.IdentityError):
                    continue  # a damaged copy is passed over rather than stop every sync

    @property
    def count(self) -> int:
        return len(self.identities())

    def identities(self) -> list:
        return [k for k in (self.firm, self.own) if k] + [k for held in self.clients.values() for k in held.values()]

    def unseal(self, body: bytes, hints: list[str] | None = None) -> bytes:
        if self._unseal is None or self._unseal[0] != self.count:
            self._unseal = (self.count, Unseal(self.identities()))
        return self._unseal[1](body, hints)


def seal_for(store: Store, scope: str) -> Callable[[bytes], bytes] | None:
    """What seals a bundle of this scope: the firm key, or every key the client has; None when not joined."""
    if not joined(store):
        return None
    if scope == FIRM:
        firm = pyrage.x25519.Identity.from_str(firm_key(store))
        return Seal([firm.to_public()])
    client_id = scope.removeprefix("client:")
    publics = sorted(active_keys(store, client_id))
    if not publics:
        raise WorkspaceError(f"Client {client_id} has no sync key yet; nothing was sent.")
    return Seal([pyrage.x25519.Recipient.from_str(p) for p in publics])


def share(store: Store, keys: Keys) -> bool:
    """Gives every local client a key this workspace holds, and seals each key it holds to each member who may read
    that client and lacks it (the leads, and those assigned). True when it wrote anything (to be sent)."""
    mine = me(store)
    members = {m.id: m for m in store.sync_keys.members()}
    leads = {m.id for m in members.values() if m.lead}
    assigned = store.sync_keys.assignments()
    have = {(k.public_key, k.member_id) for k in store.sync_keys.client_keys()}
    new = []
    known = all_active_keys(store)
    active = {client_id: known.get(client_id, set()) for client_id in store.sync_keys.client_ids()}
    for client_id, publics in active.items():
        if not publics & keys.clients.get(client_id, {}).keys():
            identity = pyrage.x25519.Identity.generate()
            keys.clients.setdefault(client_id, {})[str(identity.to_public())] = identity
            publics.add(str(identity.to_public()))
    for client_id, held in sorted(keys.clients.items()):
        readers = leads | {m for c, m in assigned if c == client_id} | {mine}
        for public, identity in held.items():
            if public not in active.get(client_id, ()):
                continue  # retired: sealed to no one new
            for reader in sorted(readers & members.keys()):
                if (public, reader) not in have:
                    new.append(_sealed(client_id, public, identity, members[reader]))
    if new:
        with store.write("sync"):
            for sealed in new:
                store.sync_keys.put_client_key(sealed)
    return bool(new)


def _sealed(client_id: str, public: str, identity, reader: Member) -> SealedClientKey:
    recipient = pyrage.x25519.Recipient.from_str(reader.public_key)
    secret = base64.b64encode(pyrage.encrypt(str(identity).encode(), [recipient])).decode()
    return SealedClientKey(_digest("client key", public, reader.id), client_id, public, reader.id, secret)
