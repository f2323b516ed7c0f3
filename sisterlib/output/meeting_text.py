"""Meeting hours in words, for the partnership page: "Mo-Fr 10:00–17:00 in Sofia = 09:00–16:00
in Rome", or "Denver 08:00 is Sofia 17:00" when the libraries are never open at once."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Library
from ..resolve.meeting import MeetingHours, Period


@dataclass(frozen=True)
class PeriodText:
    first: str  # "15 March 2027" ("" for the usual weeks)
    last: str
    together: tuple[str, ...]  # one line per row of times in common
    apart: str  # when there are none: the gap and the nearest times


def city(zone: str) -> str:
    """'America/Denver' -> 'Denver', 'America/Argentina/Buenos_Aires' -> 'Buenos Aires'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _day(d) -> str:  # type: ignore[no-untyped-def]
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _hours(minutes: int) -> str:
    h, m = divmod(abs(minutes), 60)
    text = f"{h} hour{'s' * (h != 1)}" + (f" {m} minutes" if m else "")
    return text if h or m else "no time"


def period_text(period: Period, libraries: tuple[Library, ...], zones: tuple[str, ...], dated: bool) -> PeriodText:
    cities = [city(z) for z in zones]
    together = tuple(
        " = ".join(f"{days} {start}–{end} in {cities[i]}" for i, (days, start, end) in enumerate(row.parts))
        for row in period.together
    )
    apart = ""
    if not period.together:
        gap = period.ahead[1] - period.ahead[0] if len(period.ahead) > 1 else 0
        order = "ahead of" if gap < 0 else "behind"
        said = f"{cities[0]} is {_hours(gap)} {order} {cities[1]}" if gap else f"{cities[0]} and {cities[1]} keep the same time"
        n = period.nearest
        if n is None:
            apart = f"No hours in common ({said}), and no opening of one library follows another's closing this week."
        else:
            closes, opens = n.closes, n.opens
            apart = (
                f"No hours in common ({said}). Nearest times: {cities[opens]} {n.close_at[1].clock} is {cities[closes]} "
                f"{n.close_at[0].clock}, when {libraries[closes].name} closes"
            )
            if n.gap:
                apart += f"; {libraries[opens].name} opens {_hours(n.gap)} later, at {n.open_at[0].clock} in {cities[opens]} ({n.open_at[1].clock} in {cities[closes]})."
            else:
                apart += f", just as {libraries[opens].name} opens."
    first, last = (_day(period.first), _day(period.last)) if dated else ("", "")
    return PeriodText(first, last, together, apart)


def meeting_text(meeting: MeetingHours, libraries: tuple[Library, ...]) -> tuple[PeriodText, tuple[PeriodText, ...]]:
    """The usual weeks, and the weeks that differ (dated)."""
    usual = period_text(meeting.usual, libraries, meeting.zones, dated=False)
    return usual, tuple(period_text(p, libraries, meeting.zones, dated=True) for p in meeting.other)
