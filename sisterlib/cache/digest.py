"""A stable digest of the values a page is rendered from, the same in every process and run.

`build` keeps, for every page, what it read of the Site (resolve/reads.py tokens) and a digest
of those values and of the page's own context (cache/pages.py). The next build renders a page
again only when that digest differs. So a digest must change whenever a value that could show
on the page changes, and must not depend on the process: no `hash()` (strings are salted per
process), no `id()` in what is hashed, sets hashed in a sorted order.

Only the types the Site is made of are known (str and its subclasses such as Markup, numbers,
dates, paths, tuples, lists, dicts, sets, enums, dataclasses, and a module's own functions, by
name: a calendar page's maker). Anything else raises
`Undigestible`, and the page that holds it is simply rendered every time.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import marshal
import types
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from ..resolve.reads import ALL, UNTRACKED, Token

SIZE = 16  # bytes of a digest
_MISSING = "<missing>"
_UNSEEN: Any = object()


class Undigestible(Exception):
    """A value of a type the digest does not know (a page holding one is rendered every time)."""


class Digester:
    """Digests of values, memoised by object for dataclasses (an Entry is shared by many pages).

    The memo keeps every digested object alive, so an `id` is never reused for another object
    while the Digester lives: use one per build (or per worker process), not longer.
    """

    def __init__(self) -> None:
        self._memo: dict[int, str] = {}
        self._alive: list[Any] = []
        self._fields: dict[type, tuple[str, ...] | None] = {}
        self._tokens: dict[Token, bytes] = {}

    def of(self, value: Any) -> bytes:
        out: list[str] = []
        self._walk(value, out)
        return _hash(out)

    def token(self, site: Any, token: Token) -> bytes:
        """The digest of what `token` read of `site` (resolve/reads.py), memoised per token."""
        found = self._tokens.get(token)
        if found is None:
            found = self._tokens[token] = self._token(site, token)
        return found

    def prepare(self, site: Any) -> None:
        """Every token's digest now, once: worker processes forked after this inherit them, so no
        worker digests 10,000 stories again for a page that reads the list of all stories."""
        for f in dataclasses.fields(site):
            name = f.name
            if name in UNTRACKED:
                continue
            token = (name, ALL) if type(getattr(site, name)) is dict else (name,)  # ALL: and every key's
            try:
                self.token(site, token)
            except Undigestible:  # a page reading it digests it again, fails again, and is rendered
                pass

    def page(self, template: str, context: dict[str, Any], site: Any, tokens: Iterable[Token]) -> bytes:
        """One page: its template, its context but the Site, and every value it read of the Site."""
        return self.page_of(template, context, [self.token(site, token) for token in tokens])

    def page_of(self, template: str, context: dict[str, Any], values: list[bytes]) -> bytes:
        """`page`, given the digests of the values it read (`token` of each)."""
        out = [repr(template)]
        self._walk({key: value for key, value in context.items() if key != "site"}, out)
        values = sorted(values)  # a set's order differs per process
        return hashlib.blake2b(_hash(out) + b"".join(values), digest_size=SIZE).digest()

    def tokens_by_number(self, site: Any, table: list[Token]) -> list[bytes | None]:
        """The digest of every token of a page memo's table (None: undigestible), by its number:
        a worker checking 50,000 kept pages then indexes a list instead of hashing a million tokens."""
        out: list[bytes | None] = []
        for token in table:
            try:
                out.append(self.token(site, token))
            except Undigestible:
                out.append(None)
        return out

    def _token(self, site: Any, token: Token) -> bytes:
        out: list[str] = []
        self._walk(token, out)
        value = getattr(site, token[0])
        if len(token) == 1:
            self._walk(value, out)
        elif token[1] is ALL:  # a whole mapping: every key's digest, in order
            out.extend(self.token(site, (token[0], key)).hex() for key in value)
        elif token[1] in value:
            self._walk(value[token[1]], out)
        else:
            out.append(_MISSING)
        return _hash(out)

    def _walk(self, value: Any, out: list[str]) -> None:
        """`value` as text that names every type and value, like `repr` but never the object's
        address, and with sets sorted: equal text, equal value."""
        t = type(value)
        if t is str:
            out.append(f"s{len(value)}:{value}")  # self-delimiting by its length, and no escaping (repr) to pay for
        elif t is int or t is float or t is bool or value is None:
            out.append(repr(value))  # self-delimiting: a number, a keyword
        elif (t is dict or t is tuple or t is list) and (plain := _plain(value)) is not None:
            out.append(plain)
        elif t is tuple or t is list:
            out.append("(" if t is tuple else "[")
            for item in value:
                self._walk(item, out)
            out.append(")" if t is tuple else "]")
        elif t is dict:
            out.append("{")
            for key, item in value.items():
                self._walk(key, out)
                self._walk(item, out)
            out.append("}")
        else:
            names = self._fields.get(t, _UNSEEN)
            if names is _UNSEEN:
                names = self._fields[t] = _field_names(t)
            if names is not None:
                out.append(self._dataclass(value, t, names))
            else:
                self._other(value, t, out)

    def _other(self, value: Any, t: type, out: list[str]) -> None:
        name = f"{t.__module__}.{t.__qualname__}"
        if isinstance(value, str):  # Markup and other str subclasses: printed differently from a str
            out.append(f"{name}:{str(value)!r}")
        elif isinstance(value, enum.Enum):
            out.append(f"{name}.{value.name}")
        elif isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
            out.append(repr(value))  # names the type and every field, tzinfo included
        elif isinstance(value, (bytes, bytearray, PurePath)):
            out.append(f"{name}:{value!r}")
        elif isinstance(value, (set, frozenset)):
            out.append(f"{name}:{sorted(self.of(item).hex() for item in value)}")
        elif value is ALL:
            out.append("ALL")
        elif isinstance(value, types.FunctionType) and "<" not in value.__qualname__:
            # A module's own function (a calendar's `make`): what it does is the code's, which the
            # render key covers. Lambdas and nested functions may hold values: not digested.
            out.append(f"{name}:{value.__module__}.{value.__qualname__}")
        else:
            raise Undigestible(name)

    def _dataclass(self, value: Any, t: type, names: tuple[str, ...]) -> str:
        found = self._memo.get(id(value))
        if found is None:
            out = [t.__module__, t.__qualname__]
            for name in names:
                self._walk(getattr(value, name), out)
            found = self._memo[id(value)] = "#" + _hash(out).hex()
            self._alive.append(value)
        return found


def _field_names(t: type) -> tuple[str, ...] | None:
    """A dataclass's fields, in order; None for any other type."""
    if not dataclasses.is_dataclass(t):
        return None
    if getattr(t, "__sisterlib_undigestible__", False):
        raise Undigestible(t.__qualname__)
    return tuple(f.name for f in dataclasses.fields(t))


def _plain(value: Any) -> str | None:
    """Nested dicts, lists, tuples, strings and numbers in one call in C (marshal, version 2: no
    back-references, which depend on reference counts); None when anything else is inside.
    Sets could come out in another order in another process: that only renders a page again."""
    try:
        data = marshal.dumps(value, 2)
    except ValueError:
        return None
    return f"m{len(data)}:{data.decode('latin-1')}"


def _hash(parts: list[str]) -> bytes:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=SIZE).digest()
