"""Render every body once: in parallel across the cores, through the Markdown cache.

The bodies of entries that failed validation are rendered too, so one run reports every
problem of a file. Results come back in the order given, whatever worker rendered them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..cache.markdown import MarkdownCache, Row
from ..parallel import chunks, map_chunks
from .markdown import RenderedBody, WikiResolver

Job = tuple[str, int]  # body text, file line where it starts


@dataclass
class BodyStats:
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)  # cache keys this build used, for pruning
    new: list[Row] = field(default_factory=list)  # rendered now, to be stored in the cache


def render_bodies(
    jobs_in: Sequence[Job], resolve: WikiResolver, cache: MarkdownCache, jobs: int
) -> tuple[list[RenderedBody], BodyStats]:
    def task(part: Sequence[Job]) -> tuple[list[RenderedBody], int, int, set[str], list[Row]]:
        hits, misses = cache.hits, cache.misses
        cache.used, cache.new = set(), []
        out = [cache.render(body, line, resolve) for body, line in part]
        return out, cache.hits - hits, cache.misses - misses, cache.used, cache.new

    stats = BodyStats()
    rendered: list[RenderedBody] = []
    try:
        for out, hits, misses, used, new in map_chunks(task, chunks(jobs_in, jobs), jobs):
            rendered += out
            stats.hits += hits
            stats.misses += misses
            stats.used |= used
            stats.new += new
    finally:
        cache.close()  # no connection may cross a fork
    return rendered, stats
