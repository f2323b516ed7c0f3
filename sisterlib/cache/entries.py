"""A cache of loaded and validated files, so a build after a small change reads and checks only
what changed (reading, the strict YAML and validation are most of the read stage: ~2/3 of it
at 10,000 stories).

One SQLite file (`entries.sqlite3` in the cache folder), a row per file, keyed by a hash of
the file's bytes, its path, folder and slug (errors name the path; the slug comes from the
name) and the code (every file of the package and the version of every library it uses,
fingerprint.py: a checker or pycountry's data changing simply misses). Loading a file depends
on nothing else, so a hit needs no other check; files with errors and warnings are stored
too. A renamed file has another key and a deleted one is never looked up.

Values are JSON of the content model's own classes (a fixed list, MODEL below), never pickle:
the cache folder is outside the checkout, but a value read back can only ever make those
objects. Worker processes only read; the main process writes the new rows in one transaction.
A file that cannot be read or written just means no caching.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..content import model
from ..content.loading import FileResult
from ..errors import ContentError
from . import fingerprint
from .table import store_rows

FORMAT = 2  # 2: the body in a column of its own
FILE = "entries.sqlite3"
TABLE = f"files{FORMAT}"
# Every dataclass of content/model.py (a new one is covered the day it is added), and the errors.
MODEL = {
    cls.__name__: cls
    for cls in (*(v for v in vars(model).values() if is_dataclass(v) and v.__module__ == model.__name__), ContentError)
    if cls is not model.Entry
}


_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in MODEL.values()}


def _is_lines(value: dict) -> bool:
    """A `lines` mapping (front-matter key path -> line): most of a cached entry, so written flat."""
    return all(type(k) is tuple and type(v) is int and all(type(p) in (str, int) for p in k) for k, v in value.items())


_PLAIN = frozenset({str, int, float, bool, type(None)})  # JSON's own: written and read as they are


def encode(value: Any) -> Any:
    """A value of the content model as JSON data that `decode` turns back into an equal value."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return {"t": [v if type(v) in _PLAIN else encode(v) for v in value]}
    names = _FIELDS.get(kind)
    if names is not None:  # the fields in their order
        return {"c": kind.__name__, "f": [v if type(v) in _PLAIN else encode(v) for v in map(value.__getattribute__, names)]}
    if kind is dict:
        if _is_lines(value):
            return {"L": [[list(k), v] for k, v in value.items()]}
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is list:
        return [encode(v) for v in value]
    if kind is frozenset:
        return {"s": sorted(encode(v) for v in value)}
    raise TypeError(f"not a value of the content model: {kind!r}")


def decode(data: Any) -> Any:
    kind = type(data)
    if kind is dict:
        if "c" in data:
            cls = MODEL[data["c"]]  # KeyError: not ours
            names, values = _FIELDS[cls], data["f"]
            if len(values) != len(names):
                raise ValueError(f"{len(values)} values for the {len(names)} fields of {cls.__name__}")
            # As pickle makes it: the fields set directly (the model's classes have no __post_init__)
            obj = object.__new__(cls)
            obj.__dict__.update(zip(names, [v if type(v) in _PLAIN else decode(v) for v in values], strict=True))
            return obj
        if "L" in data:
            return {tuple(k): v for k, v in data["L"]}
        if "t" in data:
            return tuple([v if type(v) in _PLAIN else decode(v) for v in data["t"]])
        if "s" in data:
            return frozenset([decode(v) for v in data["s"]])
        return {decode(k): decode(v) for k, v in data["d"]}
    if kind is list:
        return [decode(v) for v in data]
    return data


Row = tuple[str, str, str]  # key, the file's result as JSON, the entry's body (apart: it is most of the bytes)


def encode_result(result: FileResult) -> tuple[str, str]:
    """(JSON, body): the body is kept apart, the very string of the entry, so a row held until it
    is stored costs no second copy of the text."""
    entry, placeholder = encode(result.entry), encode(result.placeholder)
    body = ""
    for cls, data in ((type(result.entry), entry), (type(result.placeholder), placeholder)):
        if data is not None:
            at = _FIELDS[cls].index("body")
            body, data["f"][at] = data["f"][at], None
    data = [result.digest.hex() if result.digest else None, entry, placeholder,
            encode(result.errors), encode(result.warnings), encode(result.unknown)]  # fmt: skip
    return json.dumps(data, ensure_ascii=False), body


def decode_result(text: str, body: str, folder: str, slug: str, stamp: tuple[int, int] | None) -> FileResult:
    digest, entry, placeholder, errors, warnings, unknown = json.loads(text)
    entry, placeholder = decode(entry), decode(placeholder)
    for obj in (entry, placeholder):
        if obj is not None:
            obj.__dict__["body"] = body  # as decode makes every field (frozen: no setattr)
    return FileResult(folder, slug, stamp, bytes.fromhex(digest) if digest else None, entry, placeholder,
                      decode(errors), decode(warnings), decode(unknown))  # fmt: skip


class EntryCache:
    """Loaded files by their bytes (see the module's docstring)."""

    def __init__(self, folder: Path | None):
        self.path = folder / FILE if folder else None
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        self.new: list[Row] = []  # loaded by this process, stored by the main one
        self._reader: sqlite3.Connection | None = None
        self._reader_pid = 0
        self._code = fingerprint.code_fingerprint() if folder else ""  # once, before the workers are forked

    def key(self, path: str, folder: str, slug: str, raw: bytes) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{FORMAT}\0{self._code}\0{path}\0{folder}\0{slug}\0".encode("utf-8", "surrogateescape"))
        h.update(raw)
        return h.hexdigest()

    @staticmethod
    def row(key: str, result: FileResult) -> Row:
        return (key, *encode_result(result))

    def readable(self) -> bool:
        """Whether there is a cache to read (a clean build has none: no file is read twice)."""
        return self._connection() is not None

    def get(self, key: str, folder: str, slug: str, stamp: tuple[int, int] | None) -> FileResult | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(f"SELECT value, body FROM {TABLE} WHERE key = ?", (key,)).fetchone()
            return None if row is None else decode_result(row[0], row[1].decode("utf-8"), folder, slug, stamp)
        except (sqlite3.Error, ValueError, TypeError, KeyError, AttributeError):
            return None  # an unreadable row is a miss

    def _connection(self) -> sqlite3.Connection | None:
        """A read-only connection of this process (a forked worker opens its own)."""
        if self._reader_pid != os.getpid():
            self._reader, self._reader_pid = None, os.getpid()
            if self.path is not None and self.path.is_file():
                try:
                    self._reader = sqlite3.connect(f"file:{quote(str(self.path))}?mode=ro", uri=True, check_same_thread=False)
                except sqlite3.Error:
                    self._reader = None
        return self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self._reader, self._reader_pid = None, 0

    def store(self) -> None:
        """Add the new rows; forget rows this build did not use when they outnumber the used ones."""
        if self.path is None:
            return
        self.close()
        # the body as bytes: binding a str keeps a UTF-8 copy on it for the rest of the build
        rows = ((key, value, body.encode("utf-8", "surrogatepass")) for key, value, body in self.new)
        store_rows(self.path, TABLE, "key TEXT PRIMARY KEY, value TEXT, body BLOB", rows, self.used)
        self.new = []
