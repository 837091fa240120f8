"""Paragraph and table styles of the report, every one naming a shipped font (reportlab would
otherwise fall back to unembedded Helvetica), and the brand colours taken from firm and client."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from consultant_app.reports.fonts import BODY, ITALIC, MEDIUM, SEMIBOLD, register_fonts

INK = colors.HexColor("#1D2433")
MUTED = colors.HexColor("#667085")
RULE = colors.HexColor("#E4E7EC")
TINT = colors.HexColor("#F5F7FA")


def _valid(hex_color: str | None, default: str) -> str:
    if hex_color and len(hex_color) == 7 and hex_color.startswith("#"):
        try:
            int(hex_color[1:], 16)
            return hex_color
        except ValueError:
            pass
    return default


@dataclass
class Brand:
    primary: str  # firm colour: headings, header rule
    accent: str  # client colour: charts and highlights

    @classmethod
    def of(cls, firm_primary: str | None, client_color: str | None, firm_accent: str | None) -> Brand:
        return cls(_valid(firm_primary, "#14213D"), _valid(client_color, _valid(firm_accent, "#2A6FDB")))


def paragraph_styles(brand: Brand) -> dict[str, ParagraphStyle]:
    register_fonts()
    primary = colors.HexColor(brand.primary)
    base = ParagraphStyle(
        "body",
        fontName=BODY,
        bulletFontName=BODY,
        fontSize=10,
        leading=14.5,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=6,
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=SEMIBOLD,
            fontSize=20,
            leading=25,
            textColor=primary,
            spaceBefore=0,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=SEMIBOLD, fontSize=12.5, leading=17, textColor=INK, spaceBefore=14, spaceAfter=6
        ),
        "lead": ParagraphStyle("lead", parent=base, fontSize=11.5, leading=17, textColor=INK, spaceAfter=10),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8, leading=11, textColor=MUTED, spaceAfter=10),
        "quote": ParagraphStyle(
            "quote", parent=base, fontName=ITALIC, fontSize=10, leading=14.5, textColor=INK, spaceAfter=2
        ),
        "attribution": ParagraphStyle(
            "attribution", parent=base, fontSize=8, leading=11, textColor=MUTED, spaceAfter=0
        ),
        "kpi": ParagraphStyle(
            "kpi", parent=base, fontName=SEMIBOLD, fontSize=22, leading=26, textColor=primary, spaceAfter=0
        ),
        "kpi_label": ParagraphStyle(
            "kpi_label", parent=base, fontName=MEDIUM, fontSize=8, leading=11, textColor=MUTED, spaceAfter=0
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5, spaceAfter=0),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontName=SEMIBOLD, fontSize=8, leading=11, textColor=MUTED, spaceAfter=0
        ),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=0, spaceAfter=3),
        "toc1": ParagraphStyle("toc1", parent=base, fontName=MEDIUM, fontSize=11, leading=20),
    }
