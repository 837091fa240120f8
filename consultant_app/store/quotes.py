"""Quote review: a person's decision on each quote before it leaves the firm. A decision belongs to a note and
holds a hash of the note's text as it was reviewed, so a later edit of the note makes it pending again; it
keeps the reviewer's own redactions (words to hide) and restorations (words the automatic redaction hid
wrongly), who decided and when.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from consultant_app.domain.model import QuoteReview, now_iso, text_hash

if TYPE_CHECKING:
    from consultant_app.store.store import Store


class QuoteReviews:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_notes(self, note_ids: Iterable[str]) -> dict[str, QuoteReview]:
        ids, found = list(note_ids), {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.store.db.execute(
                "SELECT note_id, source_hash, decision, redact, restore, reviewer, reviewed_at FROM quote_reviews "
                f"WHERE note_id IN ({marks})",
                chunk,
            ):
                found[row[0]] = QuoteReview(
                    row[0], row[1], row[2], tuple(json.loads(row[3])), tuple(json.loads(row[4])), row[5], row[6]
                )
        return found

    def decide(
        self,
        note_id: str,
        source_text: str,
        decision: str,
        redact: Iterable[str] = (),
        restore: Iterable[str] = (),
        reviewer: str | None = None,
    ) -> QuoteReview:
        """Records that ``source_text`` (the note as reviewed) is approved or dropped, with the reviewer's edits."""
        if decision not in ("approved", "dropped"):
            raise ValueError(f"Unknown decision {decision!r}.")
        review = QuoteReview(
            note_id,
            text_hash(source_text),
            decision,
            tuple(dict.fromkeys(redact)),
            tuple(dict.fromkeys(restore)),
            reviewer,
            now_iso(),
        )
        with self.store.write("quotes"):
            self.store.db.execute(
                "INSERT OR REPLACE INTO quote_reviews (note_id, source_hash, decision, redact, restore, reviewer, "
                "reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    note_id,
                    review.source_hash,
                    decision,
                    json.dumps(list(review.redact), ensure_ascii=False),
                    json.dumps(list(review.restore), ensure_ascii=False),
                    reviewer,
                    review.reviewed_at,
                ],
            )
            self.store.audit.record("quote-review", note_id=note_id, decision=decision, reviewer=reviewer)
        return review

    def forget_for_note(self, note_id: str | None = None, rid: int | None = None) -> None:
        """Inside the caller's write, when erasure rewrites a note: the decision on the old text may hold the
        erased person's words (what the reviewer hid or restored), so it goes, and the note is reviewed anew."""
        if rid is not None:
            self.store.db.execute(
                "DELETE FROM quote_reviews WHERE note_id = (SELECT id FROM notes WHERE rid = ?)", [rid]
            )
        else:
            self.store.db.execute("DELETE FROM quote_reviews WHERE note_id = ?", [note_id])

    def reopen(self, note_id: str) -> None:
        with self.store.write("quotes"):
            self.store.db.execute("DELETE FROM quote_reviews WHERE note_id = ?", [note_id])
            self.store.audit.record("quote-review", note_id=note_id, decision="reopened")
