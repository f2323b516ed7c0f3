"""Derived views of the entries, each written once as a rule, computed whole or brought up to date.

A view is a rule over the entries of some kinds:

- `Grouped(kinds, groups, order)`: group -> the entries whose rule names that group, sorted
  (the stories of a library: each story names its partnership, libraries and activities);
- `Ordered(kinds, order, where)`: every such entry, sorted (all stories, newest first);
- `Each(kinds, value)`: entry -> a value computed from it (the libraries of a partnership);
- `Whole(kinds, compute)`: any value computed from all the entries of those kinds at once.

A rule gets the entry and a `Lookup` for the other entries (and the entry's own body); what
it looks up is recorded. `update(entries, bodies, changed)` with the keys whose entry or body
changed places again exactly the entries that changed or whose rule read one that changed,
and keeps every untouched group as the same object. The first call computes everything. The
build calls it once; the preview keeps the views and calls it after every change, so a view
declared here is kept right by both, with no code of its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from ..content.model import Entry
from .bodies import RenderedBody

Key = tuple[str, str]
V = TypeVar("V")


class Lookup:
    """The entries and bodies a rule may read, recording which entries it read; one per update,
    shared by every view, so a rule another rule calls (`cached`) runs once per entry."""

    __slots__ = ("entries", "bodies", "read", "_memo")

    def __init__(self, entries: Mapping[Key, Entry], bodies: Mapping[Key, RenderedBody]):
        self.entries = entries
        self.bodies = bodies
        self.read: set[Key] | None = set()
        self._memo: dict[tuple[Callable, Key], tuple[Any, set[Key] | None]] = {}

    def entry(self, kind: str, slug: str) -> Any:
        if self.read is not None:
            self.read.add((kind, slug))
        return self.entries[(kind, slug)]

    def body(self, entry: Entry) -> RenderedBody:
        """The entry's own body (a change of it counts as a change of the entry)."""
        return self.bodies[entry.key]

    def cached(self, rule: Callable[[Any, Lookup], V], entry: Entry) -> V:
        """`rule(entry, self)`, computed once per update: what it read counts for every caller."""
        found = self._memo.get((rule, entry.key))
        if found is None or (self.read is not None and found[1] is None):  # computed untracked: again, tracked
            outer = self.read
            self.read = set() if outer is not None else None
            found = self._memo[(rule, entry.key)] = (rule(entry, self), self.read)
            self.read = outer
        if self.read is not None and found[1]:
            self.read |= found[1]
        return found[0]


class View(Generic[V]):
    """What every view keeps: which entries each item's rule read, to know whom a change touches.

    A view that will not be updated (the build's: `track = False`) records nothing."""

    track = True

    def __init__(self, kinds: Collection[str]):
        self.kinds = frozenset(kinds)
        self._reads: dict[Key, set[Key]] = {}  # item -> entries its rule read
        self._readers: dict[Key, set[Key]] = {}  # entry -> items whose rule read it
        self.value: V

    def update(self, lookup: Lookup, changed: set[Key] | None) -> V:
        raise NotImplementedError

    def _todo(self, entries: Mapping[Key, Entry], changed: set[Key]) -> set[Key]:
        todo = {k for k in changed if k[0] in self.kinds}
        for key in changed:
            todo |= self._readers.get(key, set())
        return todo

    def _run(self, rule: Callable[[Any, Lookup], Any], entry: Entry, lookup: Lookup) -> Any:
        if not self.track:
            lookup.read = None
            return rule(entry, lookup)
        lookup.read = read = set()
        result = rule(entry, lookup)
        lookup.read = None  # reads made after this rule (by a view's own code) are not this item's
        self._set_reads(entry.key, read)
        return result

    def _set_reads(self, item: Key, read: set[Key] | None) -> None:
        for key in self._reads.pop(item, ()):
            readers = self._readers[key]
            readers.discard(item)
            if not readers:
                del self._readers[key]
        if read:
            self._reads[item] = read
            for key in read:
                self._readers.setdefault(key, set()).add(item)


