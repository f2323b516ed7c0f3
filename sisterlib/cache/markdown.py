"""A cache of rendered Markdown bodies, so a build after a small change renders only what changed.

One SQLite file (`markdown.sqlite3` in the cache folder), a row per body, keyed by a hash of
the body's text, the base path and the renderer (every file of the package and the version
of every library it uses, fingerprint.py): changing any of them simply misses. A body's HTML also
depends on the entries its `[[wiki links]]` name (their URL and title), so every lookup the
body made is stored with what it found, and a cached body is used only when each of those
names still resolves to the same target. Only bodies without problems are stored: a body
with an error is rendered again, so its messages are always fresh.

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
import threading
from pathlib import Path
from urllib.parse import quote

from ..resolve.markdown import RenderedBody, WikiResolver, WikiTarget, render_body
from . import fingerprint

FORMAT = 2
FILE = "markdown.sqlite3"
Row = tuple[str, str, str, str, str]  # key, html, links (JSON), text, lookups (JSON)


def renderer_version() -> str:
    """The renderer is the whole package and the libraries it runs on (fingerprint.py)."""
    return f"{FORMAT}-{fingerprint.code_fingerprint()}"


def cache_dir_for(content_dir: Path) -> Path:
    """The cache folder of one content folder, OUTSIDE the checkout.

    Cached HTML is trusted output, so it must not live where a pull request can put files:
    a `.cache/` committed next to `content/` would be served as rendered Markdown (cache
    poisoning: script in a visitor's browser). It lives in the user's cache folder
    (`$SISTERLIB_CACHE_DIR`, else `$XDG_CACHE_HOME/sisterlib` or `~/.cache/sisterlib`),
    one sub-folder per content folder, named by a hash of its absolute path.
    """
    root = os.environ.get("SISTERLIB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "sisterlib"
    )
    folder = str(content_dir.resolve())
    return Path(root) / hashlib.blake2b(folder.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


class _Recorder:
    """Passes lookups to the wiki index and remembers what each name resolved to."""

    def __init__(self, resolve: WikiResolver):
        self.resolve = resolve
        self.seen: dict[str, WikiTarget | tuple[str, str]] = {}

    def __call__(self, text: str) -> WikiTarget | tuple[str, str]:
        found = self.resolve(text)
        self.seen[text] = found
        return found


def _target(found: WikiTarget | tuple[str, str]) -> list[str] | None:
    if isinstance(found, WikiTarget):
        return [found.url, found.label, found.key[0], found.key[1]]
    return None


def _utf8(row: Row) -> tuple[str | bytes, ...]:
    key, *values = row
    return (key, *(v.encode("utf-8", "surrogatepass") for v in values))


class MarkdownCache:
    def __init__(self, folder: Path | None, base_path: str = ""):
        self.path = folder / FILE if folder else None
        self.base_path = base_path
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # keys read or rendered by this process
        self.new: list[Row] = []  # rendered by this process, for `store` in the main process
        self._reader: sqlite3.Connection | None = None
        self._reader_pid = 0

    def key(self, body: str) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{renderer_version()}\0{self.base_path}\0".encode())
        h.update(body.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def render(self, body: str, body_line: int, resolve: WikiResolver) -> RenderedBody:
        if self.path is None:
            self.misses += 1
            return render_body(body, body_line, resolve)
        key = self.key(body)
        cached = self._read(key, resolve)
        self.used.add(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        recorder = _Recorder(resolve)
        rendered = render_body(body, body_line, recorder)
        if not rendered.problems:
            lookups = {text: _target(found) for text, found in recorder.seen.items()}
            links = json.dumps([list(k) for k in rendered.links])
            self.new.append((key, rendered.html, links, rendered.text, json.dumps(lookups, ensure_ascii=False)))
        return rendered

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

    def _read(self, key: str, resolve: WikiResolver) -> RenderedBody | None:
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute("SELECT html, links, text, lookups FROM bodies WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            html, links, text, lookups = (v.decode("utf-8") if isinstance(v, bytes) else v for v in row)
            for name, target in json.loads(lookups).items():
                if _target(resolve(name)) != target:
                    return None  # a linked entry was renamed, retitled, removed or made ambiguous
            return RenderedBody(html, tuple((kind, slug) for kind, slug in json.loads(links)), (), text)
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path)
            try:
                with db:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute(
                        "CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT, links TEXT, text TEXT, lookups TEXT)"
                    )
                    # bytes, not str: binding a str keeps a UTF-8 copy on it (Cyrillic bodies) for the build
                    db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?, ?, ?)", (_utf8(row) for row in rows))
                    (count,) = db.execute("SELECT count(*) FROM bodies").fetchone()
                    if count > 2 * len(used):
                        db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                        db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                        db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM used)")
            finally:
                db.close()
        except sqlite3.DatabaseError:  # not a database any more (a crash, a stray file): start again
            self.path.unlink(missing_ok=True)
        except (sqlite3.Error, OSError):
            pass  # read-only or full: the next build renders again

    def store_in_background(self, rows: list[Row], used: set[str]) -> threading.Thread:
        """`store` in a thread (SQLite works without the GIL); join it before forking workers."""
        thread = threading.Thread(target=self.store, args=(rows, used), name="markdown-cache", daemon=True)
        thread.start()
        return thread
