"""Values worked out from a whole Site, kept for that Site alone (the last one asked about).

Planning asks for some of them once per interface language (the map, an entry's structured
data), and the search page and its data files share the search lists. A Site is never changed
once built: the preview builds a new one for every change.

The preview plans and renders through a SiteReader (resolve/reads.py), a new one for each group
and page, which records what was read. So when a reader asks, the value is worked out through a
reader of its own (once: a value first made for the Site itself is made again to learn its
reads), and every reader is handed those reads: a page is told it depends on what the value was
made from, whether it made it or found it here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from .reads import SiteReader, Token, opened

T = TypeVar("T")


def per_site(make: Callable[[Any], T]) -> Callable[[Any], T]:
    """`make(site)`, worked out once for the Site last passed (compared by identity)."""
    last: list[Any] = [None, None, None]  # the Site, what `make` gave for it, and what it read (None: unknown)

    @wraps(make)
    def cached(site: Any) -> T:
        base, recording = opened(site)
        if last[0] is not base:
            last[:] = [base, *_made(make, base, recording)]
        elif recording and last[2] is None:
            last[2] = _made(make, base, recording)[1]  # the same value: only its reads were not known
        for tokens in recording:
            tokens.update(last[2])
        return last[1]

    return cached


def per_entry(make: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    """`make(site, entry)`, worked out once per entry of the Site last passed."""

    @per_site
    def known(_site: Any) -> dict[int, tuple[Any, T, set[Token] | None]]:
        return {}  # id(entry) -> (the entry, kept alive so its id is not reused; the value; its reads or None)

    @wraps(make)
    def cached(site: Any, entry: Any) -> T:
        base, recording = opened(site)
        memo = known(base)
        found = memo.get(id(entry))
        if found is None or recording and found[2] is None:
            value, reads = _made(lambda site: make(site, entry), base, recording)
            found = memo[id(entry)] = (entry, found[1] if found else value, reads)
        for tokens in recording:
            tokens.update(found[2])
        return found[1]

    return cached


def _made(make: Callable[[Any], T], site: Any, recording: list[set[Token]]) -> tuple[T, set[Token] | None]:
    """`make(site)`, through a reader of its own when the caller records its reads."""
    if not recording:
        return make(site), None
    reads: set[Token] = set()
    return make(SiteReader(site, reads)), reads
