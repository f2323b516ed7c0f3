"""Meeting hours: when the libraries of a partnership are all open at once, in each one's own
local time, week by week for a year, so every daylight-saving change counts (Europe and the
US change their clocks on different Sundays, and some countries never do).

Each week (Monday to Sunday in the first library's time) gives the times all are open, or
when there are none the nearest times (one closes, the next opens). Weeks that give the same
are grouped into periods; the page shows the usual one and lists the others by date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from ..content.hours import DAYS
from ..content.model import OpenSpan
from ..content.zones import zone

WEEKS = 53  # a year from the week of "today"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT = (OpenSpan(0, 540, 1020), OpenSpan(1, 540, 1020), OpenSpan(2, 540, 1020), OpenSpan(3, 540, 1020), OpenSpan(4, 540, 1020))

Interval = tuple[datetime, datetime]  # UTC


@dataclass(frozen=True)
class Local:
    """A time in one library's own time zone."""

    weekday: int
    clock: str  # "09:00"; "24:00" for the midnight that ends a day

    @property
    def day(self) -> str:
        return DAY_NAMES[self.weekday]


@dataclass(frozen=True)
class Together:
    """Days and times all libraries are open: per library (first day, last day, from, to)."""

    parts: tuple[tuple[str, str, str], ...]  # per library: days ("Mo-Fr"), from, to


@dataclass(frozen=True)
class Nearest:
    """No time in common: library `closes` closes, and the nearest after that library `opens` opens."""

    closes: int
    opens: int
    close_at: tuple[Local, Local]  # the closing time, in the closing library's time and in the opening one's
    open_at: tuple[Local, Local]  # the opening time, in the opening library's time and in the closing one's
    gap: int  # minutes between them


@dataclass(frozen=True)
class Period:
    first: date  # a Monday
    last: date  # a Sunday
    together: tuple[Together, ...]
    nearest: Nearest | None
    ahead: tuple[int, ...]  # minutes each library's clock is ahead of the first library's

    def same(self, other: Period) -> bool:
        return (self.together, self.nearest, self.ahead) == (other.together, other.nearest, other.ahead)


@dataclass(frozen=True)
class MeetingHours:
    zones: tuple[str, ...]
    usual: Period  # the most weeks of the year look like this one
    other: tuple[Period, ...]  # the periods that differ from it, in order


def meeting_hours(zones: tuple[str, ...], hours: tuple[tuple[OpenSpan, ...], ...], today: date) -> MeetingHours:
    """The meeting hours of libraries in `zones` with `hours` (() = DEFAULT), for a year from `today`'s week."""
    return _meeting(zones, tuple(h or DEFAULT for h in hours), today - timedelta(days=today.weekday()))


@cache
def _meeting(zones: tuple[str, ...], hours: tuple[tuple[OpenSpan, ...], ...], monday: date) -> MeetingHours:
    periods: list[Period] = []
    steady: dict[tuple, Period] = {}  # a week with no clock change, by its zones' offsets: the same times
    for n in range(WEEKS):
        start = monday + timedelta(weeks=n)
        offsets = _steady_offsets(zones, start)
        known = steady.get(offsets) if offsets else None
        if known is not None:
            week = Period(start, start + timedelta(days=6), known.together, known.nearest, known.ahead)
        else:
            week = week_hours(zones, hours, start)
            if offsets:
                steady[offsets] = week
        if periods and periods[-1].same(week):
            periods[-1] = Period(periods[-1].first, week.last, week.together, week.nearest, week.ahead)
        else:
            periods.append(week)
    weeks = Counter()
    for p in periods:
        weeks[(p.together, p.nearest, p.ahead)] += (p.last - p.first).days + 1
    usual_key = max(weeks, key=lambda k: (weeks[k], -_first_index(periods, k)))
    usual = next(p for p in periods if (p.together, p.nearest, p.ahead) == usual_key)
    return MeetingHours(zones, usual, tuple(p for p in periods if not p.same(usual)))


def _steady_offsets(zones: tuple[str, ...], monday: date) -> tuple | None:
    """Each zone's UTC offset when it keeps one from the Saturday before to the Tuesday after the
    week (every opening week_hours looks at), else None: that week is worked out in full."""
    out = tuple(_steady_offset(name, monday) for name in zones)
    return None if None in out else out


@cache  # a site's partnerships share a few dozen zones, each asked about the same 53 weeks
def _steady_offset(name: str, monday: date) -> timedelta | None:
    first = datetime.combine(monday - timedelta(days=2), time(), tzinfo=UTC)
    last = first + timedelta(days=11)
    tz = zone(name)
    before, after = first.astimezone(tz).utcoffset(), last.astimezone(tz).utcoffset()
    return before if before == after else None


