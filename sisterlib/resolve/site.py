"""The Site: every entry plus every derived view; templates only read it.

Each view is one rule, declared in `SiteViews` (views.py says how a rule is computed whole
or brought up to date after a change). The build derives the Site once; the preview keeps
the SiteViews and updates them after every change: one set of rules for both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any

from ..config import Config
from ..content import codes
from ..content.model import Activity, Entry, Guide, Library, Partnership, Story
from . import partner_views
from .bodies import RenderedBody
from .freshness import Freshness
from .images import Picture, Shown
from .partners import Suggestion
from .references import Key, front_matter_refs
from .suggestions import suggest
from .views import Each, Grouped, Lookup, Ordered, View, Whole


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
    seeking: tuple[Library, ...] = ()  # fresh listings first (freshness.py), then by name
    country_of: dict[str, Country] = field(default_factory=dict)
    backlinks: dict[Key, tuple[Entry, ...]] = field(default_factory=dict)
    partnerships_of: dict[str, tuple[Partnership, ...]] = field(default_factory=dict)  # by library slug
    stories_of: dict[Key, tuple[Story, ...]] = field(default_factory=dict)  # library/partnership/activity key
    partnerships_by_activity: dict[str, tuple[Partnership, ...]] = field(default_factory=dict)
    libraries_of: dict[Key, tuple[Library, ...]] = field(default_factory=dict)  # partnership/story key
    countries_of: dict[Key, tuple[str, ...]] = field(default_factory=dict)  # codes touched by an entry
    covers: dict[Key, Shown | None] = field(default_factory=dict)  # the `image` of a library, partnership or story
    pictures: dict[Picture, tuple[Entry, ...]] = field(default_factory=dict)  # every photo shown -> the entries showing it
    gallery_of: dict[Key, tuple[Story, ...]] = field(default_factory=dict)  # partnership -> its stories with photos
    updated: dict[str, str] = field(default_factory=dict)  # source path -> day of its last git commit (gitdates.py)
    zones_of: dict[Key, tuple[str, ...]] = field(default_factory=dict)  # partnership -> its libraries' time zones ("": unknown)
    freshness: Freshness = Freshness(date(1970, 1, 1))  # today and the age a seeking listing may have
    suggestions: dict[str, tuple[Suggestion, ...]] = field(default_factory=dict)  # library slug -> partners to suggest
    # Translations (content/translations.py): (key, lang) -> the entry as written in lang, and its body.
    translations: dict[tuple[Key, str], Entry] = field(default_factory=dict)
    translated_bodies: dict[tuple[Key, str], RenderedBody] = field(default_factory=dict)

    # Not a field: a page holding the whole Site outside context["site"] is rendered every
    # time (cache/digest.py), since digesting it would cost more than rendering.
    __sisterlib_undigestible__ = True

    def localized(self, entry: Entry, lang: str) -> Entry:
        """The entry as a page in `lang` shows it: its translation, else the original."""
        return self.translations.get((entry.key, lang), entry)  # one key read: the preview tracks just it

    def body_in(self, entry: Entry, lang: str) -> RenderedBody:
        return self.translated_bodies.get((entry.key, lang)) or self.bodies[entry.key]

    @property
    def today(self) -> date:
        """content/today.py's day: never the clock."""
        return self.freshness.today

    # A partnership's views that need "today" (resolve/partner_views.py).
    def meeting(self, p: Partnership) -> partner_views.MeetingHours | None:
        return partner_views.meeting(p, self.libraries_of[p.key], self.zones_of[p.key], self.today)

    def calendar(self, p: Partnership) -> tuple[partner_views.Day, ...]:
        return partner_views.calendar_days(p, self.countries_of[p.key], self.today)

    def health(self, p: Partnership) -> partner_views.Health:
        return partner_views.health(self.stories_of.get(p.key, ()), self.today)

    def get(self, kind: str, slug: str) -> Entry:
        return self.entries[(kind, slug)]

    def country_name(self, code: str) -> str:
        return codes.country_name(code) or code


TRANSLATED = ("translations", "translated_bodies")  # set by reading.read_site (resolve/translated.py)
_TITLE_ORDER = attrgetter("title_order")  # alphabetical
_DATE_ORDER = attrgetter("date_order")  # chronological (reversed: newest first)
_KIND_ORDER = attrgetter("kind_order")


