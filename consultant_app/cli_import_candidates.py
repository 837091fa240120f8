"""``consultant-app import-candidates FILE --client NAME_OR_ID``: imports a client's candidate list (CSV or XLSX from
an applicant-tracking system) all or nothing. It prints the mapping used (the client's remembered one, a preset's or
a guess, with ``--map FIELD=COLUMN`` over it), every problem with its row and column, the duplicates, and a summary;
with a problem, or duplicates without ``--skip-duplicates``, nothing is written. ``--dry-run`` only checks. The
parser part is light: the store is imported when the command runs."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from consultant_app.candidate_lists.fields import FIELDS, PRESETS

SHOWN = 20  # problems and duplicates listed one by one; the rest are counted


def add_parser(sub) -> None:
    """Adds the command to the ``consultant-app`` parser's subcommands."""
    command = sub.add_parser(
        "import-candidates",
        help="import a client's candidate list (CSV or XLSX from an applicant-tracking system), all or nothing",
        description="Imports the candidates of a client's list. Columns are mapped to fields by the client's "
        "remembered mapping, else a preset's column names, else a guess from the header; --map overrides one field. "
        "Every problem is listed with its row and column, and then nothing is written.",
    )
    command.add_argument("file", help="the list: .csv (any delimiter and encoding) or .xlsx")
    command.add_argument("--client", required=True, metavar="NAME_OR_ID", help="the client the candidates declined")
    command.add_argument("--preset", choices=sorted(PRESETS), help="the applicant-tracking system that made the file")
    command.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"take FIELD from COLUMN (FIELD is one of {', '.join(FIELDS)}; an empty COLUMN leaves it out)",
    )
    command.add_argument("--skip-duplicates", action="store_true", help="leave duplicates out instead of refusing")
    command.add_argument("--dry-run", action="store_true", help="only check and show what would be imported")


def import_candidates(path: Path, args: Namespace) -> int:
    from consultant_app.candidate_lists import importing
    from consultant_app.cli_passphrase import open_store

    overrides = _overrides(args.map)
    table = importing.open_list(args.file)  # the file and --map first, before the workspace opens: they cost nothing
    for field, column in overrides.items():
        if column and column not in table.columns:
            raise ValueError(f"--map {field}={column}: the file has no column {column!r}. Nothing was imported.")
    with open_store(path) as store:
        client = store.clients.find(args.client)
        mapping, preset = importing.offered_mapping(store, client.id, table, args.preset)
        for field, column in overrides.items():
            mapping.pop(field, None)
            if column:
                mapping[field] = column
        plan = importing.plan(store, client.id, table, mapping, args.skip_duplicates)
        print(f"{Path(args.file).name} → {client.name}" + (f" ({preset} columns)" if preset else ""))
        print("Mapping: " + "; ".join(f"{label} ← {mapping[f]!r}" for f, label in FIELDS.items() if f in mapping))
        _list("Warning", [table.warning] if table.warning else [])
        _list("Dates", plan.dates_read)
        _list("Problem", [str(p) for p in plan.problems])
        _list("Duplicate", [f"Row {d.row}, {d.name}: {d.reason}" for d in plan.duplicates])
        if plan.blocked:
            hint = "" if plan.problems else " (add --skip-duplicates to leave them out)"
            print(f"Nothing was imported: {plan.summary()}{hint}")
            return 1
        if args.dry_run:
            print(f"Dry run: {plan.summary()} Nothing was imported.")
            return 0
        print(importing.commit(store, plan))
    return 0


def _overrides(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        field, equals, column = pair.partition("=")
        if not equals or field.strip() not in FIELDS:
            raise ValueError(f"--map {pair}: give FIELD=COLUMN, FIELD one of {', '.join(FIELDS)}.")
        found[field.strip()] = column.strip()
    return found


def _list(what: str, lines: list[str]) -> None:
    for line in lines[:SHOWN]:
        print(f"  {what}: {line}")
    if len(lines) > SHOWN:
        print(f"  … and {len(lines) - SHOWN:,} more")
