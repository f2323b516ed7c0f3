"""The Site: every entry plus every derived view, built once; templates only read it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from ..config import Config
from ..content import codes
from ..content.model import Activity, Entry, Guide, Library, Partnership, Story
from .bodies import RenderedBody
from .references import Key, front_matter_refs


@dataclass(frozen=True)
class CountryPair:
    code: str  # the partner country
    name: str
    partnerships: tuple[Partnership, ...]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    libraries: tuple[Library, ...]  # by city, then name
    partnerships: tuple[Partnership, ...]
    stories: tuple[Story, ...]  # newest first
    seeking: tuple[Library, ...]
    pairs: tuple[CountryPair, ...]  # partner countries, by name

    @property
    def cities(self) -> list[tuple[str, list[Library]]]:
        groups: dict[str, list[Library]] = {}
        for library in self.libraries:
            groups.setdefault(library.city, []).append(library)
        return list(groups.items())


@dataclass(frozen=True)
class Site:
    config: Config
    entries: dict[Key, Entry]
    bodies: dict[Key, RenderedBody]
    libraries: tuple[Library, ...] = ()  # by name
    partnerships: tuple[Partnership, ...] = ()  # by title
    stories: tuple[Story, ...] = ()  # newest first
    activities: tuple[Activity, ...] = ()  # by order
    guides: tuple[Guide, ...] = ()  # by order
    countries: tuple[Country, ...] = ()  # by name
    seeking: tuple[Library, ...] = ()
    country_of: dict[str, Country] = field(default_factory=dict)
    backlinks: dict[Key, tuple[Entry, ...]] = field(default_factory=dict)
    partnerships_of: dict[str, tuple[Partnership, ...]] = field(default_factory=dict)  # by library slug
    stories_of: dict[Key, tuple[Story, ...]] = field(default_factory=dict)  # library/partnership/activity key
    partnerships_by_activity: dict[str, tuple[Partnership, ...]] = field(default_factory=dict)
    libraries_of: dict[Key, tuple[Library, ...]] = field(default_factory=dict)  # partnership/story key
    countries_of: dict[Key, tuple[str, ...]] = field(default_factory=dict)  # codes touched by an entry
    updated: dict[str, str] = field(default_factory=dict)  # source path -> day of its last git commit (gitdates.py)

    def get(self, kind: str, slug: str) -> Entry:
        return self.entries[(kind, slug)]

    def country_name(self, code: str) -> str:
        return codes.country_name(code) or code


def _newest_first(stories: Iterable[Story]) -> tuple[Story, ...]:
    return tuple(sorted(stories, key=_DATE_ORDER, reverse=True))


_DATE_ORDER = attrgetter("date_order")
_TITLE_ORDER = attrgetter("title_order")
_KIND_ORDER = attrgetter("kind_order")


def build_site(
    config: Config, entries: dict[Key, Entry], bodies: dict[Key, RenderedBody], updated: dict[str, str] | None = None
) -> Site:
    """Derive every view from the entries, each in one pass (no quadratic scans).

    The build and the preview both call this, with the whole corpus: a view added here (a
    field of Site) is kept up to date by both with no other code.
    """
    by_kind: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        by_kind[entry.kind].append(entry)
    libraries = tuple(sorted(by_kind["library"], key=_TITLE_ORDER))  # type: ignore[arg-type]
    library_of = {lib.slug: lib for lib in libraries}
    partnerships: tuple[Partnership, ...] = tuple(sorted(by_kind["partnership"], key=_TITLE_ORDER))  # type: ignore[arg-type]
    stories = _newest_first(by_kind["story"])  # type: ignore[arg-type]
    activities = tuple(sorted(by_kind["activity"], key=lambda e: (e.order, e.title, e.slug)))  # type: ignore[attr-defined]
    guides = tuple(sorted(by_kind["guide"], key=lambda e: (e.order, e.title, e.slug)))  # type: ignore[attr-defined]

    libraries_of: dict[Key, tuple[Library, ...]] = {}
    partnerships_of: dict[str, list[Partnership]] = defaultdict(list)
    partnerships_by_activity: dict[str, list[Partnership]] = defaultdict(list)
    for p in partnerships:
        libraries_of[p.key] = tuple(library_of[s] for s in p.libraries)
        for s in p.libraries:
            partnerships_of[s].append(p)
        for a in p.activities:
            partnerships_by_activity[a].append(p)
    stories_of: dict[Key, list[Story]] = defaultdict(list)
    for story in stories:
        slugs = list(story.libraries)
        if story.partnership:
            stories_of[("partnership", story.partnership)].append(story)
            slugs = [s for s in entries[("partnership", story.partnership)].libraries if s not in slugs] + slugs  # type: ignore[attr-defined]
        libraries_of[story.key] = tuple(library_of[s] for s in slugs)
        for s in slugs:
            stories_of[("library", s)].append(story)
        for a in story.activities:
            stories_of[("activity", a)].append(story)

    countries_of: dict[Key, tuple[str, ...]] = {lib.key: (lib.country,) for lib in libraries}
    for key, libs in libraries_of.items():
        countries_of[key] = tuple(dict.fromkeys(lib.country for lib in libs))

    seeking = tuple(lib for lib in libraries if lib.seeking)
    country_list = _countries(libraries, partnerships, stories, countries_of, libraries_of)

    backlinks: dict[Key, list[Entry]] = defaultdict(list)
    for key, entry in sorted(entries.items()):
        targets = list(dict.fromkeys([*front_matter_refs(entry), *bodies[key].links]))
        for target in targets:
            if target != key:
                backlinks[target].append(entry)

    return Site(
        config=config,
        entries=entries,
        bodies=bodies,
        libraries=libraries,
        partnerships=partnerships,
        stories=stories,
        activities=activities,  # type: ignore[arg-type]
        guides=guides,  # type: ignore[arg-type]
        countries=country_list,
        seeking=seeking,
        country_of={c.code: c for c in country_list},
        backlinks={k: tuple(sorted(v, key=_KIND_ORDER)) for k, v in backlinks.items()},
        partnerships_of={k: tuple(v) for k, v in partnerships_of.items()},
        stories_of={k: tuple(v) for k, v in stories_of.items()},
        partnerships_by_activity={k: tuple(v) for k, v in partnerships_by_activity.items()},
        libraries_of=libraries_of,
        countries_of=countries_of,
        updated=updated or {},
    )


def _countries(
    libraries: tuple[Library, ...],
    partnerships: tuple[Partnership, ...],
    stories: tuple[Story, ...],
    countries_of: dict[Key, tuple[str, ...]],
    libraries_of: dict[Key, tuple[Library, ...]],
) -> tuple[Country, ...]:
    libs: dict[str, list[Library]] = defaultdict(list)
    for lib in libraries:
        libs[lib.country].append(lib)
    parts: dict[str, list[Partnership]] = defaultdict(list)
    pairs: dict[str, dict[str, list[Partnership]]] = defaultdict(lambda: defaultdict(list))
    for p in partnerships:
        touched = countries_of[p.key]
        for code in touched:
            parts[code].append(p)
            for other in touched:
                if other != code:
                    pairs[code][other].append(p)
    stories_in: dict[str, list[Story]] = defaultdict(list)
    for story in stories:  # already newest first
        for code in countries_of[story.key]:
            stories_in[code].append(story)
    out = []
    for code in libs:
        name = codes.country_name(code) or code
        country_pairs = tuple(
            sorted(
                (CountryPair(other, codes.country_name(other) or other, tuple(ps)) for other, ps in pairs[code].items()),
                key=lambda pair: pair.name,
            )
        )
        out.append(
            Country(
                code=code,
                name=name,
                libraries=tuple(sorted(libs[code], key=lambda lib: (lib.city.casefold(), lib.name.casefold(), lib.slug))),
                partnerships=tuple(parts[code]),
                stories=tuple(stories_in[code]),
                seeking=tuple(lib for lib in libs[code] if lib.seeking),
                pairs=country_pairs,
            )
        )
    return tuple(sorted(out, key=lambda c: c.name))
