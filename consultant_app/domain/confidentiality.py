"""The confidentiality rules of Debrief, in one place. Every output asks this module.

Candidate disclosure: ``named`` (the client may learn who said what), ``confidential`` (the
firm knows, no client output reveals it), ``anonymous`` (as confidential, and the identity is
erased from the store once an interview is completed). Note visibility: ``shareable`` (may be
quoted, redacted unless the candidate is named), ``aggregate`` (counts, text never leaves the
firm), ``internal`` (excluded from every output, counts included). A candidate who withdrew
consent disappears from every output. No breakdown shows a group smaller than *k*, nor lets a reader work
one out by subtraction: ``fold_small_groups`` folds further groups when fewer than *k* would be left out
(secondary suppression), and ``audit_figures`` tries every subtraction a report's figures allow. Periods
shown to a client are whole months, and no combination of releases to one recipient singles out 1 to k − 1
interviews (``cells_too_small``). What leaves the firm for a client is a report or a dataset; interchange files
stay inside the firm. A calendar event (.ics) names and gives the phone only of whom ``on_a_calendar`` allows.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from consultant_app.domain.model import Candidate, Interview, Note, QuoteReview

if TYPE_CHECKING:  # redaction loads when a text is first redacted, not with the rules (the app and CLI start)
    from consultant_app.domain.redaction import Printed, Redactor

DEFAULT_MIN_GROUP_SIZE = 5
MIN_K, MAX_K = 2, 1000  # the minimum group size *k* a firm may set: a "group" of one is a person
OTHER_GROUP = "Other"
MAX_TABLE_ROWS_COMBINED = 12  # a table keeps at most this many rows, and every combination of them is tried
MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
INTERCHANGE_IS_FIRM_INTERNAL = (  # each caller ends the sentence
    "Interchange files are firm-internal and never go to a client; for a client, make a report or a dataset"
)


def check_k(k: int) -> int:
    """The minimum group size, refused plainly unless it is a whole number from ``MIN_K`` to ``MAX_K``."""
    if isinstance(k, bool) or not isinstance(k, int) or not MIN_K <= k <= MAX_K:
        raise ValueError(f"The minimum group size k must be a whole number from {MIN_K} to {MAX_K}.")
    return k


def in_outputs(candidate: Candidate) -> bool:
    """Whether anything from this candidate may appear in a client output at all."""
    return not candidate.consent_withdrawn


def identity_may_appear(candidate: Candidate) -> bool:
    """Whether the candidate's name, e-mail, phone and exact dates may reach a client."""
    return in_outputs(candidate) and candidate.disclosure == "named" and not candidate.identity_erased


STATISTICS_VISIBILITIES = ("shareable", "aggregate")  # what a bulk read of notes for statistics asks for


def counts_in_statistics(note: Note) -> bool:
    """Whether a note counts in statistics and theme tallies (internal notes never do)."""
    return note.visibility in STATISTICS_VISIBILITIES


def month_label(iso_date: str) -> str:
    """How a date or month is shown to a client: its month ("March 2026"), never its day."""
    return date.fromisoformat(iso_date[:7] + "-01").strftime("%B %Y")


def check_months(date_from: str | None, date_to: str | None) -> None:
    """Refuses a period of a client output that is not whole months (YYYY-MM) or starts after it ends: a
    period that ends on a day lets two releases a day apart be subtracted."""
    for bound in (date_from, date_to):
        if bound is not None and not MONTH.fullmatch(bound):
            raise ValueError(
                f"Periods of reports and datasets are whole months (YYYY-MM, e.g. {str(bound)[:7]!s}), not "
                f"{bound!r}: days would let two releases a day apart reveal the people interviewed in between."
                if DAY.fullmatch(str(bound))
                else f"{bound!r} is not a month; give it as YYYY-MM, e.g. 2026-03."
            )
    if date_from and date_to and date_from > date_to:
        raise ValueError("The period starts after it ends.")


