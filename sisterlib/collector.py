"""When Python's cyclic garbage collector runs.

Nearly everything a build makes lives until the build ends (entries, the Site, the plan, the
page memo), so the collector finds almost nothing, yet each full collection walks all of it.
At 10,000 stories in three languages, a one-story rebuild took 15.5 s with collections and
11.4 s without, and a clean build's plan stage 3.8 s and 2.7 s. So `build`, `check` and the
preview's builds run with the collector paused in this process. The render workers
(parallel.py) collect as usual, over their own objects only: the parent's are frozen before
the fork.

The preview is a long-lived process holding a 10,000-story Site: there a full collection
would land in a random rebuild unless told otherwise.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def freeze_heap() -> None:
    """Move what a whole build left in memory out of the garbage collector's sight: at 10,000
    stories a full collection of it takes about a second, and would land in a random rebuild."""
    gc.collect()
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a rebuild: at 10,000 stories one landing in it took
    a third of a one-story reload (median 153 ms, 124 ms without; up to 470 ms against 143 ms).
    What the rebuild leaves is collected after it, while the browser reloads."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
