"""Interview guides: questions per note section, a firm default and per-client versions."""

from __future__ import annotations

from consultant_app.domain.model import Guide
from consultant_app.domain.taxonomy import DEFAULT_GUIDE_QUESTIONS
from consultant_app.store.base import RecordPart


class Guides(RecordPart[Guide]):
    table, record_type, noun = "guides", Guide, "guide"

    def list(self) -> list[Guide]:
        return self._select(order="client_id IS NOT NULL, name COLLATE NOCASE")

    def firm_default(self) -> Guide:
        found = self._select("client_id IS NULL")
        return (
            found[0]
            if found
            else Guide(name="Standard declined-offer interview", questions=dict(DEFAULT_GUIDE_QUESTIONS))
        )

    def for_client(self, client_id: str | None) -> Guide:
        """The client's own guide, else the firm default."""
        found = self._select("client_id = ?", [client_id]) if client_id else []
        return found[0] if found else self.firm_default()

    def save(self, guide: Guide) -> Guide:
        with self.store.write("guides"):
            self._write(guide)
        return guide

    def delete(self, guide_id: str) -> None:
        with self.store.write("guides"):
            self.db.execute("DELETE FROM guides WHERE id = ?", [guide_id])
