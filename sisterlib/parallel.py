"""Run a function over chunks of work on every available core, with `fork`.

The workers are forked after the parent has built what they need (the Site, the wiki index,
the compiled templates), so they share it copy-on-write instead of receiving a pickled copy;
only chunk numbers go in and small results come back. `gc.freeze()` before the fork keeps
the garbage collector from touching (and so copying) the shared objects.

Results come back in chunk order, so the output does not depend on which worker ran what.
Serial (in this process) when there is one core, one chunk, no `fork` (Windows, macOS
default), or other threads running (forking a threaded process is unsafe).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable[[Any], Any] | None = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_jobs() -> int:
    value = os.environ.get("SISTERLIB_JOBS", "")
    return int(value) if value.isdigit() and int(value) > 0 else available_cores()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


# Chunks a worker process does before a fresh one is forked (None: it lives for the whole map).
# A fresh worker gave back what it had copied of the parent's memory, but it also lost what it
# had worked out once (compiled regexes, dates, meeting hours) and cost a fork. Measured at
# 10,000 stories, three clean builds each way: with 4, render 25.5, 24.0 and 22.7 s and peak
# PSS 1,259, 1,265 and 1,291 MB; never replaced, 20.9, 22.3 and 22.1 s, and 1,313, 1,265 and
# 1,239 MB. The memory is the same: each worker soon copies what a listing reads anyway.
TASKS_PER_WORKER: int | None = None
SERIAL_BELOW = 300  # items; fewer are done in this process (starting workers costs more)


def chunks(items: Sequence[T], jobs: int, per_job: int = 8, smallest: int = 20) -> list[Sequence[T]]:
    """Cut `items` into contiguous chunks: several per job, so a slow chunk does not hold up the end."""
    if not items:
        return []
    if len(items) < SERIAL_BELOW or jobs <= 1:
        return [items]
    size = max(smallest, -(-len(items) // max(1, jobs * per_job)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _trim() -> None:
    """Give memory freed by earlier stages back to the system before forking (glibc only):
    otherwise each worker starts with it mapped, and the build's total memory counts it."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _run(chunk: Any) -> Any:
    assert _TASK is not None
    return _TASK(chunk)


def map_chunks(task: Callable[[T], R], work: Sequence[T], jobs: int) -> list[R]:
    """`[task(c) for c in work]`, in worker processes when that helps."""
    return list(imap_chunks(task, work, jobs))


def imap_chunks(task: Callable[[T], R], work: Sequence[T], jobs: int) -> Iterator[R]:
    """`task(c)` for each chunk, in order, each as soon as it is ready: the caller can use one
    result (write files, say) while the workers compute the next ones."""
    global _TASK
    if jobs <= 1 or len(work) <= 1 or not can_fork():
        yield from (task(c) for c in work)
        return
    _TASK = task
    _trim()
    gc.freeze()
    try:
        # The workers collect cyclic garbage even when this process has the collector paused
        # (collector.py): theirs is the garbage of rendering, and the shared objects are frozen.
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(work)), initializer=gc.enable, maxtasksperchild=TASKS_PER_WORKER) as pool:
            # At most two chunks per worker in flight: when the caller is slower than the workers
            # (writing files), finished results wait for it here, not pile up in memory.
            todo = iter(work)
            pending = deque(pool.apply_async(_run, (c,)) for c in islice(todo, 2 * jobs))
            while pending:
                result = pending.popleft().get()
                for c in islice(todo, 1):
                    pending.append(pool.apply_async(_run, (c,)))
                yield result
    finally:
        _TASK = None
        gc.unfreeze()