def _listing_order(e: Any) -> tuple:
    return (e.order, e.title, e.slug)


def _city_order(lib: Library) -> tuple:
    return (lib.city.casefold(), lib.name.casefold(), lib.slug)


# --- the rules --------------------------------------------------------------------------


def libraries_named(entry: Partnership | Story, lookup: Lookup) -> tuple[Library, ...]:
    """A partnership's libraries; a story's: its partnership's, then those it lists itself."""
    slugs = list(entry.libraries)
    if isinstance(entry, Story) and entry.partnership:
        partnership = lookup.entry("partnership", entry.partnership)
        slugs = [s for s in partnership.libraries if s not in slugs] + slugs
    return tuple(lookup.entry("library", s) for s in slugs)


def countries_named(entry: Entry, lookup: Lookup) -> tuple[str, ...]:
    """The countries an entry is about: a library's own, or those of the libraries it names."""
    if isinstance(entry, Library):
        return (entry.country,)
    return tuple(dict.fromkeys(lib.country for lib in lookup.cached(libraries_named, entry)))


def story_owners(story: Story, lookup: Lookup) -> list[Key]:
    """The entries whose pages list a story: its partnership, its libraries, its activities."""
    owners: list[Key] = [("partnership", story.partnership)] if story.partnership else []
    owners += [lib.key for lib in lookup.cached(libraries_named, story)]
    return owners + [("activity", a) for a in story.activities]


def photos_shown(entry: Entry, lookup: Lookup) -> tuple[Shown, ...]:
    """Every photo an entry shows: its cover, then those of its body."""
    return lookup.body(entry).photos.shown


def gallery_owner(story: Story, lookup: Lookup) -> list[Key]:
    """The partnership whose gallery shows a story's photos."""
    return [("partnership", story.partnership)] if story.partnership and photos_shown(story, lookup) else []


def link_targets(entry: Entry, lookup: Lookup) -> list[Key]:
    """What an entry links to, in its fields and its body ("What links here" on the other side)."""
    return [t for t in dict.fromkeys([*front_matter_refs(entry), *lookup.body(entry).links]) if t != entry.key]


class Countries(View[dict]):
    """code -> Country, for every country with a library: its libraries, partnerships, stories,
    libraries seeking a partner, and partner countries. Made again only for touched countries."""

    def __init__(self, seeking_order: Callable[[Library], Any] = _TITLE_ORDER) -> None:
        super().__init__(("library", "partnership", "story"))
        self.libraries = Grouped(["library"], lambda lib, _: [lib.country], _city_order)
        self.seeking = Grouped(["library"], lambda lib, _: [lib.country] if lib.seeking else [], seeking_order)
        self.partnerships = Grouped(["partnership"], lambda e, lookup: lookup.cached(countries_named, e), _TITLE_ORDER)
        self.stories = Grouped(["story"], lambda e, lookup: lookup.cached(countries_named, e), _DATE_ORDER, reverse=True)
        self.parts = (self.libraries, self.seeking, self.partnerships, self.stories)
        self.value = {}

    def update(self, lookup: Lookup, changed: set[Key] | None) -> dict:
        for part in self.parts:
            part.update(lookup, changed)
        touched = set().union(*(part.touched for part in self.parts))
        value = dict(self.value) if changed is not None else {}
        for code in touched:
            if code in self.libraries.value:
                value[code] = self._country(code, lookup)
            else:
                value.pop(code, None)
        self.value = value
        return value

    def _country(self, code: str, lookup: Lookup) -> Country:
        partnerships = self.partnerships.value.get(code, ())
        pairs: dict[str, list[Partnership]] = {}
        for p in partnerships:
            for other in lookup.cached(countries_named, p):
                if other != code:
                    pairs.setdefault(other, []).append(p)
        return Country(
            code=code,
            name=codes.country_name(code) or code,
            libraries=self.libraries.value[code],
            partnerships=partnerships,
            stories=self.stories.value.get(code, ()),
            seeking=self.seeking.value.get(code, ()),
            pairs=tuple(
                sorted(
                    (CountryPair(other, codes.country_name(other) or other, tuple(ps)) for other, ps in pairs.items()),
                    key=lambda pair: pair.name,
                )
            ),
        )


