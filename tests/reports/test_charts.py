"""Charts carry no more precision than their printed labels: two sets of values whose labels read the same
give the very same drawing, so no one can measure an exact mean or share off the vector chart and multiply it
back into a sum (a red team read exact rating sums off the mean markers)."""

import pytest
from reportlab.graphics import renderSVG

from consultant_app.analysis.statistics import RatingSummary, Tally
from consultant_app.reports import charts
from consultant_app.reports.sections import SectionWriter
from consultant_app.reports.styles import Brand, paragraph_styles

ACCENT = "#2A7DE1"


def drawn(drawing) -> str:
    return renderSVG.drawToString(drawing)


@pytest.mark.parametrize("value,spec,printed", [(0.4166, ".0%", 0.42), (0.125, ".0%", 0.12), (3.96, ".1f", 4.0)])
def test_a_value_is_charted_as_its_label_prints_it(value, spec, printed):
    assert charts.as_printed(value, spec) == printed


def test_ratings_that_print_the_same_draw_the_same():
    first = charts.ratings_chart([RatingSummary("Pay", 3.96, 0.84, 12)], 400, ACCENT)
    same = charts.ratings_chart([RatingSummary("Pay", 4.04, 0.76, 12)], 400, ACCENT)
    other = charts.ratings_chart([RatingSummary("Pay", 4.06, 0.76, 12)], 400, ACCENT)
    assert drawn(first) == drawn(same) != drawn(other)


def test_shares_that_print_the_same_draw_the_same():
    brand = Brand.of("#14213D", None, ACCENT)
    writer = SectionWriter(None, brand, paragraph_styles(brand))

    def bars(share):
        return drawn(writer.tally_chart(Tally([("Pay", 12, share), ("Speed", 7, 0.2)], 29), "none")[0])

    assert bars(0.4138) == bars(0.4149) != bars(0.4250)
    assert drawn(charts.recommend_chart(0.301, 0.3, 0.399, 400, ACCENT)) == drawn(
        charts.recommend_chart(0.2951, 0.3049, 0.4, 400, ACCENT)
    )
    trend = [drawn(charts.trend_chart(["2026-01", "2026-02"], {"Pay": [s, 0.5]}, 400, ACCENT)) for s in (0.33, 0.3349)]
    assert trend[0] == trend[1]
