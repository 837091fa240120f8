"""Making a client report: gather the safe data, clear it against the release ledger, lay it out, write
the PDF atomically, and record it in the ledger and the audit log. Runs without Qt, so the app can call it
off the GUI thread."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer

from consultant_app.analysis import releases
from consultant_app.analysis.report_clearance import cleared_report
from consultant_app.analysis.report_data import ReportData
from consultant_app.domain.requests import ReportRequest, client_recipient
from consultant_app.gc_pause import pause_gc
from consultant_app.leftovers import partial_file
from consultant_app.reports.layout import ReportDocument, table_of_contents
from consultant_app.reports.logos import load_logo
from consultant_app.reports.sections import SectionWriter
from consultant_app.reports.styles import Brand, paragraph_styles
from consultant_app.store import Store, WorkspaceError

CONTENT_SECTIONS = ["summary", "reasons", "right_wrong", "competitors", "extra", "breakdowns", "method"]


@dataclass
class ReportResult:
    path: Path
    pages: int
    data: ReportData
    warnings: list[str] = field(default_factory=list)


def generate_report(store: Store, request: ReportRequest) -> ReportResult:
    """Writes the report asked for and returns what was made (pages, warnings)."""
    r = request

    with pause_gc():  # tens of thousands of records, kept while the pages are laid out: not rescanned
        cleared = cleared_report(store, r.client_id, r.date_from, r.date_to, r.if_too_close, r.sections, r.summary_text)
    data, date_from = cleared.result, cleared.date_from
    warnings: list[str] = []
    brand = Brand.of(data.firm.primary_color, data.client.brand_color, data.firm.accent_color)
    firm_logo = load_logo(data.firm.logo, "firm", warnings)
    client_logo = load_logo(data.client.logo, "client", warnings)
    out = Path(r.out)
    temp = partial_file(out, ".pdf")
    try:
        doc = ReportDocument(str(temp), data, brand, firm_logo, client_logo)
        if "cover" not in data.sections:
            doc.pageTemplates.reverse()
        with pause_gc():  # the charts' few figures are left to the collector afterwards
            doc.multiBuild(_story(data, brand))
        doc.data = None  # reportlab's document refers to itself: it waits for the collector, the data need not
        os.replace(temp, out)
    except OSError as exc:
        raise WorkspaceError(f"Could not write the report to {out}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)
    release = releases.record(
        store,
        {
            "kind": "report",
            "client_id": r.client_id,
            "recipient_key": client_recipient(r.client_id),
            "recipient": data.client.name,
            "date_from": date_from,
            "date_to": r.date_to,
            "k": data.k,
            "file": out.name,
        },
        data.population if data.enough_data else (),
        figures=data.release_figures,
    )
    store.audit.record(
        "report",
        client_id=r.client_id,
        release=release.id,
        date_from=date_from,
        date_to=r.date_to,
        file=out.name,
        sections=data.sections,
        interviews=data.completed,
        quotes_reviewed=data.quotes_reviewed,
        quotes_awaiting_review=data.quotes_awaiting,
    )
    return ReportResult(out, doc.page, data, warnings)


def _story(data: ReportData, brand: Brand) -> list:
    styles = paragraph_styles(brand)
    writer = SectionWriter(data, brand, styles)
    story: list = []
    if "cover" in data.sections:
        story += [
            Spacer(1, 1),
            NextPageTemplate("content"),
            PageBreak(),
            Paragraph("Contents", styles["h2"]),
            table_of_contents(styles["toc1"]),
            PageBreak(),
        ]
    chosen = [s for s in CONTENT_SECTIONS if s in data.sections]
    if not data.enough_data:
        chosen = ["not_enough"] + (["method"] if "method" in chosen else [])
    builders = {
        "not_enough": writer.not_enough_data,
        "summary": writer.summary,
        "reasons": writer.reasons,
        "right_wrong": writer.right_wrong,
        "competitors": writer.competitors,
        "extra": writer.extra,
        "breakdowns": writer.breakdowns,
        "method": writer.method,
    }
    for i, key in enumerate(chosen):
        if i:
            story.append(PageBreak())
        story += builders[key]()
    if not chosen:
        story.append(Paragraph("No sections were chosen for this report.", styles["body"]))
    return story
