"""What each page of the last build was rendered from, so the next build renders only the pages
whose inputs changed (a one-story edit re-renders tens of pages, not 50,000).

For every page the memo keeps the parts of the Site its rendering read (resolve/reads.py tokens,
as the preview records them) and a digest of its template, its context and those values
(cache/digest.py). A page is kept as it is when, in the new build:
- the memo was written by the build that left the output (its record's `inputs`), with the
  same code, config, templates, assets and catalogs (`render_key`);
- its output file is as that build left it (size and modification time, from the record);
- the digest of its template, context and of the *same* tokens' new values is the same.
The page's bytes depend only on these (the preview relies on the same fact), so it is the same
page. Anything in doubt renders the page: a value the digest does not know, a file touched by
hand, a memo that is missing, stale or not what this module writes.

The memo is JSON in the cache folder, one file per output folder, next to the build record.
It names tokens and holds digests only: nothing in it is ever run or turned into objects.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..config import Config
from ..resolve.reads import ALL, Token
from . import fingerprint
from .digest import SIZE
from .record import Manifest

FORMAT = 1

Remembered = tuple[str, list[int]]  # digest (hex), the numbers of the tokens read in `PageMemo.table`


class Unencodable(Exception):
    """A token whose key JSON cannot hold as it is (a page reading it is not remembered)."""


def render_key(config: Config, options: dict[str, object]) -> str:
    """Everything but the content that a page's bytes depend on."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{config!r}\0{sorted(options.items())!r}\0{fingerprint.code_fingerprint()}\0".encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    fingerprint.hash_tree(h, config.templates_dir, "templates")
    fingerprint.hash_tree(h, config.assets_dir, "assets")
    fingerprint.hash_tree(h, config.locale_dir, "locale")
    return h.hexdigest()


def compiled_templates(cache_dir: Path, key: str) -> Path:
    """The folder of the templates' compiled code for one render key (output/render.py); the
    folders of other keys are deleted (a code, config or template change makes a new one)."""
    root = cache_dir / "compiled"
    try:
        for old in root.iterdir():
            if old.name != key:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass
    return root / key


class PageMemo:
    """The pages of the last build (`old`), and those of this one as they are rendered (`new`).

    Tokens are numbered once in `table`, which the next build reads back and extends: a kept
    page's numbers are written again as they were read (at 50,000 pages, a million tokens).
    """

    def __init__(self, cache_dir: Path, out_dir: Path, key: str):
        name = hashlib.blake2b(str(out_dir.resolve()).encode(), digest_size=8).hexdigest()
        self.path = cache_dir / f"pages-{name}.json"
        self.key = key
        self.table: list[Token] = []  # token number -> token
        self.old: dict[str, Remembered] = {}
        self.new: dict[str, Remembered] = {}
        self.kept = 0  # pages left as they were
        self.rendered = 0  # pages rendered
        self._numbers: dict[Token, int] | None = None  # token -> number, made when a page is rendered
        self._encoded: list[Any] = []  # the table as JSON (kept as read: not encoded again)

    def load(self, inputs: str, files: Manifest, out_dir: Path) -> None:
        """The last build's pages, when that build (`inputs`, its record's manifest `files`) wrote
        this memo with the same render key; only pages whose output file it left untouched."""
        intact = _untouched(files, out_dir)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("key") != self.key or data.get("inputs") != inputs or not inputs:
                return
            encoded = data["tokens"]
            table = [decode_token(t) for t in encoded]
            old = {}
            for path, (digest, numbers) in data["pages"].items():
                if type(digest) is not str or len(bytes.fromhex(digest)) != SIZE or type(numbers) is not list:
                    raise ValueError("not a page of the memo")
                if intact(path):
                    old[path] = (digest, numbers)  # numbers are checked when used (tokens_of)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # no memo, or not one of ours: every page is rendered
        self.table, self.old, self._encoded = table, old, encoded

    def tokens_of(self, remembered: Remembered) -> list[Token] | None:
        """The tokens a remembered page read; None when its numbers are not the table's."""
        table, numbers = self.table, remembered[1]
        try:
            if min(numbers, default=0) < 0:
                return None
            return [table[n] for n in numbers]  # IndexError past the table, TypeError for a number that is not an int
        except (IndexError, TypeError):
            return None

    def remember(self, path: str, digest: bytes, tokens: Iterable[Token]) -> None:
        numbers = self._numbers
        if numbers is None:
            numbers = self._numbers = {token: n for n, token in enumerate(self.table)}
        try:
            for token in tokens:
                if token not in numbers:
                    self._encoded.append(encode_token(token))  # raises for a key JSON cannot hold: not remembered
                    numbers[token] = len(self.table)
                    self.table.append(token)
        except Unencodable:
            return
        self.new[path] = (digest.hex(), [numbers[token] for token in tokens])

    def keep(self, path: str) -> None:
        self.new[path] = self.old[path]

    def save(self, inputs: str) -> None:
        encoded, pages = self._encoded, self.new  # tokens as JSON: as read, and the new ones
        used = {n for _, numbers in pages.values() for n in numbers}
        if len(used) < len(encoded) // 2:  # tokens of deleted pages: renumber what is still read
            renumber = {old: new for new, old in enumerate(sorted(used))}
            encoded = [encoded[n] for n in sorted(used)]
            pages = {path: (digest, [renumber[n] for n in numbers]) for path, (digest, numbers) in pages.items()}
        data = {"format": FORMAT, "key": self.key, "inputs": inputs, "tokens": encoded, "pages": pages}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
            tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # no memo: the next build renders every page


def _untouched(files: Manifest, out_dir: Path) -> Callable[[str], bool]:
    root = str(out_dir)

    def untouched(rel: str) -> bool:
        try:
            st = os.lstat(f"{root}/{rel}")
        except OSError:
            return False
        return files.get(rel) == [st.st_size, st.st_mtime_ns, 0]  # as record.manifest writes it

    return untouched


def encode_token(token: Token) -> list[Any]:
    """`("stories_of", ("library", "x"))` -> `["stories_of", {"t": ["library", "x"]}]`."""
    if not token or type(token[0]) is not str or len(token) > 2:
        raise Unencodable(repr(token))
    return [token[0], *(_encode_key(key) for key in token[1:])]


def _encode_key(key: Any) -> Any:
    if type(key) is str:
        return key
    if type(key) is int:
        return {"i": key}
    if type(key) is tuple:
        return {"t": [_encode_key(k) for k in key]}
    if key is ALL:
        return {"a": 1}
    raise Unencodable(repr(key))


def decode_token(data: Any) -> Token:
    if type(data) is not list or not 1 <= len(data) <= 2 or type(data[0]) is not str:
        raise ValueError("not a token")
    return (data[0],) if len(data) == 1 else (data[0], _decode_key(data[1]))


def _decode_key(data: Any) -> Any:
    if type(data) is str:
        return data
    if type(data) is dict and len(data) == 1:
        # A memo holds 140,000 tokens at 10,000 stories, most keyed by a pair of strings (an entry's key).
        pair = data.get("t")
        if type(pair) is list and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is str:
            return (pair[0], pair[1])
        if type(data.get("i")) is int:
            return data["i"]
        if type(data.get("t")) is list:
            return tuple(_decode_key(k) for k in data["t"])
        if data.get("a") == 1:
            return ALL
    raise ValueError("not a token key")
