"""A partnership's calendar.ics, written with the `icalendar` package (never by formatting
strings: a name with a newline or `;` must not start a new property, SECURITY-NOTES §11).

Byte for byte the same in two builds: the days come from "today" (content/today.py) and the
pinned `holidays`; DTSTAMP is "today" at midnight UTC, never the clock; UIDs are made from
the day's own facts.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time, timedelta
from typing import Any

from icalendar import Calendar, Event

from ..content import codes
from ..content.model import Library, Partnership
from ..resolve.holidays import Day


def greeting(day: Day, libraries: tuple[Library, ...]) -> str:
    """Who to send greetings to on a day: the partner libraries in the day's country."""
    there = [lib.city for lib in libraries if lib.country == day.country]
    return f"send greetings to {' and '.join(there)}" if there else ""


def day_text(day: Day, libraries: tuple[Library, ...]) -> str:
    """ "Martenitsa in Bulgaria; send greetings to Silistra"."""
    if day.kind == "anniversary":
        return day.name
    place = codes.country_name(day.country) or day.country
    said = greeting(day, libraries)
    return f"{day.name} in {place}" + (f"; {said}" if said else "")


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
        event.add("summary", day_text(day, libraries))
        kind = {"holiday": "Public holiday", "celebrated": "A day the partnership celebrates", "anniversary": "Anniversary"}[
            day.kind
        ]
        event.add("categories", [kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
