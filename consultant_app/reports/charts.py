"""Report charts: matplotlib figures (Figure API, never pyplot) turned into reportlab drawings
through SVG, so they stay vector and their text stays searchable. Designed to read in greyscale:
values are written on the bars, and trend lines differ by marker and dash, not only by colour.

A chart carries no more precision than its labels: every value is drawn as it is printed (``as_printed``),
shares to the whole percent and ratings to one decimal, so that no reader can measure an exact mean or share
off the vector drawing and multiply it back into a sum.
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure
from reportlab.graphics.shapes import Drawing
from svglib.svglib import svg2rlg

from consultant_app.analysis.statistics import RatingSummary, as_printed
from consultant_app.reports.fonts import register_fonts, safe_plain

INK, MUTED, GRID, NEUTRAL = "#1D2433", "#667085", "#E4E7EC", "#98A2B3"
MARKERS = ["o", "s", "^", "D"]
DASHES = ["-", "--", ":", "-."]


def wrap_label(text: str, width: int = 26, lines: int = 2) -> str:
    """A label on at most ``lines`` lines of ``width`` characters, ending in … when cut."""
    parts = textwrap.wrap(safe_plain(text), width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def _figure(width_pt: float, height_pt: float) -> Figure:
    register_fonts()
    fig = Figure(figsize=(width_pt / 72, height_pt / 72))
    fig.patch.set_alpha(0)
    return fig


def _style(ax) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.tick_params(colors=MUTED, labelsize=8, length=0)
    ax.set_facecolor("none")


def to_drawing(fig: Figure, width_pt: float) -> Drawing:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", transparent=True)
    buffer.seek(0)
    drawing = svg2rlg(buffer)
    scale = width_pt / drawing.width
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.scale(scale, scale)
    return drawing


def bar_chart(
    rows: list[tuple[str, float, str]], width_pt: float, accent: str, highlight: int = 3, max_value: float | None = None
) -> Drawing:
    """Horizontal bars, largest first: (label, value, text written at the end of the bar); the value as the
    text prints it (``as_printed``)."""
    height = 26 + 21 * len(rows)
    fig = _figure(width_pt, height)
    ax = fig.add_axes((0.34, 6 / height, 0.58, 1 - 12 / height))
    _style(ax)
    labels = [wrap_label(r[0]) for r in rows]
    values = [r[1] for r in rows]
    colors = [accent if i < highlight and r[0] != "Other" else NEUTRAL for i, r in enumerate(rows)]
    positions = range(len(rows))[::-1]
    ax.barh(list(positions), values, color=colors, height=0.62)
    top = max_value or (max(values) if values else 1) or 1
    ax.set_xlim(0, top * 1.18)
    ax.set_yticks(list(positions), labels, fontsize=8.5, color=INK)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    for y, value, (_, _, text) in zip(positions, values, rows):
        ax.text(value + top * 0.015, y, text, va="center", ha="left", fontsize=8, color=INK)
    return to_drawing(fig, width_pt)


def trend_chart(periods: list[str], series: dict[str, list[float]], width_pt: float, accent: str) -> Drawing:
    """Share of interviews citing each reason, per period."""
    fig = _figure(width_pt, 190)
    ax = fig.add_axes((0.08, 0.2, 0.9, 0.72))
    _style(ax)
    ax.spines["left"].set_visible(False)
    ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    shades = [accent, INK, NEUTRAL, MUTED]
    x = list(range(len(periods)))
    for i, (name, values) in enumerate(series.items()):
        ax.plot(
            x,
            [as_printed(v, ".0%") * 100 for v in values],
            marker=MARKERS[i % 4],
            linestyle=DASHES[i % 4],
            color=shades[i % 4],
            linewidth=1.6,
            markersize=4.5,
            label=wrap_label(name, 34, 1),
        )
    step = max(1, len(periods) // 12)
    ax.set_xticks(x[::step], [periods[i] for i in x[::step]], fontsize=7.5)
    ax.set_ylim(0, 100)
    ax.set_yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], fontsize=7.5)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=min(3, len(series)), frameon=False, fontsize=8)
    return to_drawing(fig, width_pt)


def ratings_chart(ratings: list[RatingSummary], width_pt: float, accent: str) -> Drawing:
    """Mean rating per dimension on the 1–5 scale, with ± one standard deviation, both to one decimal as the
    label prints the mean."""
    height = 34 + 22 * len(ratings)
    fig = _figure(width_pt, height)
    ax = fig.add_axes((0.3, 24 / height, 0.62, 1 - 30 / height))
    _style(ax)
    ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    positions = list(range(len(ratings)))[::-1]
    for y, r in zip(positions, ratings):
        mean, spread = as_printed(r.mean, ".1f"), as_printed(r.spread, ".1f")
        low, high = max(1, mean - spread), min(5, mean + spread)
        ax.plot([low, high], [y, y], color=NEUTRAL, linewidth=3, solid_capstyle="round")
        ax.plot([mean], [y], marker="o", color=accent if mean >= 3 else INK, markersize=7)
        ax.text(5.12, y, f"{mean:.1f}  (n={r.n})", va="center", fontsize=8, color=INK)
    ax.set_xlim(1, 5)
    ax.set_xticks([1, 2, 3, 4, 5], ["1 poor", "2", "3", "4", "5 excellent"], fontsize=7.5)
    ax.set_yticks(positions, [wrap_label(r.label) for r in ratings], fontsize=8.5, color=INK)
    ax.set_ylim(-0.6, len(ratings) - 0.4)
    return to_drawing(fig, width_pt)


def recommend_chart(promoters: float, passives: float, detractors: float, width_pt: float, accent: str) -> Drawing:
    """One stacked bar: detractors, passives, promoters, each labelled with its share and drawn as wide as
    that whole percent."""
    fig = _figure(width_pt, 54)
    ax = fig.add_axes((0.0, 0.3, 1.0, 0.5))
    ax.set_axis_off()
    left = 0.0
    for share, color, name, text_color in (
        (detractors, INK, "Detractors 0–6", "white"),
        (passives, NEUTRAL, "Passives 7–8", INK),
        (promoters, accent, "Promoters 9–10", "white"),
    ):
        share = as_printed(share, ".0%")
        if share <= 0:
            continue
        ax.barh([0], [share], left=left, color=color, height=1)
        if share > 0.12:
            ax.text(
                left + share / 2, 0, f"{name}: {share:.0%}", ha="center", va="center", fontsize=7.5, color=text_color
            )
        left += share
    ax.set_xlim(0, max(1.0, left))
    return to_drawing(fig, width_pt)
