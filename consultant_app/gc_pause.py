"""Pausing Python's cyclic garbage collector while hundreds of thousands of records are built.

Imports, dataset exports and bulk reads create many small containers that never form cycles; the
collector would rescan them again and again as they pile up (a third of an export's time at
100,000 interviews). Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def pause_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