class Grouped(View[dict]):
    """group -> entries of `kinds` whose `groups(entry, lookup)` names it, sorted by `order(entry)`."""

    def __init__(
        self,
        kinds: Collection[str],
        groups: Callable[[Any, Lookup], Iterable[Hashable]],
        order: Callable[[Any], Any],
        reverse: bool = False,
    ):
        super().__init__(kinds)
        self.groups, self.order, self.reverse = groups, order, reverse
        self._placed: dict[Key, tuple[Any, tuple[Hashable, ...]]] = {}  # item -> (its sort key, its groups)
        self._sorted: dict[Hashable, tuple[list, list]] = {}  # group -> (sort keys, entries), ascending
        self.value = {}
        self.touched: set[Hashable] = set()  # the groups the last update changed

    def update(self, lookup: Lookup, changed: set[Key] | None) -> dict:
        entries = lookup.entries
        if changed is None or not self._placed:
            return self._compute(entries, lookup)
        touched: set[Hashable] = set()
        for item in self._todo(entries, changed):
            old = self._placed.pop(item, None)
            if old is not None:
                for group in old[1]:
                    keys, items = self._sorted[group]
                    i = bisect_left(keys, old[0])
                    del keys[i], items[i]
                    touched.add(group)
            entry = entries.get(item)
            if entry is None or entry.kind not in self.kinds:
                self._set_reads(item, None)
                continue
            groups = tuple(dict.fromkeys(self._run(self.groups, entry, lookup)))
            order = self.order(entry)
            self._placed[item] = (order, groups)
            for group in groups:
                keys, items = self._sorted.setdefault(group, ([], []))
                i = bisect_left(keys, order)
                keys.insert(i, order)
                items.insert(i, entry)
                touched.add(group)
        value = dict(self.value)  # a new dict: the last Site keeps the old one
        for group in touched:
            items = self._sorted[group][1]
            if items:
                value[group] = tuple(reversed(items)) if self.reverse else tuple(items)
            else:
                del self._sorted[group]
                value.pop(group, None)
        self.value, self.touched = value, touched
        return value

    def _compute(self, entries: Mapping[Key, Entry], lookup: Lookup) -> dict:
        self._placed, self._sorted, self._reads, self._readers = {}, {}, {}, {}
        members: dict[Hashable, list] = {}
        for key, entry in entries.items():
            if entry.kind in self.kinds:
                groups = tuple(dict.fromkeys(self._run(self.groups, entry, lookup)))
                order = self.order(entry)
                if self.track:
                    self._placed[key] = (order, groups)
                for group in groups:
                    members.setdefault(group, []).append((order, entry))
        value = {}
        for group, pairs in members.items():
            pairs.sort(key=_first, reverse=self.reverse)
            value[group] = tuple(p[1] for p in pairs)
            if self.track:  # kept ascending, for the updates
                if self.reverse:
                    pairs.reverse()
                self._sorted[group] = ([p[0] for p in pairs], [p[1] for p in pairs])
        self.value, self.touched = value, set(value)
        return value


class Ordered(View[tuple]):
    """Every entry of `kinds` (for which `where` holds), sorted by `order`."""

    def __init__(
        self,
        kinds: Collection[str],
        order: Callable[[Any], Any],
        reverse: bool = False,
        where: Callable[[Any], bool] | None = None,
    ):
        super().__init__(kinds)
        self._one = Grouped(kinds, lambda e, _: [()] if where is None or where(e) else [], order, reverse)
        self.value = ()

    def update(self, lookup: Lookup, changed: set[Key] | None) -> tuple:
        self._one.track = self.track
        groups = self._one.update(lookup, changed)
        if changed is None or self._one.touched:
            self.value = groups.get((), ())
        return self.value


class Each(View[dict]):
    """entry key -> `value(entry, lookup)` for every entry of `kinds`."""

    def __init__(self, kinds: Collection[str], value: Callable[[Any, Lookup], Any]):
        super().__init__(kinds)
        self.rule = value
        self.value = {}

    def update(self, lookup: Lookup, changed: set[Key] | None) -> dict:
        entries = lookup.entries
        if changed is None or not self.value:
            self._reads, self._readers = {}, {}
            self.value = {k: self._run(self.rule, e, lookup) for k, e in entries.items() if e.kind in self.kinds}
            return self.value
        value = dict(self.value)
        for item in self._todo(entries, changed):
            entry = entries.get(item)
            if entry is None or entry.kind not in self.kinds:
                value.pop(item, None)
                self._set_reads(item, None)
            else:
                value[item] = self._run(self.rule, entry, lookup)
        self.value = value
        return value


class Whole(View[Any]):
    """Any value computed from all the entries of `kinds`: computed again when one of them changes."""

    def __init__(self, kinds: Collection[str], compute: Callable[[list], Any]):
        super().__init__(kinds)
        self.compute = compute
        self._done = False

    def update(self, lookup: Lookup, changed: set[Key] | None) -> Any:
        if changed is None or not self._done or any(k[0] in self.kinds for k in changed):
            self.value = self.compute([e for e in lookup.entries.values() if e.kind in self.kinds])
            self._done = True
        return self.value


def _first(pair: tuple) -> Any:
    return pair[0]
