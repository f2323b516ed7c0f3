"""Meeting hours in words, for the partnership page: "Mo-Fr 10:00–17:00 in Sofia = 09:00–16:00
in Rome", or "Denver 08:00 is Sofia 17:00" when the libraries are never open at once."""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date

from ..content.model import Library
from ..i18n.current import _, current_lang, ngettext
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
    """'15 March 2027', the month named in the page's language (Babel's locale data)."""
    return format_date(d, "d MMMM y", locale=current_lang())


def _hours(minutes: int) -> str:
    h, m = divmod(abs(minutes), 60)
    if not h and not m:
        return _("no time")
    hours = ngettext("%(num)s hour", "%(num)s hours", h)
    # Translators: "%(minutes)s" is a number of minutes (the English keeps "minutes" even for 1)
    return _("%(hours)s %(minutes)s minutes", hours=hours, minutes=m) if m else hours


def period_text(period: Period, libraries: tuple[Library, ...], zones: tuple[str, ...], dated: bool) -> PeriodText:
    cities = [city(z) for z in zones]
    together = tuple(
        # Translators: opening hours in one town: "Mo-Fr 10:00–17:00 in Sofia" (the lines of towns are joined with " = ")
        " = ".join(
            _("%(days)s %(start)s–%(end)s in %(city)s", days=days, start=start, end=end, city=cities[i])
            for i, (days, start, end) in enumerate(row.parts)
        )
        for row in period.together
    )
    apart = ""
    if not period.together:
        gap = period.ahead[1] - period.ahead[0] if len(period.ahead) > 1 else 0
        first, second = cities[0], cities[1]
        if not gap:
            said = _("%(first)s and %(second)s keep the same time", first=first, second=second)
        elif gap < 0:
            said = _("%(first)s is %(hours)s ahead of %(second)s", first=first, hours=_hours(gap), second=second)
        else:
            said = _("%(first)s is %(hours)s behind %(second)s", first=first, hours=_hours(gap), second=second)
        n = period.nearest
        if n is None:
            apart = _(
                "No hours in common (%(gap)s), and no opening of one library follows another's closing this week.", gap=said
            )
        else:
            closes, opens = n.closes, n.opens
            nearest = _(
                "No hours in common (%(gap)s). Nearest times: %(town)s %(time)s is %(other_town)s %(other_time)s",
                gap=said,
                town=cities[opens],
                time=n.close_at[1].clock,
                other_town=cities[closes],
                other_time=n.close_at[0].clock,
            )
            if n.gap:
                # Translators: the whole sentence: "No hours in common (...). Nearest times: ..., when X closes; Y opens 2 hours later, at 09:00 in Denver (17:00 in Sofia)."
                apart = _(
                    "%(nearest)s, when %(closing)s closes; %(opening)s opens %(hours)s later, at %(time)s in %(town)s (%(other_time)s in %(other_town)s).",
                    nearest=nearest,
                    closing=libraries[closes].name,
                    opening=libraries[opens].name,
                    hours=_hours(n.gap),
                    time=n.open_at[0].clock,
                    town=cities[opens],
                    other_time=n.open_at[1].clock,
                    other_town=cities[closes],
                )
            else:
                apart = _(
                    "%(nearest)s, when %(closing)s closes, just as %(opening)s opens.",
                    nearest=nearest,
                    closing=libraries[closes].name,
                    opening=libraries[opens].name,
                )
    first, last = (_day(period.first), _day(period.last)) if dated else ("", "")
    return PeriodText(first, last, together, apart)


def meeting_text(meeting: MeetingHours, libraries: tuple[Library, ...]) -> tuple[PeriodText, tuple[PeriodText, ...]]:
    """The usual weeks, and the weeks that differ (dated)."""
    usual = period_text(meeting.usual, libraries, meeting.zones, dated=False)
    return usual, tuple(period_text(p, libraries, meeting.zones, dated=True) for p in meeting.other)
