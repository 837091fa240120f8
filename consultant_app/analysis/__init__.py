"""Aggregates for client outputs: counts, shares, ratings, themes, competitors and breakdowns,
with the small-cell rule applied. Pure Python over records the store hands over; every choice of
what may be shown is asked of ``domain.confidentiality``."""
