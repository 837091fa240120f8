"""Redaction, measured: recall per category and precision per kind of finding on the labelled evaluation set
(``tests/data/redaction_eval.jsonl``, scored by ``tests.redaction_eval.score``), and the time ``Redactor.find``
takes per sentence there and per note of a demo workspace (20,000 notes, every name of the demo known).

    .venv/bin/python -m bench.redaction [--misses]    # --misses: also list what was missed and found wrongly
"""

from __future__ import annotations

import argparse
import statistics
import time

from consultant_app.demo import build_demo_document
from consultant_app.domain.redaction import Redactor
from tests.redaction_eval import load, score


def per_text(redactor: Redactor, texts: list[str], keeps: list[str | None], repeat: int = 5) -> float:
    """The median over ``repeat`` runs of the time to find everything in one text, in microseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text, keep in zip(texts, keeps):
            redactor.find(text, keep=keep)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) / len(texts) * 1e6


def demo_notes(count: int = 20_000) -> tuple[list[str], list[str]]:
    """The notes and summaries of a demo workspace, and every name it knows."""
    document = build_demo_document(clients=6, interviews=4000, seed=7, extra_notes=4)
    names, texts = set(), []
    for client in document["clients"]:
        names.add(client["contact_name"])
        names |= {role.get("hiring_manager") or "" for role in client["roles"]}
        for candidate in client["candidates"]:
            names.add(candidate["full_name"])
            for interview in candidate["interviews"]:
                names.add(interview.get("consultant") or "")
                texts += [note["text"] for note in interview.get("notes", [])] + [interview.get("summary") or ""]
    return [t for t in texts if t][:count], sorted(filter(None, names))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list missed tags and wrong findings")
    args = parser.parse_args(argv)
    workspace, samples = load()
    redactor = workspace.redactor()
    result = score(redactor, samples)
    print(f"Redaction on {len(samples)} labelled sentences\n\n{'category':<16}{'count':>7}{'recall':>9}")
    for category, (found, total) in result.recall.items():
        print(f"{category:<16}{total:>7}{found / total:>9.1%}" if total else f"{category:<16}{0:>7}{'—':>9}")
    print(f"\n{'finding kind':<16}{'count':>7}{'precision':>11}")
    for kind, (true, total) in sorted(result.precision.items()):
        print(f"{kind:<16}{total:>7}{true / total:>11.1%}")
    total = sum(t for _, t in result.precision.values())
    print(f"{'overall':<16}{total:>7}{result.overall_precision():>11.1%}\n")
    texts, keeps = [s.text for s in samples], [s.keep for s in samples]
    print(f"Redactor.find: {per_text(redactor, texts, keeps):.0f} µs a sentence of the set", flush=True)
    notes, names = demo_notes()
    demo = Redactor(names, workspace.phone_region)
    print(f"Redactor.find: {per_text(demo, notes, [None] * len(notes)):.0f} µs a demo note ({len(notes):,} notes)")
    if args.misses:
        for category, words, text in result.missed:
            print(f"missed {category}: {words!r} in {text!r}")
        for kind, words, text in result.wrong:
            print(f"wrong {kind}: {words!r} in {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
