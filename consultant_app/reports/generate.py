"""Making a client report: gather the safe data, lay it out, write the PDF atomically, and log
the output in the audit log. Runs without Qt, so the app can call it off the GUI thread."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer

from consultant_app.analysis.report_data import SECTIONS, ReportData, build_report_data
from consultant_app.leftovers import partial_file
from consultant_app.reports.layout import ReportDocument, table_of_contents
from consultant_app.reports.logos import load_logo
from consultant_app.reports.sections import SectionWriter
from consultant_app.reports.styles import Brand, paragraph_styles
from consultant_app.store import Store, WorkspaceError

MAX_SUMMARY_CHARS = 5_000
CONTENT_SECTIONS = ["summary", "reasons", "right_wrong", "competitors", "extra", "breakdowns", "method"]


@dataclass
class ReportResult:
    path: Path
    pages: int
    data: ReportData
    warnings: list[str] = field(default_factory=list)


def generate_report(store: Store, client_id: str, out: Path, date_from: str | None = None, date_to: str | None = None,
                    sections: list[str] | None = None, summary_text: str | None = None) -> ReportResult:
    """Writes the client's report to ``out`` and returns what was made (pages, warnings)."""
    unknown = set(sections or []) - set(SECTIONS)
    if unknown:
        raise ValueError(f"Unknown report section(s): {', '.join(sorted(unknown))}. Known: {', '.join(SECTIONS)}.")
    if date_from and date_to and date_from > date_to:
        raise ValueError("The period starts after it ends.")
    if summary_text and len(summary_text) > MAX_SUMMARY_CHARS:
        raise ValueError(f"The summary has {len(summary_text):,} characters; a report has room for {MAX_SUMMARY_CHARS:,}.")
    data = build_report_data(store, client_id, date_from, date_to, sections, summary_text)
    warnings: list[str] = []
    brand = Brand.of(data.firm.primary_color, data.client.brand_color, data.firm.accent_color)
    firm_logo = load_logo(data.firm.logo, "firm", warnings)
    client_logo = load_logo(data.client.logo, "client", warnings)
    out = Path(out)
    temp = partial_file(out, ".pdf")
    try:
        doc = ReportDocument(str(temp), data, brand, firm_logo, client_logo)
        if "cover" not in data.sections:
            doc.pageTemplates.reverse()
        doc.multiBuild(_story(data, brand))
        os.replace(temp, out)
    except OSError as exc:
        raise WorkspaceError(f"Could not write the report to {out}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)
    store.audit.record("report", client_id=client_id, date_from=date_from, date_to=date_to, file=out.name,
                       sections=data.sections, interviews=data.completed)
    return ReportResult(out, doc.page, data, warnings)


def _story(data: ReportData, brand: Brand) -> list:
    styles = paragraph_styles(brand)
    writer = SectionWriter(data, brand, styles)
    story: list = []
    if "cover" in data.sections:
        story += [Spacer(1, 1), NextPageTemplate("content"), PageBreak(),
                  Paragraph("Contents", styles["h2"]), table_of_contents(styles["toc1"]), PageBreak()]
    chosen = [s for s in CONTENT_SECTIONS if s in data.sections]
    if not data.enough_data:
        chosen = ["not_enough"] + (["method"] if "method" in chosen else [])
    builders = {"not_enough": writer.not_enough_data, "summary": writer.summary, "reasons": writer.reasons,
                "right_wrong": writer.right_wrong, "competitors": writer.competitors, "extra": writer.extra,
                "breakdowns": writer.breakdowns, "method": writer.method}
    for i, key in enumerate(chosen):
        if i:
            story.append(PageBreak())
        story += builders[key]()
    if not chosen:
        story.append(Paragraph("No sections were chosen for this report.", styles["body"]))
    return story
