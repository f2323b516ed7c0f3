"""The Site's partner suggestions: for every library, up to five libraries seeking a partner,
each with its reasons (partners.py defines them; partner_index.py finds the best)."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.model import Activity, Entry, Library, Partnership
from .freshness import Freshness
from .partner_index import CandidateIndex
from .partners import Profile, Suggestion, Words, profile, reasons


def profiles(libraries: Sequence[Library], partnerships: Sequence[Partnership]) -> dict[str, Profile]:
    of: dict[str, list[Partnership]] = {}
    for p in partnerships:
        for slug in p.libraries:
            of.setdefault(slug, []).append(p)
    return {lib.slug: profile(lib, of.get(lib.slug, ())) for lib in libraries}


def candidates(libraries: Sequence[Library], freshness: Freshness) -> list[Library]:
    """The libraries that may be suggested, in tie-break order: fresh listings first, then by name."""
    return sorted((lib for lib in libraries if lib.seeking is not None), key=freshness.seeking_order)


def suggest(entries: Sequence[Entry], freshness: Freshness) -> dict[str, tuple[Suggestion, ...]]:
    """library slug -> its suggestions, best first; a library with none is left out."""
    libraries = sorted((e for e in entries if isinstance(e, Library)), key=lambda lib: lib.slug)
    partnerships = sorted((e for e in entries if isinstance(e, Partnership)), key=lambda p: p.slug)
    words = Words({e.slug: e.title for e in entries if isinstance(e, Activity)})
    found = profiles(libraries, partnerships)
    pool = candidates(libraries, freshness)
    by_slug = {lib.slug: lib for lib in pool}
    index = CandidateIndex([found[lib.slug] for lib in pool])
    partners: dict[str, set[str]] = {}
    for p in partnerships:
        for slug in p.libraries:
            partners.setdefault(slug, set()).update(p.libraries)
    out: dict[str, tuple[Suggestion, ...]] = {}
    for lib in libraries:
        you = found[lib.slug]
        picked = []
        for it, points in index.best(you, exclude=[lib.slug, *sorted(partners.get(lib.slug, ()))]):
            why = tuple(reasons(you, it, words))
            assert sum(r.weight for r in why) == points, (lib.slug, it.key)  # the index and the definition agree
            picked.append(Suggestion(by_slug[it.key], points, why))
        if picked:
            out[lib.slug] = tuple(picked)
    return out
