"""What each entry page tells Pagefind: its filters, its sort key, and extra words to find it by.

Rendered into every entry page by templates/_search.html; search/pagefind.py runs the indexer
over the written pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.kinds import KIND
from ..content.model import Entry, Library, Story
from ..content.slugs import has_cyrillic, transliterate
from ..resolve.site import Site


@dataclass(frozen=True)
class SearchFields:
    """Filters, sort keys and extra words of one entry page (rendered by templates/_search.html)."""

    kind: str
    countries: tuple[str, ...]  # full names
    activities: tuple[str, ...]  # activity titles
    library_type: str
    date: str  # stories: YYYY-MM-DD (first day of a month- or year-only date)
    listing: str  # one sort key on every entry: kinds grouped, stories newest first
    latin_names: tuple[str, ...]  # Latin forms of the names written in Cyrillic


def search_fields(site: Site, entry: Entry) -> SearchFields:
    countries = tuple(site.country_name(code) for code in site.countries_of.get(entry.key, ()))
    slugs: tuple[str, ...] = getattr(entry, "activities", ())
    if isinstance(entry, Library):  # a library does what its partnerships do
        slugs = tuple(a for p in site.partnerships_of.get(entry.slug, ()) for a in p.activities)
    elif entry.kind == "activity":
        slugs = (entry.slug,)
    activities = tuple(dict.fromkeys(site.get("activity", slug).title for slug in slugs))
    date = entry.date.first_day.isoformat() if isinstance(entry, Story) else ""
    return SearchFields(
        kind=entry.kind,
        countries=countries,
        activities=activities,
        library_type=entry.type if isinstance(entry, Library) else "",
        date=date,
        listing=_listing_key(entry, date),
        latin_names=_latin_names(site, entry),
    )


def _listing_key(entry: Entry, date: str) -> str:
    """Sorts a list with no search words: libraries, partnerships, stories, activities, guides."""
    rank = KIND[entry.kind].search_rank
    if date:  # newest first in an ascending sort: 2011-09-01 -> 79880998
        return f"{rank} {99999999 - int(date.replace('-', '')):08d} {entry.slug}"
    order = getattr(entry, "order", 0)
    return f"{rank} {order + 50000:06d} {entry.title.casefold()} {entry.slug}"


def _latin_names(site: Site, entry: Entry) -> tuple[str, ...]:
    """`Силистра` is found by `Silistra`: the Latin form of every Cyrillic name on the page."""
    names = [entry.title]
    if isinstance(entry, Library):
        names += [entry.city, entry.region, *entry.aliases]
    for lib in site.libraries_of.get(entry.key, ()):  # the libraries a partnership or story names
        names += [lib.name, lib.city]
    return tuple(dict.fromkeys(transliterate(n) for n in names if has_cyrillic(n)))


def latin_table() -> dict[str, str]:
    """The Cyrillic letters slugs.transliterate knows, for the search page to transliterate queries."""
    table = {}
    for code in range(0x0400, 0x0500):
        letter = chr(code)
        if letter == letter.lower() and (latin := transliterate(letter)) != letter:
            table[letter] = latin
    return table