def month_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """The first day of the first month and the last day of the last month, for reading the store."""
    last = None
    if date_to:
        year, month = int(date_to[:4]), int(date_to[5:7])
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
    return (f"{date_from}-01" if date_from else None), last


def cells_too_small(new: Collection[str], earlier: Sequence[Collection[str]], k: int) -> list[frozenset[str]]:
    """The groups of interviews a reader could single out by adding and subtracting a new release and the
    earlier ones to the same recipient: the cells of their Venn diagram (interviews in exactly the same
    releases) that the new release creates or splits and that hold 1 to k − 1 interviews. Two releases a
    month apart leave the month's one interview alone in a cell; so do four (Jan–Feb, Jan–Mar, Feb–Mar after
    one more call, Feb) whose pairwise differences all reach k."""
    if not earlier:
        return []
    before = {frozenset(cell) for cell in _venn_cells(earlier)}
    return [cell for cell in map(frozenset, _venn_cells([*earlier, new])) if 0 < len(cell) < k and cell not in before]


def _venn_cells(populations: Sequence[Collection[str]]) -> list[set[str]]:
    cells: dict[tuple[bool, ...], set[str]] = {}
    sets = [set(p) for p in populations]
    for member in set().union(*sets):
        cells.setdefault(tuple(member in p for p in sets), set()).add(member)
    return list(cells.values())


def company_shown(company: str | None, shown: Iterable[str]) -> str | None:
    """A competitor as a row of an output may show it: itself when the output shows it (at least *k*
    candidates), else "Other"; None stays None."""
    if not company:
        return company
    return (
        company
        if " ".join(company.split()).casefold() in {" ".join(c.split()).casefold() for c in shown}
        else OTHER_GROUP
    )


def companies_to_hide(known: Iterable[str], shown: Iterable[str]) -> list[str]:
    """The companies an output's free text may not name: every company the workspace knows of as a
    competitor except those the output shows (named by at least *k* of its candidates)."""
    visible = {" ".join(c.split()).casefold() for c in shown}
    return sorted({c for c in known if " ".join(c.split()).casefold() not in visible})


def themes_may_show_on_a_row(note: Note) -> bool:
    """Whether a note's themes may appear on its respondent's own row (a dataset's interviews.csv): only a
    shareable note's; an aggregate note's themes count only in tallies of at least *k* people."""
    return note.visibility == "shareable"


def may_quote(note: Note, candidate: Candidate) -> bool:
    """Whether a note's text may be quoted in a client output."""
    return in_outputs(candidate) and note.visibility == "shareable"


def printed_quote(
    note: Note,
    candidate: Candidate,
    redactor: Redactor,
    redact: Iterable[str] = (),
    restore: Iterable[str] = (),
    in_dataset: bool = False,
) -> Printed:
    """A quotable note exactly as a client output prints it: always redacted, except that a named candidate's
    own name may stay in their own words in a report (everyone else they mention, and every contact detail,
    goes; a dataset, which travels further, keeps no name at all), with a reviewer's edits: ``redact`` (words
    to hide) and ``restore`` (findings to leave as they are).

    Raises ValueError for a note that may not be quoted, so a caller cannot leak one by mistake.
    """
    if not may_quote(note, candidate):
        raise ValueError("this note may not be quoted in a client output")
    keep = candidate.full_name if identity_may_appear(candidate) and not in_dataset else None
    return printed_text(note.text, redactor, keep, redact, restore)


def printed_text(
    text: str, redactor: Redactor, keep: str | None = None, redact: Iterable[str] = (), restore: Iterable[str] = ()
) -> Printed:
    """The words of a note that ``may_quote`` allowed, as printed: runs of spaces made one, then redacted (see
    ``printed_quote``). A dataset checks each note first and sends only the texts to other processes to redact."""
    return redactor.printed(" ".join(text.split()), keep, redact, restore)


