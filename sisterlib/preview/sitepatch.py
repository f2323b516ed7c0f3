"""Patch a Site after story edits instead of building it again (the preview's fast path).

`build_site` sorts and indexes the whole corpus (hundreds of ms at 10,000 stories). When
only stories changed (added, edited, deleted), and any other entry changed its rendered
body only, each derived view can be patched in place: remove the old story, insert the new
one where `build_site` would have put it. Anything else returns None and the caller runs
`build_site`. The rules below mirror site.py; tests/test_incremental.py checks that a
patched Site equals a freshly built one after random edits.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from ..content.model import Entry, Story
from ..resolve.links import Key, front_matter_refs
from ..resolve.markdown import RenderedBody
from ..resolve.site import Site

# The fields this module knows how to keep up to date. A Site with other fields (added in
# site.py later) is never patched, so a new view is never left stale.
KNOWN_FIELDS = frozenset(
    {
        "config",
        "entries",
        "bodies",
        "libraries",
        "partnerships",
        "stories",
        "activities",
        "guides",
        "countries",
        "seeking",
        "country_of",
        "backlinks",
        "partnerships_of",
        "stories_of",
        "partnerships_by_activity",
        "libraries_of",
        "countries_of",
        "updated",  # git dates: kept as they were (an edit is not a commit)
    }
)


def patch_site(
    old: Site, entries: dict[Key, Entry], bodies: dict[Key, RenderedBody], candidates: set[Key] | None = None
) -> tuple[Site, dict[str, set]] | None:
    """The Site for `entries`/`bodies`, made from `old`; and, per dict field, the keys touched.

    `candidates`, when given, holds every key whose entry or body may differ from `old`
    (the others are not compared: at 10,000 stories that saves a few milliseconds).
    """
    if {f.name for f in dataclasses.fields(Site)} != KNOWN_FIELDS:
        return None
    keys = candidates if candidates is not None else entries.keys() | old.entries.keys()
    changed = {k for k in keys if old.entries.get(k) is not entries.get(k)}
    if any(kind != "story" for kind, _ in changed):
        return None
    new_bodies = {k for k in keys if old.bodies.get(k) is not bodies.get(k)}
    before: list[Story] = [old.entries[k] for k in sorted(changed) if k in old.entries]  # type: ignore[misc]
    after: list[Story] = [entries[k] for k in sorted(changed) if k in entries]  # type: ignore[misc]
    touched: dict[str, set] = {"entries": set(changed), "bodies": new_bodies | changed}

    stories = list(old.stories)
    for story in before:
        _remove(stories, story)
    for story in after:
        _insert(stories, story)

    # stories_of: a story counts once per owner occurrence, exactly as build_site appends it
    stories_of = dict(old.stories_of)
    owners_after = {s.key: _owners(s, entries) for s in after}
    owner_keys = {o for s in before for o in _owners(s, old.entries)} | {o for os_ in owners_after.values() for o in os_}
    for owner in owner_keys:
        items = list(stories_of.get(owner, ()))
        for story in before:
            _remove(items, story)
        for story in after:
            for _ in range(owners_after[story.key].count(owner)):
                _insert(items, story)
        if items:
            stories_of[owner] = tuple(items)
        else:
            stories_of.pop(owner, None)
    touched["stories_of"] = owner_keys

    libraries_of = dict(old.libraries_of)
    countries_of = dict(old.countries_of)
    for key in changed:
        libraries_of.pop(key, None)
        countries_of.pop(key, None)
    for story in after:
        libs = tuple(entries[("library", s)] for s in _library_slugs(story, entries))
        libraries_of[story.key] = libs  # type: ignore[assignment]
        countries_of[story.key] = tuple(dict.fromkeys(lib.country for lib in libs))  # type: ignore[attr-defined]
    touched["libraries_of"] = touched["countries_of"] = set(changed)

    codes = {c for s in before for c in old.countries_of.get(s.key, ())} | {c for s in after for c in countries_of[s.key]}
    if not codes <= old.country_of.keys():
        return None
    country_of = dict(old.country_of)
    for code in codes:
        items = list(old.country_of[code].stories)
        for story in before:
            _remove(items, story)
        for story in after:
            if code in countries_of[story.key]:
                _insert(items, story)
        country_of[code] = dataclasses.replace(old.country_of[code], stories=tuple(items))
    countries = tuple(country_of[c.code] for c in old.countries)
    touched["country_of"] = codes

    backlinks, touched["backlinks"] = _patch_backlinks(old, entries, bodies, changed | new_bodies)

    site = dataclasses.replace(
        old,
        entries=entries,
        bodies=bodies,
        stories=tuple(stories),
        stories_of=stories_of,
        libraries_of=libraries_of,
        countries_of=countries_of,
        country_of=country_of,
        countries=countries,
        backlinks=backlinks,
    )
    return site, touched


def _position(items: list[Story], story: Story) -> int:
    """Where `story` goes in a list sorted newest first by (date, slug), as site._newest_first sorts."""
    key = (story.date, story.slug)
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if (items[mid].date, items[mid].slug) > key:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _insert(items: list[Story], story: Story) -> None:
    items.insert(_position(items, story), story)


def _remove(items: list[Story], story: Story) -> None:
    """Remove every occurrence of `story` (the same object; a story can count twice for one owner)."""
    i = _position(items, story)
    while i < len(items) and items[i] is story:
        del items[i]


def _library_slugs(story: Story, entries: dict[Key, Entry]) -> list[str]:
    slugs = list(story.libraries)
    if story.partnership:
        partnership = entries[("partnership", story.partnership)]
        slugs = [s for s in partnership.libraries if s not in slugs] + slugs  # type: ignore[attr-defined]
    return slugs


def _owners(story: Story, entries: dict[Key, Entry]) -> list[Key]:
    owners: list[Key] = [("partnership", story.partnership)] if story.partnership else []
    owners += [("library", s) for s in _library_slugs(story, entries)]
    owners += [("activity", a) for a in story.activities]
    return owners


def _targets(entry: Entry, body: RenderedBody) -> Iterable[Key]:
    return (t for t in dict.fromkeys([*front_matter_refs(entry), *body.links]) if t != entry.key)


def _backlink_order(e: Entry) -> tuple:
    return (e.kind, e.title.casefold(), e.slug)


def _patch_backlinks(
    old: Site, entries: dict[Key, Entry], bodies: dict[Key, RenderedBody], changed: set[Key]
) -> tuple[dict[Key, tuple[Entry, ...]], set[Key]]:
    """Move each changed entry out of the backlinks of what it linked to and into those of what
    it links to now, keeping each list sorted (an activity can have thousands)."""
    removals: dict[Key, list[Entry]] = {}
    additions: dict[Key, list[Entry]] = {}
    for key in changed:
        if key in old.entries:
            for target in _targets(old.entries[key], old.bodies[key]):
                removals.setdefault(target, []).append(old.entries[key])
        if key in entries:
            for target in _targets(entries[key], bodies[key]):
                additions.setdefault(target, []).append(entries[key])
    targets = removals.keys() | additions.keys()
    backlinks = dict(old.backlinks)
    for target in targets:
        items = list(backlinks.get(target, ()))
        for entry in removals.get(target, ()):
            i = bisect.bisect_left(items, _backlink_order(entry), key=_backlink_order)
            if i < len(items) and items[i] is entry:
                del items[i]
            else:  # not where the order says: fall back to filtering
                items = [e for e in items if e is not entry]
        for entry in additions.get(target, ()):
            bisect.insort(items, entry, key=_backlink_order)
        if items:
            backlinks[target] = tuple(items)
        else:
            backlinks.pop(target, None)
    return backlinks, set(targets)
