"""The pages of the plan: what one output file is (OutputPage, PageInfo), listings cut into
pages (Pager), and the Planner that adds the pages of one interface language, each at its
path in that language."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content.model import Entry, Story
from ..i18n.current import _
from ..resolve.site import Site
from .social import PageImage, site_image
from .urls import in_language, output_path, paged_url

PER_PAGE = 50  # stories or partnerships per listing page
LATEST = 10  # stories shown on an entry or country page before "all stories"


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    first_url: str
    items: Sequence[Any]
    total: int

    def url(self, number: int) -> str:
        return paged_url(self.first_url, number)

    @property
    def previous_url(self) -> str:
        return self.url(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url(self.number + 1) if self.number < self.count else ""


@dataclass(frozen=True)
class PageInfo:
    url: str
    title: str
    description: str = ""
    kind: str = ""  # entry kind for entry pages, "" for listings
    lang: str = "en"  # the interface language: <html lang>, the catalog it is rendered with
    content_lang: str = ""  # the language of the entry's text shown, when the page shows one ("" = lang)
    route: str = ""  # the page's path in the default language: its other languages' pages are this path in them
    source: str = ""  # content file, for "edit this page"
    jsonld: dict[str, Any] | None = None  # schema.org data of an entry page (structured.py)
    image: PageImage | None = None  # og:image: the site image, or an entry's own (social.py)


@dataclass(frozen=True)
class OutputPage:
    """One output file: a template and its context, or (template RAW) bytes in context["data"]."""

    url: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return output_path(self.url)


def paginate(items: Sequence[Any], first_url: str, per_page: int = PER_PAGE) -> Iterator[Pager]:
    count = max(1, -(-len(items) // per_page))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * per_page : number * per_page]
        yield Pager(number, count, first_url, chunk, len(items))


def paged_title(title: str, number: int) -> str:
    return _("%(title)s (page %(number)s)", title=title, number=number) if number > 1 else title


class Planner:
    """The pages of one interface language: each at its path in that language (urls.in_language)."""

    def __init__(self, site: Site, lang: str = ""):
        self.site = site
        self.lang = lang or site.config.language
        self.pages: list[OutputPage] = []
        self.image = site_image(site.config)

    def info(self, route: str, title: str, description: str = "", **fields: Any) -> PageInfo:
        url = in_language(route, self.lang, self.site.config.language)
        return PageInfo(url, title, description, lang=self.lang, route=route, **fields)

    def add(self, route: str, template: str, title: str, **context: Any) -> None:
        info = context.pop("info", None) or self.info(route, title, self.site.config.description, image=self.image)
        self.pages.append(OutputPage(info.url, template, {"site": self.site, "page": info, **context}))

    @property
    def default(self) -> bool:
        """Files every language shares (data, calendars) are planned with the default language's pages."""
        return self.lang == self.site.config.language

    def story_listing(self, first: str, stories: Sequence[Story], title: str, owner: Entry | None = None) -> None:
        for pager in paginate(stories, first):
            self.add(pager.url(pager.number), "story_list.html", paged_title(title, pager.number), pager=pager, owner=owner)
