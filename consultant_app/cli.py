"""The ``consultant-app`` command: without a command it opens the desktop app (given a FILE instead, the app
then offers to import it: a double-clicked ``.debrief`` file); with one it drives the same core from a terminal
(demo, import, import-candidates, export, clients, search, erase-candidate, retention, check, sync, sync-keys,
backup, backups, restore, encrypt, passphrase, report, dataset, quotes, audit). Errors are one plain line on stderr
and a non-zero exit code; an unexpected one also leaves a crash report (``crash_reports``) and the line says where.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from consultant_app import crash_reports
from consultant_app.cli_import_candidates import add_parser as add_import_candidates_parser
from consultant_app.cli_passphrase import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV
from consultant_app.cli_retention import add_parser as add_retention_parser
from consultant_app.cli_self_test import CHECK_NAMES
from consultant_app.cli_sync_keys import add_parser as add_sync_keys_parser
from consultant_app.domain.requests import QUASI_IDENTIFIER_COLUMNS, RECIPIENT_PROFILES
from consultant_app.paths import COMMAND_NAME, DB_ENV, is_chosen_explicitly, workspace_path

EXIT_ERROR, EXIT_USAGE = 1, 2
EXPORT_PASSPHRASE_ENV = "CONSULTANT_APP_EXPORT_PASSPHRASE"


class _Version(argparse.Action):
    """``--version``: the version is read only when asked for (reading the package's metadata takes 20 ms)."""

    def __init__(self, option_strings, dest, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit", **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from consultant_app.about import app_version

        print(f"Debrief {app_version()}")
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """Bad arguments get one plain line (``--help`` shows the usage), not a usage block before it."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=COMMAND_NAME,
        description="Debrief: declined-offer interviews, client reports and anonymised datasets.",
        epilog=f"Without a command, the desktop app opens. The workspace is --db, else ${DB_ENV}, "
        f"else debrief.db in your user data folder. {COMMAND_NAME} [--db PATH] FILE, with an interchange file "
        "(.debrief, .debrief.age) where a command would be, opens the app and asks whether to import FILE.",
    )
    parser.add_argument("--db", metavar="PATH", help="workspace file to use")
    parser.add_argument("--version", action=_Version)
    parser.add_argument(
        "--demo-when-empty",
        action="store_true",
        help="when the workspace has no data yet, open a demo workspace instead (created on first use)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill the workspace with a realistic demo")
    demo.add_argument("--clients", type=int, default=6)
    demo.add_argument("--interviews", type=int, default=400)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--force", action="store_true", help="add the demo even if the workspace has data")

    imp = sub.add_parser("import", help="import an interchange file (all or nothing), plain or encrypted")
    imp.add_argument("file")
    imp.add_argument(
        "--identity",
        action="append",
        metavar="FILE",
        help="for a file encrypted to public keys: your age identity file (AGE-SECRET-KEY-1… lines) or SSH private "
        f"key; a file encrypted with a passphrase asks for it on a terminal, or reads ${EXPORT_PASSPHRASE_ENV}",
    )

    add_import_candidates_parser(sub)

    exp = sub.add_parser(
        "export",
        help="export to a firm-internal interchange file (never for a client: use report or dataset)",
        description="Writes the whole workspace, or with --client NAME_OR_ID --internal one client, to an "
        "interchange file that keeps everything, identities included: a transfer between the firm's own "
        "workspaces. Interchange files are firm-internal; for a client, use report or dataset.",
    )
    exp.add_argument(
        "file",
        metavar="FILE.debrief",
        help="where to write it: name it .debrief (plain) or .debrief.age (encrypted), the file types the installed "
        "app offers to import when opened",
    )
    exp.add_argument("--client", metavar="NAME_OR_ID", help="only this client (with --internal)")
    exp.add_argument(
        "--internal",
        action="store_true",
        help="with --client: confirms the file is a firm-internal transfer to another of the firm's workspaces",
    )
    exp.add_argument(
        "--encrypt",
        action="store_true",
        help=f"encrypt the file (age format) with a passphrase, asked twice on a terminal or read from "
        f"${EXPORT_PASSPHRASE_ENV}",
    )
    exp.add_argument(
        "--recipient",
        action="append",
        metavar="KEY",
        help="encrypt the file to this public key (age1… or ssh-ed25519 …); repeat for more recipients",
    )
    exp.add_argument(
        "--recipients-file",
        action="append",
        metavar="FILE",
        help="encrypt the file to every public key in FILE (one a line; # comments)",
    )

    sub.add_parser("clients", help="list clients with their counts")

    search = sub.add_parser("search", help="full-text search over notes, summaries, names and companies")
    search.add_argument("query")
    search.add_argument("--client", metavar="NAME_OR_ID")
    search.add_argument("--limit", type=int, default=20)

    erase = sub.add_parser("erase-candidate", help="erase a candidate everywhere, leaving no readable copy")
    erase.add_argument("id")

    add_retention_parser(sub)

    sub.add_parser("check", help="check the workspace's integrity")
    sync = sub.add_parser(
        "sync",
        help="send this workspace's changes to a sync folder the firm replicates, and take in the other "
        "consultants' (merged by docs/merge.md's rules)",
    )
    sync.add_argument("folder", metavar="FOLDER")
    add_sync_keys_parser(sub)
    self_test = sub.add_parser(
        "self-test",
        help="check this installation end to end in a temporary folder (workspace, report, dataset, desktop app); "
        "your workspace and settings are not touched",
    )
    self_test.add_argument("--on-screen", action="store_true", help="show the desktop app while it is checked")
    self_test.add_argument(
        "--only",
        action="append",
        choices=CHECK_NAMES,
        help="run this check only (repeat for more)",
    )

    backup = sub.add_parser("backup", help="take a backup (SQLite online backup)")
    backup.add_argument("--to", metavar="PATH", help="file or folder for the backup")

    report = sub.add_parser("report", help="write a branded PDF report for a client")
    report.add_argument("--client", metavar="NAME_OR_ID", required=True)
    report.add_argument("--out", metavar="FILE.pdf", required=True)
    report.add_argument("--from", dest="date_from", metavar="YYYY-MM", type=month)
    report.add_argument("--to", dest="date_to", metavar="YYYY-MM", type=month)
    report.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated sections to include (default: all): "
        "cover, summary, reasons, right_wrong, competitors, extra, breakdowns, method",
    )
    report.add_argument("--summary", metavar="TEXT", help="your own summary for the executive summary")
    _if_too_close(report, "report")

    dataset = sub.add_parser("dataset", help="export an anonymised dataset (CSV, data package, codebook, manifest)")
    scope = dataset.add_mutually_exclusive_group(required=True)
    scope.add_argument("--client", metavar="NAME_OR_ID")
    scope.add_argument("--all", action="store_true", help="every client together")
    dataset.add_argument("--out", metavar="DIR", required=True)
    dataset.add_argument("--k", type=int, help="minimum group size (default and floor: the firm's setting)")
    dataset.add_argument("--from", dest="date_from", metavar="YYYY-MM", type=month)
    dataset.add_argument("--to", dest="date_to", metavar="YYYY-MM", type=month)
    dataset.add_argument("--xlsx", action="store_true", help="also write dataset.xlsx")
    _if_too_close(dataset, "dataset")
    dataset.add_argument(
        "--stable-key",
        metavar="SECRET",
        help="derive pseudonyms from this secret, so exports with the same secret can be joined",
    )
    dataset.add_argument(
        "--for",
        dest="profile",
        choices=list(RECIPIENT_PROFILES),
        help="who receives it (default: the client for --client, a researcher for --all; a client receives only "
        "its own interviews): for a client the competitor and the salary gap are quasi-identifiers too, and "
        "answers come unlinked from the rows",
    )
    dataset.add_argument("--recipient", metavar="NAME", help="who receives it (default: the client, for a client)")
    dataset.add_argument(
        "--link-answers", action="store_true", help="key each answer to its row's pseudonym (always for a researcher)"
    )
    dataset.add_argument(
        "--drop",
        nargs="+",
        metavar="COLUMN",
        default=[],
        choices=list(QUASI_IDENTIFIER_COLUMNS),
        help="leave these quasi-identifier columns out of the files (keeps more detail in the others): "
        + ", ".join(QUASI_IDENTIFIER_COLUMNS),
    )

    quotes = sub.add_parser(
        "quotes",
        help="review the quotes a report or a dataset would print: list them as they will print, approve, drop",
        description="Lists every quote a report (its highlighted notes) or a dataset (every shareable note) would "
        "print, exactly as it would print it, with its id and state; words that may still identify someone are "
        "marked. With the firm's review on, outputs use only approved quotes.",
    )
    scope = quotes.add_mutually_exclusive_group()
    scope.add_argument("--client", metavar="NAME_OR_ID")
    scope.add_argument("--all", action="store_true", help="every client together (a dataset's quotes)")
    quotes.add_argument("--dataset", action="store_true", help="a dataset's quotes rather than a report's")
    quotes.add_argument("--k", type=int, help="with a dataset: its minimum group size (default: the firm's)")
    quotes.add_argument("--from", dest="date_from", metavar="YYYY-MM", type=month)
    quotes.add_argument("--to", dest="date_to", metavar="YYYY-MM", type=month)
    quotes.add_argument("--approve", nargs="+", metavar="ID", default=[], help="approve these quotes as listed")
    quotes.add_argument("--approve-all", action="store_true", help="approve every quote not yet approved or dropped")
    quotes.add_argument("--drop", nargs="+", metavar="ID", default=[], help="never print these quotes")
    quotes.add_argument("--reopen", nargs="+", metavar="ID", default=[], help="forget the decision on these quotes")
    quotes.add_argument(
        "--hide", action="append", metavar="ID=WORDS", default=[], help="approve a quote with these words hidden"
    )
    quotes.add_argument(
        "--restore",
        action="append",
        metavar="ID=WORDS",
        default=[],
        help="approve a quote with these words, which redaction hid, printed as they are",
    )
    quotes.add_argument("--reviewer", metavar="NAME", help="who decides (default: your login name)")
    quotes.add_argument(
        "--review",
        choices=["on", "off"],
        help="the firm's setting: outputs print only approved quotes (on), or every quote not dropped (off)",
    )

    audit = sub.add_parser(
        "audit", help="list the release ledger (every report and dataset that left the firm), or export it"
    )
    audit.add_argument("--client", metavar="NAME_OR_ID", help="only the releases made for this client")
    audit.add_argument("--out", metavar="FILE.json", help="write the whole audit log and the release ledger here")

    restore = sub.add_parser(
        "restore",
        help="replace the workspace with a backup (the current file is kept among the backups); whoever was erased "
        "since the backup stays erased",
    )
    restore.add_argument("backup")

    sub.add_parser("backups", help="list the backups the app keeps (the newest 7 of each kind)")

    encrypt = sub.add_parser(
        "encrypt",
        help="encrypt a plain workspace and its backups with a passphrase (a verified backup is taken first)",
        description=f"Encrypts the workspace and every backup. The passphrase is typed twice, or taken from "
        f"${NEW_PASSPHRASE_ENV}. Afterwards every command asks for it, or takes it from ${PASSPHRASE_ENV} or this "
        "computer's keyring.",
    )
    encrypt.add_argument("--remember", action="store_true", help="remember the passphrase in this computer's keyring")

    passphrase = sub.add_parser("passphrase", help="change an encrypted workspace's passphrase (backups too)")
    passphrase.add_argument("--remember", action="store_true", help="remember the new one in this computer's keyring")
    passphrase.add_argument("--forget", action="store_true", help="only forget the passphrase this computer remembers")
    return parser


def _if_too_close(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--if-too-close",
        choices=["refuse", "hold-back", "widen"],
        default="refuse",
        help=f"when the {what} would differ from an earlier release to the same recipient by 1 to k-1 interviews: "
        "refuse (default), hold back the interviews that make the difference, or widen the period back",
    )


def month(text: str) -> str:
    """An argparse type for the whole months that bound a report's or a dataset's period (YYYY-MM)."""
    from consultant_app.domain.confidentiality import check_months

    try:
        check_months(text, None)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def file_to_open(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[list[str], Path | None]:
    """``consultant-app [--db PATH] FILE`` (a double-clicked file): the first word that is neither an option, nor
    ``--db``'s value, nor a command is a file for the app to offer to import; it is taken out of ``argv`` for
    argparse, whose subcommands leave no room for an optional positional. ``ValueError`` if it is not a file."""
    [commands] = [a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    after_db = False
    for index, word in enumerate(argv):
        if after_db or word.startswith("-"):
            after_db = word == "--db"
            continue
        if word in commands:
            return argv, None
        if not Path(word).is_file():
            raise ValueError(f"{word!r} is neither a command nor a file; nothing was opened")
        return argv[:index] + argv[index + 1 :], Path(word).absolute()
    return argv, None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        argv, to_import = file_to_open(parser, sys.argv[1:] if argv is None else list(argv))
    except ValueError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    path = workspace_path(args.db)
    if args.command is None:
        # the core before Qt: PySide6's import hook reads the source of every module imported after it (~100 here)
        import consultant_app.store  # noqa: F401
        from consultant_app.ui.app import run_app

        explicit = is_chosen_explicitly(args.db)
        return run_app(path, explicit=explicit, demo_when_empty=args.demo_when_empty, to_import=to_import)
    from consultant_app.cli_commands import COMMANDS
    from consultant_app.store import WorkspaceError

    crash_reports.install(_print_crash)
    try:
        crash_reports.crash_if_asked()
        return COMMANDS[args.command](path, args)
    except _interchange_error() as exc:
        print(f"error: {exc}", file=sys.stderr)
    except UnicodeError:  # an argument with bytes this system's encoding cannot decode
        print(
            "error: an argument is not valid text (it holds bytes that are not characters); nothing was changed.",
            file=sys.stderr,
        )
    except (WorkspaceError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except BrokenPipeError:  # the reader went away (``| head``): what it wanted was printed
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted; nothing half-written was kept.", file=sys.stderr)
    except Exception as exc:  # a bug: a report for support, and one plain line
        _print_crash(crash_reports.write_report(exc))
    return EXIT_ERROR


def _print_crash(report) -> None:
    where = f"A crash report is in {report}" if report else "No crash report could be written"
    print(f"error: Debrief hit an unexpected problem. {where}.", file=sys.stderr)


def _interchange_error() -> type[Exception] | tuple[()]:
    """The interchange's error if the command loaded the interchange (only then can it have raised one): a
    command such as ``clients`` never imports it."""
    module = sys.modules.get("consultant_app.interchange.document")
    return module.InterchangeError if module else ()


if __name__ == "__main__":
    sys.exit(main())
