"""The import of a client's candidate list, as the dialog and ``consultant-app import-candidates`` both run it: read
the file, offer a mapping (the one remembered for the client, else a preset's or a guess), plan it against the
workspace, and write the plan all or nothing (``store.candidate_lists``), remembering the mapping confirmed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from consultant_app.candidate_lists.checking import Plan, Workspace, plan_import
from consultant_app.candidate_lists.fields import best_preset, guess_mapping, looks_like_header
from consultant_app.candidate_lists.reading import Table, read_table
from consultant_app.domain.wording import plural

if TYPE_CHECKING:
    from consultant_app.store import Store


def open_list(path: Path | str) -> Table:
    """The file's header and rows (``UnreadableFile`` with a plain reason when it cannot be read)."""
    return read_table(path, looks_like_header)


def offered_mapping(store: Store, client_id: str, table: Table, preset: str | None = None) -> tuple[dict, str | None]:
    """The mapping to offer for the file, and the preset it used: the client's remembered mapping where the file still
    has its columns, then the chosen preset (else the one the header matches best), then the common names."""
    preset = preset or best_preset(table.columns)
    return guess_mapping(table.columns, preset, store.candidate_lists.mapping(client_id)), preset


def plan(store: Store, client_id: str, table: Table, mapping: dict[str, str], skip_duplicates: bool = True) -> Plan:
    known = store.candidate_lists.known_people(client_id)
    workspace = Workspace(
        roles=store.roles.for_client(client_id, include_archived=True),
        emails=known.emails,
        external_ids=known.external_ids,
        phone_region=store.firm.get().phone_region,
        is_erased=store.candidate_lists.erased_matcher(client_id),
    )
    return plan_import(table, mapping, client_id, workspace, skip_duplicates)


def commit(store: Store, plan: Plan) -> str:
    """Writes the plan in one transaction and returns a plain summary; refuses a blocked plan, writing nothing."""
    if plan.blocked:
        raise ValueError(f"Nothing was imported: {plan.summary()}")
    if not plan.to_add:
        return (
            "Nothing was imported: every candidate in the list is a duplicate."
            if plan.duplicates
            else ("Nothing was imported: the list has no candidates.")
        )
    store.candidate_lists.add(plan.client_id, plan.new_roles, [p.candidate for p in plan.to_add], plan.mapping)
    done = f"Imported {plural(len(plan.to_add), 'candidate')}"
    if plan.new_roles:
        done += f" and {plural(len(plan.new_roles), 'new role')}"
    if plan.duplicates:
        done += f"; {plural(len(plan.duplicates), 'duplicate')} skipped"
    return done + "."
