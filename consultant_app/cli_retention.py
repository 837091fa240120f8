"""``consultant-app retention``: lists the erasures the retention policy and withdrawn consent make due, one line
each with a total, and erases them once confirmed (``erase`` typed on a terminal, ``--yes`` elsewhere);
``--set-months N`` and ``--clear`` set the firm's policy, or with ``--client`` a client's override (audited).
Setting a policy only lists what it makes due; erasing is always its own run. The parser part is light: the
store is imported when the command runs."""

from __future__ import annotations

import argparse
import sys
from argparse import Namespace
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app.domain.retention import say_counts, summary
from consultant_app.domain.wording import plural
from consultant_app.paths import COMMAND_NAME

if TYPE_CHECKING:
    from consultant_app.store import Store

SET_HINT = f"{COMMAND_NAME} retention --set-months 18 sets the firm's"


def add_parser(sub) -> None:
    """Adds the command to the ``consultant-app`` parser's subcommands."""
    retention = sub.add_parser(
        "retention",
        help="list the erasures the retention policy and withdrawn consent make due, and erase them",
        description="Lists the candidates whose identity the retention policy (the firm's, or a client's override) "
        "makes due for erasure, and those who withdrew consent (erased entirely), then erases them once you "
        "confirm. --set-months and --clear set the policy.",
    )
    retention.add_argument("--dry-run", action="store_true", help="only list what is due; nothing is erased")
    retention.add_argument("--yes", action="store_true", help="erase without asking (needed when not on a terminal)")
    retention.add_argument("--today", type=day, metavar="YYYY-MM-DD", help="what is due on this day (default: today)")
    policy = retention.add_mutually_exclusive_group()
    policy.add_argument(
        "--set-months",
        type=int,
        metavar="N",
        help="set the firm's policy (with --client, the client's override): erase identities N months after the "
        "interview is completed",
    )
    policy.add_argument(
        "--clear", action="store_true", help="clear the firm's policy (identities are kept), or the client's override"
    )
    retention.add_argument(
        "--client", metavar="NAME_OR_ID", help="with --set-months or --clear: this client's override"
    )


def day(text: str) -> date:
    """An argparse type for a day (YYYY-MM-DD)."""
    try:
        if len(text) == 10:  # fromisoformat also takes 20260302
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a day; give it as YYYY-MM-DD.")


def retention(path: Path, args: Namespace) -> int:
    from consultant_app.cli_passphrase import open_store
    from consultant_app.store.backups import list_backups

    today = args.today or date.today()
    setting = args.set_months is not None or args.clear
    if args.client and not setting:
        raise ValueError("--client goes with --set-months N or --clear. Nothing was changed.")
    if today > date.today() and not (args.dry_run or setting):
        raise ValueError(
            "--today after today only goes with --dry-run: erasing what is not yet due is refused. Nothing was erased."
        )
    with open_store(path) as store:
        if setting:
            print(_set_policy(store, args))
        items = store.retention.due(today)
        unset = store.retention.policy() == (None, {})
        policy = f"No retention policy is set: {SET_HINT}." if unset else store.retention.described()
        if not items:
            print(f"{policy} Nothing is due." if unset else f"Nothing is due for erasure on {today}. {policy}")
            return 0
        print(policy)
        for item in items:
            print(f"  {item.candidate} · {item.client} · {item.what} · {item.why}")
        total = f"Due on {today.isoformat()}: {summary(items)}."
        if args.dry_run or setting:
            print(
                f"{total} Dry run: nothing was erased"
                + (f"; run {COMMAND_NAME} retention to erase." if setting else ".")
            )
            return 0
        print(total)
        if not args.yes and not _confirmed(items):
            print("Nothing was erased.")
            return 1
        done = store.retention.apply(items, today)
    backups = len(list_backups(path))
    print(f"Erased {say_counts(done)}, from the workspace and {plural(backups, 'backup')}.")
    return 0


def _confirmed(items: list) -> bool:
    """Asks on the terminal; without one, refuses plainly (``--yes`` goes on)."""
    if not sys.stdin.isatty():
        raise ValueError(
            "Erasing cannot be undone: add --yes to erase without a terminal, or --dry-run to list only. "
            "Nothing was erased."
        )
    try:
        answer = input(f"Erase {summary(items)}? Type 'erase' to go on: ")
    except EOFError:
        return False
    return answer.strip() == "erase"


def _set_policy(store: Store, args: Namespace) -> str:
    """Sets the firm's policy or a client's override (both audited), and says what it is now."""
    months = None if args.clear else args.set_months
    firm_months = store.firm.get().retention_months
    if args.client:
        client = store.clients.save(replace(store.clients.find(args.client), retention_months=months))
        firm = f"{plural(firm_months, 'month')}" if firm_months else "identities are kept"
        if months is None:
            return f"{client.name} now follows the firm's policy ({firm})."
        after = f"{plural(months, 'month')} after the interview"
        return f"{client.name} now erases identities {after} (the firm's policy: {firm})."
    store.firm.update(retention_months=months)
    if months is None:
        return "The firm's retention policy is cleared: identities are kept."
    return f"The firm now erases identities {plural(months, 'month')} after the interview."
