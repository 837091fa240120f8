"""A dataset's answers, streamed: the shareable notes of the rows kept are read from the workspace a few
hundred interviews at a time, in the rows' reading order, redacted — by a pool of processes when there are
many, since redaction is most of the work and splits by note — and spilled to an unnamed temporary file as
they come, so memory stays flat however many answers there are (a million notes held as objects took
1.5 GB). What stays in memory is a few integers per answer (its row, section and themes, where its text
starts in the file), the themes each row's shareable notes carry, and the tallies: replacements by kind,
and answers left out because they await review. The writer reads the texts back in the order the file
wants them (the rows' order, or shuffled when answers are not linked to rows).
"""

from __future__ import annotations

import mmap
import os
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing import get_context

from consultant_app.domain import confidentiality
from consultant_app.domain.model import Note
from consultant_app.domain.redaction import Redactor
from consultant_app.domain.taxonomy import NOTE_SECTIONS

INTERVIEWS_AT_A_TIME = 500  # interviews whose notes are read in one query (~5,000 notes)
RELEASE_EVERY = 5_000  # texts read back between letting go of the file's pages read so far: mapped, they count
# as this process's memory (the whole file, 80 MB at 100,000 interviews), and read in shuffled order each text
# is on a page of its own (5,000 texts: at most 20 MB); the system keeps them cached
RELEASE = getattr(mmap, "MADV_DONTNEED", None)  # not on Windows
POOL_FROM = 4_000  # kept interviews (~5 shareable notes each): fewer are redacted in this process (a pool takes
# ~0.3 s to start and to receive the redactor)
BATCH = 2_000  # texts sent to a process at a time
IN_FLIGHT = 4  # batches queued per process: enough to keep it busy, few enough to bound memory
SECTIONS = list(NOTE_SECTIONS)


class Answers:
    """The answers of a dataset, spilled: ``len`` counts them; iterating yields them as the file's rows."""

    def __init__(self, rows: int) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 — lives as long as the plan; removed when it goes
        self.starts = array("q", [0])  # text n is bytes starts[n]:starts[n + 1] of the file
        self.row = array("i")  # the kept row (its index) each answer belongs to
        self.section = array("b")
        self.themes = array("i")  # index into theme_sets
        self.theme_sets: list[str] = []  # each combination of themes, as written ("a;b")
        self.row_themes: list[str] = [""] * rows  # themes of each row's shareable notes, as written ("a;b")
        self.redactions: Counter = Counter()
        self.awaiting = 0  # quotable notes left out until someone approves them
        self.written: tuple[list[str], Sequence[int], list[str], list[str]] | None = None  # see ``arrange``

    def __len__(self) -> int:
        return len(self.row)

    def __iter__(self) -> Iterator[dict[str, str]]:
        names = ["respondent", "section", "themes", "text"][4 - len(self.arranged()[0]) :]
        for values in self.rows():
            yield dict(zip(names, values))

    def arrange(self, respondents: list[str], order: Sequence[int], themes: list[str], columns: list[str]) -> None:
        """How the file is written: each kept row's pseudonym, the answers in the file's order (indexes), each
        combination of themes as written, and the columns."""
        self.written = (columns, order, respondents, themes)

    def arranged(self) -> tuple[list[str], Sequence[int], list[str], list[str]]:
        assert self.written is not None, "arrange() first"
        return self.written

    def rows(self) -> Iterator[tuple]:
        """The answers as the file's rows, in its order."""
        columns, order, respondents, themes = self.arranged()
        if not len(self):
            return
        linked = columns[0] == "respondent"
        row, section, theme_of, starts = self.row, self.section, self.themes, self.starts
        self._file.flush()
        with mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) as texts:
            for count, n in enumerate(order, 1):
                if count % RELEASE_EVERY == 0 and RELEASE is not None:
                    texts.madvise(RELEASE)
                text = texts[starts[n] : starts[n + 1]].decode("utf-8")
                written = (SECTIONS[section[n]], themes[theme_of[n]], text)
                yield (respondents[row[n]], *written) if linked else written

    def _add(self, meta: list[tuple[int, int, int]], texts: list[str], counts: Counter) -> None:
        data = "".join(texts).encode("utf-8")
        at = self.starts[-1]
        self.starts.extend(_ends(texts, at))
        self._file.write(data)
        for row, section, themes in meta:
            self.row.append(row)
            self.section.append(section)
            self.themes.append(themes)
        self.redactions.update(counts)


def _ends(texts: list[str], at: int) -> Iterator[int]:
    for text in texts:
        at += len(text.encode("utf-8"))
        yield at


