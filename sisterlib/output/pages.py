"""Plan: the Site -> every output page (URL, template, context). The only place that lists pages.

Listings paginate so that no page grows with the corpus: an entry page shows its latest
stories and links to a paginated `<entry>/stories/` listing for the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from ..content.kinds import KIND
from ..content.model import STATUSES, Entry
from ..errors import ContentError
from ..i18n import current
from ..i18n.browser import messages_files
from ..i18n.current import N_, _
from ..i18n.names import country_name
from ..resolve.images import Picture
from ..resolve.site import Country, Site
from ..search import listings as search_lists
from . import basemap, calendar, contribute, csp, feeds, mapview, matcher, opendata
from .planner import LATEST, OutputPage, PageInfo, Planner, paged_title, paginate
from .render import FILE, MADE, RAW
from .social import page_image
from .structured import structured_data
from .urls import (
    absolute_url,
    agreement_url,
    calendar_url,
    country_url,
    image_url,
    in_language,
    section_url,
    status_url,
    stories_url,
    url_of,
)


def _description(site: Site, entry: Entry, lang: str) -> str:
    """The summary, else the start of the text: at most 200 characters, its spaces made single."""
    text = entry.summary or site.body_in(entry, lang).text
    # Spaces made single in a prefix give a prefix of the whole text so made: when that is already
    # longer than 200, the rest of a long body need not be split (40,000 pages at 10,000 stories).
    head = " ".join(text[:400].split())
    if len(head) <= 200 and len(text) > 400:
        head = " ".join(text.split())
    return head if len(head) <= 200 else head[:197].rsplit(" ", 1)[0] + "…"


# Pages are planned in groups: the listings (in parts), each entry, each country, then the
# discovery files (feeds, sitemap, data), which list the others. The preview plans again only
# the groups whose inputs changed; the build plans them all, in this order.
GroupId = tuple[Hashable, ...]
DISCOVERY: GroupId = ("discovery",)


def groups(site: Site) -> list[GroupId]:
    """Every group but DISCOVERY: the pages of each interface language, then the photos (shared)."""
    languages = site.config.languages
    return [
        *(("listings", i, lang) for lang in languages for i in range(len(LISTING_PARTS))),
        *(("entry", key, lang) for lang in languages for key in site.entries),
        *(("country", country.code, lang) for lang in languages for country in site.countries),
        *(("photo", picture) for picture in site.pictures),
    ]


def groups_changed(old: Site, new: Site) -> bool:
    """Whether groups came or went between two Sites (what `groups` is made from changed)."""
    return (
        old.entries.keys() != new.entries.keys()
        or old.country_of.keys() != new.country_of.keys()
        or old.pictures.keys() != new.pictures.keys()
    )


def plan_group(site: Site, group: GroupId) -> list[OutputPage]:
    if group[0] == "photo":
        return plan_photo(group[1])  # type: ignore[arg-type]
    lang: str = group[2]  # type: ignore[assignment]
    with current.using(site.config.locale_dir, lang):  # page titles are made in the page's language
        if group[0] == "listings":
            return LISTING_PARTS[group[1]](site, lang)  # type: ignore[index]
        if group[0] == "entry":
            return plan_entry(site, site.entries[group[1]], lang)  # type: ignore[index]
        return plan_country(site, site.country_of[group[1]], lang)  # type: ignore[index]


def plan_photo(picture: Picture) -> list[OutputPage]:
    """Every published size of a photo, copied from where it was processed (the image cache)."""
    pages = []
    for width, _height in picture.sizes:
        for suffix in ("webp", "jpg"):
            url = image_url(picture.name, width, suffix)
            pages.append(OutputPage(url, FILE, {"page": PageInfo(url, url), "file": picture.file(width, suffix)}))
    return pages


def plan(site: Site) -> tuple[list[OutputPage], list[ContentError]]:
    """Every output page, and an error for every two pages that would land on one path."""
    pages = [page for group in groups(site) for page in plan_group(site, group)]
    pages += plan_discovery(site, pages)
    return pages, collisions(pages)


def _plan_sections(site: Site, lang: str) -> list[OutputPage]:
    out = Planner(site, lang)
    out.add("/", "home.html", site.config.title)
    out.add(section_url("library"), "libraries.html", _("Library directory"))
    out.add(section_url("activity"), "activities.html", _("Activity ideas"))
    out.add(section_url("guide"), "guides.html", _("Guides"))
    out.add("/countries/", "countries.html", _("Countries"))
    out.add("/seeking/", "seeking.html", _("Libraries seeking a partner"))
    out.add("/search/", "search.html", _("Search"))
    out.add("/404.html", "404.html", _("Page not found"))
    out.add("/data/", "data.html", _("Open data"), datasets=opendata.DATASETS, geojson_fields=opendata.GEOJSON_FIELDS)
    return out.pages


STATUS_TITLES = {"active": N_("Active partnerships"), "dormant": N_("Dormant partnerships"), "ended": N_("Ended partnerships")}


def _plan_partnership_listing(site: Site, lang: str) -> list[OutputPage]:
    """Every partnership, and the partnerships of each status (/partnerships/status/active/)."""
    out = Planner(site, lang)
    by_status = {status: [p for p in site.partnerships if p.status == status] for status in STATUSES}
    filters = [(status, len(ps), status_url(status)) for status, ps in by_status.items() if ps]
    for status, first, shown in [("", section_url("partnership"), site.partnerships)] + [
        (status, status_url(status), by_status[status]) for status, _count, _url in filters
    ]:
        title = _(STATUS_TITLES[status]) if status else _("Partnerships")
        for pager in paginate(shown, first):
            title_n = paged_title(title, pager.number)
            out.add(pager.url(pager.number), "partnerships.html", title_n, pager=pager, status=status, filters=filters)
    return out.pages


def _plan_story_listing(site: Site, lang: str) -> list[OutputPage]:
    out = Planner(site, lang)
    out.story_listing(section_url("story"), site.stories, _("Stories"))
    return out.pages


def _plan_contribute(site: Site, lang: str) -> list[OutputPage]:
    out = Planner(site, lang)
    out.add("/contribute/", "contribute.html", _("Add a story or a library"), form=contribute.form_data(site))
    return out.pages


def _plan_partner_finding(site: Site, lang: str) -> list[OutputPage]:
    """/find-a-partner/ and /map/, with their data files (issue 14)."""
    out = Planner(site, lang)
    out.add(matcher.PAGE_URL, "find_a_partner.html", _("Find a partner library"), form=matcher.form(site))
    out.add("/map/", "map.html", _("Map of partnerships"), map=mapview.world_map(site))
    if not out.default:
        return out.pages
    files = [
        (matcher.DATA_URL, matcher.libraries_json(site)),
        (matcher.SCORING_URL, matcher.scoring_json()),
        (basemap.URL, basemap.basemap_svg()),
        (mapview.GEOJSON_URL, opendata.to_json(mapview.partnerships_geojson(site))),
    ]
    out.pages += [OutputPage(url, RAW, {"page": PageInfo(url, url), "data": data}) for url, data in files]
    return out.pages


# Planned separately, so the preview server re-plans only the part whose data changed.
LISTING_PARTS: tuple[Callable[[Site, str], list[OutputPage]], ...] = (
    _plan_sections,
    _plan_partnership_listing,
    _plan_story_listing,
    _plan_contribute,
    _plan_partner_finding,
)


def plan_entry(site: Site, original: Entry, lang: str = "") -> list[OutputPage]:
    """An entry's page, and the listing of its stories when they do not all fit on it; in `lang`,
    the entry's translation into it, else the original."""
    out = Planner(site, lang)
    entry = site.localized(original, out.lang)
    url = url_of(entry)
    written = out.lang if entry is not original else getattr(entry, "lang", "") or site.config.language
    shown = site.bodies[entry.key].photos.shown  # its cover first
    image = page_image(shown[0]) if shown else out.image  # else the site image
    info = out.info(
        url, entry.title, _description(site, entry, out.lang), kind=entry.kind, content_lang=written, source=entry.path,
        jsonld=_in_language(structured_data(site, entry), site, url, out.lang, written), image=image,
    )  # fmt: skip
    out.add(url, KIND[entry.kind].template, entry.title, info=info, **{entry.kind: entry})
    if entry.kind == "partnership":  # its draft agreement and its calendar
        title = _("Draft agreement: %(title)s", title=entry.title)
        about = _("A draft partnership agreement for %(title)s.", title=entry.title)
        agreement = out.info(agreement_url(entry), title, about, image=image, content_lang=written)  # link previews: its photo
        out.add(agreement.route, "agreement.html", agreement.title, info=agreement, partnership=entry)
        if out.default:
            ics = PageInfo(calendar_url(entry), f"Calendar: {entry.title}")
            out.pages.append(
                OutputPage(ics.url, MADE, {"site": site, "page": ics, "partnership": entry, "make": calendar.calendar_bytes})
            )
    stories = site.stories_of.get(entry.key, ())
    if len(stories) > LATEST:
        out.story_listing(stories_url(url), stories, _("Stories: %(title)s", title=entry.title), owner=entry)
    return out.pages


