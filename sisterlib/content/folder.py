"""The content folder: which files are content (the rules for their names: filenames.py).

An entry is `content/<kind folder>/<slug>.md`, or `content/<kind folder>/<slug>/index.md` with
its photos beside it (kinds.py: the layout). Symbolic links are never followed, no deeper
folder is read, a slug must be one (it becomes the page's address), and only photos (JPEG,
PNG, WebP) sit beside an index.md: anything else is an error with the name to use instead
(SECURITY-NOTES R11, R12, §11).

A wrongly named text file (`My Visit.md`, `photo-story.md.txt`), an entry's folder with a
wrong name (`Holiday Visit/index.md`) and a wrongly named index (`Index.md`, `index.md.txt`)
are read too, under the slug they should have, so their other mistakes come out in the same
run and files that name them by that slug get no error; loading makes them placeholders.
A wrongly named photo is listed as it is: resolve/images.py knows it by the name it should have.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from pathlib import Path

from ..errors import ContentError
from .filenames import PHOTO_SUFFIXES, file_name_problem, folder_name_problem, meant_folder_slug, meant_slug, photo_name_problem
from .kinds import BUNDLE_INDEX, FOLDERS
from .translations import translation_index, translation_name

Photos = dict[str, tuple[str, ...]]  # an entry's index.md (as the loader names it) -> its photos' file names
File = tuple[str, str, str]  # (path, kind folder, slug)


def content_files(content_dir: Path) -> tuple[list[File], list[ContentError], Photos]:
    """Every content file under `content_dir` as (path, folder, slug); the problems of the
    folder itself (unknown folders, links, deeper folders, file names); and the photos beside
    each entry's index.md."""
    files: list[File] = []
    errors: list[ContentError] = []
    photos: Photos = {}
    if not content_dir.is_dir():
        errors.append(ContentError(str(content_dir), 1, "the content folder does not exist", "pass --content DIR"))
        return files, errors, photos
    for entry in sorted(os.scandir(content_dir), key=lambda e: e.name):
        path = os.path.join(str(content_dir), entry.name)
        if entry.name.startswith(".") or entry.name in ("README.md",):
            continue
        if entry.is_symlink():
            errors.append(_symlink_error(path))
        elif entry.is_dir() and entry.name in FOLDERS:
            errors.extend(_scan_folder(Path(path), entry.name, files, photos))
        else:
            close = difflib.get_close_matches(entry.name.lower(), FOLDERS, n=1, cutoff=0.6)
            hint = f"did you mean {content_dir}/{close[0]}/? " if close and entry.is_dir() else ""
            errors.append(
                ContentError(path, 1, "this is not one of the content folders", f"{hint}put content in {', '.join(FOLDERS)}")
            )
    return files, errors, photos


def well_named(path: str, slug: str) -> bool:
    """Whether the file is named as its slug says: `<slug>.md` or `<slug>/index.md`."""
    parent, name = os.path.split(path)
    return name == f"{slug}.md" or (name == BUNDLE_INDEX and os.path.basename(parent) == slug)


def _symlink_error(path: str) -> ContentError:
    return ContentError(path, 1, "symbolic links are not followed in the content folder", "copy the file here instead")


def _scan_folder(folder: Path, kind: str, files: list[File], photos: Photos) -> list[ContentError]:
    errors: list[ContentError] = []
    seen: dict[str, str] = {}  # folded name -> first path, for case/normalisation twins
    slugs: dict[str, str] = {}  # slug -> the first file of it: x.md and x/index.md are one entry twice
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = os.path.join(str(folder), entry.name)
        if entry.name.startswith(".") or translation_name(entry.name) and entry.is_file(follow_symlinks=False):
            continue  # a translation (`<slug>.bg.md`): read by translations.py
        if entry.is_symlink():
            errors.append(_symlink_error(path))
            continue
        if entry.is_dir():
            found = _scan_bundle(Path(path), entry.name, errors, photos)
            if found and (not well_named(*found) or _unique_slug(found[1], found[0], slugs, errors)):
                files.append((found[0], kind, found[1]))
            continue
        if entry.name.lower().endswith(PHOTO_SUFFIXES + (".svg", ".gif", ".heic")):
            errors.append(
                ContentError(
                    path,
                    1,
                    "photos are not read here: they sit beside the text, in the entry's own folder",
                    f"make a folder for the entry, {folder}/<its file name>/, move its .md file into it as index.md,"
                    " and put the photo beside it",
                )
            )
            continue
        folded = unicodedata.normalize("NFC", entry.name).casefold()
        if folded in seen:
            errors.append(
                ContentError(
                    path,
                    1,
                    f"this file name differs from {seen[folded]} only by case or accents",
                    "keep one of the two files; on Windows and macOS they are the same file",
                )
            )
            continue
        seen[folded] = path
        name_error = file_name_problem(path, entry.name)
        if name_error:
            errors.append(name_error)
            meant = meant_slug(entry.name)
            if meant:
                files.append((path, kind, meant))  # a placeholder: never an entry, so never a second one
            continue
        if _unique_slug(entry.name[: -len(".md")], path, slugs, errors):
            files.append((path, kind, entry.name[: -len(".md")]))
    return errors


