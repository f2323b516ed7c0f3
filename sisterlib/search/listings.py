"""The lists the search page shows with no words typed, as small JSON files the build writes.

A search with filters and no words is a list the build already knows, so it needs no search
index: every entry gets a row number in the list order (libraries, partnerships, stories
newest first, activities, guides), and for each value of each filter the build writes

- `/search/lists/<stem>/<n>.json`: the rows of that value, PER_PAGE at a time, in list
  order; page 1 also has the total and how many rows every other filter value has in common
  with it (the numbers shown beside the filter options);
- `/search/lists/<filter>.json`: every value's row numbers (as gaps between them), for a
  list with several filters chosen, and for the counts and filters of a word search (the
  search index's pages are named by the same row numbers, see pagefind.py).

So the first screen of any one-filter list is one file of PER_PAGE rows, and "Show more"
fetches the next. A stem is a hash of the filter and value: content text is never part of
a URL. Rows are data for the browser, which puts them in the page as text. The search page
asks for every file with `?v=<version>`, a hash of the rows' order and of every value's rows:
a browser that cached the files of an earlier build (hosts let them be kept 10 minutes)
never mixes them with an index whose rows moved.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..content.model import Entry, Library
from ..i18n.current import _, current_lang
from ..i18n.names import country_name
from ..output.urls import search_lists_url, site_url, url_of
from ..resolve.per_site import per_site
from ..resolve.site import Site
from .fields import FILTERS, KIND_VALUES, LIBRARY_TYPES, TYPE_LABELS, Filters, filters, listing_key

PER_PAGE = 50
TEXT_LENGTH = 200  # characters of text under each title


@dataclass
class Listings:
    entries: list[Entry]  # in list order: row n is entries[n]
    fields: list[Filters]  # row n's filter values
    row_of: dict[str, int]  # page path (/stories/x/) -> row number
    members: dict[str, dict[str, list[int]]]  # filter -> value -> row numbers, ascending
    pairs: dict[tuple[str, str], Counter] = field(default_factory=dict)  # (filter, value) -> Counter of (filter, value)
    version: str = ""  # changes when a row moves or a value's rows change

    def stem(self, name: str, value: str) -> str:
        return f"{name}-{hashlib.blake2b(value.encode(), digest_size=5).hexdigest()}"


@per_site  # the search page and the data files share them
def listings(site: Site) -> Listings:
    entries = sorted(site.entries.values(), key=listing_key)
    members: dict[str, dict[str, list[int]]] = {name: {} for name in FILTERS}
    pairs: dict[tuple[str, str], Counter] = {}
    fields = [filters(site, entry) for entry in entries]
    for row, values in enumerate(fields):
        own = [(name, value) for name in FILTERS for value in values.values(name)]
        for name, value in own:
            members[name].setdefault(value, []).append(row)
            counts = pairs.setdefault((name, value), Counter())
            counts.update(other for other in own if other[0] != name)
    row_of = {url_of(e): row for row, e in enumerate(entries)}
    digest = hashlib.blake2b(json.dumps([list(row_of), members], sort_keys=True).encode(), digest_size=6)
    return Listings(entries, fields, row_of, members, pairs, digest.hexdigest())


def options(site: Site) -> dict[str, list[dict[str, Any]]]:
    """Every option of every filter of the search page (value, label, its list's stem, its count).
    Called while the search page renders, so labels are in its language; values stay the same in
    every language (the index and the lists filter on them)."""
    lists = listings(site)
    values = {
        "kind": [(value, _(label)) for value, label in KIND_VALUES.items()],
        "country": [(c.name, country_name(c.code, current_lang())) for c in site.countries],
        "activity": [(a.title, site.localized(a, current_lang()).title) for a in site.activities],
        "type": [(t, _(TYPE_LABELS[t])) for t in LIBRARY_TYPES],
    }
    out = {}
    for name, pairs in values.items():
        out[name] = [
            {"value": value, "label": label, "count": len(lists.members[name].get(value, ())), "list": lists.stem(name, value)}
            for value, label in pairs
        ]
    return out


def data_files(site: Site) -> dict[str, bytes]:
    """Every file of /search/lists/, by URL."""
    lists = listings(site)
    rows = [_row(site, row, entry, lists.fields[row]) for row, entry in enumerate(lists.entries)]
    files = {}
    for name, values in lists.members.items():
        files[search_lists_url(f"{name}.json")] = _json({value: _gaps(ids) for value, ids in sorted(values.items())})
        for value, ids in values.items():
            stem = lists.stem(name, value)
            counts: dict[str, dict[str, int]] = {}
            for (other, other_value), n in sorted(lists.pairs[(name, value)].items()):
                counts.setdefault(other, {})[other_value] = n
            for start in range(0, len(ids), PER_PAGE):
                page: dict[str, Any] = {"total": len(ids), "counts": counts} if start == 0 else {}
                body = ",".join(rows[i] for i in ids[start : start + PER_PAGE])
                head = _json(page).decode()[:-1]
                text = f'{head}{"," if page else ""}"rows":[{body}]}}'
                files[search_lists_url(f"{stem}/{start // PER_PAGE + 1}.json")] = text.encode()
    return files


def _row(site: Site, row: int, entry: Entry, fields: Filters) -> str:
    """[row, link, title, kind, date, countries, text] of one entry, as JSON."""
    date = getattr(entry, "date", None)
    text = " ".join(entry_text(site, entry).split())
    if len(text) > TEXT_LENGTH:
        text = text[: TEXT_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    link = site_url(site.config, url_of(entry))
    return json.dumps(
        [row, link, entry.title, entry.kind, date.display if date else "", list(fields.countries), text], ensure_ascii=False
    )


def entry_text(site: Site, entry: Entry) -> str:
    """What a list shows under an entry's title: a library's type and place, then its summary or
    the start of its text. English: the list files are written once, for every language."""
    text = entry.summary or site.bodies[entry.key].text
    if isinstance(entry, Library):
        place = ", ".join(p for p in (entry.city, entry.region, site.country_name(entry.country)) if p)
        text = f"{entry.type.capitalize()} library in {place}. {text}"
    return text


def _gaps(ids: list[int]) -> list[int]:
    """Ascending row numbers as the gaps between them (small numbers compress well)."""
    return [b - a for a, b in zip([-1, *ids], ids, strict=False)]


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
