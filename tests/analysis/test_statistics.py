"""The statistics behind every chart and table: shares of respondents, the small-cell rule on tallies,
rating summaries, the recommendation score and periods."""

import pytest

from consultant_app.analysis.statistics import mentions, period_key, rating_summary, recommend_score, tally


def test_a_tally_counts_respondents_not_mentions_and_folds_small_items():
    members = mentions(
        [
            ("a", ["Pay", "Pay", "Commute"]),
            ("b", ["Pay"]),
            ("c", ["Pay", "Culture"]),
            ("d", ["Pay", "Commute"]),
            ("e", ["Pay", "Commute", "Culture"]),
            ("f", ["Remote"]),
        ]
    )
    t = tally(members, base=6, k=3)
    assert t.rows == [("Pay", 5, 5 / 6), ("Commute", 3, 0.5), ("Other", 3, 0.5)]  # Culture 2 + Remote 1 folded
    assert sorted(t.folded) == ["Culture", "Remote"] and t.dropped == []
    assert t.top(5) == [("Pay", 5, 5 / 6), ("Commute", 3, 0.5)]  # "Other" is never a top item


def test_items_that_stay_below_k_even_combined_are_left_out():
    t = tally(mentions([("a", ["Pay", "Rare"]), ("b", ["Pay"]), ("c", ["Pay"])]), base=3, k=3)
    assert t.rows == [("Pay", 3, 1.0)] and t.dropped == ["Rare"] and t.folded == []


def test_the_recommendation_score_is_promoters_minus_detractors():
    score = recommend_score([10, 9, 9, 8, 7, 6, 0, 3])  # 3 promoters, 2 passives, 3 detractors
    assert (score.score, score.n) == (0.0, 8)
    assert (score.promoters, score.passives, score.detractors) == pytest.approx((3 / 8, 2 / 8, 3 / 8))
    assert recommend_score([10, 10, 10, 9]).score == 100.0 and recommend_score([]) is None


def test_a_rating_summary_is_the_mean_with_its_spread():
    summary = rating_summary("Pay", [1, 3, 5, 3])
    assert (summary.mean, summary.n) == (3.0, 4) and summary.spread == pytest.approx(2**0.5)
    assert rating_summary("Pay", [4]).spread == 0.0


@pytest.mark.parametrize(
    "day, by_quarter, key",
    [
        ("2026-01-31", False, "2026-01"),
        ("2026-03-31", True, "2026 Q1"),
        ("2026-04-01", True, "2026 Q2"),
        ("2026-12-31", True, "2026 Q4"),
    ],
)
def test_periods_are_months_or_quarters(day, by_quarter, key):
    assert period_key(day, by_quarter) == key