def quote_cleared(note: Note, review: QuoteReview | None, review_required: bool) -> bool:
    """Whether a quotable note may leave the firm: never once a person dropped this very text; when the firm
    requires review, only once a person approved this very text (an edit since needs a new decision)."""
    decided = review.decision if review is not None and review.holds_for(note.text) else None
    return decided == "approved" or (decided is None and not review_required)


def client_label(candidate: Candidate) -> str:
    """How a client output names the candidate: the real name only when named."""
    if identity_may_appear(candidate):
        return candidate.full_name
    return candidate_pseudonym(candidate)


def candidate_pseudonym(candidate: Candidate) -> str:
    """A stable stand-in derived from nothing identifying: the erased pseudonym or a short code."""
    if candidate.identity_erased:
        return candidate.full_name
    return "Candidate " + candidate.id.replace("-", "")[-4:].upper()


@dataclass(frozen=True)
class CalendarPerson:
    """Who a calendar event says the call is with: a ``label`` (a name or a pseudonym), a ``phone`` or None, and
    whether the client's name may stand beside the label in the event's title (``client_in_title``) rather than
    only in its details."""

    label: str
    phone: str | None
    client_in_title: bool


def on_a_calendar(candidate: Candidate) -> CalendarPerson:
    """What a calendar event (.ics) for a call may say about the candidate. An event leaves the app for calendars
    that sync elsewhere and outlive erasure: it carries the name and phone only of a named or confidential candidate
    whose identity is stored and who has not withdrawn consent; an anonymous candidate (whose identity is erased once
    the call is done), an erased one or one who withdrew appears by pseudonym alone, with no phone. The title, which
    reminders, lock screens and shared views show, puts a confidential candidate's name beside no client (which
    would say whose offer they declined): the client is then in the details only. A call deleted by an erasure
    names no one and no client."""
    if in_outputs(candidate) and candidate.disclosure in ("named", "confidential") and not candidate.identity_erased:
        return CalendarPerson(candidate.full_name, candidate.phone, candidate.disclosure == "named")
    return CalendarPerson(candidate_pseudonym(candidate), None, True)


