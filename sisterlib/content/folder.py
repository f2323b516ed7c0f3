"""The content folder: which files are content, and the rules for their names.

An entry is `content/<kind folder>/<slug>.md`, or `content/<kind folder>/<slug>/index.md` with
its photos beside it (kinds.py: the layout). Symbolic links are never followed, no deeper
folder is read, a slug must be one (it becomes the page's address), and only photos (JPEG,
PNG, WebP) sit beside an index.md: anything else is an error with the name to use instead
(SECURITY-NOTES R11, R12, §11).
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path, PureWindowsPath

from ..errors import ContentError, show
from .kinds import BUNDLE_INDEX, FOLDERS
from .slugs import suggest_slug

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_PHOTO_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.))*$")
Photos = dict[str, tuple[str, ...]]  # an entry's index.md (as the loader names it) -> its photos' file names


def photo_name_problem(name: str) -> tuple[str, str] | None:
    """Why `name` cannot be a photo's file name (message, hint), or None."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    suffix = f".{ext.lower()}" if dot else ""
    if "/" in name or "\\" in name:
        return (
            f"'{show(name)}' is a path: photos sit beside the entry's index.md, in the entry's own folder",
            f"put the photo there and write only its file name: {show(base)}",
        )
    if suffix == ".svg":
        return (
            "SVG drawings are not published: they can carry script and links to other sites",
            "export it as PNG and use the PNG",
        )
    if suffix not in PHOTO_SUFFIXES:
        return (f"'{show(name)}' is not the name of a JPEG, PNG or WebP photo", "photos end in .jpg, .jpeg, .png or .webp")
    if not _PHOTO_NAME.match(base):
        return (
            f"the photo's file name '{show(name)}' is not allowed: use letters, digits, hyphens and underscores",
            f"rename the file to {suggest_slug(stem)}{suffix}",
        )
    return None


def content_files(content_dir: Path) -> tuple[list[tuple[str, str]], list[ContentError], Photos]:
    """Every content file under `content_dir` with its folder, as (path, folder); the problems
    of the folder itself (unknown folders, links, deeper folders, file names); and the photos
    beside each entry's index.md."""
    files: list[tuple[str, str]] = []
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


def _symlink_error(path: str) -> ContentError:
    return ContentError(path, 1, "symbolic links are not followed in the content folder", "copy the file here instead")


def _scan_folder(folder: Path, kind: str, files: list[tuple[str, str]], photos: Photos) -> list[ContentError]:
    errors: list[ContentError] = []
    seen: dict[str, str] = {}  # folded name -> first path, for case/normalisation twins
    slugs: dict[str, str] = {}  # slug -> the first file of it: x.md and x/index.md are one entry twice
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = os.path.join(str(folder), entry.name)
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            errors.append(_symlink_error(path))
            continue
        if entry.is_dir():
            index = _scan_bundle(Path(path), entry.name, errors, photos)
            if index and _unique_slug(entry.name, index, slugs, errors):
                files.append((index, kind))
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
        name_error = _check_file_name(path, entry.name)
        if name_error:
            errors.append(name_error)
            continue
        if _unique_slug(entry.name[: -len(".md")], path, slugs, errors):
            files.append((path, kind))
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


def _scan_bundle(folder: Path, name: str, errors: list[ContentError], photos: Photos) -> str | None:
    """An entry's own folder: its index.md (returned) and its photos (added to `photos`)."""
    path = str(folder)
    if not SLUG_RE.match(name):
        errors.append(
            ContentError(
                path,
                1,
                f"the folder name '{show(name)}' is not allowed: use only lowercase letters a-z, digits 0-9 and hyphens",
                f"rename it to {suggest_slug(name)}",
            )
        )
        return None
    index = os.path.join(path, BUNDLE_INDEX)
    names: list[str] = []
    problems: list[ContentError] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        file = os.path.join(path, entry.name)
        if entry.name.startswith(".") or entry.name == BUNDLE_INDEX and entry.is_file(follow_symlinks=False):
            continue
        if entry.is_symlink():
            problems.append(_symlink_error(file))
        elif entry.is_dir():
            problems.append(
                ContentError(file, 1, "folders inside an entry's folder are not read", f"put the photos directly in {path}")
            )
        elif entry.name.lower().endswith(".md"):
            problems.append(
                ContentError(
                    file, 1, "only index.md is read in an entry's folder", f"put the text in {index}; one entry, one file"
                )
            )
        else:
            problem = photo_name_problem(entry.name)
            if problem:
                message, hint = problem
                if not entry.name.lower().endswith((*PHOTO_SUFFIXES, ".svg")):
                    message, hint = (
                        "only photos (JPEG, PNG or WebP) can sit beside index.md",
                        "move this file out of the content folder",
                    )
                problems.append(ContentError(file, 1, message, hint))
            else:
                names.append(entry.name)
    if not os.path.isfile(index) or os.path.islink(index):
        errors.append(
            ContentError(
                path,
                1,
                "sub-folders are not read, but an entry's own folder with its index.md and photos",
                f"move the files directly into {folder.parent}, or keep an entry's text in {index}",
            )
        )
        return None
    errors.extend(problems)
    photos[index] = tuple(names)
    return index


def _check_file_name(path: str, name: str) -> ContentError | None:
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() != "md":
        base = stem if dot and len(ext) <= 8 else name  # "story.txt" -> story.md, "notes" -> notes.md
        return ContentError(path, 1, "only Markdown files ending in .md are read here", f"rename it to {suggest_slug(base)}.md")
    while stem.lower().endswith(".md"):  # "story.md.md", as some editors save it
        stem = stem[:-3]
    if not SLUG_RE.match(stem) or ext != "md" or stem != name[:-3]:
        return ContentError(
            path,
            1,
            f"the file name '{show(name)}' is not allowed: use only lowercase letters a-z, digits 0-9 and hyphens, then .md",
            f"rename it to {suggest_slug(stem)}.md",
        )
    if PureWindowsPath(stem).is_reserved() or stem.upper() in {"CON", "PRN", "AUX", "NUL"}:
        return ContentError(path, 1, f"'{stem}' is a reserved file name on Windows", f"rename it to {stem}-library.md")
    return None
