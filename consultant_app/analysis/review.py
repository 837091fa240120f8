"""The quote review: every quote a report (its highlighted notes) or a dataset (every shareable note) would
print, exactly as it would print it, for a person to approve, edit (hide more words, or restore words the
automatic redaction hid wrongly) or drop before it leaves the firm. Automatic redaction will never catch
everything in free speech; as in qualitative research practice, the machine suggests and a person decides.
Besides what was redacted, each quote marks what looks like an identifier and was not: capitalised words that
are not written in lower case anywhere in the client's notes, nor in the codebook, the client's own vocabulary
or ``COMMON_CAPITALS``, and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from consultant_app.analysis.quotes import QuoteDraft
from consultant_app.domain import confidentiality
from consultant_app.domain.model import QuoteReview
from consultant_app.domain.redaction import Printed
from consultant_app.domain.redaction.names import TOKEN
from consultant_app.domain.taxonomy import NOTE_SECTIONS
from consultant_app.domain.wording import agree, plural
from consultant_app.store import Store

_COMMON = """january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday i mr ms mrs dr herr frau fr cv hr ceo cto cfo coo vp it ui ux ai ok"""
COMMON_CAPITALS = frozenset(_COMMON.split())  # capitalised without being anyone's name: calendar, titles, acronyms
STATES = ("awaiting review", "changed since reviewed", "approved", "dropped")
_SENTENCE_START = re.compile(r"(^|[.!?:;\"“(]\s*)$")


@dataclass(frozen=True)
class ReviewItem:
    draft: QuoteDraft
    review: QuoteReview | None
    vocabulary: frozenset[str]

    @property
    def note_id(self) -> str:
        return self.draft.note.id

    @property
    def short_id(self) -> str:
        """What a person types to name the quote: the note id's first eight hex digits."""
        return self.note_id.replace("-", "")[:8]

    @property
    def candidate(self) -> str:
        return confidentiality.client_label(self.draft.candidate)

    @property
    def section(self) -> str:
        return NOTE_SECTIONS[self.draft.note.section]

    @property
    def source(self) -> str:
        """The note as the consultant typed it (the review happens inside the firm)."""
        return self.draft.note.text

    @property
    def state(self) -> str:
        if self.review is None:
            return "awaiting review"
        return self.review.decision if self.review.holds_for(self.source) else "changed since reviewed"

    @property
    def edits(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The reviewer's words to hide and to restore, while their decision still holds."""
        return self.review.edits_for(self.source) if self.review else ((), ())

    def printed(self, redact: Iterable[str] | None = None, restore: Iterable[str] | None = None) -> Printed:
        """As the output would print it, with the stored edits or with ``redact``/``restore`` instead."""
        stored_redact, stored_restore = self.edits
        return self.draft.edited(
            stored_redact if redact is None else redact, stored_restore if restore is None else restore
        )

    def suspicious(self, printed: Printed | None = None) -> tuple[tuple[int, int], ...]:
        """Spans of the printed text that may still identify someone: unknown capitalised words and numbers."""
        printed = printed or self.printed()
        text, found = printed.text, []
        hidden = [(s[0], s[1]) for s in printed.segments]
        for m in TOKEN.finditer(text):
            if any(a <= m.start() < b for a, b in hidden):
                continue
            word = m.group()
            at_sentence_start = _SENTENCE_START.search(text[: m.start()]) is not None
            if any(c.isdigit() for c in word) or (
                word[:1].isupper() and not at_sentence_start and word.casefold() not in self.vocabulary
            ):
                found.append((m.start(), m.end()))
        return tuple(found)


def review_items(store: Store, drafts: list[QuoteDraft]) -> list[ReviewItem]:
    """The drafts of one output (``ReportData.quote_drafts`` or ``DatasetPlan.quote_drafts``) with their
    decisions, in the output's order."""
    reviews = store.quotes.for_notes(d.note.id for d in drafts)
    vocabulary = frozenset(_vocabulary(store, drafts))
    return [ReviewItem(d, reviews.get(d.note.id), vocabulary) for d in drafts]


def _vocabulary(store: Store, drafts: list[QuoteDraft]) -> set[str]:
    """Words that identify no one here: written in lower case somewhere in the clients' notes, the codebook's
    theme names, the clients' and their roles' words, the competitors the output names, and common capitalised words."""
    words = set(COMMON_CAPITALS)
    for client_id in {d.candidate.client_id for d in drafts}:
        for note in store.notes.for_client(client_id):
            words.update(w.casefold() for w in TOKEN.findall(note.text) if w.islower())
    values = [t.name for t in store.themes.list()]
    values += [v for c in store.clients.list(include_archived=True) for v in (c.name, c.industry or "", c.region or "")]
    values += [v for d in drafts if d.role for v in (d.role.title, d.role.department, d.role.location) if v]
    hidden = {c.casefold() for d in drafts[:1] for c in d.redactor.companies}
    values += [c for c in store.interviews.competing_companies() if c.casefold() not in hidden]
    words.update(w.casefold() for value in values for w in TOKEN.findall(value))
    return words


def find_items(items: list[ReviewItem], ids: Iterable[str]) -> list[ReviewItem]:
    """The quotes these ids name (a note's id, or at least its first four hex digits); every id must name
    exactly one quote in ``items``, or nothing is chosen and ValueError says which did not."""
    chosen = []
    for given in ids:
        key = given.strip().replace("-", "").casefold()
        matches = [i for i in items if len(key) >= 4 and i.note_id.replace("-", "").startswith(key)]
        if len(matches) != 1:
            problem = "names several quotes; give more of it" if matches else "is not a quote of this output"
            raise ValueError(f"{given!r} {problem}; nothing was changed.")
        chosen.append(matches[0])
    return chosen


def tally(items: list[ReviewItem]) -> dict[str, int]:
    """How many quotes are in each state, in ``STATES`` order, leaving out the states none are in."""
    counts = dict.fromkeys(STATES, 0)
    for item in items:
        counts[item.state] += 1
    return {state: n for state, n in counts.items() if n}


def default_reviewer() -> str:
    """Who is reviewing, when they did not say: the name they are logged in as on this computer."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def summary(items: list[ReviewItem], review_required: bool) -> tuple[str, bool]:
    """One plain sentence on where an output's quotes stand, and whether some will be left out for want of
    a decision."""
    if not items:
        return "No quotes to review for this choice.", False
    counts = tally(items)
    undecided = counts.get(STATES[0], 0) + counts.get(STATES[1], 0)
    decided = ", ".join(f"{counts[s]} {s}" for s in STATES[2:] if s in counts)
    if not review_required:
        return (
            f"Quote review is off: every quote not dropped is printed "
            f"({plural(len(items), 'quote')}; {decided or 'none decided'}).",
            False,
        )
    if undecided:
        return (
            f"{undecided} of {plural(len(items), 'quote')} {agree(undecided, 'awaits', 'await')} review and will be "
            "left out" + (f"; {decided}." if decided else "."),
            True,
        )
    return f"Every quote has a decision: {decided}.", False
