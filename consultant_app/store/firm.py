"""The firm profile: name, logo, brand colours, the minimum group size *k*, phone region, whether quotes need
a person's approval, the retention policy and auto-lock; a change of a confidentiality setting (*k*, review,
retention, locking) goes to the audit log."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from consultant_app.domain.model import Firm
from consultant_app.domain.retention import check_retention_months
from consultant_app.domain.validation import validate_record
from consultant_app.store.rows import from_row, to_row

if TYPE_CHECKING:
    from consultant_app.store.store import Store


CONFIDENTIALITY_SETTINGS = (
    "min_group_size",
    "review_quotes",
    "retention_months",
    "auto_lock_minutes",
    "require_passphrase",
)


class FirmProfile:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self) -> Firm:
        cursor = self.store.db.execute("SELECT * FROM firm WHERE id = 1")
        names = [d[0] for d in cursor.description]
        return from_row(Firm, dict(zip(names, cursor.fetchone())))

    def update(self, **changes) -> Firm:
        """Changes some fields of the profile and returns the new profile."""
        known = {f.name for f in fields(Firm)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"Unknown firm setting: {', '.join(sorted(unknown))}")
        if changes.get("retention_months") is not None:
            check_retention_months(changes["retention_months"])
        before = self.get()
        firm = replace(before, **changes)
        validate_record("firm", firm)
        row = to_row(firm)
        with self.store.write("firm"):
            self.store.db.execute(
                f"UPDATE firm SET {', '.join(f'{c} = ?' for c in row)} WHERE id = 1", list(row.values())
            )
            rules = {f: getattr(firm, f) for f in CONFIDENTIALITY_SETTINGS if getattr(firm, f) != getattr(before, f)}
            if rules:  # what decides what leaves the firm is on the record
                self.store.audit.record("confidentiality-settings", **rules)
        return firm
