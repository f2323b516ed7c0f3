"""The first report rule: libraries whose details nobody confirmed or edited for two years."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..resolve.site import Site
from .registry import Finding, report_rule

YEARS = 2


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@report_rule("stale-libraries", f"libraries not confirmed (last_confirmed) or edited (git) in {YEARS} years")
def stale_libraries(site: Site, today: date) -> Iterator[Finding]:
    limit = years_before(today, YEARS)
    for library in site.libraries:
        confirmed = library.last_confirmed.first_day if library.last_confirmed else None
        edited = date.fromisoformat(site.updated[library.path]) if library.path in site.updated else None
        known = [d for d in (confirmed, edited) if d]
        if known and max(known) >= limit:
            continue
        said = [f"last confirmed {confirmed.isoformat()}" if confirmed else "no last_confirmed date"]
        said.append(f"last edited {edited.isoformat()}" if edited else "no edit in the git history")
        yield Finding(
            library,
            ("last_confirmed",) if confirmed else ("name",),
            f"not confirmed or edited in {YEARS} years ({', '.join(said)})",
            f"ask the library to check its page, then write last_confirmed: {today.isoformat()}",
        )
