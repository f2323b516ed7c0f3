"""The load stage: every content file read, parsed and validated once, in parallel.

The folder walk and the file-name rules run here (folder.py); reading, the strict YAML and
validation of each file run in worker processes, a contiguous run of files each, and only the
results come back. With `previous` (what the last call returned: the preview keeps it), a file
is read again only when it is among `changed` or its size or modification time differ, and a
file saved with the same bytes keeps its objects, so no later stage sees a change.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentError
from ..parallel import chunks, map_chunks
from .folder import Photos, content_files, well_named
from .model import Entry
from .placeholders import unreadable_file
from .read import load_file
from .validate import validate_source

if TYPE_CHECKING:
    from ..cache.entries import EntryCache

Key = tuple[str, str]
Stamp = tuple[int, int]  # (mtime_ns, size)


@dataclass(eq=False)
class FileResult:
    """One content file as loading left it."""

    folder: str
    slug: str  # from the file name (or the name it should have)
    stamp: Stamp | None
    digest: bytes | None  # of its bytes (None: unreadable); a file saved with the same bytes keeps its result
    entry: Entry | None  # the file as an entry, when it is valid
    placeholder: Entry | None  # the entry of a file with errors: for references and wiki links only
    errors: list[ContentError]
    warnings: list[ContentError] = field(default_factory=list)
    unknown: frozenset[str] = frozenset()  # of a placeholder: the fields whose values it lacks ("": any field)


@dataclass
class Loaded:
    files: dict[str, FileResult]  # path as the loader writes it -> result, in folder order
    folder_errors: list[ContentError] = field(default_factory=list)
    photos: Photos = field(default_factory=dict)  # the photos beside each entry's index.md (folder.py)
    _entries: dict[Key, Entry] | None = field(default=None, repr=False)
    _known: dict[Key, Entry] | None = field(default=None, repr=False)

    def entries(self) -> dict[Key, Entry]:
        """The valid entries (the same dict on every call: do not change it)."""
        if self._entries is None:
            self._entries = {r.entry.key: r.entry for r in self.files.values() if r.entry is not None}
        return self._entries

    def known(self) -> dict[Key, Entry]:
        """The valid entries and the placeholders of the files with errors (a valid entry wins a slug)."""
        if self._known is None:
            placeholders = {r.placeholder.key: r.placeholder for r in self.files.values() if r.placeholder is not None}
            self._known = {**placeholders, **self.entries()}
        return self._known

    def errors(self) -> list[ContentError]:
        return self.folder_errors + [e for r in self.files.values() if r.errors for e in r.errors]

    def warnings(self) -> list[ContentError]:
        return [w for r in self.files.values() if r.warnings for w in r.warnings]

    def updated(self, results: dict[str, FileResult]) -> Loaded:
        """These files read again; the entries of the others kept as they are."""
        files = {**self.files, **results}
        entries = dict(self.entries())
        for path in results:
            old = self.files[path].entry
            if old is not None:
                del entries[old.key]
        for result in results.values():
            if result.entry is not None:
                entries[result.entry.key] = result.entry
        return Loaded(files, self.folder_errors, self.photos, entries)


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def load_one(path: str, folder: str, slug: str, old: FileResult | None = None) -> FileResult:
    stamp = _stamp(path)
    source, errors = load_file(Path(path), folder, slug)
    digest = source.digest if source is not None else None
    if old is not None and old.folder == folder and old.slug == slug and digest is not None and old.digest == digest:
        old.stamp = stamp  # saved without a change: the same objects, so nothing after this changes
        return old
    if source is None:
        return FileResult(folder, slug, stamp, None, None, unreadable_file(folder, slug, path), errors, unknown=frozenset({""}))
    misnamed = not well_named(path, slug)  # its name is an error (folder.py): a placeholder, never an entry
    checked = validate_source(source, read_errors=bool(errors) or misnamed)
    entry, stand_in = (checked.entry, None) if checked.valid else (None, checked.entry)
    return FileResult(folder, slug, stamp, digest, entry, stand_in, errors + checked.errors, checked.warnings, checked.unknown)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def cached(path: str, folder: str, slug: str, cache: EntryCache) -> FileResult | None:
    """The file's result from the cache, when a file of these bytes was loaded before."""
    stamp = _stamp(path)
    raw = _read(path)
    if raw is None:
        return None
    key = cache.key(path, folder, slug, raw)
    hit = cache.get(key, folder, slug, stamp)
    if hit is not None:
        cache.used.add(key)
    return hit


