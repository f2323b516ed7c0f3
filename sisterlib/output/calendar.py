"""A partnership's calendar.ics, written with the `icalendar` package's value types and line
folding (never by formatting contributors' text into lines: a name with a newline or `;` must not
start a new property, SECURITY-NOTES §11). Only the fixed parts (names, dates, the UID's hex)
are written directly.

Byte for byte the same in two builds: the days come from "today" (content/today.py) and the
pinned `holidays`; DTSTAMP is "today" at midnight UTC, never the clock; UIDs are made from
the day's own facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from icalendar import Calendar
from icalendar.parser import Contentline

from ..content import codes
from ..content.model import Library, Partnership
from ..i18n import current
from ..resolve.holidays import Day

Gettext = Callable[..., str]  # i18n.current._ (a page's language) or _english (the .ics file)


def _english(message: str, **variables: object) -> str:
    """The calendar file's words: always English, whatever page was rendered before it."""
    return message % variables if variables else message


def greeting(day: Day, libraries: tuple[Library, ...], _: Gettext = current._) -> str:
    """Who to send greetings to on a day: the partner libraries in the day's country."""
    there = [lib.city for lib in libraries if lib.country == day.country]
    if not there:
        return ""
    towns = there[0]
    for town in there[1:]:
        towns = _("%(towns)s and %(town)s", towns=towns, town=town)
    return _("send greetings to %(towns)s", towns=towns)


def day_text(day: Day, libraries: tuple[Library, ...], _: Gettext = current._) -> str:
    """ "Martenitsa in Bulgaria; send greetings to Silistra", in the page's language (the names
    of holidays and anniversaries are as made in resolve/: English)."""
    if day.kind == "anniversary":
        return day.name
    place = codes.country_name(day.country) or day.country
    said = greeting(day, libraries, _)
    if said:
        return _("%(day)s in %(country)s; %(greeting)s", day=day.name, country=place, greeting=said)
    return _("%(day)s in %(country)s", day=day.name, country=place)


def calendar_bytes(context: dict[str, Any]) -> bytes:
    site, p = context["site"], context["partnership"]
    return ics(p, site.libraries_of[p.key], site.calendar(p), site.today)


_KIND_NAMES = {"holiday": "Public holiday", "celebrated": "A day the partnership celebrates", "anniversary": "Anniversary"}
_TYPES = Calendar.types_factory  # the value type icalendar gives each property name


def _line(name: str, value: object) -> str:
    """One content line: the value encoded by icalendar's type for the property (TEXT escapes
    `\\`, `;`, `,` and newlines), and folded by icalendar when it reaches 75 octets."""
    encoded = _TYPES.for_property(name)(value).to_ical().decode("utf-8")
    line = f"{name.upper()}:{encoded}"
    return line if len(line.encode("utf-8")) < 75 else Contentline(line).to_ical().decode("utf-8")


def ics(p: Partnership, libraries: tuple[Library, ...], days: tuple[Day, ...], today: Any) -> bytes:
    """The calendar, byte for byte what icalendar's `Calendar.to_ical()` writes for these
    properties in its own order (a test compares the two on every bundled calendar and on hostile
    names), line by line: building a `Calendar` of `Event`s cost 6.5 ms a partnership, most of it
    folding lines too short to fold (10,000 stories: about 8 s of the build's processor time)."""
    stamp = _TYPES.for_property("dtstamp")(datetime.combine(today, time(), tzinfo=UTC)).to_ical().decode("ascii")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sisterlib//partnership calendar//EN", "CALSCALE:GREGORIAN"]
    lines.append(_line("x-wr-calname", f"{p.title}: days to celebrate"))
    for day in days:
        facts = f"{p.slug}|{day.day.isoformat()}|{day.name}|{day.country}|{day.kind}"
        lines += [
            "BEGIN:VEVENT",
            _line("summary", day_text(day, libraries, _english)),
            f"DTSTART;VALUE=DATE:{day.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day.day + timedelta(days=1):%Y%m%d}",
            f"DTSTAMP:{stamp}",
            "UID:" + hashlib.sha256(facts.encode("utf-8")).hexdigest()[:32] + "@sisterlib",
            _line("categories", [_KIND_NAMES[day.kind]]),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
