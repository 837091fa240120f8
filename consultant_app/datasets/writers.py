"""Writing a planned dataset to a folder: the CSV files (and an XLSX workbook on request), a
Frictionless data package, a human-readable codebook and a manifest with SHA-256 checksums.

Everything is written to a hidden staging folder first and put in place of the target folder at the
end, whole: a failed export leaves no half-written files behind, and no file of an earlier export
stays beside a new one. A folder holding anything but an earlier Debrief dataset is refused. The
manifest lists every other file of the folder with its SHA-256.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path
from typing import Any

from consultant_app.analysis import releases
from consultant_app.datasets.build import DatasetPlan
from consultant_app.datasets.schema import Column, answer_columns
from consultant_app.domain.taxonomy import DECLINE_REASONS, NOTE_SECTIONS, RATING_DIMENSIONS
from consultant_app.domain.wording import agree, plural
from consultant_app.leftovers import partial_folder
from consultant_app.store import Store, WorkspaceError

DATA_FILES = {"interviews": "interviews.csv", "answers": "answers.csv"}


def write_dataset(store: Store, plan: DatasetPlan, folder: Path, xlsx: bool = False) -> dict[str, Any]:
    """Writes every file of the dataset into ``folder``, which must be new, empty or an earlier Debrief
    dataset (replaced whole, so no file of an earlier export can stay beside this one); returns the manifest."""
    folder = Path(folder)
    names = [c.name for c in plan.interview_columns]
    tables = {
        "interviews": (plan.interview_columns, lambda: map(itemgetter(*names), plan.interviews)),
        "answers": (answer_columns(plan.answers_linked), plan.answers.rows),
    }
    counts = {"interviews": len(plan.interviews), "answers": len(plan.answers)}
    _refuse_foreign_files(folder)
    try:
        staging = partial_folder(folder)
    except OSError as exc:
        raise WorkspaceError(f"Could not create {folder}: {exc.strerror or exc}.") from exc
    try:
        files = {}
        for name, (columns, rows) in tables.items():
            path = staging / DATA_FILES[name]
            _write_csv(path, columns, rows())
            files[path.name] = {"rows": counts[name], "bytes": path.stat().st_size, "sha256": _sha256(path)}
        if xlsx:
            path = staging / "dataset.xlsx"
            _write_xlsx(path, tables)
            files[path.name] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        manifest = _manifest(store, plan, files)
        (staging / "datapackage.json").write_text(
            json.dumps(_datapackage(plan, tables), indent=2, ensure_ascii=False, allow_nan=False) + "\n",
            encoding="utf-8",
        )
        (staging / "README.md").write_text(_codebook(plan, tables, manifest), encoding="utf-8")
        for name in ("datapackage.json", "README.md"):
            files[name] = {"bytes": (staging / name).stat().st_size, "sha256": _sha256(staging / name)}
        (staging / "manifest.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n", encoding="utf-8"
        )
        _swap_in(staging, folder)
    except OSError as exc:
        raise WorkspaceError(
            f"Could not write the dataset to {folder}: {exc.strerror or exc}. Nothing was kept."
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    release = releases.record(
        store,
        {
            "kind": "dataset",
            "client_id": plan.client_id,
            "recipient_key": plan.recipient_key,
            "recipient": plan.recipient or "unnamed recipient",
            "date_from": plan.date_from,
            "date_to": plan.date_to,
            "k": plan.k,
            "levels": plan.levels,
            "file": folder.name,
        },
        plan.population,
        plan.suppressed_interviews,
        plan.release_figures(),
    )
    store.audit.record(
        "export-dataset",
        release=release.id,
        scope=plan.scope,
        client_id=plan.client_id,
        folder=folder.name,
        rows=len(plan.interviews),
        answers=len(plan.answers),
        k=plan.k,
        k_reached=plan.anonymisation.k_reached,
        l_reached=plan.anonymisation.l_reached,
        suppressed=plan.anonymisation.suppressed,
        recipient=plan.recipient,
        profile=plan.profile,
    )
    return manifest


def _refuse_foreign_files(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} is a file; choose a folder for the dataset. Nothing was written.")
    if not folder.is_dir() or not any(folder.iterdir()):
        return
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        names = {"manifest.json", "datapackage.json", "README.md", *manifest["files"]}
        ours = manifest["format"] == "debrief-dataset" and {p.name for p in folder.iterdir()} <= names
    except (OSError, ValueError, KeyError, TypeError):
        ours = False
    if not ours:
        raise WorkspaceError(
            f"{folder} already holds other files; choose a new or empty folder for the dataset. Nothing was written."
        )


def _swap_in(staging: Path, folder: Path) -> None:
    """Puts the staged dataset in place of ``folder`` (an earlier dataset is set aside first, then removed)."""
    if folder.exists():
        replaced = staging.with_name(staging.name + "-replaced")
        os.replace(folder, replaced)
        os.replace(staging, folder)
        shutil.rmtree(replaced, ignore_errors=True)
    else:
        os.replace(staging, folder)


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _write_csv(path: Path, columns: list[Column], rows: Iterable[tuple]) -> None:
    """Writes the rows, each its values in the order of ``columns``."""
    with path.open("w", newline="", encoding="utf-8", buffering=1 << 20) as fh:
        writer = csv.writer(fh)  # writes None as an empty cell
        writer.writerow([c.name for c in columns])
        writer.writerows(rows)


def _write_xlsx(path: Path, tables: dict[str, tuple[list[Column], Callable[[], Iterable[tuple]]]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, (columns, rows) in tables.items():
        sheet = book.create_sheet(name)
        sheet.append([c.name for c in columns])
        for row in rows():
            sheet.append([_cell(value) for value in row])
    book.save(path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    constraints = {}
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if constraints:
        field["constraints"] = constraints
    return field


def _datapackage(plan: DatasetPlan, tables) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "debrief-declined-offer-interviews",
        "title": f"Declined-offer interviews — {plan.scope} (anonymised)",
        "created": plan.created,
        "resources": [
            {
                "name": name,
                "path": DATA_FILES[name],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [_field(c) for c in columns], "missingValues": [""]},
            }
            for name, (columns, _rows) in tables.items()
        ],
    }


def _manifest(store: Store, plan: DatasetPlan, files: dict[str, Any]) -> dict[str, Any]:
    a = plan.anonymisation
    return {
        "format": "debrief-dataset",
        "version": 2,
        "created": plan.created,
        "firm": store.firm.get().name,
        "scope": plan.scope,
        "period": {"from": plan.date_from, "to": plan.date_to},
        "recipient": {"profile": plan.profile, "name": plan.recipient, "adversary_model": plan.adversary_model()},
        "k_requested": plan.k,
        "k_reached": a.k_reached,
        "l_requested": plan.l,
        "l_reached": a.l_reached,
        "sensitive_value": "recommendation class: promoter (9-10), passive (7-8), detractor (0-6), not answered",
        "quasi_identifiers": {
            q: {
                "level": loss.level,
                "level_name": loss.level_name,
                "generalised_values": loss.rows - loss.exact_rows,
                "exact_share": round(loss.exact_share, 4),
                "distinct_values": loss.distinct_kept,
                "distinct_exact_values": loss.distinct_exact,
            }
            for q, loss in a.loss.items()
        },
        "dropped_columns": list(plan.dropped),
        "rows": {"eligible": plan.eligible, "exported": len(plan.interviews), "suppressed": a.suppressed},
        "answers": len(plan.answers),
        "answers_linked": plan.answers_linked,
        "redactions": plan.redactions,
        "stable_pseudonyms": plan.stable_key,
        "files": files,
    }


def _codebook(plan: DatasetPlan, tables, manifest: dict[str, Any]) -> str:
    a = plan.anonymisation
    period = f"{plan.date_from or 'the first interview'} to {plan.date_to or 'the latest interview'}"
    lines = [
        f"# Declined-offer interviews — {plan.scope}",
        "",
        f"Anonymised dataset made with Debrief on {plan.created[:10]}: completed interviews from {period}.",
        "",
        "## Who it is for",
        "",
        plan.adversary_model(),
        "",
        "## How it was anonymised",
        "",
        "- Each interview has a pseudonym (`respondent`) that is "
        + (
            "derived from a stable key, so exports made with the same key can be joined."
            if plan.stable_key
            else "new for this export, so two exports cannot be joined."
        )
        + (
            " Each answer carries its interview's pseudonym."
            if plan.answers_linked
            else " Answers (`answers.csv`) carry none and are in random order: they cannot be tied to a row."
        ),
        "- Direct identifiers never leave: names, e-mail addresses, phone numbers, hiring managers, consultants, "
        "exact dates and internal ids are not in any file.",
        "- Only answers the candidate allowed to be shared are included; names, e-mail addresses, phone numbers and "
        "links in them are replaced by `[name]`, `[email]`, `[phone]` and `[url]` "
        f"({', '.join(f'{n} {k}' for k, n in sorted(plan.redactions.items()) if n) or 'nothing needed replacing'}).",
        "- Statistics-only notes and consultants' internal notes are not included; candidates who withdrew consent "
        "are left out.",
        f"- Quasi-identifiers were generalised until every combination of them is shared by at least {plan.k} rows "
        f"(the smallest group has {a.k_reached}) and holds at least {plan.l} distinct recommendation classes "
        f"(the least varied holds {a.l_reached}); {plural(a.suppressed, 'row')} that still stood out "
        f"{agree(a.suppressed, 'was', 'were')} suppressed.",
        "",
    ]
    lines += [f"  - {line}" for line in plan.generalisation_summary()] + [""]
    for name, (columns, _rows) in tables.items():
        lines += [
            f"## {DATA_FILES[name]} ({plural(manifest['files'][DATA_FILES[name]]['rows'], 'row')})",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{c.name}` | {c.type} | {c.description}{' *(quasi-identifier)*' if c.quasi_identifier else ''} |"
            for c in columns
        ]
        lines.append("")
    lines += ["## Codes", "", "### Decline reasons (`decline_reasons`, `reason_*`)", ""]
    lines += [f"- `{code}` — {name}" for code, name in DECLINE_REASONS.items()]
    lines += ["", "### Rating dimensions (`rating_*`, 1 poor – 5 excellent)", ""]
    lines += [f"- `{code}` — {name}" for code, name in RATING_DIMENSIONS.items()]
    lines += ["", "### Sections (`answers.csv`)", ""] + [f"- `{code}` — {name}" for code, name in NOTE_SECTIONS.items()]
    lines += [
        "",
        "Generalised values: `*` means suppressed, `not recorded` means the value was not known.",
        "",
        "## Files",
        "",
        "| file | SHA-256 |",
        "|---|---|",
    ]
    lines += [f"| {name} | `{info['sha256']}` |" for name, info in manifest["files"].items()]
    return "\n".join(lines) + "\n"
