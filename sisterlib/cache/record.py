"""The record of the last successful build, so a build with nothing changed does nothing.

Before a build we hash everything its output depends on: every file under the content
folder (names and bytes), the templates, assets and translation catalogs, sisterlib's own code, the versions of
the libraries that shape the output, the config, the build options and, for "Last updated"
dates, the git commit. If that hash equals the one recorded by the last successful build
into the same output folder, and every file of that output is still there with the size and
modification time recorded then, the output is already what the build would make.

The record also says which pages the search index was built from, so a build that changed
no indexed page can keep the index (Pagefind gives the same index for the same pages).
Records are JSON in the cache folder; deleting them only makes the next build a full one.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..config import Config
from . import fingerprint

FORMAT = 1

Manifest = dict[str, list[int]]  # output file -> [size, mtime_ns]


def _git_head(folder: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "-"
    return result.stdout.strip() if result.returncode == 0 else "-"


def input_hash(config: Config, content_dir: Path, options: dict[str, object]) -> str:
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{config!r}\0{sorted(options.items())!r}\0{fingerprint.code_fingerprint()}\0".encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    if options.get("git_dates"):
        h.update(_git_head(content_dir).encode())
    fingerprint.hash_tree(h, content_dir, "content")
    fingerprint.hash_tree(h, config.templates_dir, "templates")
    fingerprint.hash_tree(h, config.assets_dir, "assets")
    fingerprint.hash_tree(h, config.locale_dir, "locale")  # the interface's translations
    return h.hexdigest()


def manifest(root: Path) -> Manifest:
    """Every file under `root` with its size and modification time (links count as changes)."""
    files: Manifest = {}
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            it = os.scandir(folder)
        except OSError:
            continue
        with it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    st = entry.stat(follow_symlinks=False)
                    files[prefix + entry.name] = [st.st_size, st.st_mtime_ns, int(entry.is_symlink())]
    return files


def manifest_of(root: Path, rels: Iterable[str]) -> Manifest:
    """`manifest(root)` for a folder known to hold only the files `rels` (those that exist)."""
    files: Manifest = {}
    folder = str(root)
    for rel in rels:
        try:
            st = os.lstat(f"{folder}/{rel}")
        except OSError:
            continue
        files[rel] = [st.st_size, st.st_mtime_ns, int(stat.S_ISLNK(st.st_mode))]
    return files


@dataclass
class Stamp:
    inputs: str = ""
    pages: int = 0
    search: bool = False
    search_key: str = ""  # what the search index in the output was built from ("" when none)
    files: Manifest = field(default_factory=dict)


class BuildRecord:
    """Reads and writes the stamp of the last build into one output folder."""

    def __init__(self, cache_dir: Path, out_dir: Path):
        name = hashlib.blake2b(str(out_dir.resolve()).encode(), digest_size=8).hexdigest()
        self.path = cache_dir / f"build-{name}.json"
        self.out_dir = out_dir
        self._loaded: tuple[Stamp | None] | None = None  # read once a build (at 50,000 files, 5 MB)

    def load(self) -> Stamp | None:
        if self._loaded is None:
            try:
                self._loaded = (Stamp(**json.loads(self.path.read_text(encoding="utf-8"))),)
            except (OSError, ValueError, TypeError):
                self._loaded = (None,)
        return self._loaded[0]

    def up_to_date(self, inputs: str) -> Stamp | None:
        """The last stamp, when the inputs are the same and the output is as that build left it."""
        stamp = self.load()
        if stamp is None or stamp.inputs != inputs or not self.out_dir.is_dir():
            return None
        return stamp if manifest(self.out_dir) == stamp.files else None

    def save(self, stamp: Stamp, produced: Iterable[str] | None = None) -> None:
        """`produced`: every file the build left in the output, when it knows them (a whole build's
        staging, after the sync deleted every other file): then only those are looked at, which at
        50,000 files takes a quarter of the time of walking the folder."""
        stamp.files = manifest(self.out_dir) if produced is None else manifest_of(self.out_dir, produced)
        self._loaded = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
            data = {f.name: getattr(stamp, f.name) for f in fields(stamp)}  # not asdict: it deep-copies every file's row
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # no cache: the next build is a full one

    def forget(self) -> None:
        """Before changing the output: a build that stops half way must not look up to date."""
        self._loaded = None
        try:
            self.path.unlink()
        except OSError:
            pass
