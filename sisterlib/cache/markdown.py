"""A cache of parsed Markdown bodies, so a build after a small change parses only what changed.

One SQLite file (`markdown.sqlite3` in the cache folder), a row per body, keyed by a hash of
the body's text and the parser (every file of the package and the version of every library
it uses, fingerprint.py): changing any of them simply misses. A parsed body depends on its
text alone (wiki links are marks, filled in by resolve/bodies.py), so a hit needs no other
check, and bodies with problems are stored too (their lines count from the body's start).

Worker processes only read (each opens the file read-only); the main process writes the new
rows in one transaction. One file, not a file per body: 13,000 small files cost the workers
about 7 s of file-system time on a clean 10,000-story build. Values are text and JSON, never
pickle. The file is safe to delete at any time; one that cannot be read or written just means
no caching.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..resolve.markdown import ParsedBody, parse_body
from ..resolve.markdown_photos import PhotoLink
from ..resolve.markdown_rules import Problem, WikiLink
from . import fingerprint
from .table import store_rows

FORMAT = 5  # 4: photos (issue 20); 5: and page links in the links (issue 13)
FILE = "markdown.sqlite3"
TABLE = f"bodies{FORMAT}"  # a new format gets a new table: rows of another layout are never read
Row = tuple[str, str, str, str, str, str]  # key, html, links (JSON), problems (JSON), text, photos (JSON)


def renderer_version() -> str:
    """The parser is the whole package and the libraries it runs on (fingerprint.py)."""
    return f"{FORMAT}-{fingerprint.code_fingerprint()}"


def _utf8(row: Row) -> tuple[str | bytes, ...]:
    key, *values = row
    return (key, *(v.encode("utf-8", "surrogatepass") for v in values))


class MarkdownCache:
    def __init__(self, folder: Path | None):
        self.path = folder / FILE if folder else None
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # keys read or parsed by this process
        self.new: list[Row] = []  # parsed by this process, for `store` in the main process
        self._reader: sqlite3.Connection | None = None
        self._reader_pid = 0

    def key(self, body: str) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{renderer_version()}\0".encode())
        h.update(body.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def parse(self, body: str) -> ParsedBody:
        if self.path is None:
            self.misses += 1
            return parse_body(body)
        key = self.key(body)
        cached = self._read(key)
        self.used.add(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        parsed = parse_body(body)
        links = json.dumps([[link.target, link.label, link.line, link.page] for link in parsed.links], ensure_ascii=False)
        problems = json.dumps([[p.line, p.message, p.hint] for p in parsed.problems], ensure_ascii=False)
        photos = json.dumps([[p.name, p.alt, p.line, p.linked] for p in parsed.photos], ensure_ascii=False)
        self.new.append((key, parsed.html, links, problems, parsed.text, photos))
        return parsed

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

    def _read(self, key: str) -> ParsedBody | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(f"SELECT html, links, problems, text, photos FROM {TABLE} WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            html, links, problems, text, photos = (v.decode("utf-8") if isinstance(v, bytes) else v for v in row)
            return ParsedBody(
                html,
                tuple(WikiLink(target, label, line, page) for target, label, line, page in json.loads(links)),
                tuple(Problem(line, message, hint) for line, message, hint in json.loads(problems)),
                text,
                tuple(PhotoLink(name, alt, line, bool(linked)) for name, alt, line, linked in json.loads(photos)),
            )
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self._reader, self._reader_pid = None, 0

    def store(self, rows: list[Row], used: set[str]) -> None:
        """Add the new rows; forget rows this build did not use when they outnumber the used ones."""
        if self.path is None:
            return
        self.close()
        # bytes, not str: binding a str keeps a UTF-8 copy on it (Cyrillic bodies) for the build
        columns = "key TEXT PRIMARY KEY, html TEXT, links TEXT, problems TEXT, text TEXT, photos TEXT"
        store_rows(self.path, TABLE, columns, (_utf8(row) for row in rows), used)