def _in_language(data: dict[str, Any] | None, site: Site, route: str, lang: str, written: str) -> dict[str, Any] | None:
    """An entry's structured data as its page in `lang` shows it: that page's address, the language of its text."""
    if data is None or lang == site.config.language and "inLanguage" not in data:
        return data
    data = {**data, "url": absolute_url(site.config, in_language(route, lang, site.config.language))}
    return {**data, "inLanguage": written} if "inLanguage" in data else data


def plan_country(site: Site, country: Country, lang: str = "") -> list[OutputPage]:
    out = Planner(site, lang)
    url = country_url(country.code)
    name = country_name(country.code, out.lang)
    out.add(url, "country.html", name, country=country)
    if len(country.stories) > LATEST:
        out.story_listing(stories_url(url), country.stories, _("Stories from %(country)s", country=name))
    return out.pages


def plan_discovery(site: Site, pages: Sequence[OutputPage]) -> list[OutputPage]:
    """Feeds, sitemap, robots.txt, open data and the search page's lists; after every HTML page so
    the sitemap can list them."""
    made: list[OutputPage] = []
    for lang in site.config.languages:  # the feeds of each language: its titles, links to its pages
        with current.using(site.config.locale_dir, lang):
            out = Planner(site, lang)
            for feed in feeds.feeds(site):
                out.add(feed.url, "feed.xml", feed.title, feed=feed)
        made += out.pages
    out = Planner(site)
    out.pages = made
    if site.config.absolute_base:  # a sitemap lists full addresses: none without one (robots.txt says so)
        out.add("/sitemap.xml", "sitemap.xml", "Sitemap", entries=feeds.sitemap(site, pages))
    out.add("/robots.txt", "robots.txt", "robots.txt")
    for url, data in [*opendata.data_files(site).items(), *search_lists.data_files(site).items()]:
        out.pages.append(OutputPage(url, RAW, {"page": PageInfo(url, url), "data": data}))
    config = site.config  # the browser scripts' messages in each language but the first (i18n/browser.py)
    for url, data in messages_files(config.locale_dir, config.languages[1:], config.assets_dir).items():
        out.pages.append(OutputPage(url, RAW, {"page": PageInfo(url, url), "data": data}))
    out.pages.append(OutputPage("/_headers", RAW, {"page": PageInfo("/_headers", "_headers"), "data": csp.headers_file()}))
    return out.pages


def collisions(pages: Sequence[OutputPage]) -> list[ContentError]:
    seen: dict[str, OutputPage] = {}
    errors = []
    for page in pages:
        if page.path in seen:
            first = seen[page.path].context["page"].source or page.path
            errors.append(
                ContentError(
                    page.context["page"].source or page.path,
                    1,
                    f"this page would be written to {page.path}, like {first}",
                    "rename one of the two files",
                )
            )
        seen[page.path] = page
    return errors
