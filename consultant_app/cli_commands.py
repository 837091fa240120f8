"""What each ``consultant-app`` command does, over the core. Each takes the workspace path and
the parsed arguments, prints its result and returns the exit code."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from consultant_app.cli_import_candidates import import_candidates
from consultant_app.cli_passphrase import open_store, passphrase_for
from consultant_app.cli_retention import retention
from consultant_app.cli_self_test import self_test
from consultant_app.cli_sync_keys import sync_keys
from consultant_app.domain.wording import plural
from consultant_app.paths import COMMAND_NAME
from consultant_app.store import Store, WorkspaceError
from consultant_app.store.search import HIT_END, HIT_START


def demo(path: Path, args: Namespace) -> int:
    from consultant_app.demo import create_demo_workspace

    if args.clients < 1 or args.interviews < 0:
        raise ValueError("--clients must be at least 1 and --interviews at least 0.")
    with open_store(path) as store:
        if not store.is_empty() and not args.force:
            raise WorkspaceError(f"{path} already has data; choose another file with --db, or add --force.")
        result = create_demo_workspace(store, args.clients, args.interviews, args.seed)
    print(f"Demo workspace in {path}. {result.summary()}")
    return 0


def import_(path: Path, args: Namespace) -> int:
    from consultant_app.cli_sealing import import_key
    from consultant_app.interchange import import_file

    key = import_key(Path(args.file), args)  # asked before the workspace is opened
    with open_store(path) as store:
        result = import_file(store, Path(args.file), key)
    print(result.summary())
    return 0


def export(path: Path, args: Namespace) -> int:
    from consultant_app.cli_sealing import export_seal
    from consultant_app.domain.confidentiality import INTERCHANGE_IS_FIRM_INTERNAL
    from consultant_app.interchange import export_file

    if args.client and not args.internal:  # once a client-safe file; now refused, so no old script gets everything
        raise ValueError(
            f"{INTERCHANGE_IS_FIRM_INTERNAL} ({COMMAND_NAME} report or dataset); to move this client to another of "
            "the firm's workspaces, add --internal. Nothing was written."
        )
    if args.internal and not args.client:
        raise ValueError("--internal goes with --client (a whole-workspace export always keeps everything).")
    seal = export_seal(args)
    with open_store(path) as store:
        client = store.clients.find(args.client) if args.client else None
        counts = export_file(store, Path(args.file), client.id if client else None, seal=seal)
    what = client.name if client else "the whole workspace"
    sealed = f", {seal.describe()}" if seal else ""
    print(
        f"Wrote a firm-internal export of {what} to {args.file}{sealed} (everything, identities included; never for a "
        f"client): {plural(counts['clients'], 'client')}, {plural(counts['candidates'], 'candidate')}, "
        f"{plural(counts['interviews'], 'interview')}."
    )
    return 0


def clients(path: Path, args: Namespace) -> int:
    with open_store(path) as store:
        rows = store.clients.summaries(include_archived=True)
    if not rows:
        print(f"No clients yet. Add one in the app, or try: {COMMAND_NAME} demo")
        return 0
    width = max(len(r.client.name) for r in rows)
    print(f"{'Client':<{width}}  {'Candidates':>10}  {'Completed':>9}  {'Open':>5}  Id")
    for r in rows:
        name = r.client.name + (" (archived)" if r.client.archived else "")
        print(f"{name:<{width}}  {r.candidates:>10}  {r.completed:>9}  {r.open:>5}  {r.client.id}")
    return 0


def search(path: Path, args: Namespace) -> int:
    with open_store(path) as store:
        client_id = store.clients.find(args.client).id if args.client else None
        hits = store.search.query(args.query, client_id=client_id, limit=max(1, args.limit))
        names = {c.id: c.name for c in store.clients.list(include_archived=True)}
        bold = sys.stdout.isatty()
        start, end = ("\033[1m", "\033[0m") if bold else ("«", "»")
        for hit in hits:
            where = names.get(hit.client_id, "")
            if hit.candidate_id:
                where += " · " + store.candidates.get(hit.candidate_id).full_name
            snippet = " ".join(hit.snippet.replace(HIT_START, start).replace(HIT_END, end).split())
            print(f"[{hit.kind}] {where}: {snippet}  ({hit.ref_id})")
    if not hits:
        print("No matches.")
    return 0


def erase_candidate(path: Path, args: Namespace) -> int:
    from consultant_app.store.backups import list_backups

    with open_store(path) as store:
        removed = store.candidates.erase(args.id)
        problems = store.maintenance.erase_from_backups()  # tried again: anything left is a backup it cannot open
    print(
        f"Erased the candidate with {plural(removed['interviews'], 'interview')} and "
        f"{plural(removed['notes'], 'note')}, from the workspace and "
        f"{plural(len(list_backups(path)) - len(problems), 'backup')}."
    )
    for problem in problems:
        print(f"error: not erased from the backup {problem}", file=sys.stderr)
    return 1 if problems else 0


def check(path: Path, args: Namespace) -> int:
    if not path.exists():
        raise WorkspaceError(f"There is no workspace at {path}.")
    with open_store(path) as store:
        report = store.maintenance.check()
    counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
    if report.ok:
        print(f"Workspace is healthy ({counts}).")
        return 0
    print("Problems found:\n" + "\n".join(f"  {p}" for p in report.problems), file=sys.stderr)
    return 1


def sync(path: Path, args: Namespace) -> int:
    from consultant_app.sync import engine

    folder = Path(args.folder)
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} is a file, not a folder; nothing was sent.")
    with open_store(path) as store:
        report = engine.sync(store, folder)
        waiting = engine.conflicts(store)
    print(
        f"Synced with {folder}: sent {plural(report.sent, 'change')}, took in {plural(report.received, 'change')} "
        f"from {plural(report.bundles_read, 'bundle')}."
    )
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if waiting:
        print(f"{plural(len(waiting), 'note')} typed on two laptops since they last met: both texts are kept.")
    return 0


def backup(path: Path, args: Namespace) -> int:
    from consultant_app.paths import backup_dir
    from consultant_app.store.maintenance import backup_open_workspace

    made = backup_open_workspace(path, Path(args.to) if args.to else None, passphrase_for(path))  # app may have it open
    print(f"Backup written to {made}")
    if made.parent.resolve() != backup_dir(path.resolve()).resolve():
        print(
            "note: this copy is outside the workspace's backups folder, so Debrief cannot apply later erasures to "
            "it; keep it safe and delete it when it is no longer needed.",
            file=sys.stderr,
        )
    return 0


def backups(path: Path, args: Namespace) -> int:
    from consultant_app.store.backups import KEEP, list_backups

    found = list_backups(path)
    if not found:
        print(f"No backups yet. The app takes one a day; {COMMAND_NAME} backup takes one now.")
        return 0
    for b in found:
        print(f"{b.made:%Y-%m-%d %H:%M}  {b.kind:<22}  {b.size / 1e6:>8.1f} MB  {b.path.name}")
    print(f"{plural(len(found), 'backup')} in {found[0].path.parent}; the newest {KEEP} of each kind are kept.")
    return 0


def encrypt(path: Path, args: Namespace) -> int:
    from consultant_app.cli_passphrase import new_passphrase, offer_to_remember
    from consultant_app.store.encryption import encrypt_in_place

    if not path.is_file():
        raise WorkspaceError(f"There is no workspace at {path}.")
    passphrase = new_passphrase(path)
    safety = encrypt_in_place(path, passphrase)
    print(f"Encrypted {path} and its backups. The backup taken first, encrypted too: {safety.name}.")
    offer_to_remember(path, passphrase, args.remember)
    return 0


def passphrase(path: Path, args: Namespace) -> int:
    from consultant_app import keychain
    from consultant_app.cli_passphrase import new_passphrase, offer_to_remember
    from consultant_app.store.encryption import change_passphrase

    if args.forget:
        forgotten = keychain.forget(path)
        print(
            "This computer no longer remembers the workspace's passphrase."
            if forgotten
            else "This computer did not remember the workspace's passphrase; nothing to forget."
        )
        return 0
    with open_store(path) as store:
        if not store.encrypted:
            raise WorkspaceError(f"{path.name} is not encrypted; encrypt it with: {COMMAND_NAME} encrypt")
        new = new_passphrase(path)
        rekeyed = change_passphrase(store, new)
    remembered = keychain.recall(path) is not None
    print(f"Changed the passphrase of {path.name} and of {plural(rekeyed, 'backup')}.")
    offer_to_remember(path, new, args.remember or remembered)
    return 0


def report(path: Path, args: Namespace) -> int:
    from consultant_app.domain.requests import ReportRequest
    from consultant_app.reports.generate import generate_report

    sections = tuple(s.strip() for s in args.sections.split(",") if s.strip()) if args.sections else None
    with open_store(path) as store:
        client = store.clients.find(args.client)
        request = ReportRequest(
            client.id,
            Path(args.out),
            args.date_from,
            args.date_to,
            sections,
            args.summary,
            args.if_too_close.replace("-", " "),
        )
        result = generate_report(store, request)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    note = "" if result.data.enough_data else " (not enough interviews to show results)"
    print(f"Wrote {result.pages}-page report for {client.name} to {args.out}{note}.")
    return 0


def dataset(path: Path, args: Namespace) -> int:
    from consultant_app.datasets.build import plan_dataset
    from consultant_app.datasets.writers import write_dataset
    from consultant_app.domain.requests import DatasetRequest

    with open_store(path) as store:
        client_id = store.clients.find(args.client).id if args.client else None
        request = DatasetRequest(
            client_id,
            args.k,
            args.date_from,
            args.date_to,
            args.stable_key,
            Path(args.out),
            args.xlsx,
            if_too_close=args.if_too_close.replace("-", " "),
            profile=args.profile,
            recipient=args.recipient,
            link_answers=True if args.link_answers else None,
            dropped=tuple(args.drop),
        )
        plan = plan_dataset(store, request)
        manifest = write_dataset(store, plan, request.folder, xlsx=request.xlsx)
    rows = manifest["rows"]
    print(
        f"Wrote an anonymised dataset of {plan.scope} to {args.out}: {plural(rows['exported'], 'interview')} and "
        f"{plural(manifest['answers'], 'answer')} ({'linked to' if plan.answers_linked else 'not linked to'} rows); "
        f"{plural(rows['suppressed'], 'row')} suppressed; k = {manifest['k_reached']} reached (asked for {plan.k}), "
        f"l = {manifest['l_reached']} (asked for {plan.l})."
    )
    print(f"  For {plan.recipient or 'a ' + plan.profile}: quasi-identifiers {', '.join(plan.quasi_identifiers)}.")
    for line in plan.generalisation_summary():
        print(f"  {line}")
    return 0


def quotes(path: Path, args: Namespace) -> int:
    from consultant_app.analysis import review

    if args.all:
        args.dataset = True
    with open_store(path) as store:
        if args.review:
            store.firm.update(review_quotes=args.review == "on")
            print(
                "Quote review is on: reports and datasets print only approved quotes."
                if args.review == "on"
                else "Quote review is off: outputs print every quote not dropped, redacted automatically."
            )
        if not (args.client or args.all):
            if args.review:
                return 0
            raise ValueError("Choose the quotes of --client NAME_OR_ID, or of --all clients (a dataset's).")
        items = review.review_items(store, _quote_drafts(store, args))
        decisions = _quote_decisions(items, args)
        if not decisions:
            _print_quotes(store, items, args)
            return 0
        reviewer = args.reviewer or review.default_reviewer()
        with store.write():
            for item, decision, redact, restore in decisions:
                if decision == "reopen":
                    store.quotes.reopen(item.note_id)
                else:
                    store.quotes.decide(item.note_id, item.source, decision, redact, restore, reviewer)
        counts = review.tally(review.review_items(store, [i.draft for i in items]))
    made = Counter(d[1] for d in decisions)
    done = ", ".join(f"{made[kind]} {word}" for kind, word in _DONE if made[kind])
    print(f"Recorded: {done}. Now " + ", ".join(f"{n} {state}" for state, n in counts.items()) + ".")
    return 0


_DONE = (("approved", "approved"), ("dropped", "dropped"), ("reopen", "reopened"))


def _quote_drafts(store: Store, args: Namespace) -> list:
    """The drafts of the output the arguments name: a client's report, or a client's or every client's dataset."""
    client_id = store.clients.find(args.client).id if args.client else None
    if args.dataset:
        from consultant_app.datasets.build import plan_dataset
        from consultant_app.domain.requests import DatasetRequest

        request = DatasetRequest(client_id, args.k, args.date_from, args.date_to)
        return plan_dataset(store, request, ledger=False).quote_drafts
    from consultant_app.analysis.report_data import build_report_data
    from consultant_app.domain.confidentiality import check_months

    if args.k is not None:
        raise ValueError("--k goes with --dataset (a report uses the firm's minimum group size).")
    check_months(args.date_from, args.date_to)
    return build_report_data(store, client_id, args.date_from, args.date_to).quote_drafts


