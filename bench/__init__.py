"""Benchmarks that print figures (not timed tests): ``python -m bench.report`` and friends."""
