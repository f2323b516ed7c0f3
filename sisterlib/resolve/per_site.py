"""Values worked out from a whole Site, kept for that Site alone (the last one asked about).

Planning asks for some of them once per interface language (the map, an entry's structured
data), and the search page and its data files share the search lists. A Site is never changed
once built: the preview builds a new one for every change, and plans each group through a new
SiteReader (resolve/reads.py), so a tracked read is never answered from here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")


def per_site(make: Callable[[Any], T]) -> Callable[[Any], T]:
    """`make(site)`, worked out once for the Site last passed (compared by identity)."""
    last: list[Any] = [None, None]  # the Site, and what `make` gave for it

    @wraps(make)
    def cached(site: Any) -> T:
        if last[0] is not site:
            last[:] = [site, make(site)]
        return last[1]

    return cached


def per_entry(make: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    """`make(site, entry)`, worked out once per entry of the Site last passed."""

    @per_site
    def known(_site: Any) -> dict[int, tuple[Any, T]]:
        return {}  # id(entry) -> (the entry, kept alive so its id is not reused; the value)

    @wraps(make)
    def cached(site: Any, entry: Any) -> T:
        memo = known(site)
        found = memo.get(id(entry))
        if found is None:
            found = memo[id(entry)] = (entry, make(site, entry))
        return found[1]

    return cached