def _quote_decisions(items: list, args: Namespace) -> list[tuple]:
    """(item, decision, words to hide, words to restore) for each quote the arguments decide; every id is
    checked, and no quote given two decisions, before anything is recorded."""
    from consultant_app.analysis.review import find_items

    chosen: dict[str, tuple] = {}  # note id → (item, decision)

    def choose(item, decision: str) -> None:
        if chosen.setdefault(item.note_id, (item, decision))[1] != decision:
            raise ValueError(f"Quote {item.short_id} was given two decisions; nothing was changed.")

    edits: dict[str, tuple[list[str], list[str]]] = {}
    for option, given, place in (("--hide", args.hide, 0), ("--restore", args.restore, 1)):
        for pair in given:
            key, sep, words = pair.partition("=")
            if not sep or not words.strip():
                raise ValueError(f"{option} takes ID=WORDS, as in {option} 3f2a9c1d='Kraków office'.")
            [item] = find_items(items, [key])
            found = edits.setdefault(item.note_id, (list(item.edits[0]), list(item.edits[1])))
            found[place].append(words.strip())
            choose(item, "approved")
    for decision, ids in (("approved", args.approve), ("dropped", args.drop), ("reopen", args.reopen)):
        for item in find_items(items, ids):
            choose(item, decision)
    if args.approve_all:
        for item in items:
            if item.state in ("awaiting review", "changed since reviewed") and item.note_id not in chosen:
                choose(item, "approved")
    return [(item, decision, *edits.get(note_id, item.edits)) for note_id, (item, decision) in chosen.items()]


