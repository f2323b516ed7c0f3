"""The view rules (resolve/views.py) on their own: updates equal a whole computation, and what
a rule looked up is what an update follows."""

from __future__ import annotations

import random
from dataclasses import replace

from sisterlib.content.model import Library, Partnership
from sisterlib.resolve.views import Each, Grouped, Lookup


def library(slug: str, country: str) -> Library:
    return Library(kind="library", slug=slug, path=f"{slug}.md", body="", body_line=1, lines={}, title=slug.title(),
                   name=slug.title(), city="City", country=country, type="public")  # fmt: skip


def partnership(slug: str, libraries: tuple[str, ...]) -> Partnership:
    return Partnership(kind="partnership", slug=slug, path=f"{slug}.md", body="", body_line=1, lines={}, title=slug,
                       libraries=libraries, status="active")  # fmt: skip


def countries(p: Partnership, lookup: Lookup) -> list[str]:
    return sorted({lookup.entry("library", s).country for s in p.libraries})


def test_random_updates_equal_whole_computations() -> None:
    rnd = random.Random(5)
    codes = ["BG", "US", "NO", "IT"]
    entries: dict = {}
    for i in range(30):
        lib = library(f"lib-{i}", rnd.choice(codes))
        entries[lib.key] = lib
    for i in range(20):
        p = partnership(f"p-{i}", tuple(rnd.sample([f"lib-{j}" for j in range(30)], 2)))
        entries[p.key] = p
    by_country = Grouped(["partnership"], countries, lambda p: p.title_order)
    named = Each(["partnership"], lambda p, lookup: tuple(lookup.entry("library", s).name for s in p.libraries))
    by_country.update(Lookup(entries, {}), None)
    named.update(Lookup(entries, {}), None)
    for _ in range(300):
        old = dict(entries)
        key = rnd.choice(sorted(entries))
        entry = entries[key]
        if isinstance(entry, Library):
            entries[key] = replace(entry, country=rnd.choice(codes), name=f"Renamed {rnd.randrange(99)}")
        elif rnd.random() < 0.2:
            del entries[key]
        else:
            entries[key] = replace(entry, libraries=tuple(rnd.sample([f"lib-{j}" for j in range(30)], 2)))
        changed = {k for k in old.keys() | entries.keys() if old.get(k) is not entries.get(k)}
        lookup = Lookup(entries, {})
        got_groups, got_names = by_country.update(lookup, changed), named.update(lookup, changed)
        lookup.entry("library", "lib-29")  # a read outside any rule: no item's dependency
        fresh_groups = Grouped(["partnership"], countries, lambda p: p.title_order).update(Lookup(entries, {}), None)
        fresh_names = Each(["partnership"], named.rule).update(Lookup(entries, {}), None)
        assert got_groups == fresh_groups
        assert got_names == fresh_names
