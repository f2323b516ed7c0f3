"""Checkers for the fields that keep a partnership alive: `since` (a year or a day), `contacts`
(each library's primary and secondary contact) and `celebrates` (holidays and days of its own).

Only the shape is checked here. Whether a contact is a person of that library, whether a
contacts key is one of the partnership's libraries and whether a holiday name is one the
`holidays` package has for the two countries needs the other entries: resolve/partner_facts.py.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from ..errors import show
from .checks import Invalid, _sub, _unknown, country, describe, slug, text
from .dates import content_date
from .model import Celebration, ContentDate, PartnerContacts

_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


def since(value: Any) -> ContentDate:
    """The year a partnership started, or its day (YYYY-MM-DD): the day gives the calendar its anniversary."""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2100:
        return ContentDate(value)
    if isinstance(value, str) and value.strip():
        found = content_date(value)
        if found.month and not found.day:
            raise Invalid(
                f"'{show(value)}' gives the month but not the day", f"write the year alone ({found.year}) or the whole date"
            )
        return found
    raise Invalid(f"'{show(str(value))}' is not a year", "write a four-digit year, for example 2008, or the day as YYYY-MM-DD")


def partner_contacts(value: Any) -> tuple[PartnerContacts, ...]:
    """`{silistra-public-library: {primary: Krassi Njagolova, secondary: Neli Stoilova}, ...}`."""
    if not isinstance(value, dict):
        raise Invalid(
            f"expected a block of library file names, found {describe(value)}",
            "write contacts: {silistra-public-library: {primary: Krassi Njagolova, secondary: Neli Stoilova}}",
        )
    out = []
    for key, people in value.items():
        library = slug(key)
        if not isinstance(people, dict):
            raise Invalid(
                f"{show(str(key))}: expected primary and secondary, found {describe(people)}",
                f"write {key}: {{primary: a name, secondary: another name}}",
                (key,),
            )
        try:
            _unknown(people, ("primary", "secondary"))
            primary = _sub(people, "primary", text, "")
            secondary = _sub(people, "secondary", text, "")
        except Invalid as exc:
            raise Invalid(exc.message, exc.hint, (key, *exc.at)) from None
        if primary and primary == secondary:
            raise Invalid(f"'{show(primary)}' is both primary and secondary", "name two different people", (key, "secondary"))
        out.append(PartnerContacts(library, primary, secondary))
    return tuple(out)


partner_contacts.parts = {}  # type: ignore[attr-defined]


def month_day(value: Any) -> str:
    """A day of every year, MM-DD (`03-01`); 02-29 is kept and celebrated in leap years only."""
    m = _MONTH_DAY.match(value.strip()) if isinstance(value, str) else None
    if not m:
        raise Invalid(
            f"'{show(str(value))}' is not a day of the year", "write the month and day as MM-DD, for example 03-01 for 1 March"
        )
    first, second = int(m.group(1)), int(m.group(2))
    if _real_day(first, second):
        return value.strip()
    if _real_day(second, first):
        raise Invalid(
            f"'{show(value)}' is not MM-DD (there is no month {first})", f"write the month first: {second:02d}-{first:02d}"
        )
    month = first if 1 <= first <= 12 else second
    if 1 <= month <= 12:
        last = calendar.monthrange(2024, month)[1]
        raise Invalid(
            f"'{show(value)}' is not a real day: {calendar.month_name[month]} has {last} days",
            "write the month and then the day as MM-DD, for example 03-01 for 1 March",
        )
    raise Invalid(
        f"'{show(value)}' is not a real day", "write the month and then the day as MM-DD, for example 03-01 for 1 March"
    )


def _real_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def celebration(value: Any) -> Celebration:
    """`Thanksgiving Day`, `{holiday: Independence Day, country: US}` or `{name: Martenitsa, date: 03-01, country: BG}`."""
    if isinstance(value, str):
        return Celebration(text(value))
    if not isinstance(value, dict):
        raise Invalid(
            f"expected a holiday's name or a block, found {describe(value)}",
            "write a holiday as the holidays package names it (Thanksgiving Day), or {name: Martenitsa, date: 03-01, country: BG}",
        )
    if "holiday" in value:
        _unknown(value, ("holiday", "country"))
        return Celebration(_sub(value, "holiday", text), _sub(value, "country", country, ""))
    if "name" not in value:
        raise Invalid(
            "a day needs 'holiday' (a holiday of the holidays package) or 'name' and 'date'",
            "write {holiday: Independence Day, country: US} or {name: Martenitsa, date: 03-01, country: BG}",
        )
    _unknown(value, ("name", "date", "country"))
    return Celebration(_sub(value, "name", text), _sub(value, "country", country), _sub(value, "date", month_day))


celebration.parts = {"name": text, "holiday": text}  # type: ignore[attr-defined]