def stream(
    store,
    kept: list,
    redactor: Redactor,
    review_required: bool,
    drafts: list | None = None,
) -> Answers:
    """The answers of the ``kept`` interview records (their shareable notes the review lets out), redacted and
    spilled; ``drafts`` (when given) receives a quote draft of every quotable note, for the quote review."""
    from consultant_app.analysis.quotes import QuoteDraft

    answers = Answers(len(kept))
    theme_names = store.reporting.theme_names()
    sorted_names: dict[str | None, list[str]] = {None: []}
    theme_index: dict[str, int] = {}
    written: dict[str, str] = {}  # one string for each combination of a row's themes
    position = {r.id: n for n, r in enumerate(kept)}
    sections = {s: n for n, s in enumerate(SECTIONS)}
    with _Redacting(redactor, len(kept) >= POOL_FROM) as redacting:
        for start in range(0, len(kept), INTERVIEWS_AT_A_TIME):
            ids = [r.id for r in kept[start : start + INTERVIEWS_AT_A_TIME]]
            # only a shareable note may be quoted or show its themes on a row (both checked again on each note)
            rows = store.reporting.note_rows(ids, "shareable")
            candidates = store.reporting.candidates(ids)
            reviews = store.quotes.for_notes(row[0] for row in rows)
            texts, meta, its_themes = [], [], {}
            for note_id, interview_id, section, text, visibility, highlight, at, created, updated, found in rows:
                names = sorted_names.get(found)
                if names is None:
                    names = sorted_names[found] = sorted((theme_names[t] for t in found.split(" ")), key=str.casefold)
                note = Note(
                    interview_id, section, text, note_id, visibility, names, bool(highlight), at, created, updated
                )
                n = position[interview_id]
                if confidentiality.themes_may_show_on_a_row(note):
                    its_themes.setdefault(n, set()).update(names)
                candidate = candidates[interview_id]
                if not confidentiality.may_quote(note, candidate):
                    continue
                if drafts is not None:
                    drafts.append(QuoteDraft(note, candidate, kept[n].role, redactor, in_dataset=True))
                review = reviews.get(note_id)
                if confidentiality.quote_cleared(note, review, review_required):
                    joined = ";".join(names)
                    themes = theme_index.get(joined)
                    if themes is None:
                        themes = theme_index[joined] = len(answers.theme_sets)
                        answers.theme_sets.append(joined)
                    texts.append((text, *(review.edits_for(text) if review else ((), ()))))
                    meta.append((n, sections[section], themes))
                elif review is None or not review.holds_for(text):
                    answers.awaiting += 1
            for n, held in its_themes.items():  # a row's notes all come in one chunk
                joined = ";".join(sorted(held, key=str.casefold))
                answers.row_themes[n] = written.setdefault(joined, joined)
            redacting.submit(texts, meta)
            redacting.collect(answers, block=False)
        redacting.collect(answers, block=True)
    return answers


class _Redacting:
    """Redacts batches of texts in order, in this process or on a pool of ``os.cpu_count()`` processes."""

    def __init__(self, redactor: Redactor, pool: bool) -> None:
        self.redactor = redactor
        workers = min(os.cpu_count() or 1, 4)
        self.pool: Executor | None = None
        if pool and workers > 1:
            method = "forkserver" if "forkserver" in _methods() else "spawn"
            self.pool = ProcessPoolExecutor(workers, get_context(method), initializer=_start, initargs=(redactor,))
        self.limit = IN_FLIGHT * workers
        self.pending: list[tuple[Future | tuple, list]] = []
        self.texts: list[tuple] = []
        self.meta: list = []

    def __enter__(self) -> _Redacting:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, texts: list[tuple], meta: list, flush: bool = False) -> None:
        self.texts += texts
        self.meta += meta
        while len(self.texts) >= BATCH or (flush and self.texts):
            batch, self.texts = self.texts[:BATCH], self.texts[BATCH:]
            found, self.meta = self.meta[: len(batch)], self.meta[len(batch) :]
            if self.pool is None:
                self.pending.append((redact_batch(self.redactor, batch), found))
            else:
                self.pending.append((self.pool.submit(_redact, batch), found))

    def collect(self, answers: Answers, block: bool) -> None:
        if block:
            self.submit([], [], flush=True)
        while self.pending and (block or len(self.pending) > self.limit or _done(self.pending[0][0])):
            result, meta = self.pending.pop(0)
            texts, counts = result.result() if isinstance(result, Future) else result
            answers._add(meta, texts, counts)


def _done(result) -> bool:
    return not isinstance(result, Future) or result.done()


def _methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def redact_batch(redactor: Redactor, batch: list[tuple]) -> tuple[list[str], Counter]:
    """The texts of ``batch`` (text, words to hide, findings to restore) as a dataset prints them, and what was
    replaced, by kind."""
    redactor.counts = Counter()
    return [confidentiality.printed_text(text, redactor, None, hide, keep).text for text, hide, keep in batch], (
        redactor.counts
    )


_redactor: Redactor | None = None  # a pool process's own copy


def _start(redactor: Redactor) -> None:
    global _redactor
    _redactor = redactor


def _redact(batch: list[tuple]) -> tuple[list[str], Counter]:
    assert _redactor is not None
    return redact_batch(_redactor, batch)
