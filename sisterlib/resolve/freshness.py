""" "May be out of date": a `seeking` listing nobody confirmed within the configured months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..content.model import ContentDate, Library


def months_before(day: date, months: int) -> date:
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)  # every month has a 28th


@dataclass(frozen=True)
class Freshness:
    today: date  # content/today.py: never the clock
    months: int = 12  # Config.seeking_fresh_months

    @property
    def limit(self) -> date:
        """A listing confirmed before this day is out of date."""
        return months_before(self.today, self.months)

    def confirmed(self, library: Library) -> ContentDate | None:
        """When the listing was last confirmed: its own `seeking.last_confirmed`, else the library's."""
        if library.seeking is not None and library.seeking.last_confirmed is not None:
            return library.seeking.last_confirmed
        return library.last_confirmed

    def stale(self, library: Library) -> bool:
        """A seeking listing confirmed before the limit, or never."""
        if library.seeking is None:
            return False
        confirmed = self.confirmed(library)
        return confirmed is None or confirmed.first_day < self.limit

    def seeking_order(self, library: Library) -> tuple:
        """Fresh listings first, each part by name."""
        return (self.stale(library), library.title_order)
