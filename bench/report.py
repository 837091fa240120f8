"""Times the PDF report of a client with 5,000 completed interviews, against the same charts drawn
by bare matplotlib and written by bare reportlab (the building blocks' own cost).

    python -m bench.report [--interviews N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
from pathlib import Path

from bench.workspace import cached_workspace, timed
from consultant_app.store import Store


def baseline(pdf: Path, charts: int, pages: int) -> None:
    """Bare matplotlib bar charts saved as SVG plus a bare reportlab document of the same length."""
    from matplotlib.figure import Figure
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    for _ in range(charts):
        fig = Figure(figsize=(6.5, 3))
        fig.add_subplot().barh([f"reason {i}" for i in range(10)], list(range(10)))
        fig.savefig(io.BytesIO(), format="svg")
    styles = getSampleStyleSheet()
    story = []
    for i in range(pages):
        story += [Paragraph(f"Section {i}", styles["Heading1"])] + [Paragraph("Text " * 80, styles["BodyText"])] * 6
        story.append(PageBreak())
    SimpleDocTemplate(str(pdf)).build(story)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=7000, help="interviews in the single-client workspace")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from consultant_app.reports.generate import generate_report

    path = cached_workspace("report", 1, args.interviews)
    out = Path(tempfile.mkdtemp()) / "report.pdf"
    with Store.open(path) as store:
        client = store.clients.list()[0]
        result = generate_report(store, client.id, out)  # warm-up: fonts, imports
        ours = timed(lambda: generate_report(store, client.id, out), args.repeat)
    charts = 9
    base = timed(lambda: baseline(out.with_name("baseline.pdf"), charts, result.pages), args.repeat)
    print(f"client with {result.data.completed:,} completed interviews, {result.pages} pages")
    print(f"{'operation':<34}{'median':>9}{'min':>9}{'max':>9}{'ratio':>8}")
    for name, times in (("report (Debrief)", ours), ("bare matplotlib + reportlab", base)):
        ratio = statistics.median(times) / statistics.median(base)
        print(f"{name:<34}{statistics.median(times):>8.2f}s{min(times):>8.2f}s{max(times):>8.2f}s{ratio:>7.2f}×")


if __name__ == "__main__":
    main()
