"""Building a deck makes a great many small objects and no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a deck is built.

    It would otherwise scan the growing heap of tokens and blocks over and over and find
    nothing to free: a quarter of a large deck's parse, and most of decoding one from cache.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
