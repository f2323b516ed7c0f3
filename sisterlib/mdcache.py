"""A cache of rendered Markdown bodies, so a build after a small change renders only what changed.

One JSON file per body in `<cache>/markdown/`, named by a hash of the body's text, the base
path and the renderer (the source of markdown.py and the versions of markdown-it-py and its
plugins): editing any of them simply misses. A body's HTML also depends on the entries its
`[[wiki links]]` name (their URL and title), so every lookup the body made is stored with
what it found, and a cached body is used only when each of those names still resolves to
the same target. Only bodies without problems are stored: a body with an error is rendered
again, so its messages are always fresh.

The cache holds our own output, as JSON (never pickle), and is safe to delete at any time.
A cache folder that cannot be written just means no caching.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import markdown_it
import mdit_py_plugins

from . import markdown
from .markdown import RenderedBody, WikiResolver, WikiTarget, render_body

FORMAT = 1
FOLDER = "markdown"


@cache
def renderer_version() -> str:
    source = Path(markdown.__file__).read_bytes()
    parts = [str(FORMAT), markdown_it.__version__, getattr(mdit_py_plugins, "__version__", "?"), source.hex()]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


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


class MarkdownCache:
    def __init__(self, folder: Path | None, base_path: str = ""):
        self.folder = folder / FOLDER if folder else None
        self.base_path = base_path
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()  # keys read or written by this process

    def key(self, body: str) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(f"{renderer_version()}\0{self.base_path}\0".encode())
        h.update(body.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def render(self, body: str, body_line: int, resolve: WikiResolver) -> RenderedBody:
        if self.folder is None:
            return render_body(body, body_line, resolve)
        key = self.key(body)
        cached = self._read(key, resolve)
        if cached is not None:
            self.hits += 1
            self.used.add(key)
            return cached
        self.misses += 1
        recorder = _Recorder(resolve)
        rendered = render_body(body, body_line, recorder)
        if not rendered.problems:
            self._write(key, rendered, recorder.seen)
        return rendered

    def _read(self, key: str, resolve: WikiResolver) -> RenderedBody | None:
        try:
            with open(self._path(key), encoding="utf-8") as f:
                data: dict[str, Any] = json.load(f)
            if data.get("v") != renderer_version():
                return None
            for text, target in data["lookups"].items():
                if _target(resolve(text)) != target:
                    return None  # a linked entry was renamed, retitled, removed or made ambiguous
            links = tuple((kind, slug) for kind, slug in data["links"])
            return RenderedBody(data["html"], links, (), data["text"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write(self, key: str, rendered: RenderedBody, seen: dict[str, WikiTarget | tuple[str, str]]) -> None:
        data = {
            "v": renderer_version(),
            "html": rendered.html,
            "links": [list(k) for k in rendered.links],
            "text": rendered.text,
            "lookups": {text: _target(found) for text, found in seen.items()},
        }
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
            self.used.add(key)
        except OSError:
            self.folder = None  # read-only or full: build without the cache

    def prune(self, used: set[str]) -> int:
        """Delete cached bodies this build did not use, when they are more than the used ones."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        files = [p for p in self.folder.glob("*/*.json") if p.stem not in used]
        if len(files) <= len(used):
            return 0
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)
