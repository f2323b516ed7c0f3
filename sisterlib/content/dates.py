"""Date checkers: a date known to the day, the month or the year, and hints for dates written
another way (`15.06.2021`, `5/3/2019` read both ways, `May 3, 2019`, `summer 2010`)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from ..errors import show
from ..i18n.current import _
from .checks import Invalid, describe
from .model import ContentDate

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def full_date(value: Any) -> ContentDate:
    """A date known to the day (`last_confirmed`)."""
    found = content_date(value)
    if not found.day:
        raise Invalid(
            _("'%(value)s' is not a whole date", value=show(str(value))),
            _("write the day it was checked too, as YYYY-MM-DD: %(date)s", date=f"{found.iso}{'-MM' * (not found.month)}-DD"),
        )
    return found


def content_date(value: Any) -> ContentDate:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid(_("expected a date, found %(found)s", found=describe(value)), _for_example())
    m = _DATE.match(value.strip())
    if not m:
        raise Invalid(_("'%(value)s' is not a date in the form YYYY-MM-DD", value=show(value)), _date_hint(value.strip()))
    year, month, day = (int(g) if g else 0 for g in m.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise Invalid(
            _("%(value)s is not a real date", value=value), _("check the month (01-12) and the day of the month")
        ) from None
    if not 1000 <= year <= 2100:
        raise Invalid(_("the year %(year)s is out of range", year=year), _("use a year between 1000 and 2100"))
    return ContentDate(year, month, day)


_YMD = re.compile(r"^(\d{4})[./ _](\d{1,2})[./ _](\d{1,2})$")
_MONTHS = {name.lower(): i for i in range(1, 13) for name in (calendar.month_name[i], calendar.month_abbr[i])}
_WORDS = re.compile(r"[a-z]+|\d+")


def _date_hint(value: str) -> str:
    """Guess what a date written another way means, without guessing between day and month."""
    dmy = _DMY.match(value)
    if dmy:
        d, mo, y = (int(g) for g in dmy.groups())
        readings = [
            _("%(date)s if you mean day %(day)s of month %(month)s", date=f"{y}-{m:02d}-{dd:02d}", day=dd, month=m)
            for dd, m in dict.fromkeys([(d, mo), (mo, d)])
            if _real(y, m, dd)
        ]
        if len(readings) == 2:
            return _("write it as YYYY-MM-DD: %(first)s, or %(second)s", first=readings[0], second=readings[1])
        return _write_as(readings[0]) if readings else _for_example()
    ymd = _YMD.match(value)
    if ymd:
        y, mo, d = (int(g) for g in ymd.groups())
        if not _real(y, mo, d):
            return _(
                "write it as YYYY-MM-DD, and check the month and the day: %(date)s is not a real date",
                date=f"{y}-{mo:02d}-{d:02d}",
            )
        return _write_as(f"{y}-{mo:02d}-{d:02d}")
    words = _WORDS.findall(value.lower())  # "May 3, 2019", "3 May 2019", "May 2019"
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(months) == 1 and len(years) == 1 and len(words) == len(days) + 2 and len(days) <= 1:
        found = f"{years[0]}-{months[0]:02d}" + (f"-{days[0]:02d}" if days else "")
        return _write_as(found)
    if not months and len(numbers) == 1 and years:  # "summer 2010", "around 2010": the year is what is known
        return _("write the year alone when only the year is known: %(year)s", year=years[0])
    return _for_example()


def _write_as(date_text: str) -> str:
    return _("write it as YYYY-MM-DD: %(date)s", date=date_text)


def _for_example() -> str:
    return _("write it as YYYY-MM-DD, for example 2019-05-03")


def _real(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True
