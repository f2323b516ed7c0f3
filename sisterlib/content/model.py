"""The content model: frozen dataclasses only, no behaviour beyond small derived properties."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

LIBRARY_TYPES = ("public", "academic", "school", "national", "special")
STATUSES = ("active", "dormant", "ended")


@dataclass(frozen=True, order=True)
class ContentDate:
    """A date known to the day, the month or only the year (`2010-07-14`, `2010-07`, `2010`)."""

    year: int
    month: int = 0  # 0: unknown
    day: int = 0

    # Cached: templates, feeds and structured data ask for these tens of thousands of times
    # (calendar.month_name formats a date on every lookup).
    @cached_property
    def iso(self) -> str:
        parts = [f"{self.year:04d}", f"{self.month:02d}" if self.month else "", f"{self.day:02d}" if self.day else ""]
        return "-".join(p for p in parts if p)

    @cached_property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def display(self) -> str:
        if not self.month:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""


@dataclass(frozen=True)
class PartnerContacts:
    """Who speaks for one library in a partnership: names from that library's own `contacts`."""

    library: str  # library slug
    primary: str = ""
    secondary: str = ""


@dataclass(frozen=True)
class Celebration:
    """A day a partnership celebrates: a holiday of the `holidays` package by its English name
    (`date` empty), or a day of its own (`date` "MM-DD"); `country` says whose day it is."""

    name: str
    country: str = ""  # "" only for a package holiday that just one of the countries has
    date: str = ""  # "MM-DD" for a day the package does not have


@dataclass(frozen=True, order=True)
class OpenSpan:
    """One opening of a week, in the library's local time: weekday 0 = Monday, minutes from midnight."""

    weekday: int
    start: int
    end: int  # up to 24 * 60


@dataclass(frozen=True)
class Seeking:
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()  # activity slugs
    note: str = ""
    last_confirmed: ContentDate | None = None  # when the listing was last confirmed (else the library's)


@dataclass(frozen=True)
class Place:
    """A town and its country: a library's sister city (`Aurora, US`)."""

    city: str
    country: str


@dataclass(frozen=True)
class Video:
    """A video on YouTube or Vimeo, shown as a card with a plain link: nothing loads from the host."""

    url: str  # the canonical watch address (checks.video)
    title: str
    host: str  # "YouTube" or "Vimeo"


@dataclass(frozen=True, kw_only=True, eq=False)
class Entry:
    kind: str
    slug: str
    path: str  # source file, for messages and "edit this page"
    body: str  # Markdown
    body_line: int
    lines: dict[tuple, int] = field(repr=False)  # front-matter key -> file line
    title: str
    summary: str = ""

    @cached_property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    def line(self, *key: str | int) -> int:
        """File line of a front-matter key (or the start of the front matter)."""
        return self.lines.get(tuple(key), self.lines.get((), 1))

    # Sort keys, computed once: the Site sorts tens of thousands of entries on every build.
    @cached_property
    def title_order(self) -> tuple[str, str]:
        """Alphabetical: by title ignoring case, then slug."""
        return (self.title.casefold(), self.slug)

    @cached_property
    def kind_order(self) -> tuple[str, str, str]:
        """By kind, then alphabetical ("What links here")."""
        return (self.kind, *self.title_order)


@dataclass(frozen=True, kw_only=True, eq=False)
class Library(Entry):
    name: str
    city: str
    country: str
    type: str
    region: str = ""
    languages: tuple[str, ...] = ()
    website: str = ""
    location: tuple[float, float] | None = None
    population_served: int | None = None
    aliases: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    seeking: Seeking | None = None
    last_confirmed: ContentDate | None = None
    timezone: str = ""  # an IANA name; "" = looked up from `location` (resolve/meeting.py)
    hours: tuple[OpenSpan, ...] = ()  # () = the default, Mo-Fr 09:00-17:00
    image: str = ""  # a photo's file name beside the entry's index.md (resolve/images.py)
    image_alt: str = ""
    video: Video | None = None
    sister_cities: tuple[Place, ...] = ()


@dataclass(frozen=True, kw_only=True, eq=False)
class Partnership(Entry):
    libraries: tuple[str, ...]
    status: str
    since: ContentDate | None = None  # the year, or the day (then the calendar has the anniversary)
    formal: bool | None = None
    via: str = ""
    activities: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    contacts: tuple[PartnerContacts, ...] = ()
    celebrates: tuple[Celebration, ...] = ()
    image: str = ""  # a photo's file name beside the entry's index.md (resolve/images.py)
    image_alt: str = ""
    video: Video | None = None


@dataclass(frozen=True, kw_only=True, eq=False)
class Story(Entry):
    date: ContentDate
    partnership: str = ""
    libraries: tuple[str, ...] = ()  # as written; Site.story_libraries has the resolved set
    activities: tuple[str, ...] = ()
    lang: str = "en"
    image: str = ""  # a photo's file name beside the entry's index.md (resolve/images.py)
    image_alt: str = ""
    video: Video | None = None

    @cached_property
    def date_order(self) -> tuple[int, int, int, str]:
        """Chronological, then by slug: sorted in reverse, newest first."""
        return (self.date.year, self.date.month, self.date.day, self.slug)


@dataclass(frozen=True, kw_only=True, eq=False)
class Activity(Entry):
    order: int = 0


@dataclass(frozen=True, kw_only=True, eq=False)
class Guide(Entry):
    order: int = 0
