"""Feeds and discovery: what the Atom feeds, the sitemap and robots.txt contain.

Dates come from the content only (story dates, `last_confirmed`), never from the clock, so
two builds of the same content give the same bytes (SECURITY-NOTES R14).

A sitemap lists full addresses (sitemaps.org protocol 0.9), so a build whose `base_url` is not
one writes none (pages.py). Its `lastmod` is a W3C date to the day (the XML Schema refuses
`2014`): the content's date when it is known to the day, else the day of the last git commit of
the file that date comes from (or of the page's own file when it shows no date), else none.

Atom ids must be absolute. With an absolute `base_url` (the published site) an entry's id is
its address; a build with a bare "/" (a local build) uses a `urn:uuid:` made from the path,
which is valid and stable but differs from the published ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
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
    country: str = ""  # its country's code, for a country's feed (feed.xml words its title in the page's language)


@dataclass(frozen=True)
class SitemapEntry:
    loc: str  # a full address
    lastmod: str  # YYYY-MM-DD, or "" when no date is known to the day


def atom_date(value: ContentDate) -> str:
    """RFC 3339, as Atom requires: the first day of a month- or year-only date."""
    return value.first_day.isoformat() + "T00:00:00Z"


def atom_id(site: Site, path: str) -> str:
    if site.config.absolute_base:
        return absolute_url(site.config, path)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "sisterlib:" + path))


def _feed(site: Site, url: str, title: str, page_url: str, stories: Sequence[Story], country: str = "") -> Feed:
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
        country,
    )


def feeds(site: Site) -> list[Feed]:
    """The feed of all stories, then one per country. The titles are planned once, in English (the
    page list's title); feed.xml words them again in the language it is rendered in."""
    title = site.config.title
    out = [_feed(site, feed_url(), f"{title}: stories", section_url("story"), site.stories)]
    for country in site.countries:
        url = country_url(country.code)
        out.append(
            _feed(site, feed_url(country.code), f"{title}: stories from {country.name}", url, country.stories, country.code)
        )
    return out


# A story's date as ContentDate orders it (year, month, day), compared in C: the sitemap asks for
# the newest story of every page, 400,000 comparisons at 10,000 stories.
_BY_DATE = attrgetter("date.year", "date.month", "date.day")


def _newest(stories: Iterable[Story]) -> Story | None:
    return max(stories, key=_BY_DATE, default=None)


Dated = tuple[ContentDate, str]  # a date a page shows, and the content file it comes from


def page_dated(site: Site, context: dict[str, Any]) -> Dated | None:
    """The newest content date shown on a page and its file, when the content knows one."""
    if "story" in context:
        return context["story"].date, context["story"].path
    for kind in ("library", "partnership", "activity"):
        if kind in context:
            entry = context[kind]
            newest = _newest(site.stories_of.get(entry.key, ()))
            dates = [(newest.date, newest.path)] if newest else []
            if getattr(entry, "last_confirmed", None):
                dates.append((entry.last_confirmed, entry.path))
            return max(dates, key=lambda dated: dated[0], default=None)
    stories: Sequence[Any] = ()
    country: Country | None = context.get("country")
    pager = context.get("pager")
    if country is not None:
        stories = country.stories
    elif pager is not None and pager.items and isinstance(pager.items[0], Story):
        stories = pager.items
    elif context.get("page") is not None and context["page"].url == "/":
        stories = site.stories
    newest = _newest(stories)
    return (newest.date, newest.path) if newest else None


def lastmod(site: Site, context: dict[str, Any]) -> str:
    """A page's last change as a full date: its content date when known to the day, else the
    day of the last commit of that date's file (or of the page's own file), else ""."""
    dated = page_dated(site, context)
    if dated and dated[0].day:
        return dated[0].iso
    source = dated[1] if dated else context["page"].source
    return site.updated.get(source, "") if source else ""


def sitemap(site: Site, pages: Sequence[OutputPage]) -> list[SitemapEntry]:
    """Every HTML page but the 404 page, in URL order."""
    entries = [
        SitemapEntry(absolute_url(site.config, page.url), lastmod(site, page.context))
        for page in pages
        if page.path.endswith(".html") and page.url != "/404.html"
    ]
    return sorted(entries, key=lambda e: e.loc)
