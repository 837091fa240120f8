"""Retention: what the firm's policy (and each client's override) makes due for erasure today, and erasing it.

``due`` reads every candidate the policy or a withdrawal of consent concerns, with their last completed
interview, and asks the domain's rule (``domain.retention``) which are due: an identity erased that many months
after the interview, everything of a candidate who withdrew consent. It changes nothing, so it is the dry run.
``apply`` erases what it is given, if still due, in one write: ``store.candidates.erase_identity`` and
``store.candidates.erase`` record each erasure in the audit log and the erasure ledger, and one ``retention``
entry records the run with its counts and the policy it applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from consultant_app.domain.retention import (
    EVERYTHING,
    IDENTITY,
    RetentionItem,
    Subject,
    counts,
    decide,
    describe_policy,
)

if TYPE_CHECKING:
    from consultant_app.store.store import Store


class Retention:
    def __init__(self, store: Store) -> None:
        self.store = store

    def policy(self) -> tuple[int | None, dict[str, int]]:
        """The firm's retention in months (None: identities are kept) and each client's override."""
        overrides = self.store.db.execute("SELECT id, retention_months FROM clients WHERE retention_months IS NOT NULL")
        return self.store.firm.get().retention_months, dict(overrides.fetchall())

    def described(self) -> str:
        """The policy as one sentence, overriding clients by name."""
        firm_months, overrides = self.policy()
        names = {c.id: c.name for c in self.store.clients.list(include_archived=True)}
        return describe_policy(firm_months, {names[cid]: months for cid, months in overrides.items()})

    def due(self, today: date | None = None) -> list[RetentionItem]:
        """Every erasure due on ``today`` (default: the real today), by client and candidate; changes nothing."""
        today = today or date.today()
        firm_months, _ = self.policy()
        rows = self.store.db.execute(
            """
            SELECT c.id, c.full_name, c.client_id, cl.name, c.identity_erased, c.consent_withdrawn,
                   MAX(CASE WHEN i.status = 'completed' THEN substr(coalesce(i.conducted_at, i.updated_at), 1, 10) END),
                   coalesce(MAX(i.status = 'scheduled'), 0), cl.retention_months
            FROM candidates c JOIN clients cl ON cl.id = c.client_id LEFT JOIN interviews i ON i.candidate_id = c.id
            WHERE c.consent_withdrawn IS NOT NULL
               OR (c.identity_erased = 0 AND coalesce(cl.retention_months, ?) IS NOT NULL)
            GROUP BY c.id
            ORDER BY cl.name COLLATE NOCASE, cl.id, c.full_name COLLATE NOCASE, c.id
            """,
            [firm_months],
        )
        due = []
        for cid, label, client_id, client, erased, withdrawn, completed, scheduled, client_months in rows:
            subject = Subject(
                cid,
                label,
                client_id,
                client,
                bool(erased),
                withdrawn,
                _day(completed),
                bool(scheduled),
                firm_months,
                client_months,
            )
            item = decide(subject, today)
            if item is not None:
                due.append(item)
        return due

    def apply(self, items: Iterable[RetentionItem], today: date | None = None) -> dict[str, int]:
        """Erases the items that are still due on ``today`` (a list shown earlier may have gone stale), all in one
        write; returns how many identities and whole candidates were erased. Audited, with the policy applied."""
        still_due = {(i.candidate_id, i.action) for i in self.due(today)}
        chosen = [i for i in items if (i.candidate_id, i.action) in still_due]
        done = counts(chosen)
        if not chosen:
            return done
        firm_months, overrides = self.policy()
        clients = sorted({i.client_id for i in chosen if i.action == IDENTITY and i.client_id in overrides})
        with self.store.write("candidates", "interviews", "notes", "audit_log"):
            for item in chosen:
                if item.action == EVERYTHING:
                    self.store.candidates.erase(item.candidate_id, reason="consent withdrawn")
                else:
                    self.store.candidates.erase_identity(item.candidate_id, reason=f"retention: {item.why}")
            self.store.audit.record(
                "retention",
                **done,
                firm_months=firm_months,
                client_months={c: overrides[c] for c in clients},
                on=(today or date.today()).isoformat(),
            )
        return done


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # not a date: no completion the rule can count from
        return None
