"""resolve/per_site.py: a value worked out once per Site, and what it read handed to every reader."""

from __future__ import annotations

from dataclasses import dataclass, field

from sisterlib.resolve.per_site import per_entry, per_site
from sisterlib.resolve.reads import ALL, SiteReader


@dataclass(frozen=True)
class Tiny:
    names: dict = field(default_factory=dict)
    order: tuple = ()


def test_a_value_is_made_once_per_site_and_every_reader_is_told_what_it_read() -> None:
    made = []

    @per_site
    def size(site: Tiny) -> int:
        made.append(site)
        return len(site.names) + len(site.order)

    site = Tiny({"a": 1}, (1, 2))
    assert size(site) == size(site) == 3 and len(made) == 1  # the Site itself records nothing
    first, second = set(), set()
    assert size(SiteReader(site, first)) == 3
    assert size(SiteReader(site, second)) == 3
    assert len(made) == 2  # made again once, through a reader, to learn its reads
    assert first == second == {("names", ALL), ("order",)}
    nested = set()
    assert size(SiteReader(SiteReader(site, set()), nested)) == 3 and nested == first
    other = Tiny({}, (1,))
    assert size(SiteReader(other, set())) == 1 and len(made) == 3  # another Site: made for it


def test_a_value_per_entry_hands_its_own_reads_to_a_reader() -> None:
    @per_entry
    def named(site: Tiny, key: str) -> str:
        return site.names[key]

    site = Tiny({"a": "one", "b": "two"})
    for key, value in (("a", "one"), ("b", "two")):
        for _ in range(2):
            reads = set()
            assert named(SiteReader(site, reads), key) == value
            assert reads == {("names", key)}
