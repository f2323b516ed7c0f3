"""The load stage: every content file read, parsed and validated once, in parallel.

The folder walk and the file-name rules run here (folder.py); reading, the strict YAML and
validation of each file run in worker processes, a contiguous run of files each, and only the
results come back. With `previous` (what the last call returned: the preview keeps it), a file
is read again only when it is among `changed` or its size or modification time differ, and a
file saved with the same bytes keeps its objects, so no later stage sees a change.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError
from ..parallel import chunks, map_chunks
from .folder import Photos, content_files
from .model import Entry
from .read import Source, load_file
from .validate import validate_source

Key = tuple[str, str]
Stamp = tuple[int, int]  # (mtime_ns, size)


@dataclass(eq=False)
class FileResult:
    """One content file as loading left it."""

    folder: str
    stamp: Stamp | None
    digest: bytes | None  # of its bytes (None: unreadable); a file saved with the same bytes keeps its result
    entry: Entry | None  # the file as an entry, when it is valid
    failed: Source | None  # the file as read, when it did not validate: its body is still checked
    errors: list[ContentError]


@dataclass
class Loaded:
    files: dict[str, FileResult]  # path as the loader writes it -> result, in folder order
    folder_errors: list[ContentError] = field(default_factory=list)
    photos: Photos = field(default_factory=dict)  # the photos beside each entry's index.md (folder.py)
    _entries: dict[Key, Entry] | None = field(default=None, repr=False)

    def entries(self) -> dict[Key, Entry]:
        """The valid entries (the same dict on every call: do not change it)."""
        if self._entries is None:
            self._entries = {r.entry.key: r.entry for r in self.files.values() if r.entry is not None}
        return self._entries

    def failed(self) -> list[Source]:
        return [r.failed for r in self.files.values() if r.failed is not None]

    def errors(self) -> list[ContentError]:
        return self.folder_errors + [e for r in self.files.values() if r.errors for e in r.errors]

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


def load_one(path: str, folder: str, old: FileResult | None = None) -> FileResult:
    stamp = _stamp(path)
    source, errors = load_file(Path(path), folder)
    digest = source.digest if source is not None else None
    if old is not None and old.folder == folder and digest is not None and old.digest == digest:
        old.stamp = stamp  # saved without a change: the same objects, so nothing after this changes
        return old
    if source is None:
        return FileResult(folder, stamp, None, None, None, errors)
    entry, problems = validate_source(source)
    return FileResult(folder, stamp, digest, entry, source if entry is None else None, errors + problems)


def load_all(content_dir: Path, jobs: int, previous: Loaded | None = None, changed: Collection[str] | None = None) -> Loaded:
    """Load every file under `content_dir`; `changed` (loader paths) are read again whatever their stamp."""
    changed = set(changed or ())
    if previous is not None and changed:
        flagged = {e.path for e in previous.folder_errors}
        flagged |= {os.path.join(os.path.dirname(index), name) for index, names in previous.photos.items() for name in names}
        changed = {p for p in changed if os.path.lexists(p) or p in previous.files or p in flagged}
        if not changed:
            return previous  # an editor's temporary file, already gone: nothing to read
    if previous is not None and changed and all(_still_a_file(p, previous) for p in changed):
        # only files that exist were changed: no walk needed
        return previous.updated({path: load_one(path, previous.files[path].folder, previous.files[path]) for path in changed})
    paths, folder_errors, photos = content_files(content_dir)
    old_files = previous.files if previous is not None else {}
    results: dict[str, FileResult | None] = {}
    todo: list[tuple[str, str]] = []
    for path, folder in paths:
        old = old_files.get(path)
        if (
            old is not None
            and path not in changed
            and old.folder == folder
            and old.stamp is not None
            and old.stamp == _stamp(path)
        ):
            results[path] = old
        else:
            results[path] = None
            todo.append((path, folder))

    def task(part: Sequence[tuple[str, str]]) -> list[FileResult]:
        return [load_one(path, folder, old_files.get(path)) for path, folder in part]

    parts = chunks(todo, jobs)
    for part, loaded in zip(parts, map_chunks(task, parts, jobs), strict=True):
        for (path, _folder), result in zip(part, loaded, strict=True):
            results[path] = result
    return Loaded({p: r for p, r in results.items() if r is not None}, folder_errors, photos)


def _still_a_file(path: str, previous: Loaded) -> bool:
    return path in previous.files and os.path.isfile(path) and not os.path.islink(path)
