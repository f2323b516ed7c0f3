"""Which parts of the Site a page reads, for the preview to know what a change touches.

A template or a planner gets a `SiteReader` instead of the `Site`. It hands out the same
values but writes down a *token* for every read: `("stories_of", key)` for one item of a
mapping, `("stories_of", ALL)` for a whole mapping (its length, iterating it), `("stories",)`
for any other field. `changed_tokens(old, new)` says which tokens have a different value in a
new Site, so a page is rendered again only when something it read is different.

Values are compared with `==`. Entries compare by identity (`eq=False`), and unchanged files
keep their Entry objects, so "the same object" means "the same content"; the derived views
(tuples, Country, RenderedBody) compare by value.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

Token = tuple[Hashable, ...]


class _All:
    def __repr__(self) -> str:
        return "ALL"

    def __reduce__(self) -> str:  # unpickled as the one ALL (tokens come back from worker processes)
        return "ALL"


ALL = _All()  # second item of a token for a whole mapping
_MISSING = object()
UNTRACKED = frozenset({"config"})  # a config change rebuilds everything anyway


_FIELD, _UNTRACKED = "field", "untracked"
_KINDS: dict[tuple[type, str], Any] = {}  # (type of the Site, name) -> _FIELD, _UNTRACKED, its method or property


def _kind(site_type: type, name: str) -> Any:
    """What reading `name` of a `site_type` is; the same for every Site, so worked out once per name
    (the preview's planning and rendering read the Site's fields about a million times)."""
    member = getattr(site_type, name, None)
    if isinstance(member, (types.FunctionType, property)):
        return member
    return _UNTRACKED if name in UNTRACKED or name.startswith("__") else _FIELD


class SiteReader:
    """Stands in for the Site and records every read into `tokens`."""

    __slots__ = ("_site", "_tokens")

    def __init__(self, site: Any, tokens: set[Token]):
        self._site = site
        self._tokens = tokens

    def __getattr__(self, name: str) -> Any:
        site = self._site
        kind = _KINDS.get((type(site), name))
        if kind is None:
            kind = _KINDS[type(site), name] = _kind(type(site), name)
        if kind is _FIELD:
            value = getattr(site, name)
            if isinstance(value, dict):
                return MappingReader(name, value, self._tokens)
            self._tokens.add((name,))
            return value
        if kind is _UNTRACKED:
            return getattr(site, name)
        if type(kind) is property:
            return kind.__get__(self)
        return types.MethodType(kind, self)  # a method: its reads of self go through us


def opened(site: Any) -> tuple[Any, list[set[Token]]]:
    """The Site behind `site`, and the sets of every SiteReader around it (none for the Site itself)."""
    recording = []
    while type(site) is SiteReader:
        recording.append(site._tokens)
        site = site._site
    return site, recording


class MappingReader(Mapping):
    """A read-only view of one dict field of the Site that records which keys are read."""

    __slots__ = ("_name", "_data", "_tokens")

    def __init__(self, name: str, data: dict, tokens: set[Token]):
        self._name = name
        self._data = data
        self._tokens = tokens

    def __getitem__(self, key: Any) -> Any:
        self._tokens.add((self._name, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._tokens.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._tokens.add((self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator:
        self._tokens.add((self._name, ALL))
        return iter(self._data)

    def __len__(self) -> int:
        self._tokens.add((self._name, ALL))
        return len(self._data)


def changed_tokens(old: Any, new: Any) -> set[Token]:
    """Tokens whose value differs between two Sites (every key of every field is compared)."""
    out: set[Token] = set()
    for f in dataclasses.fields(old):
        name = f.name
        if name in UNTRACKED:
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a is b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            keys = _changed_keys(a, b)
            if keys:
                out.update((name, key) for key in keys)
                out.add((name, ALL))
        elif a != b:
            out.add((name,))
    return out


def _changed_keys(a: dict, b: dict) -> set:
    try:  # values are hashable (tuples, frozen dataclasses): set operations in C, fast at 10,000 keys
        return {key for key, _ in a.items() ^ b.items()}
    except TypeError:
        return {
            k
            for k in a.keys() | b.keys()
            if a.get(k, _MISSING) is not b.get(k, _MISSING) and a.get(k, _MISSING) != b.get(k, _MISSING)
        }
