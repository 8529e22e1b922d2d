"""Pausing Python's cycle collector while a phase makes millions of objects and next to no garbage
cycles (reading the source, laying out a format). The collector would rescan the young objects over
and over: it took two thirds of the load time of a long almanac, and a tenth of the PDF layout."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc():
    """Collect no cycles inside the block; the collector runs again (if it was on) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
