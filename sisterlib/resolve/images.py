"""The photo stage: every photo an entry shows (its `image` field and its `![...](photo.jpg)`),
found beside its index.md, checked, and processed once (output/imaging.py, cached by
cache/images.py), in worker processes.

A photo is named in content only as a file name (checked in content/folder.py); it is looked
up among the photos the folder walk found beside that entry's index.md and never joined into
a path before that (SECURITY-NOTES R11). Every problem is an error at the line that names the
photo: no folder, no such file, not a real JPEG, PNG or WebP, over the limits, damaged. A
photo beside an index.md that nothing shows is an error too: every published photo needs its
description.

The stage keeps what it found for each file with the file's stamp (the preview keeps the
stage between builds): a photo whose file did not change is not read again.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from ..cache.images import ImageCache
from ..content.filenames import meant_photo_name, meant_slug, photo_name_problem
from ..content.folder import Photos
from ..content.model import Entry
from ..errors import ContentError, show
from ..output import imaging
from ..parallel import map_chunks
from .markdown_photos import PhotoLink

Stamp = tuple[int, int, int]  # (mtime_ns, size, inode)


@dataclass(frozen=True)
class Picture:
    """A processed photo: its name (a hash of its bytes and the settings) and published sizes."""

    name: str
    sizes: tuple[tuple[int, int], ...]  # (width, height), smallest first
    folder: str  # where its files are (the image cache; "" when `check` made none): never published

    @property
    def width(self) -> int:
        return self.sizes[-1][0]

    @property
    def height(self) -> int:
        return self.sizes[-1][1]

    def file(self, width: int, suffix: str) -> str:
        return os.path.join(self.folder, f"{self.name}-{width}.{suffix}")


@dataclass(frozen=True)
class Shown:
    """A photo as one entry shows it, with its description."""

    picture: Picture
    alt: str


@dataclass(frozen=True)
class EntryPhotos:
    cover: Shown | None  # the `image` field
    body: tuple[Shown | None, ...]  # one per photo mark of the body (None: refused, with an error)

    @property
    def shown(self) -> tuple[Shown, ...]:
        """Every photo the entry shows, cover first, each once."""
        seen: dict[str, Shown] = {}
        for item in (self.cover, *self.body):
            if item is not None:
                seen.setdefault(item.picture.name, item)
        return tuple(seen.values())


NO_PHOTOS = EntryPhotos(None, ())


@dataclass(frozen=True)
class Owner:
    """Whose photos: an entry, or the placeholder of a file with errors, with its body's photos."""

    key: Hashable
    path: str
    cover: tuple[str, str, int] | None  # the `image` field: (file name, description, line)
    photos: tuple[PhotoLink, ...]
    body_line: int
    known: bool = True  # whether every photo it shows is known (False: its `image` field could not be read)


def owner_of(
    key: Hashable, path: str, entry: Entry, photos: tuple, body_line: int, unknown: frozenset[str] = frozenset()
) -> Owner:
    """The photos an entry shows. A file with errors is its placeholder (content/placeholders.py):
    the photo of a readable `image` field is checked too; `unknown` are the fields it could not
    read (content/loading.FileResult.unknown)."""
    image = getattr(entry, "image", "")
    cover = (image, getattr(entry, "image_alt", ""), entry.line("image")) if image else None
    return Owner(key, path, cover, photos, body_line, known=not {"image", ""} & unknown)


@dataclass
class PhotoStats:
    processed: int = 0  # photos encoded now
    kept: int = 0  # photos taken from the cache or the last call
    seconds: float = 0.0
    used: set[str] = field(default_factory=set)  # names of every photo shown


