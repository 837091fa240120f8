"""The report's pages: a branded cover, a table of contents, and content pages with the firm in
the header and "Confidential — prepared for …" and the page number in the footer."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from consultant_app.analysis.report_data import ReportData
from consultant_app.reports.fonts import BODY, MEDIUM, SEMIBOLD
from consultant_app.reports.logos import Logo
from consultant_app.reports.styles import MUTED, RULE, Brand

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
CONTENT_W = PAGE_W - 2 * MARGIN


class ReportDocument(BaseDocTemplate):
    """A4 document whose level-one headings feed the table of contents and the PDF outline."""

    def __init__(
        self, path: str, data: ReportData, brand: Brand, firm_logo: Logo | None, client_logo: Logo | None
    ) -> None:
        super().__init__(
            path,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 8 * mm,
            bottomMargin=MARGIN,
            title=f"Declined-offer insights — {data.client.name}",
            author=data.firm.name,
            subject=f"Confidential — prepared for {data.client.name}",
            creator="Debrief",
            initialFontName=BODY,
            initialFontSize=10,
        )
        self.data, self.brand, self.firm_logo, self.client_logo = data, brand, firm_logo, client_logo
        frame = Frame(
            MARGIN,
            MARGIN,
            CONTENT_W,
            PAGE_H - 2 * MARGIN - 8 * mm,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover),
                PageTemplate("content", [frame], onPage=self._decorate),
            ]
        )

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            text = flowable.getPlainText()
            key = f"section-{self.seq.nextf('section')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, text, self.page, key))

    # page decorations ---------------------------------------------------------------------
    def _cover(self, canvas, doc) -> None:
        data = self.data
        canvas.saveState()
        band = PAGE_H * 0.44
        canvas.setFillColor(colors.HexColor(self.brand.accent))
        canvas.rect(0, PAGE_H - band, PAGE_W, band, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor(self.brand.primary))
        canvas.rect(0, PAGE_H - band - 6, PAGE_W, 6, stroke=0, fill=1)
        if self.client_logo:
            canvas.setFillColor(colors.white)
            canvas.roundRect(MARGIN - 6, PAGE_H - MARGIN - 46, 150, 52, 6, stroke=0, fill=1)
            self.client_logo.draw(canvas, MARGIN, PAGE_H - MARGIN - 40, 138, 40)
        canvas.setFillColor(colors.white)
        canvas.setFont(MEDIUM, 11)
        canvas.drawString(MARGIN, PAGE_H - band + 118, "DECLINED-OFFER INSIGHTS")
        canvas.setFont(SEMIBOLD, 30)
        canvas.drawString(MARGIN, PAGE_H - band + 80, _fit(canvas, data.client.name, SEMIBOLD, 30, CONTENT_W))
        canvas.setFont(BODY, 13)
        canvas.drawString(MARGIN, PAGE_H - band + 52, data.period_label())
        canvas.setFillColor(colors.HexColor("#1D2433"))
        canvas.setFont(SEMIBOLD, 12)
        canvas.drawString(
            MARGIN,
            PAGE_H - band - 50,
            _fit(canvas, f"Confidential — prepared for {data.client.name}", SEMIBOLD, 12, CONTENT_W),
        )
        canvas.setFont(BODY, 10)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            MARGIN,
            PAGE_H - band - 68,
            _fit(canvas, f"Prepared by {data.firm.name}", BODY, 10, CONTENT_W - 120)
            + f" · {_long_date(data.generated)}",
        )
        canvas.drawString(
            MARGIN,
            PAGE_H - band - 86,
            f"Based on {data.completed:,} completed interview"
            f"{'s' * (data.completed != 1)} with candidates who declined an offer",
        )
        if self.firm_logo:
            self.firm_logo.draw(canvas, MARGIN, MARGIN + 18, 120, 34)
        canvas.setFont(BODY, 8)
        canvas.drawString(
            MARGIN,
            MARGIN,
            "This report contains no information that identifies candidates who did not agree to be named.",
        )
        canvas.restoreState()

    def _decorate(self, canvas, doc) -> None:
        data = self.data
        canvas.saveState()
        top = PAGE_H - MARGIN + 2 * mm
        x = MARGIN
        if self.firm_logo:
            x += self.firm_logo.draw(canvas, MARGIN, top - 1, 60, 14) + 8
        canvas.setFont(MEDIUM, 8.5)
        canvas.setFillColor(colors.HexColor(self.brand.primary))
        canvas.drawString(x, top + 2, _fit(canvas, data.firm.name, MEDIUM, 8.5, PAGE_W / 2 - x))
        canvas.setFillColor(MUTED)
        canvas.setFont(BODY, 8.5)
        canvas.drawRightString(PAGE_W - MARGIN, top + 2, _fit(canvas, data.client.name, BODY, 8.5, CONTENT_W / 2))
        canvas.setStrokeColor(colors.HexColor(self.brand.primary))
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, top - 4, PAGE_W - MARGIN, top - 4)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, MARGIN - 8, PAGE_W - MARGIN, MARGIN - 8)
        canvas.setFont(BODY, 8)
        canvas.drawString(
            MARGIN,
            MARGIN - 20,
            _fit(canvas, f"Confidential — prepared for {data.client.name}", BODY, 8, CONTENT_W - 60),
        )
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 20, f"Page {doc.page}")
        canvas.restoreState()


def table_of_contents(style) -> TableOfContents:
    toc = TableOfContents()
    toc.tableStyle = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), BODY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc.levelStyles = [style]
    toc.dotsMinLevel = 0
    return toc


def _fit(canvas, text: str, font: str, size: float, width: float) -> str:
    """Text shortened with … to fit the width (a binary search: a name may be long)."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if canvas.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _long_date(iso: str) -> str:
    from datetime import date

    return date.fromisoformat(iso).strftime("%-d %B %Y")
