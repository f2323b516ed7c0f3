"""Links to pages of the site written as addresses (`[the stories](/stories/)`, `[x](../x/)`):
each must name a page that exists, resolved against the URL of the page it is on.

Like wiki links, they are resolved once every entry is known (bodies.link_body): the parse
leaves a mark in the `href`, filled here with the page's site URL (with the base path, so a
site published under a sub-path keeps working). The pages that exist: every entry's, the
listings and fixed pages, the country pages of the countries some library is in, and the
feeds and open data files. Numbered listing pages (`/stories/page/2/`) and an entry's
`stories/` listing exist only while there are enough stories: links to them are refused.
"""

from __future__ import annotations

import difflib
from urllib.parse import urljoin, urlsplit

from ..content.kinds import BY_SECTION, KINDS
from ..errors import show
from ..output.urls import data_url, entry_url, feed_url, section_url
from .names import NameIndex, country_name_token, fold

FIXED = frozenset(
    {
        "/",
        *(section_url(kind.name) for kind in KINDS),
        "/countries/",
        "/seeking/",
        "/search/",
        "/404.html",
        "/data/",
        "/contribute/",
        feed_url(),
        "/sitemap.xml",
        "/robots.txt",
        *(data_url(name, ext) for name in ("libraries", "partnerships", "stories") for ext in ("json", "csv")),
        data_url("libraries", "geojson"),
    }
)


def page_path(target: str, page_url: str) -> tuple[str, str]:
    """(site path, query and fragment) of a relative address on the page at `page_url`."""
    parts = urlsplit(urljoin("https://site.invalid" + page_url, target))
    rest = ("?" + parts.query if parts.query else "") + ("#" + parts.fragment if parts.fragment else "")
    path = parts.path or "/"
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"  # /stories/x: the page is /stories/x/ (hosts redirect to it)
    return path, rest


def resolve_page_link(target: str, page_url: str, index: NameIndex) -> str | tuple[str, str]:
    """The link's site path with its query and fragment, or (message, hint) when no such page exists."""
    path, rest = page_path(target, page_url)
    shown = show(target[:80])
    segments = path.strip("/").split("/")
    if path in FIXED:
        return path + rest
    if "page" in segments or (len(segments) == 3 and segments[2] == "stories"):
        owner = (
            "/" + "/".join(segments[: segments.index("page")]) + "/" if "page" in segments else f"/{segments[0]}/{segments[1]}/"
        )
        return (
            f"the link target '{shown}' is a listing page that changes as stories are added",
            f"link to {owner} instead",
        )
    if segments[0] == "countries" and 2 <= len(segments) <= 3 and path.endswith(("/", "/feed.xml")):
        code = segments[1].upper()
        if index.has_country(code) and (len(segments) == 2 or path == feed_url(code)):
            return path + rest
        return (
            f"the link target '{shown}' names no page: no library of the site is in the country '{show(segments[1])}'",
            "see /countries/ for the countries that have a page",
        )
    kind = BY_SECTION.get(segments[0])
    if kind is not None and len(segments) == 2:
        if (kind.name, segments[1]) in index.entries:
            return path + rest
        slugs = sorted(s for k, s in index.entries if k == kind.name)
        close = difflib.get_close_matches(segments[1], slugs, n=1, cutoff=0.6)
        hint = (
            f"did you mean {entry_url(kind.name, close[0])}? (or write [[{close[0]}]])"
            if close
            else "check the address, or link with [[its-file-name]]"
        )
        return f"the link target '{shown}' names no page: there is no {kind.name} '{show(segments[1])}'", hint
    return (
        f"the link target '{shown}' names no page of the site",
        "link to another entry with [[its-file-name]], or write a full https:// address",
    )


def looked_up(target: str, page_url: str) -> str:
    """The folded name a page link depends on (for the preview's link memo): the entry's `section/slug`,
    or the country's token."""
    path, _ = page_path(target, page_url)
    segments = path.strip("/").split("/")
    if segments[0] == "countries" and len(segments) >= 2:
        return country_name_token(segments[1].upper())
    return fold("/".join(segments[:2]))


def about(target: str, page_url: str) -> str:
    """The entry a page link that names none was meant for ("entry:story/x"), for blame.py."""
    path, _ = page_path(target, page_url)
    segments = path.strip("/").split("/")
    kind = BY_SECTION.get(segments[0])
    return f"entry:{kind.name}/{segments[1]}" if kind is not None and len(segments) == 2 else ""