def _print_quotes(store: Store, items: list, args: Namespace) -> None:
    import shutil
    import textwrap

    from consultant_app.analysis.review import STATES, summary

    what = "dataset" if args.dataset else "report"
    scope = store.clients.find(args.client).name if args.client else "every client"
    print(f"The quotes the {what} of {scope} would print. " + summary(items, store.firm.get().review_quotes)[0])
    bold = sys.stdout.isatty()
    start, end = ("\033[1m", "\033[0m") if bold else ("«", "»")
    width = max(40, min(100, shutil.get_terminal_size().columns) - 4)
    for item in sorted(items, key=lambda i: STATES.index(i.state)):  # what needs a decision first
        printed = item.printed()
        text = printed.text
        for a, b in reversed(item.suspicious(printed)):
            text = text[:a] + start + text[a:b] + end + text[b:]
        print(f"\n{item.short_id}  {item.state} · {item.section} · {item.candidate}")
        print(textwrap.fill(text, width, initial_indent="    ", subsequent_indent="    "))
    if items and any(item.suspicious() for item in items):
        print(f"\n{start}Marked{end} words may still identify someone: hide them with --hide ID=WORDS.")


def restore(path: Path, args: Namespace) -> int:
    from consultant_app.store.restoring import restore as restore_backup

    key = passphrase_for(path) if path.is_file() else passphrase_for(Path(args.backup))
    kept = restore_backup(Path(args.backup), path, key)  # verified and held to the erasure ledger on a copy first
    print(f"Restored {path} from {args.backup}." + (f" The previous file was kept as {kept}." if kept else ""))
    return 0


