"""Benchmarks that print figures (not timed tests): ``python -m bench`` (the suite and its scaling table) and
``python -m bench.redaction``."""
