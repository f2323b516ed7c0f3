"""Rules for the directory of libraries seeking a partner: listings out of date (report) and
libraries that found a partner but still ask for one (warning)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..resolve.freshness import Freshness
from ..resolve.site import Site
from .registry import Finding, report_rule, warning_rule


@report_rule(
    "stale-seeking-listings", "stale seeking listings (seeking blocks not confirmed within seeking_fresh_months, 12 by default)"
)
def stale_seeking(site: Site, today: date) -> Iterator[Finding]:
    freshness = Freshness(today, site.config.seeking_fresh_months)
    for library in site.seeking:
        if not freshness.stale(library):
            continue
        confirmed = freshness.confirmed(library)
        said = f"last confirmed {confirmed.iso}" if confirmed else "never confirmed"
        own = library.seeking is not None and library.seeking.last_confirmed is not None
        yield Finding(
            library,
            ("seeking", "last_confirmed") if own else ("last_confirmed",) if confirmed else ("seeking",),
            f"the seeking listing may be out of date ({said}; listings older than {freshness.months} months are marked)",
            f"ask the library whether it is still looking, then write last_confirmed: {today.isoformat()} in seeking,"
            " or remove the seeking block",
        )


@warning_rule("partnered-still-seeking", "libraries with an active partnership that still have a seeking block")
def partnered_still_seeking(site: Site, today: date) -> Iterator[Finding]:
    for library in site.seeking:
        active = [p for p in site.partnerships_of.get(library.slug, ()) if p.status == "active"]
        if not active:
            continue
        partners = {lib.slug: lib.name for p in active for lib in site.libraries_of[p.key] if lib.slug != library.slug}
        names = ", ".join(partners[slug] for slug in sorted(partners, key=lambda s: partners[s].casefold()))
        yield Finding(
            library,
            ("seeking",),
            f"now partnered with {names}: remove `seeking`?",
            "remove the seeking block if the library no longer looks for another partner",
        )
