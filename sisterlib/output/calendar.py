"""A partnership's calendar.ics, written with the `icalendar` package (never by formatting
strings: a name with a newline or `;` must not start a new property, SECURITY-NOTES §11).

Byte for byte the same in two builds: the days come from "today" (content/today.py) and the
pinned `holidays`; DTSTAMP is "today" at midnight UTC, never the clock; UIDs are made from
the day's own facts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

from icalendar import Calendar, Event

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


def ics(p: Partnership, libraries: tuple[Library, ...], days: tuple[Day, ...], today: Any) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//sisterlib//partnership calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{p.title}: days to celebrate")
    stamp = datetime.combine(today, time(), tzinfo=UTC)
    for day in days:
        event = Event()
        facts = f"{p.slug}|{day.day.isoformat()}|{day.name}|{day.country}|{day.kind}"
        event.add("uid", hashlib.sha256(facts.encode("utf-8")).hexdigest()[:32] + "@sisterlib")
        event.add("dtstamp", stamp)
        event.add("dtstart", day.day)
        event.add("dtend", day.day + timedelta(days=1))
        event.add("summary", day_text(day, libraries, _english))
        kind = {"holiday": "Public holiday", "celebrated": "A day the partnership celebrates", "anniversary": "Anniversary"}[
            day.kind
        ]
        event.add("categories", [kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
