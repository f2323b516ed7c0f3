"""Feeds and discovery: what the Atom feeds, the sitemap and robots.txt contain.

Dates come from the content only (story dates, `last_confirmed`), never from the clock, so
two builds of the same content give the same bytes (SECURITY-NOTES R14).

Atom ids must be absolute. With an absolute `base_url` (the published site) an entry's id is
its address; a build with a bare "/" (a local build) uses a `urn:uuid:` made from the path,
which is valid and stable but differs from the published ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..content.model import ContentDate, Story
from ..resolve.site import Country, Site
from .urls import absolute_url, country_url, entry_url, feed_url, section_url

if TYPE_CHECKING:
    from .pages import OutputPage

FEED_SIZE = 50  # newest stories in one feed
NO_DATE = "1970-01-01T00:00:00Z"  # a feed with no story still needs an <updated>


@dataclass(frozen=True)
class FeedEntry:
    story: Story
    id: str
    link: str  # full address when base_url is one
    updated: str


@dataclass(frozen=True)
class Feed:
    id: str
    url: str  # /feed.xml or /countries/bg/feed.xml
    title: str
    link: str  # the HTML page the feed follows
    self_link: str
    updated: str  # the newest story's date
    entries: tuple[FeedEntry, ...]  # newest first


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str  # W3C date (YYYY, YYYY-MM or YYYY-MM-DD) or ""


def atom_date(value: ContentDate) -> str:
    """RFC 3339, as Atom requires: the first day of a month- or year-only date."""
    return value.first_day.isoformat() + "T00:00:00Z"


def atom_id(site: Site, path: str) -> str:
    if site.config.absolute_base:
        return absolute_url(site.config, path)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "sisterlib:" + path))


def _feed(site: Site, url: str, title: str, page_url: str, stories: Sequence[Story]) -> Feed:
    entries = []
    for story in stories[:FEED_SIZE]:
        path = entry_url("story", story.slug)
        entries.append(FeedEntry(story, atom_id(site, path), absolute_url(site.config, path), atom_date(story.date)))
    updated = entries[0].updated if entries else NO_DATE
    return Feed(
        atom_id(site, url),
        url,
        title,
        absolute_url(site.config, page_url),
        absolute_url(site.config, url),
        updated,
        tuple(entries),
    )


def feeds(site: Site) -> list[Feed]:
    """The feed of all stories, then one per country."""
    title = site.config.title
    out = [_feed(site, feed_url(), f"{title}: stories", section_url("story"), site.stories)]
    for country in site.countries:
        url = country_url(country.code)
        out.append(_feed(site, feed_url(country.code), f"{title}: stories from {country.name}", url, country.stories))
    return out


def _newest(stories: Iterable[Story]) -> ContentDate | None:
    return max((s.date for s in stories), default=None)


def page_date(site: Site, context: dict[str, Any]) -> ContentDate | None:
    """The newest content date shown on a page, when the content knows one."""
    if "story" in context:
        return context["story"].date
    for kind in ("library", "partnership", "activity"):
        if kind in context:
            entry = context[kind]
            dates = [d for d in (_newest(site.stories_of.get(entry.key, ())), getattr(entry, "last_confirmed", None)) if d]
            return max(dates, default=None)
    country: Country | None = context.get("country")
    if country is not None:
        return _newest(country.stories)
    pager = context.get("pager")
    if pager is not None and pager.items and isinstance(pager.items[0], Story):
        return _newest(pager.items)
    if context.get("page") is not None and context["page"].url == "/":
        return _newest(site.stories)
    return None


def sitemap(site: Site, pages: Sequence[OutputPage]) -> list[SitemapEntry]:
    """Every HTML page but the 404 page, in URL order."""
    entries = []
    for page in pages:
        if page.path.endswith(".html") and page.url != "/404.html":
            date = page_date(site, page.context)
            entries.append(SitemapEntry(absolute_url(site.config, page.url), date.iso if date else ""))
    return sorted(entries, key=lambda e: e.loc)
