"""What a partnership's pages show beyond its fields: each library's time zone, the meeting
hours, the days of its calendar and its health. The rules that read only entries are views
(`zones_of` in resolve/site.py); those that also need "today" are Site methods calling the
functions here, so the preview sees what they read (resolve/reads.py) like any other read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from ..content.model import Library, Partnership, Story
from ..content.zones import zone_names
from ..i18n.current import _, ngettext
from .holidays import Day, celebrated_between, holidays_between
from .meeting import MeetingHours, meeting_hours
from .views import Lookup

NEXT_DAYS = 4  # the next days of its calendar a partnership page shows


@cache
def _finder():  # type: ignore[no-untyped-def]
    from timezonefinder import TimezoneFinder  # only when a location needs it

    return TimezoneFinder(in_memory=False)  # reads its files as needed: 5 MB instead of 34, 4 µs a lookup


def library_zone(library: Library) -> str:
    """The library's `timezone`, else the zone of its `location` (offline), else ""."""
    if library.timezone:
        return library.timezone
    if library.location is None:
        return ""
    lat, lon = library.location
    found = _finder().timezone_at(lat=lat, lng=lon) or ""
    return found if found in zone_names() else ""


def zones_named(p: Partnership, lookup: Lookup) -> tuple[str, ...]:
    return tuple(library_zone(lookup.entry("library", s)) for s in p.libraries)


def meeting(p: Partnership, libraries: tuple[Library, ...], zones: tuple[str, ...], today: date) -> MeetingHours | None:
    if len(libraries) < 2 or not all(zones):
        return None
    return meeting_hours(zones, tuple(lib.hours for lib in libraries), today)


def calendar_end(today: date) -> date:
    """Twelve months from today: the day before the same day next year."""
    try:
        return today.replace(year=today.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return date(today.year + 1, 3, 1) - timedelta(days=1)


def calendar_days(p: Partnership, countries: tuple[str, ...], today: date) -> tuple[Day, ...]:
    """The partnership's calendar for twelve months from today: both countries' public holidays,
    the days it celebrates and its anniversary (when `since` gives the day)."""
    return _calendar(p.celebrates, p.since.iso if p.since and p.since.day else "", p.title, countries, today)


@cache
def _calendar(celebrates: tuple, since: str, title: str, countries: tuple[str, ...], today: date) -> tuple[Day, ...]:
    last = calendar_end(today)
    days = holidays_between(countries, today, last) + celebrated_between(celebrates, countries, today, last)
    if since:
        start = date.fromisoformat(since)
        for year in (today.year, today.year + 1):
            try:
                when = start.replace(year=year)
            except ValueError:  # started on 29 February
                continue
            if today <= when <= last and year > start.year:
                days.append(Day(when, f"{year - start.year} years of {title}", "", "anniversary"))
    celebrated = {(d.day, d.name, d.country) for d in days if d.kind == "celebrated"}
    return tuple(sorted(d for d in days if d.kind != "holiday" or (d.day, d.name, d.country) not in celebrated))


def next_days(days: tuple[Day, ...]) -> tuple[Day, ...]:
    """The next days to celebrate: the partnership's own first, then public holidays, NEXT_DAYS in all."""
    own = [d for d in days if d.kind != "holiday"][:NEXT_DAYS]
    return tuple(sorted(own + [d for d in days if d.kind == "holiday"][: NEXT_DAYS - len(own)]))


@dataclass(frozen=True)
class Health:
    latest: Story | None  # the newest story about the partnership
    days: int  # how long ago, in days (0 without a story)
    ago: str  # in words: "3 years ago", "today"


def health(stories: tuple[Story, ...], today: date) -> Health:
    if not stories:
        return Health(None, 0, "")
    latest = stories[0]
    days = (today - latest.date.first_day).days
    return Health(latest, days, how_long_ago(latest.date.first_day, today))


def how_long_ago(day: date, today: date) -> str:
    """In the language of the page being rendered (Site.health is called while rendering)."""
    days = (today - day).days
    if days < 0:
        return _("after today")
    if days == 0:
        return _("today")
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months < 1:
        return ngettext("%(num)s day ago", "%(num)s days ago", days)
    if months < 12:
        return ngettext("%(num)s month ago", "%(num)s months ago", months)
    years = months // 12
    return ngettext("%(num)s year ago", "%(num)s years ago", years)