def new_pseudonym(taken: Iterable[str] = ()) -> str:
    """A fresh random pseudonym such as ``Candidate 7F3A`` not among ``taken``."""
    taken = set(taken)
    width = 4
    while True:
        for _ in range(32):
            name = "Candidate " + secrets.token_hex(width // 2 + 1)[:width].upper()
            if name not in taken:
                return name
        width += 2


def must_erase_identity(candidate: Candidate, interviews: Iterable[Interview]) -> bool:
    """True for an anonymous candidate with a completed interview whose identity is still stored."""
    return (
        candidate.disclosure == "anonymous"
        and not candidate.identity_erased
        and any(i.status == "completed" for i in interviews)
    )


def erase_identity(
    candidate: Candidate, interviews: list[Interview], notes: list[Note], pseudonym: str, phone_region: str = "DE"
) -> tuple[Candidate, list[Interview], list[Note]]:
    """The candidate, interviews and notes with the candidate's identity removed.

    The name becomes the pseudonym, e-mail, phone and the client's id for them are dropped, and the name, e-mail
    addresses and phone numbers inside the candidate's own notes and summaries are redacted.
    """
    from consultant_app.domain.redaction import Redactor

    redactor = Redactor(names=[candidate.full_name], phone_region=phone_region)
    erased = replace(candidate, full_name=pseudonym, email=None, phone=None, external_id=None, identity_erased=True)
    new_interviews = [replace(i, summary=redactor.redact(i.summary) if i.summary else i.summary) for i in interviews]
    new_notes = [replace(n, text=redactor.redact(n.text)) for n in notes]
    return erased, new_interviews, new_notes


@dataclass
class FoldedGroups:
    """A breakdown after the small-cell rule: what is shown and what was folded or left out.
    ``secondary`` names the groups of at least *k* folded only so that no smaller group could be computed."""

    shown: dict[str, int]
    folded: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    secondary: list[str] = field(default_factory=list)

    @property
    def suppressed_anything(self) -> bool:
        return bool(self.folded or self.dropped)


def fold_small_groups(
    counts: Mapping[str, int], k: int = DEFAULT_MIN_GROUP_SIZE, also_fold: Iterable[str] = (), disjoint: bool = True
) -> FoldedGroups:
    """Applies the small-cell rule to respondent counts per group.

    Groups of fewer than ``k`` respondents merge into "Other"; if "Other" itself stays below
    ``k`` it is left out. Shown groups keep their order, largest first.

    Secondary suppression: when the groups are ``disjoint`` (each respondent in one group), whatever is left
    out is the total minus the shown rows, so a reader could compute it. Rather than leave out 1 to *k*−1
    people, the smallest shown groups are folded into "Other" too until it reaches ``k``; and a table keeps at
    most ``MAX_TABLE_ROWS_COMBINED`` rows, so that every sum of its rows can be tried. ``also_fold`` names
    groups to fold whatever their size, because other printed figures would let a reader compute them.
    """
    forced = set(also_fold)
    shown: dict[str, int] = {}
    folded: list[str] = []
    secondary: list[str] = []
    other = 0
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        if n <= 0:
            continue
        if n >= k and name != OTHER_GROUP and name not in forced:
            shown[name] = n
        else:
            folded.append(name)
            secondary += [name] if n >= k else []
            other += n
    while disjoint and shown and (0 < other < k or len(shown) + bool(other) > MAX_TABLE_ROWS_COMBINED):
        smallest = min(shown, key=lambda g: (shown[g], str(g)))
        other += shown.pop(smallest)
        folded.append(smallest)
        secondary.append(smallest)
    result = FoldedGroups(shown=shown, folded=folded, secondary=secondary)
    if other >= k:
        result.shown[OTHER_GROUP] = other
    elif folded:
        result.dropped, result.folded = folded, []
    return result


def cells_shown(counts: Iterable[int], k: int = DEFAULT_MIN_GROUP_SIZE) -> bool:
    """Whether a split of respondents (promoters, passives, detractors) may be printed: each part is empty
    or holds at least ``k``."""
    return all(n == 0 or n >= k for n in counts)


def fold_small_mentions(
    members: Mapping[str, set], k: int = DEFAULT_MIN_GROUP_SIZE
) -> tuple[dict[str, set], FoldedGroups]:
    """The small-cell rule for tallies where one respondent may mention several items (reasons,
    themes): items named by fewer than ``k`` respondents merge into "Other", which counts each
    respondent once and is itself left out when it stays below ``k``."""
    counts = {name: len(who) for name, who in members.items() if name != OTHER_GROUP}
    folded = fold_small_groups(counts, k, disjoint=False)
    other = set().union(*(members[name] for name in folded.folded + folded.dropped)) if counts else set()
    shown = {name: members[name] for name in folded.shown if name != OTHER_GROUP}
    folded.shown.pop(OTHER_GROUP, None)
    if len(other) >= k:
        shown[OTHER_GROUP] = other
        folded.folded, folded.dropped = folded.folded + folded.dropped, []
    else:
        folded.folded, folded.dropped = [], folded.folded + folded.dropped
    folded.shown = {name: len(who) for name, who in shown.items()}
    return shown, folded


@dataclass(frozen=True)
class Figure:
    """What one printed figure is computed over: its ``label``, the answers it tells something about
    (``variable``: "reasons", "recommend", "rating:pay", …) and its ``population``, the interviews it counts.

    Two figures about the same variable whose populations nest tell, by subtraction, the answers of the
    people in one and not the other; so do the rows of a table (disjoint populations) added up."""

    label: str
    variable: str
    population: frozenset


@dataclass(frozen=True)
class Disclosure:
    """A group of 1 to *k*−1 people whose answers a reader could compute: ``whole`` minus ``part``."""

    whole: str
    part: str
    people: int
    labels: tuple[str, ...]  # every printed figure the subtraction uses
    members: frozenset = frozenset()  # who they are


@dataclass
class DisclosureAudit:
    """What ``audit_figures`` tried (``subtractions``) and found (``disclosures``)."""

    subtractions: int = 0
    disclosures: list[Disclosure] = field(default_factory=list)


def audit_figures(
    figures: Iterable[Figure], tables: Iterable[Iterable[str]] = (), k: int = DEFAULT_MIN_GROUP_SIZE
) -> DisclosureAudit:
    """Every subtraction a reader can make with the printed figures, and the groups below ``k`` it reveals.

    Figures about the same variable are compared pairwise: when one population lies inside the other, the
    difference is a group whose answers the subtraction gives. ``tables`` name figures with disjoint
    populations (the rows of a breakdown, the periods of a trend): any combination of their rows adds up, so
    each such sum is compared too, with every figure and with the rows of every other table that fit inside
    it (the sum of all rows that fit is the closest a reader gets; rows are each at least ``k``). A figure of
    1 to ``k``−1 people is a disclosure on its own."""
    figures = [f for f in figures if f.population]
    tables = [list(table) for table in tables]
    by_label = {f.label: f for f in figures}
    bit: dict = {}
    of_population: dict[frozenset, int] = {}  # many figures count the same people (the whole report, a release)
    for f in figures:
        if f.population not in of_population:
            for member in f.population:
                bit.setdefault(member, len(bit))
            of_population[f.population] = 0
    for population in of_population:
        of_population[population] = _mask(population, bit)
    masks = {f.label: of_population[f.population] for f in figures}
    audit = DisclosureAudit()
    for variable in sorted({f.variable for f in figures}):
        same = [f.label for f in figures if f.variable == variable]
        groups = [
            [label for label in table if label in masks and by_label[label].variable == variable] for table in tables
        ]
        groups = [g for g in groups if g]
        wholes = [((label,), masks[label]) for label in same]
        for rows in groups:
            for combination in _combinations(rows):
                if len(combination) > 1:
                    wholes.append((combination, _union(masks, combination)))
        for labels, whole in wholes:
            audit.subtractions += 1
            if 0 < whole.bit_count() < k:
                audit.disclosures.append(
                    Disclosure(" + ".join(labels), "", whole.bit_count(), labels, _members(whole, bit))
                )
            outside = ~whole
            parts = [((label,), masks[label]) for label in same]
            parts += [
                (inside, _union(masks, inside))
                for rows in groups
                if len(inside := tuple(r for r in rows if not masks[r] & outside)) > 1  # one row: a figure above
            ]
            for part_labels, part in parts:
                if part & outside or part == whole:
                    continue
                audit.subtractions += 1
                people = (whole ^ part).bit_count()  # part lies inside whole
                if people < k:
                    audit.disclosures.append(
                        Disclosure(
                            " + ".join(labels),
                            " + ".join(part_labels),
                            people,
                            labels + part_labels,
                            _members(whole & ~part, bit),
                        )
                    )
    return audit


def _combinations(rows: list[str]):
    if len(rows) > MAX_TABLE_ROWS_COMBINED:
        yield tuple(rows)
        yield from ((r,) for r in rows)
        return
    for chosen in range(1, 1 << len(rows)):
        yield tuple(r for i, r in enumerate(rows) if chosen >> i & 1)


def _mask(members: Iterable, bit: Mapping) -> int:
    """The bits of ``members`` as one integer, set in a byte array: adding up shifted ones would copy an ever
    longer integer for each member."""
    bits = bytearray(len(bit) // 8 + 1)
    for i in map(bit.__getitem__, members):
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def _members(mask: int, bit: Mapping) -> frozenset:
    bits = mask.to_bytes(len(bit) // 8 + 1, "little")
    return frozenset(member for member, i in bit.items() if bits[i >> 3] >> (i & 7) & 1)


def _union(masks: Mapping[str, int], labels: Iterable[str]) -> int:
    union = 0
    for label in labels:
        union |= masks[label]
    return union
