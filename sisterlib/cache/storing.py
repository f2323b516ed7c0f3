"""The new rows of a build's caches, stored in a thread while the site is planned (SQLite works
without the GIL). Join the thread before forking workers: `parallel.can_fork` refuses while
another thread runs, and the work would be done in one process."""

from __future__ import annotations

import threading

from ..resolve.bodies import BodyStats
from .entries import EntryCache
from .markdown import MarkdownCache


def store_parses(md_cache: MarkdownCache, stats: BodyStats, entry_cache: EntryCache | None = None) -> threading.Thread | None:
    """Store the new parses (and loaded files) in a thread; None when there is no cache folder."""
    if not md_cache.path:
        return None
    thread = threading.Thread(target=_store, args=(md_cache, stats, entry_cache), name="caches", daemon=True)
    thread.start()
    return thread


def _store(md_cache: MarkdownCache, stats: BodyStats, entry_cache: EntryCache | None) -> None:
    md_cache.store(stats.new, stats.used)
    if entry_cache is not None:
        entry_cache.store()