def load_to_cache(path: str, folder: str, slug: str, cache: EntryCache) -> FileResult:
    """`load_one`, and its result kept for the cache."""
    raw = _read(path)
    result = load_one(path, folder, slug)
    if raw is not None and result.digest == hashlib.blake2b(raw, digest_size=16).digest():  # not changed meanwhile
        key = cache.key(path, folder, slug, raw)
        cache.used.add(key)
        cache.new.append(cache.row(key, result))
    return result


def load_all(
    content_dir: Path,
    jobs: int,
    previous: Loaded | None = None,
    changed: Collection[str] | None = None,
    cache: EntryCache | None = None,
) -> Loaded:
    """Load every file under `content_dir`; `changed` (loader paths) are read again whatever their stamp.
    With `cache` (a build without `previous`), files loaded by an earlier build come from it."""
    changed = set(changed or ())
    if previous is not None and changed:
        flagged = {e.path for e in previous.folder_errors}
        flagged |= {os.path.join(os.path.dirname(index), name) for index, names in previous.photos.items() for name in names}
        changed = {p for p in changed if os.path.lexists(p) or p in previous.files or p in flagged}
        if not changed:
            return previous  # an editor's temporary file, already gone: nothing to read
    if previous is not None and changed and all(_still_a_file(p, previous) for p in changed):
        # only files that exist were changed: no walk needed
        return previous.updated({path: _again(path, previous.files[path]) for path in changed})
    paths, folder_errors, photos = content_files(content_dir)
    old_files = previous.files if previous is not None else {}
    results: dict[str, FileResult | None] = {}
    todo: list[tuple[str, str, str]] = []
    for path, folder, slug in paths:
        old = old_files.get(path)
        if (
            old is not None
            and path not in changed
            and old.folder == folder
            and old.slug == slug
            and old.stamp is not None
            and old.stamp == _stamp(path)
        ):
            results[path] = old
        else:
            results[path] = None
            todo.append((path, folder, slug))

    if cache is not None and cache.readable():
        # Hits here, in this process: sending a loaded file back from a worker costs about as much
        # as decoding it from the cache. Only the misses go to the workers.
        for path, folder, slug in todo:
            results[path] = cached(path, folder, slug, cache)
        cache.close()
        missed = [item for item in todo if results[item[0]] is None]
        cache.hits, todo = len(todo) - len(missed), missed

    def task(part: Sequence[tuple[str, str, str]]) -> tuple[list[FileResult], tuple | None]:
        if cache is None:
            return [load_one(path, folder, slug, old_files.get(path)) for path, folder, slug in part], None
        cache.used, cache.new = set(), []  # this chunk's, sent back
        return [load_to_cache(path, folder, slug, cache) for path, folder, slug in part], (cache.used, cache.new)

    parts = chunks(todo, jobs)
    used, new = (cache.used, cache.new) if cache is not None else (set(), [])
    for part, (loaded, kept) in zip(parts, map_chunks(task, parts, jobs), strict=True):
        for (path, _folder, _slug), result in zip(part, loaded, strict=True):
            results[path] = result
        if kept is not None:
            used, new = used | kept[0], new + kept[1]
    if cache is not None:
        cache.misses, cache.used, cache.new = len(todo), used, new
    return Loaded({p: r for p, r in results.items() if r is not None}, folder_errors, photos)


def _again(path: str, old: FileResult) -> FileResult:
    return load_one(path, old.folder, old.slug, old)


def _still_a_file(path: str, previous: Loaded) -> bool:
    return path in previous.files and os.path.isfile(path) and not os.path.islink(path)
