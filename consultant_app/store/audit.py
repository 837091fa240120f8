"""The audit log: exports, erasures, consent withdrawals, demo data added and other acts a data steward reviews.

Entries never hold a candidate's identity, only ids and counts. ``export`` writes the whole log with the
release ledger beside it (each release's recipient, period, k, counts and file; the keyed hashes stay in the
workspace) for a data-protection officer."""

from __future__ import annotations

import json
import os
from pathlib import Path

from consultant_app.domain.model import AuditEntry, now_iso
from consultant_app.leftovers import partial_file
from consultant_app.store.base import RecordPart
from consultant_app.store.errors import WorkspaceError
from consultant_app.store.releases import Release

DEMO_DATA = "demo-data"  # the entry the demo generator leaves: the workspace holds made-up people


class AuditLog(RecordPart[AuditEntry]):
    table, record_type, noun = "audit_log", AuditEntry, "audit entry"

    def record(self, action: str, **detail) -> AuditEntry:
        """Adds an entry; joins the caller's write when there is one."""
        entry = AuditEntry(action=action, detail=detail)
        with self.store.write("audit_log"):
            self._upsert(entry)
        return entry

    def entries(self, limit: int | None = 200) -> list[AuditEntry]:
        return self._select(order="rid DESC" + (f" LIMIT {int(limit)}" if limit is not None else ""))

    def holds_demo_data(self) -> bool:
        """Whether demo data was ever added to this workspace (the title bar says so)."""
        found = self.store.db.execute("SELECT 1 FROM audit_log WHERE action = ? LIMIT 1", [DEMO_DATA]).fetchone()
        return found is not None

    def export(self, target: Path) -> tuple[int, int]:
        """Writes the audit log and the release ledger to ``target`` (JSON, atomically); returns how many
        entries and releases it holds."""
        entries, releases = self.entries(limit=None), self.store.releases.list()
        document = {
            "format": "debrief-audit",
            "exported": now_iso(),
            "audit_log": [{"at": e.at, "action": e.action, **e.detail} for e in reversed(entries)],
            "releases": [release_summary(r) for r in reversed(releases)],
        }
        temp = partial_file(target, ".json")
        try:
            temp.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            os.replace(temp, target)
        except OSError as exc:
            raise WorkspaceError(f"Could not write {target}: {exc.strerror or exc}.") from exc
        finally:
            temp.unlink(missing_ok=True)
        return len(entries), len(releases)


def release_summary(release: Release) -> dict:
    """A release as a person reads it: no keyed hash, only what and how much left for whom."""
    return {
        "id": release.id,
        "created": release.created,
        "kind": release.kind,
        "recipient": release.recipient,
        "client_id": release.client_id,
        "period": {"from": release.date_from, "to": release.date_to},
        "k": release.k,
        "interviews": len(release.population),
        "suppressed": len(release.suppressed),
        "generalisation": release.levels,
        "file": release.file,
    }
