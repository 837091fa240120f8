"""A consultant typing through a long call, played by a program: the real app in a process of its own.

``python -m bench.call_typing WORKSPACE --chars N [--calls K] [--seed S] [--bare]`` starts Debrief from its real
entry point on a workspace made by ``workspace_with_scheduled_calls`` (``debrief self-test``'s: K interviews, no
notes). Once the main window shows, for each call it presses Enter on the next interview's row to open the call
screen, then for each planned note presses Ctrl+1…5 for its section (and Ctrl+Enter when the section already has a
note), Alt+1/2/3 or F4 for its visibility, and types its text one key at a time (Return for a new line, any Unicode
character as a key's text), each key as soon as the one before it is painted; then it closes the call screen and
presses Down for the next row. At the end it quits with Ctrl+Q. ``--bare`` types the same keys into plain
``QPlainTextEdit``s in bare PySide6 windows instead (one window per call): the baseline of Qt's own cost.

With ``--progress`` it prints the count of characters typed after each key, for tests that kill it mid-call.
The last stdout line is JSON: characters typed, the interview of each call, keystroke-to-paint latencies (from
the moment the previous key was painted, so autosaves and timers in between count against the key) and
resident memory after warm-up (the first 1,000 characters of a single call, or the first of several calls) and
at the end. Used by the long-session soak (``python -m bench --only typing``) and by
``tests/ui/test_long_typing.py``, which checks every character reached the file and the process exited 0.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from dataclasses import dataclass

from consultant_app.domain.taxonomy import NOTE_SECTIONS, VISIBILITIES

SECTIONS = list(NOTE_SECTIONS)
WARM_UP_CHARS = 1_000
NO_PAINT_TIMEOUT_MS = 250
WORDS = [
    "the",
    "recruiter",
    "was",
    "quick",
    "and",
    "friendly,",
    "but",
    "the",
    "offer",
    "came",
    "late;",
    "salary",
    "was",
    "below",
    "the",
    "market,",
    "Jürgen",
    "from",
    "the",
    "panel",
    "was",
    "great",
    "and",
    "the",
    "café",
    "chat",
    "felt",
    "naïve",
    "—",
    "“we",
    "will",
    "see”",
    "they",
    "said;",
    "remote",
    "work",
    "three",
    "days,",
    "€85k",
    "against",
    "€92k",
    "elsewhere,",
    "Zoë",
    "in",
    "São",
    "Paulo;",
    "the",
    "team",
    "seemed",
    "kind,",
    "the",
    "process",
    "had",
    "five",
    "rounds",
    "and",
    "nobody",
    "explained",
    "the",
    "equity;",
    "travel",
    "was",
    "paid",
    "and",
    "the",
    "office",
    "is",
    "far",
]


@dataclass(frozen=True)
class PlannedNote:
    section: str
    visibility: str
    visibility_key: str  # "Alt+1", "Alt+2", "Alt+3" or "F4"
    text: str


def typing_plan(chars: int, calls: int = 1, seed: int = 1) -> list[list[PlannedNote]]:
    """For each call, notes of 250–900 characters across every section and visibility; ``chars`` in all."""
    rng = random.Random(seed)
    order = list(VISIBILITIES)
    cycled = order[(order.index("aggregate") + 1) % len(order)]  # a new note is aggregate; F4 moves it on
    keys = [(f"Alt+{i + 1}", v) for i, v in enumerate(order)] + [("F4", cycled)]
    plan: list[list[PlannedNote]] = []
    for call in range(calls):
        notes, total, share = [], 0, chars // calls + (1 if call < chars % calls else 0)
        while total < share:
            length = min(rng.randint(250, 900), share - total)
            text = rng.choice(WORDS)
            while len(text) < length:
                text += ("\n" if rng.random() < 0.04 else " ") + rng.choice(WORDS)
            text = text[:length].strip() or "ok"
            key, visibility = keys[len(notes) % len(keys)]
            notes.append(PlannedNote(SECTIONS[rng.randrange(len(SECTIONS))], visibility, key, text))
            total += len(text)
        plan.append(notes)
    return plan


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace")
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument(
        "--calls",
        type=int,
        default=1,
        help="calls one after the other (the workspace needs as many "
        "interviews); the memory after warm-up is read when the first call has closed",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--progress", action="store_true", help="print the count of characters typed after each key")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from bench.typist import Typist

    app = QApplication.instance() or QApplication(["debrief"])
    app.setQuitOnLastWindowClosed(not args.bare)  # the baseline closes its window after each call
    typist = Typist(typing_plan(args.chars, args.calls, args.seed), bare=args.bare, progress=args.progress)
    typist.start()
    if args.bare:
        code = app.exec()
    else:
        from consultant_app.cli import main as app_main

        code = app_main(["--db", args.workspace])
    latencies = typist.latencies_ms
    print(
        json.dumps(
            {
                "chars": typist.chars_typed,
                "interviews": typist.interviews,
                "keys_without_paint": typist.keys_without_paint,
                "error": typist.error,
                "p50_ms": statistics.median(latencies) if latencies else None,
                "p99_ms": percentile(latencies, 0.99) if latencies else None,
                "max_ms": max(latencies, default=None),
                "seconds": typist.seconds,
                "memory_after_warm_up": typist.memory_after_warm_up,
                "memory_at_end": typist.memory_at_end,
            }
        ),
        flush=True,
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
