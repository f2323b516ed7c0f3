"""Every URL of the site is decided here: the plan, wiki links, feeds, data files and templates
(through the filters render.py registers) all ask this module.

URLs here are site paths (`/stories/x/`); `site_url` adds the base path of a site published
under a sub-path, and `absolute_url` is the one rule for full addresses (feeds, sitemap,
canonical links, structured and open data): the full address when `base_url` is one, else
the site path with its base path.
"""

from __future__ import annotations

from ..config import Config
from ..content.kinds import KIND, is_bundle
from ..content.model import Entry


def entry_url(kind: str, slug: str) -> str:
    return f"/{KIND[kind].section}/{slug}/"


def url_of(entry: Entry) -> str:
    return entry_url(entry.kind, entry.slug)


def section_url(kind: str) -> str:
    return f"/{KIND[kind].section}/"


def country_url(code: str) -> str:
    return f"/countries/{code.lower()}/"


def paged_url(first: str, number: int) -> str:
    """Page 1 of a listing is its own URL; the others are `<url>page/<n>/`."""
    return first if number == 1 else f"{first}page/{number}/"


def stories_url(owner: Entry | str) -> str:
    """The paginated listing of an entry's (or of the country page at a URL's) stories."""
    return (owner if isinstance(owner, str) else url_of(owner)) + "stories/"


def agreement_url(partnership: Entry) -> str:
    """The printable draft agreement of a partnership."""
    return url_of(partnership) + "agreement/"


def calendar_url(partnership: Entry) -> str:
    """A partnership's calendar, to subscribe to: holidays of both countries and its own days."""
    return url_of(partnership) + "calendar.ics"


def status_url(status: str) -> str:
    """The listing of the partnerships with one status: /partnerships/status/active/."""
    return f"{section_url('partnership')}status/{status}/"


def feed_url(country_code: str = "") -> str:
    """The Atom feed of every story, or of one country's."""
    return country_url(country_code) + "feed.xml" if country_code else "/feed.xml"


def data_url(name: str, suffix: str) -> str:
    """An open data file: data_url("libraries", "csv") -> /data/libraries.csv."""
    return f"/data/{name}.{suffix}"


def search_lists_url(name: str = "") -> str:
    """A file of the search page's lists (search/listings.py): /search/lists/<name>."""
    return f"/search/lists/{name}"


# Files every language shares: only pages (a path ending in "/", an .html page, a feed) have a
# copy per interface language, at /<lang>/<path> for every language but the first.
_SHARED = ("/pagefind/", "/assets/", "/images/", "/search/lists/", "/i18n/")


def is_page_path(path: str) -> bool:
    return path.endswith(("/", ".html", "feed.xml")) and not path.startswith(_SHARED)


def in_language(path: str, lang: str, default: str) -> str:
    """A site path as the page in `lang` links it: `/stories/x/` -> `/bg/stories/x/` (the same
    for the default language, and for files every language shares); a path already in `lang` is kept."""
    if lang == default or not is_page_path(path) or path.startswith(f"/{lang}/"):
        return path
    return f"/{lang}{path}"


def output_path(url: str) -> str:
    """`/stories/x/` -> `stories/x/index.html`; `/feed.xml` -> `feed.xml`."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path


def site_url(config: Config, path: str) -> str:
    """A site path as a link: '/stories/' -> '/repo/stories/' under a sub-path."""
    return config.base_path + path


def absolute_url(config: Config, path: str) -> str:
    """The full address when base_url is one (https://host/repo/stories/), else the site path."""
    return (config.absolute_base or config.base_path) + path


def source_file(entry: Entry) -> str:
    """The entry's file in the repository, for "Edit this page"."""
    return "content/" + KIND[entry.kind].source(entry.slug, is_bundle(entry.path))


def image_url(name: str, width: int, suffix: str) -> str:
    """One published size of a processed photo: named by its bytes, so it never changes."""
    return f"/images/{name}-{width}.{suffix}"
