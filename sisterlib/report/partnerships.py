"""Partnership rules (issue 15): a warning when a library names fewer than two contact people
for its partnership (the guide, tip 8: partnerships fail when the one contact leaves), and the
report's "active partnerships with no story in two years"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..resolve.site import Site
from .registry import Finding, report_rule, warning_rule
from .stale import YEARS, years_before


@warning_rule("partnership-contacts", "partnerships whose contacts give a library fewer than two people")
def few_contacts(site: Site, today: date) -> Iterator[Finding]:
    """Where `contacts` is written, every library with people in its own file should have two
    named for the partnership (tip 8 of the guide: a partnership fails when its one contact
    leaves). A library whose file lists nobody has no one to name yet: the agreement shows
    blanks for it."""
    for p in site.partnerships:
        if p.status == "ended" or not p.contacts:
            continue
        named = {c.library: c for c in p.contacts}
        for library in site.libraries_of[p.key]:
            people = named.get(library.slug)
            count = len([n for n in (people.primary, people.secondary) if n]) if people else 0
            if count >= 2 or not library.contacts:
                continue
            choose = (
                f"write two people from {library.name}'s contacts"
                if len(library.contacts) >= 2
                else f"add a second person to the contacts of {library.name}, then name both"
            )
            yield Finding(
                p,
                ("contacts", library.slug) if people else ("contacts",),
                f"{library.name} names {('no contact', 'one contact')[count]} for this partnership"
                + (": it fails when that person leaves" if count else ""),
                choose + f": contacts: {{{library.slug}: {{primary: a name, secondary: another name}}}}",
            )


@report_rule("quiet-partnerships", f"active partnerships with no story in {YEARS} years")
def quiet_partnerships(site: Site, today: date) -> Iterator[Finding]:
    limit = years_before(today, YEARS)
    for p in site.partnerships:
        if p.status != "active":
            continue
        health = site.health(p)
        if health.latest is not None and health.latest.date.first_day >= limit:
            continue
        said = f"the latest is from {health.latest.date.iso} ({health.ago})" if health.latest else "it has no story"
        yield Finding(
            p,
            ("status",),
            f"active, but no story in {YEARS} years: {said}",
            "ask the libraries what they did together and add a story, or set status: dormant",
        )
