"""The report's typeface: Inter (shipped in ``resources/fonts``) registered once with reportlab,
matplotlib and svglib, with DejaVu Sans (shipped inside matplotlib) as the fallback for
characters Inter lacks. Characters neither font has are replaced, so no text can break a report.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from consultant_app.paths import resources_dir

BODY, MEDIUM, SEMIBOLD, BOLD, ITALIC, FALLBACK = (
    "Inter",
    "Inter-Medium",
    "Inter-SemiBold",
    "Inter-Bold",
    "Inter-Italic",
    "DejaVuSans",
)
REPLACEMENT = "\u25a1"  # a white square where no shipped font has the character


@lru_cache(maxsize=1)
def register_fonts() -> None:
    folder = resources_dir() / "fonts"
    files = {
        BODY: "Inter-Regular.ttf",
        MEDIUM: "Inter-Medium.ttf",
        SEMIBOLD: "Inter-SemiBold.ttf",
        BOLD: "Inter-Bold.ttf",
        ITALIC: "Inter-Italic.ttf",
    }
    for name, file in files.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        font_manager.fontManager.addfont(str(folder / file))
    pdfmetrics.registerFont(TTFont(FALLBACK, _dejavu_path()))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, SEMIBOLD)
    addMapping(BODY, 0, 1, ITALIC)
    addMapping(BODY, 1, 1, BOLD)
    from svglib.fonts import register_font

    register_font("Inter", str(folder / "Inter-Regular.ttf"), rlgFontName=BODY)
    register_font("Inter", str(folder / "Inter-SemiBold.ttf"), weight="bold", rlgFontName=SEMIBOLD)
    register_font("DejaVu Sans", _dejavu_path(), rlgFontName=FALLBACK)
    matplotlib.rcParams.update({"font.family": ["Inter", "DejaVu Sans"], "svg.fonttype": "none"})
    # Drawings and canvases start from a default font; make it ours so no unembedded font is named.
    from reportlab import rl_config
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = BODY
    rl_config.canvas_basefontname = BODY


def _dejavu_path() -> str:
    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")


@lru_cache(maxsize=4)
def _coverage(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def safe_markup(text: str, font: str = BODY) -> str:
    """Text as reportlab paragraph markup: escaped, with characters the font lacks set in the
    fallback font, and characters no shipped font has replaced by a square."""
    register_fonts()
    own, fallback = _coverage(font), _coverage(FALLBACK)
    out, run = [], []

    def flush() -> None:
        if run:
            out.append(f'<font name="{FALLBACK}">{html.escape("".join(run))}</font>')
            run.clear()

    for ch in text:
        code = ord(ch)
        if ch in "\n\t" or code in own:
            flush()
            out.append("<br/>" if ch == "\n" else html.escape(ch))
        elif code in fallback:
            run.append(ch)
        elif code >= 32 and not 0xFE00 <= code <= 0xFE0F and code != 0x200D:
            flush()
            out.append(REPLACEMENT if REPLACEMENT_CODE in own else "?")
    flush()
    return "".join(out)


REPLACEMENT_CODE = ord(REPLACEMENT)


def safe_plain(text: str) -> str:
    """Text for charts (matplotlib): characters neither font has become a square."""
    register_fonts()
    own, fallback = _coverage(BODY), _coverage(FALLBACK)
    return "".join(ch if ord(ch) in own or ord(ch) in fallback else REPLACEMENT for ch in text if ch.isprintable())
