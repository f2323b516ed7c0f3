"""Search: what each entry page tells Pagefind, and the Pagefind run over the written pages.

The index is built by Pagefind's command-line program, run as a subprocess over the pages
already written into the staging folder, as the build's last step: pages and index always
match, and a failed index fails the build (the previous site stays). Measured on 2 cores
(see the issue note): the CLI indexed 10,000 story pages in about 14 s, while Pagefind's
Python API costs about 0.1 s per `add_html_file` call (its response loop sleeps 0.1 s
between replies), so 17 minutes for the same pages.

Only entry pages are indexed: their `<article>` carries `data-pagefind-body`, and the run is
limited to the entry sections by a glob. Every entry is indexed as the site's language
(`--force-language`): Pagefind otherwise builds one index per `<html lang>` and the search
page only loads the index of its own language, so a story written in Bulgarian would never
be found from the English search page.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Entry, Library, Story
from ..content.slugs import has_cyrillic, transliterate
from ..output.urls import SECTION
from ..resolve.site import Site
from . import stable as search_stable

BUNDLE = "pagefind"  # the index folder inside the site; search.js loads BUNDLE/pagefind.js
# Pagefind ships ready-made UIs; ours is assets/search.js, so these are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")  # fmt: skip
KIND_ORDER = {"library": 1, "partnership": 2, "story": 3, "activity": 4, "guide": 5}
TIMEOUT = 1800  # seconds; 10,000 pages take about 15


class SearchIndexFailed(Exception):
    pass


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
    rank = KIND_ORDER[entry.kind]
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


def pagefind_binary() -> Path:
    try:
        from pagefind.service import get_executable  # honours PAGEFIND_BINARY_PATH
    except ImportError:
        get_executable = None
    path = get_executable() if get_executable else None
    if path is None or not path.is_file():
        raise SearchIndexFailed(
            "Pagefind, the search indexer, is not installed; "
            "run `python -m pip install 'pagefind[bin]'`, or build with --no-search to skip the search index"
        )
    return path


def build_index(site_dir: Path, language: str) -> float:
    """Index the entry pages written in site_dir into site_dir/pagefind/; returns the seconds taken."""
    started = time.perf_counter()
    sections = ",".join(SECTION.values())
    command = [
        str(pagefind_binary()),
        "--site", str(site_dir),
        "--output-subdir", BUNDLE,
        "--glob", f"{{{sections}}}/*/index.html",
        "--force-language", language,
        "--quiet",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"the search indexer could not run: {exc}") from None
    bundle = site_dir / BUNDLE
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        output = (result.stdout + result.stderr).strip()
        raise SearchIndexFailed(f"the search indexer failed (exit code {result.returncode}):\n{output}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    try:
        search_stable.stabilise(bundle)
    except (search_stable.UnexpectedFormat, OSError, ValueError, KeyError) as exc:
        raise SearchIndexFailed(f"the search index has a layout this version of sisterlib does not know: {exc}") from None
    return time.perf_counter() - started