def audit(path: Path, args: Namespace) -> int:
    with open_store(path) as store:
        if args.out:
            entries, releases = store.audit.export(Path(args.out))
            print(
                f"Wrote {plural(entries, 'audit entry', 'audit entries')} and {plural(releases, 'release')} "
                f"to {args.out}."
            )
            return 0
        client_id = store.clients.find(args.client).id if args.client else None
        releases = store.releases.list(client_id)
    if not releases:
        print("No report or dataset has left the firm yet." if not args.client else "Nothing released for it yet.")
    for r in releases:
        period = f"{r.date_from or 'start'} – {r.date_to or 'now'}"
        print(
            f"{r.created[:16].replace('T', ' ')}  {r.kind:<7}  to {r.recipient}  {period}  "
            f"{plural(len(r.population), 'interview')}, {len(r.suppressed)} suppressed, k={r.k}  "
            f"{r.file or ''}".rstrip()
        )
    return 0


COMMANDS: dict[str, Callable[[Path, Namespace], int]] = {
    "demo": demo,
    "import": import_,
    "import-candidates": import_candidates,
    "export": export,
    "clients": clients,
    "search": search,
    "erase-candidate": erase_candidate,
    "retention": retention,
    "check": check,
    "self-test": self_test,
    "backup": backup,
    "restore": restore,
    "backups": backups,
    "sync": sync,
    "sync-keys": sync_keys,
    "encrypt": encrypt,
    "passphrase": passphrase,
    "report": report,
    "dataset": dataset,
    "quotes": quotes,
    "audit": audit,
}
