"""What each entry page tells the search: its filters, and its names in both scripts.

Rendered into every entry page by templates/_search.html (for Pagefind) and read by
search/listings.py (for the lists the search page shows with no words typed), so the two
always agree on every filter value.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.kinds import KIND
from ..content.model import Entry, Library, Story
from ..content.scripts import has_cyrillic, other_scripts
from ..i18n.current import N_
from ..resolve.site import Site

FILTERS = ("kind", "country", "activity", "type")  # the search page's filters, in its order
KIND_VALUES = {  # a filter value -> its label (English here, translated where shown: listings.options)
    "library": N_("Libraries"),
    "partnership": N_("Partnerships"),
    "story": N_("Stories"),
    "activity": N_("Activity ideas"),
    "guide": N_("Guides"),
}
LIBRARY_TYPES = ("public", "academic", "school", "national", "special")
TYPE_LABELS = {  # a library type (the filter value) -> its label, translated where shown
    "public": N_("Public"),
    "academic": N_("Academic"),
    "school": N_("School"),
    "national": N_("National"),
    "special": N_("Special"),
}


@dataclass(frozen=True)
class Filters:
    """The filter values of one entry (what the lists and the index filter on)."""

    kind: str
    countries: tuple[str, ...]  # full names
    activities: tuple[str, ...]  # activity titles
    library_type: str

    def values(self, name: str) -> tuple[str, ...]:
        """The values of one filter of FILTERS."""
        if name == "kind":
            return (self.kind,)
        if name == "country":
            return self.countries
        if name == "activity":
            return self.activities
        return (self.library_type,) if self.library_type else ()


@dataclass(frozen=True)
class SearchFields(Filters):
    """Filters and names of one entry page (rendered by templates/_search.html)."""

    name: str = ""  # a library's own names (name, aliases, city) in both scripts: its page comes first for them
    spellings: str = ""  # the other names on the page (its title, its libraries') in the script they are not in


def filters(site: Site, entry: Entry) -> Filters:
    countries = tuple(site.country_name(code) for code in site.countries_of.get(entry.key, ()))
    slugs: tuple[str, ...] = getattr(entry, "activities", ())
    if isinstance(entry, Library):  # a library does what its partnerships do
        slugs = tuple(a for p in site.partnerships_of.get(entry.slug, ()) for a in p.activities)
    elif entry.kind == "activity":
        slugs = (entry.slug,)
    activities = tuple(dict.fromkeys(site.get("activity", slug).title for slug in slugs))
    return Filters(entry.kind, countries, activities, entry.type if isinstance(entry, Library) else "")


def search_fields(site: Site, entry: Entry) -> SearchFields:
    own = [entry.name, *entry.aliases, entry.city] if isinstance(entry, Library) else []
    others = [entry.region] if isinstance(entry, Library) else [entry.title]
    if entry.kind in ("story", "activity", "guide") and not has_cyrillic(entry.title):
        others = []  # a Latin title of a story or guide is a sentence, not a name: only a Cyrillic one counts
    for lib in site.libraries_of.get(entry.key, ()):  # the libraries a partnership or story names
        others += [lib.name, lib.city]
    name = _words(own, original=True)
    return SearchFields(**vars(filters(site, entry)), name=name, spellings=_words(others, exclude=name))


def _words(names: list[str], exclude: str = "", original: bool = False) -> str:
    """The other-script forms of `names` (and, with `original`, the names as written), each word
    once: the index needs the words, not the phrases."""
    seen = {word.casefold() for word in exclude.split()}
    out = []
    for name in names:
        for form in ((name,) if original else ()) + other_scripts(name) if name else ():
            for word in form.split():
                if word.casefold() not in seen:
                    seen.add(word.casefold())
                    out.append(word)
    return " ".join(out)


def listing_key(entry: Entry) -> tuple:
    """The order of a list with no search words: libraries, partnerships, stories newest first,
    activities, guides; within a kind by the kinds' own order, then title."""
    rank = KIND[entry.kind].search_rank
    if isinstance(entry, Story):
        return (rank, -int(entry.date.first_day.strftime("%Y%m%d")), entry.slug)
    return (rank, getattr(entry, "order", 0), entry.title.casefold(), entry.slug)
