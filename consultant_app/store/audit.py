"""The audit log: exports, erasures, consent withdrawals and other acts a data steward reviews.

Entries never hold a candidate's identity, only ids and counts."""

from __future__ import annotations

from consultant_app.domain.model import AuditEntry
from consultant_app.store.base import RecordPart


class AuditLog(RecordPart[AuditEntry]):
    table, record_type, noun = "audit_log", AuditEntry, "audit entry"

    def record(self, action: str, **detail) -> AuditEntry:
        """Adds an entry; joins the caller's write when there is one."""
        entry = AuditEntry(action=action, detail=detail)
        with self.store.write("audit_log"):
            self._upsert(entry)
        return entry

    def entries(self, limit: int = 200) -> list[AuditEntry]:
        return self._select(order=f"rid DESC LIMIT {int(limit)}")
