"""A library's `timezone` (an IANA name, from tzdata) and `hours`, in the simple subset of
OpenStreetMap's `opening_hours`: rules separated by `;`, each a list of days (`Mo-Fr`,
`Mo,We`, `Sa`) and a list of times (`09:00-12:00,13:00-17:00`) or `off`. A later rule for a
day replaces an earlier one, as in OSM (`Mo-Sa 09:00-17:00; We off`).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..errors import show
from .checks import Invalid, describe
from .model import OpenSpan
from .zones import zone_names

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DEFAULT_HOURS = "Mo-Fr 09:00-17:00"
_TIME = re.compile(r"^(\d{2}):(\d{2})$")
_RULE = re.compile(r"^(\S+)\s+(.+)$")


def timezone(value: Any) -> str:
    if isinstance(value, str) and value.strip() in zone_names():
        return value.strip()
    written = str(value).strip()
    by_fold = {z.casefold(): z for z in zone_names()}
    if written.casefold() in by_fold:
        return _no_zone(written, f"write it as {by_fold[written.casefold()]}")
    close = difflib.get_close_matches(written, sorted(zone_names()), n=3, cutoff=0.6)
    if not close:  # "Sofia" for "Europe/Sofia"
        close = sorted(z for z in zone_names() if z.rsplit("/", 1)[-1].casefold() == written.replace(" ", "_").casefold())
    hint = (
        f"did you mean {' or '.join(close)}?"
        if close
        else "write a name of the IANA time zone database, such as Europe/Sofia or America/Denver"
    )
    return _no_zone(written, hint + " (or leave timezone out: it is found from location)")


def _no_zone(written: str, hint: str) -> str:
    raise Invalid(f"'{show(written)}' is not a time zone name", hint)


def opening_hours(value: Any) -> tuple[OpenSpan, ...]:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected opening hours, found {describe(value)}", f"write them as {DEFAULT_HOURS}; Sa 10:00-13:00")
    by_day: dict[int, list[tuple[int, int]]] = {}
    for rule in (r.strip() for r in value.split(";")):
        if not rule:
            continue
        m = _RULE.match(rule)
        if not m:
            raise Invalid(f"'{show(rule)}' needs days and times", f"write days, a space and times, for example {DEFAULT_HOURS}")
        days, times = _days(m.group(1)), m.group(2).strip()
        spans = [] if times == "off" else [_span(t.strip()) for t in times.split(",")]
        for day in days:
            by_day[day] = spans
    out = [OpenSpan(day, start, end) for day, spans in by_day.items() for start, end in spans]
    if not out:
        raise Invalid("the library is never open in these hours", f"write when it is open, for example {DEFAULT_HOURS}")
    return tuple(sorted(out))


def _days(written: str) -> list[int]:
    out: list[int] = []
    for part in written.split(","):
        ends = part.split("-")
        if len(ends) > 2 or any(e not in DAYS for e in ends):
            raise Invalid(
                f"'{show(part)}' is not a day or a range of days",
                f"write days as {', '.join(DAYS)}, a range as Mo-Fr, several as Mo,We,Fr",
            )
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        out += range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
    return out


def _span(written: str) -> tuple[int, int]:
    ends = written.split("-")
    if len(ends) != 2 or not all(_TIME.match(e.strip()) for e in ends):
        raise Invalid(
            f"'{show(written)}' is not a time range",
            "write each time with hours and minutes, on the 24-hour clock: 09:00-17:00 (not 9-5)",
        )
    start, end = (_minutes(e.strip()) for e in ends)
    if end <= start:
        raise Invalid(
            f"'{show(written)}' ends before it starts", "write the opening time first, on the 24-hour clock: 09:00-17:00"
        )
    return start, end


def _minutes(written: str) -> int:
    hours, minutes = (int(g) for g in _TIME.match(written).groups())  # type: ignore[union-attr]
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise Invalid(
            f"'{written}' is not a time of day",
            "write hours from 00 to 23 (24:00 for midnight at the end) and minutes from 00 to 59",
        )
    return hours * 60 + minutes


def written_hours(spans: tuple[OpenSpan, ...]) -> str:
    """The hours as a contributor would write them (the page and the agreement show them)."""
    by_times: dict[tuple[tuple[int, int], ...], list[int]] = {}
    for day in range(7):
        times = tuple((s.start, s.end) for s in spans if s.weekday == day)
        if times:
            by_times.setdefault(times, []).append(day)
    rules = []
    for times, days in by_times.items():
        ranges = [f"{_clock(a)}-{_clock(b)}" for a, b in times]
        rules.append(f"{_day_list(days)} {','.join(ranges)}")
    return "; ".join(rules)


def _day_list(days: list[int]) -> str:
    runs: list[list[int]] = []
    for d in days:
        if runs and runs[-1][-1] == d - 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ",".join(DAYS[r[0]] if len(r) == 1 else f"{DAYS[r[0]]}-{DAYS[r[-1]]}" for r in runs)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