def _unique_slug(slug: str, path: str, slugs: dict[str, str], errors: list[ContentError]) -> bool:
    if slug in slugs:
        errors.append(
            ContentError(
                path, 1, f"this entry is also {slugs[slug]}", "keep one of the two: the text in index.md, beside the photos"
            )
        )
        return False
    slugs[slug] = path
    return True


def _scan_bundle(folder: Path, name: str, errors: list[ContentError], photos: Photos) -> tuple[str, str] | None:
    """An entry's own folder: (its index.md, its slug), returned, and its photos (added to
    `photos`). A wrong folder name, or a wrongly named index, is an error, and the entry is
    still read, under the slug it should have."""
    path = str(folder)
    index = os.path.join(path, BUNDLE_INDEX)
    names: list[str] = []
    problems: list[ContentError] = []
    misnamed: list[str] = []  # `Index.md`, `index.md.txt`: the index, wrongly named
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        file = os.path.join(path, entry.name)
        if entry.name.startswith(".") or entry.name == BUNDLE_INDEX and entry.is_file(follow_symlinks=False):
            continue
        if translation_index(entry.name) and entry.is_file(follow_symlinks=False):
            continue  # `index.bg.md`: read by translations.py
        if entry.is_symlink():
            problems.append(_symlink_error(file))
        elif entry.is_dir():
            problems.append(
                ContentError(file, 1, "folders inside an entry's folder are not read", f"put the photos directly in {path}")
            )
        elif meant_slug(entry.name) == "index":
            misnamed.append(file)
        elif entry.name.lower().endswith(".md"):
            problems.append(
                ContentError(
                    file, 1, "only index.md is read in an entry's folder", f"put the text in {index}; one entry, one file"
                )
            )
        else:
            problem = photo_name_problem(entry.name)
            if problem and not entry.name.lower().endswith((*PHOTO_SUFFIXES, ".svg")):
                problem = ("only photos (JPEG, PNG or WebP) can sit beside index.md", "move this file out of the content folder")
            if problem:
                problems.append(ContentError(file, 1, *problem))
            if not problem or entry.name.lower().endswith(PHOTO_SUFFIXES):
                names.append(entry.name)  # a wrongly named photo too: known by the name it should have
    if not os.path.isfile(index) or os.path.islink(index):
        if len(misnamed) != 1:
            errors.append(
                ContentError(
                    path,
                    1,
                    "sub-folders are not read, but an entry's own folder with its index.md and photos",
                    f"move the files directly into {folder.parent}, or keep an entry's text in {index}",
                )
            )
            return None
        index = misnamed.pop()
        index_error = file_name_problem(index, os.path.basename(index))
        assert index_error is not None  # its name is not index.md
        problems.append(index_error)
    problems += [
        ContentError(file, 1, "only index.md is read in an entry's folder", f"put the text in {index}; one entry, one file")
        for file in misnamed
    ]
    name_error = folder_name_problem(path, name)
    slug = meant_folder_slug(name) if name_error else name
    if not slug:
        errors.append(name_error)  # type: ignore[arg-type]  # a reserved name: nothing to read it as
        return None
    errors.extend([name_error] if name_error else [])
    errors.extend(problems)
    photos[index] = tuple(names)
    return index, slug
