"""The first warning rule: a date far after today is almost always a typing mistake (2052 for 2025)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..content.model import ContentDate, Entry
from ..resolve.site import Site
from .registry import Finding, warning_rule

MARGIN = timedelta(days=366)  # "today" can be the last commit's day: an old clone must not warn about this year


@warning_rule("future-dates", "story dates and last_confirmed dates more than a year after today")
def future_dates(site: Site, today: date) -> Iterator[Finding]:
    for entry in site.entries.values():
        for name in ("date", "last_confirmed"):
            value = getattr(entry, name, None)
            if isinstance(value, ContentDate) and value.first_day > today + MARGIN:
                yield _warning(entry, name, value, today)


def _warning(entry: Entry, name: str, value: ContentDate, today: date) -> Finding:
    return Finding(
        entry,
        (name,),
        f"{name}: {value.iso} is more than a year after today ({today.isoformat()})",
        "check the year",
    )
