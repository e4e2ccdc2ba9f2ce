"""The cyclic garbage collector paused while a report builds its rows.

A one-year report on the benchmark's store holds some two million small objects at once (the
timelines' steps, each a dict of strings): CPython's collector, triggered by every 700 new
objects, scans the older generations again and again as they grow, and that took half of the
timelines' time (3.9 s of CPU against 1.9 s with it paused, measured on the benchmark's year).
Nothing the report builds forms a reference cycle that must be freed before the command ends:
plain reference counting frees what it drops, and the collector runs again when it leaves.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; the collector as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