def _first_index(periods: list[Period], key: tuple) -> int:
    return next(i for i, p in enumerate(periods) if (p.together, p.nearest, p.ahead) == key)


def week_hours(zones: tuple[str, ...], hours: tuple[tuple[OpenSpan, ...], ...], monday: date) -> Period:
    """The times all libraries are open in the week that starts on `monday` (the first library's days)."""
    opens = [_open_utc(z, h, monday) for z, h in zip(zones, hours, strict=True)]
    common = opens[0]
    for other in opens[1:]:
        common = _intersect(common, other)
    first_zone = zone(zones[0])
    in_week = [iv for iv in common if monday <= iv[0].astimezone(first_zone).date() <= monday + timedelta(days=6)]
    noon = datetime.combine(monday, time(12), tzinfo=first_zone)
    base = noon.utcoffset() or timedelta()
    ahead = tuple(int(((noon.astimezone(zone(z)).utcoffset() or timedelta()) - base).total_seconds() // 60) for z in zones)
    spans = [tuple(_local(iv, z) for z in zones) for iv in in_week]
    nearest = None if in_week else _nearest(opens, zones, monday)
    return Period(monday, monday + timedelta(days=6), _rows(spans), nearest, ahead)


def _open_utc(zone_name: str, spans: tuple[OpenSpan, ...], monday: date) -> list[Interval]:
    """A library's openings from the Sunday before to the Monday after, in UTC, in order."""
    tz = zone(zone_name)
    out = []
    for offset in range(-1, 8):
        day = monday + timedelta(days=offset)
        for s in spans:
            if s.weekday == day.weekday():
                start = datetime.combine(day, time()) + timedelta(minutes=s.start)
                end = datetime.combine(day, time()) + timedelta(minutes=s.end)
                out.append((start.replace(tzinfo=tz).astimezone(UTC), end.replace(tzinfo=tz).astimezone(UTC)))
    return sorted(out)


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            start, end = max(s1, s2), min(e1, e2)
            if start < end:
                out.append((start, end))
    return sorted(out)


def _at(moment: datetime, zone_name: str, end: bool = False) -> Local:
    local = moment.astimezone(zone(zone_name))
    if end and local.time() == time():
        return Local((local.weekday() - 1) % 7, "24:00")
    return Local(local.weekday(), local.strftime("%H:%M"))


def _local(iv: Interval, zone_name: str) -> tuple[Local, Local]:
    return _at(iv[0], zone_name), _at(iv[1], zone_name, end=True)


def _rows(spans: list[tuple[tuple[Local, Local], ...]]) -> tuple[Together, ...]:
    """Consecutive days with the same times in every library become one row (Mo-Fr 10:00-17:00)."""
    rows: list[list[tuple[tuple[Local, Local], ...]]] = []
    for span in spans:
        last = rows[-1][-1] if rows else None
        if last is not None and all(
            (a[0].clock, a[1].clock) == (b[0].clock, b[1].clock) and b[0].weekday == (a[0].weekday + 1) % 7
            for a, b in zip(last, span, strict=True)
        ):
            rows[-1].append(span)
        else:
            rows.append([span])
    out = []
    for row in rows:
        parts = []
        for i in range(len(row[0])):
            first, last = DAYS[row[0][i][0].weekday], DAYS[row[-1][i][0].weekday]
            days = first if first == last else f"{first}-{last}"
            parts.append((days, row[0][i][0].clock, row[0][i][1].clock))
        out.append(Together(tuple(parts)))
    return tuple(out)


def _nearest(opens: list[list[Interval]], zones: tuple[str, ...], monday: date) -> Nearest | None:
    """The shortest wait, in this week, from one library closing to another opening."""
    best: tuple[timedelta, int, int, datetime, datetime] | None = None
    week_start = datetime.combine(monday, time(), tzinfo=zone(zones[0])).astimezone(UTC)
    week_end = week_start + timedelta(days=7)
    for i, mine in enumerate(opens):
        for j, theirs in enumerate(opens):
            if i == j:
                continue
            for _, closes in mine:
                if not week_start <= closes < week_end:
                    continue
                later = [s for s, _ in theirs if s >= closes]
                if later and (best is None or min(later) - closes < best[0]):
                    best = (min(later) - closes, i, j, closes, min(later))
    if best is None:
        return None
    gap, i, j, closes, opens_at = best
    return Nearest(
        i,
        j,
        (_at(closes, zones[i], end=True), _at(closes, zones[j])),
        (_at(opens_at, zones[j]), _at(opens_at, zones[i])),
        int(gap.total_seconds() // 60),
    )