class SiteViews:
    """Every derived view of the Site, by the name of its field. With `track=False` (a build,
    which derives the Site once) the views do not record what their rules read."""

    def __init__(self, track: bool = True) -> None:
        self.freshness = Freshness(date(1970, 1, 1))
        seeking_order = self._seeking_order
        self.views: dict[str, View] = {
            "libraries": Ordered(["library"], _TITLE_ORDER),
            "partnerships": Ordered(["partnership"], _TITLE_ORDER),
            "stories": Ordered(["story"], _DATE_ORDER, reverse=True),
            "activities": Ordered(["activity"], _listing_order),
            "guides": Ordered(["guide"], _listing_order),
            "seeking": Ordered(["library"], seeking_order, where=lambda lib: lib.seeking is not None),
            "country_of": Countries(seeking_order),
            "backlinks": Grouped(["library", "partnership", "story", "activity", "guide"], link_targets, _KIND_ORDER),
            "partnerships_of": Grouped(["partnership"], lambda p, _: p.libraries, _TITLE_ORDER),
            "stories_of": Grouped(["story"], story_owners, _DATE_ORDER, reverse=True),
            "partnerships_by_activity": Grouped(["partnership"], lambda p, _: p.activities, _TITLE_ORDER),
            "libraries_of": Each(["partnership", "story"], lambda e, lookup: lookup.cached(libraries_named, e)),
            "countries_of": Each(["library", "partnership", "story"], lambda e, lookup: lookup.cached(countries_named, e)),
            "covers": Each(["library", "partnership", "story"], lambda e, lookup: lookup.body(e).photos.cover),
            "pictures": Grouped(
                ["library", "partnership", "story", "activity", "guide"],
                lambda e, lookup: [shown.picture for shown in photos_shown(e, lookup)],
                _KIND_ORDER,
            ),
            "gallery_of": Grouped(["story"], gallery_owner, _DATE_ORDER, reverse=True),
            "zones_of": Each(["partnership"], partner_views.zones_named),
            "suggestions": Whole(["library", "partnership", "activity"], lambda entries: suggest(entries, self.freshness)),
        }
        self.entries: Mapping[Key, Entry] = {}
        self.bodies: Mapping[Key, RenderedBody] = {}
        for view in self.views.values():
            view.track = track
            for part in getattr(view, "parts", ()):
                part.track = track

    def _seeking_order(self, library: Library) -> tuple:
        return self.freshness.seeking_order(library)

    def update(
        self, entries: Mapping[Key, Entry], bodies: Mapping[Key, RenderedBody], freshness: Freshness | None = None
    ) -> dict[str, Any]:
        """Every view for these entries; only what changed since the last call is placed again
        (everything when "today" or the age of a fresh listing changed: rules read them)."""
        first = not self.entries or (freshness is not None and freshness != self.freshness)
        if freshness is not None:
            self.freshness = freshness
        changed = None if first else _changed(self.entries, entries, self.bodies, bodies)
        lookup = Lookup(entries, bodies)
        values = {name: view.update(lookup, changed) for name, view in self.views.items()}
        self.entries, self.bodies = entries, bodies
        country_of = values["country_of"]
        values["countries"] = tuple(sorted(country_of.values(), key=lambda c: c.name))
        values["freshness"] = self.freshness
        return values


def _changed(old_entries: Mapping, entries: Mapping, old_bodies: Mapping, bodies: Mapping) -> set[Key]:
    """The keys whose entry or body changed: entries compare as objects (an unchanged file keeps
    its objects), bodies by value; set operations on the items, in C."""
    return {k for k, _ in old_entries.items() ^ entries.items()} | {k for k, _ in old_bodies.items() ^ bodies.items()}


def build_site(
    config: Config,
    entries: dict[Key, Entry],
    bodies: dict[Key, RenderedBody],
    updated: dict[str, str] | None = None,
    views: SiteViews | None = None,
    freshness: Freshness | None = None,
) -> Site:
    """The Site of these entries. With `views` (kept from the last call: the preview), only the
    entries that changed are placed again; without, every view is computed."""
    values = (views or SiteViews(track=False)).update(entries, bodies, freshness)
    missing = {f.name for f in fields(Site)} - values.keys() - {"config", "entries", "bodies", "updated", *TRANSLATED}
    assert not missing, f"no rule for the Site's {missing}"
    return Site(config=config, entries=entries, bodies=bodies, updated=updated or {}, **values)
