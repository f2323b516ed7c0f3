"""Public holidays from the `holidays` package (pinned in pyproject.toml, so two builds agree),
by their English names, and the days a partnership celebrates between two dates.

Names are the package's own English ones (`Thanksgiving Day`, `Liberation Day`), read in
`en_US` where the package has it for a country, else `en_GB`, else its default language.
Observed days off are left out: a partnership celebrates the day itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import holidays

from ..content.model import Celebration

NAME_YEARS = range(2020, 2031)  # the years whose holidays give the names a partnership may write
_ENGLISH = ("en_US", "en_GB", "en")


@dataclass(frozen=True, order=True)
class Day:
    """One day of a partnership's calendar."""

    day: date
    name: str
    country: str  # whose day it is
    kind: str  # "holiday" (a public holiday), "celebrated" (a day the partnership celebrates), "anniversary"


def has_country(code: str) -> bool:
    return code in holidays.list_supported_countries()


def _language(code: str) -> str | None:
    cls = holidays.country_holidays(code).__class__
    supported = getattr(cls, "supported_languages", ())
    return next((lang for lang in _ENGLISH if lang in supported), None)


@cache
def country_days(code: str, year: int) -> tuple[tuple[date, str], ...]:
    """(day, name) of a country's public holidays in a year; () for a country the package does not have."""
    if not has_country(code):
        return ()
    found = holidays.country_holidays(code, years=year, language=_language(code), observed=False)
    return tuple(sorted((day, name) for day in found for name in found.get_list(day)))


@cache
def names_of(code: str) -> frozenset[str]:
    """Every holiday name of a country over NAME_YEARS."""
    return frozenset(name for year in NAME_YEARS for _, name in country_days(code, year))


def holidays_between(codes: tuple[str, ...], first: date, last: date) -> list[Day]:
    """Every public holiday of these countries from `first` to `last`, both included."""
    out = []
    for code in codes:
        for year in range(first.year, last.year + 1):
            out += [Day(day, name, code, "holiday") for day, name in country_days(code, year) if first <= day <= last]
    return out


def celebrated_between(celebrations: tuple[Celebration, ...], codes: tuple[str, ...], first: date, last: date) -> list[Day]:
    """The days a partnership celebrates, from `first` to `last`: a package holiday on the days
    it falls in its country (or in the one country of the two that has it), a day of its own
    every year on its MM-DD."""
    out = []
    for c in celebrations:
        if c.date:
            month, day = (int(p) for p in c.date.split("-"))
            for year in range(first.year, last.year + 1):
                if month == 2 and day == 29 and not _leap(year):
                    continue
                when = date(year, month, day)
                if first <= when <= last:
                    out.append(Day(when, c.name, c.country, "celebrated"))
            continue
        for code in (c.country,) if c.country else [code for code in codes if c.name in names_of(code)]:
            for year in range(first.year, last.year + 1):
                out += [
                    Day(d, name, code, "celebrated")
                    for d, name in country_days(code, year)
                    if name == c.name and first <= d <= last
                ]
    return out


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