Found = tuple[str, tuple[tuple[int, int], ...]] | tuple[None, tuple[str, str]]  # (name, sizes) or (None, (message, hint))


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class PhotoStage:
    """What each photo file was found to be, with its stamp, kept between calls."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[Stamp, Found]] = {}

    def run(
        self, owners: Sequence[Owner], bundles: Photos, cache: ImageCache | None, jobs: int
    ) -> tuple[dict[Hashable, EntryPhotos], list[ContentError], PhotoStats]:
        """The photos of every owner that shows any (the others are left out of the result).
        With `cache`, every photo's files are made (or found) there; without (`check`),
        photos are only checked from their headers."""
        started = time.perf_counter()
        errors: list[ContentError] = []
        refs: dict[Hashable, list[tuple[str, str, int, str | None]]] = {}  # owner -> (name, alt, line, file)
        shown_in: dict[str, set[str]] = {}  # index.md -> names it shows
        owners = [o for o in owners if o.cover or o.photos or o.path in bundles]  # the others show none
        for owner in owners:
            wanted: list[tuple] = [owner.cover] if owner.cover else []
            wanted += [(p.name, p.alt, p.line + owner.body_line) for p in owner.photos]
            refs[owner.key] = []
            for name, alt, line in wanted:
                file = self._file(owner.path, name, line, bundles, errors)
                refs[owner.key].append((name, alt, line, file))
                shown_in.setdefault(owner.path, set()).add(name)
        files = sorted({file for items in refs.values() for *_, file in items if file})
        found, stats = self._find(files, cache, jobs)
        results: dict[Hashable, EntryPhotos] = {}
        for owner in owners:
            shown: list[Shown | None] = []
            for name, alt, line, file in refs[owner.key]:
                result = found.get(file) if file else None
                if result is not None and result[0] is None:
                    message, hint = result[1]
                    errors.append(ContentError(owner.path, line, f"the photo {show(name)}: {message}", hint))
                    result = None
                if result is not None:
                    stats.used.add(result[0])
                picture = Picture(result[0], result[1], str(cache.dir) if cache else "") if result else None  # type: ignore[arg-type]
                shown.append(Shown(picture, alt) if picture else None)
            cover, body = (shown[0], shown[1:]) if owner.cover else (None, shown)
            results[owner.key] = EntryPhotos(cover, tuple(body))
        validated = {owner.path for owner in owners if owner.known}
        for index, names in bundles.items():
            if index not in validated:
                continue  # its fields could not be read: which photos it shows is not known
            for name in names:
                if photo_name_problem(name) is not None:
                    continue  # a wrongly named photo: its name is its error (content/folder.py), said once
                if name not in shown_in.get(index, ()):
                    errors.append(
                        ContentError(
                            os.path.join(os.path.dirname(index), name),
                            1,
                            "this photo is not shown: every photo beside index.md needs its place and description",
                            f"show it with ![what it shows]({name}) in {index}, or with image: {name} and image_alt:; or delete it",
                        )
                    )
        stats.seconds = time.perf_counter() - started
        return results, errors, stats

    @staticmethod
    def _file(path: str, name: str, line: int, bundles: Photos, errors: list[ContentError]) -> str | None:
        """The photo's file, when it is beside the entry's index.md (an error when it is not)."""
        folder = os.path.dirname(path)
        if path not in bundles:  # a single file (or a wrongly named index: it is in `bundles`)
            slug = meant_slug(os.path.basename(path)) or os.path.basename(path).removesuffix(".md")  # `My Visit.md`: my-visit
            errors.append(
                ContentError(
                    path,
                    line,
                    f"the photo {show(name)} has no folder to be in: photos sit beside the text, in the entry's own folder",
                    f"move {path} to {os.path.join(folder, slug, 'index.md')} and put {show(name)} beside it",
                )
            )
            return None
        well_named = [n for n in bundles[path] if photo_name_problem(n) is None]
        if name not in well_named and name in {meant_photo_name(n) for n in bundles[path]}:
            return None  # the photo's file is wrongly named: that is its error (content/folder.py), not this line's
        if name not in bundles[path]:
            close = difflib.get_close_matches(name.lower(), [n.lower() for n in well_named], n=1, cutoff=0.6)
            spelled = {n.lower(): n for n in well_named}
            hint = (
                f"did you mean {spelled[close[0]]}? (file names must match exactly)"
                if close
                else f"add the photo to {folder}/ (on GitHub: open the folder, then Add file, Upload files)"
            )
            errors.append(ContentError(path, line, f"there is no photo {show(name)} beside this file", hint))
            return None
        return os.path.join(folder, name)

    def _find(self, files: list[str], cache: ImageCache | None, jobs: int) -> tuple[dict[str, Found], PhotoStats]:
        stats = PhotoStats()
        found: dict[str, Found] = {}
        todo: list[tuple[str, Stamp | None]] = []
        for file in files:
            stamp = _stamp(file)
            known = self.known.get(file)
            if stamp is not None and known is not None and known[0] == stamp and _still_there(known[1], cache):
                found[file] = known[1]
                stats.kept += 1
            else:
                todo.append((file, stamp))

        def task(part: Sequence[tuple[str, Stamp | None]]) -> list[tuple[Found, bool]]:
            return [_examine(file, cache) for file, _ in part]

        size = max(1, -(-len(todo) // max(1, jobs * 4)))  # photos are slow: small chunks, every core busy
        parts = [todo[i : i + size] for i in range(0, len(todo), size)]
        for part, results in zip(parts, map_chunks(task, parts, jobs), strict=True):
            for (file, stamp), (result, processed) in zip(part, results, strict=True):
                found[file] = result
                stats.processed += processed
                stats.kept += not processed
                if stamp is not None:
                    self.known[file] = (stamp, result)
        for file in self.known.keys() - set(files):
            del self.known[file]
        return found, stats


def _still_there(result: Found, cache: ImageCache | None) -> bool:
    """A photo kept from the last call still has its files (someone may have emptied the cache)."""
    return result[0] is None or cache is None or cache.has(result[0], result[1])  # type: ignore[arg-type]


def _examine(file: str, cache: ImageCache | None) -> tuple[Found, bool]:
    """(name and sizes, or the problem), and whether the photo was processed now."""
    try:
        if os.path.getsize(file) > imaging.MAX_BYTES:
            raise imaging.too_many_bytes(os.path.getsize(file))
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # the walk saw a file, not a link: keep it so
        with os.fdopen(fd, "rb") as f:
            data = f.read()
        name = imaging.photo_name(data)
        sizes = imaging.inspect(data).sizes
        if cache is None or cache.has(name, sizes):
            return (name, sizes), False
        cache.store(name, imaging.process(data))
        return (name, sizes), True
    except imaging.BadImage as bad:
        return (None, (bad.message, bad.hint)), False
    except OSError as exc:
        return (None, (f"the file cannot be read ({exc.strerror})", "check its permissions")), False
