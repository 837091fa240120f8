"""``consultant-app sync-keys``: the firm's sync keys from a terminal (``sync.keys`` does the work). ``create``
makes them with this workspace as lead and writes the firm key to a file for the lead to hand out; ``join`` takes
that file on a consultant's workspace; ``assign`` / ``unassign`` put a member on a client or take them off;
``firm-key`` writes the firm key again; without an action it lists the members and their clients. The parser part
is light: the store is imported when the command runs."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path

from consultant_app.store.errors import WorkspaceError

ACTIONS = ("status", "create", "join", "assign", "unassign", "firm-key")


def add_parser(sub) -> None:
    """Adds the command to the ``consultant-app`` parser's subcommands."""
    command = sub.add_parser(
        "sync-keys",
        help="the firm's sync keys: who may read which client's bundles in the sync folder",
        description="Seals what this workspace sends to the sync folder: the firm's bundles for every member, each "
        "client's for the leads and the consultants assigned to it. The lead creates the keys and hands the firm "
        "key file to each consultant, who joins with it.",
    )
    command.add_argument("action", nargs="?", choices=ACTIONS, default="status")
    command.add_argument("target", nargs="*", metavar="ARG", help="join: KEY_FILE; assign/unassign: CLIENT MEMBER")
    command.add_argument("--name", help="create/join: your name as colleagues know you")
    command.add_argument("--lead", action="store_true", help="join: as a lead, who reads every client")
    command.add_argument("--key-file", metavar="FILE", help="create/firm-key: where to write the firm key")


def sync_keys(path: Path, args: Namespace) -> int:
    from consultant_app.cli_passphrase import open_store

    with open_store(path) as store:
        return ACTION_RUNS[args.action](store, args)


def _status(store, args: Namespace) -> int:
    from consultant_app.sync import keys

    if not keys.joined(store):
        print("This workspace has no firm sync keys: what it syncs is not sealed (create or join them).")
        return 0
    clients = {c.id: c.name for c in store.clients.list(include_archived=True)}
    assigned = store.sync_keys.assignments()
    mine = keys.me(store)
    for member in store.sync_keys.members():
        on = sorted(clients.get(c, "a client not on this laptop") for c, m in assigned if m == member.id)
        role = "lead, reads every client" if member.lead else (", ".join(on) or "no client yet")
        print(f"{member.name}{' (you)' if member.id == mine else ''}: {role}")
    return 0


def _create(store, args: Namespace) -> int:
    from consultant_app.sync import keys

    target = _key_file(args)
    firm_key = keys.create_firm(store, args.name or "")
    _write_key(target, firm_key)
    print(f"Firm sync keys created, with you as lead. The firm key is in {target}: hand it to each consultant")
    print("in person or through the firm's password manager, then delete the file.")
    return 0


def _join(store, args: Namespace) -> int:
    from consultant_app.sync import keys

    if len(args.target) != 1:
        raise WorkspaceError("Say which file holds the firm key: sync-keys join KEY_FILE --name 'Your Name'.")
    try:
        firm_key = Path(args.target[0]).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkspaceError(f"Cannot read the firm key from {args.target[0]} ({exc.__class__.__name__}).") from exc
    keys.join(store, firm_key, args.name or "", lead=args.lead)
    print("Joined the firm's sync: what this workspace syncs is sealed from now on. The lead assigns your clients.")
    return 0


def _assign(store, args: Namespace, assigned: bool = True) -> int:
    from consultant_app.sync import keys

    if len(args.target) != 2:
        raise WorkspaceError("Say the client and the member: sync-keys assign CLIENT MEMBER.")
    client = store.clients.find(args.target[0])
    wanted = args.target[1].casefold()
    found = [m for m in store.sync_keys.members() if wanted in (m.name.casefold(), m.id)]
    if len(found) != 1:
        names = ", ".join(m.name for m in store.sync_keys.members()) or "none yet"
        raise WorkspaceError(f"No single member is called {args.target[1]!r} (members: {names}).")
    keys.set_assigned(store, client.id, found[0].id, assigned)
    if assigned:
        print(f"{found[0].name} now reads {client.name}, its earlier work included, from their next sync.")
    else:
        print(f"{found[0].name} no longer receives new work on {client.name}; their laptop removes the client at its")
        print("next sync. Your next sync gives the client a new key.")
    return 0


def _firm_key(store, args: Namespace) -> int:
    from consultant_app.sync import keys

    target = _key_file(args)
    _write_key(target, keys.firm_key(store))
    print(f"The firm key is in {target}; delete the file once handed over.")
    return 0


def _key_file(args: Namespace) -> Path:
    if not args.key_file:
        raise WorkspaceError("Say where to write the firm key: --key-file FILE.")
    target = Path(args.key_file)
    if target.exists():
        raise WorkspaceError(f"{target} already exists; nothing was written.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"There is no folder {target.parent}; nothing was written.")
    return target


def _write_key(target: Path, key: str) -> None:
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")


ACTION_RUNS = {
    "status": _status,
    "create": _create,
    "join": _join,
    "assign": _assign,
    "unassign": lambda store, args: _assign(store, args, assigned=False),
    "firm-key": _firm_key,
}
