"""Python's cycle collector, paused while a large knowledge base is worked through.

Rendering the handbook or encoding the query cache makes millions of short-lived lists,
tuples and dicts and hardly any reference cycles, while the whole knowledge base stays
alive; each collection of the oldest generation walks all of it again. On the generated
5,000-measure knowledge base that was 5 of 20 s of a cold `build-handbook`, for no memory
saved: the peak was the same with the collector off (benchmarks/bench_handbook.py).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off inside, and as it was after (on, unless it was off already)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
