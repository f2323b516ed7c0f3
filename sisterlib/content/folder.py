"""The content folder: which files are content, and the rules for their names.

Only `content/<kind folder>/<slug>.md` is read. Symbolic links are never followed, sub-folders
are not read, and a file name must be a slug (it becomes the page's address): anything else
is an error with the name to use instead (SECURITY-NOTES R11, R12).
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path, PureWindowsPath

from ..errors import ContentError, show
from .kinds import FOLDERS
from .slugs import suggest_slug

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def content_files(content_dir: Path) -> tuple[list[tuple[str, str, str]], list[ContentError]]:
    """Every content file under `content_dir` as (path, folder, slug), and the problems of the
    folder itself: unknown folders, links, sub-folders, file names. A text file with a wrong
    name (`My Visit.md`, `photo-story.md.txt`) is listed too, under the slug its name should
    have, so its other mistakes come out in the same run and files that name it by that slug
    get no error."""
    files: list[tuple[str, str, str]] = []
    errors: list[ContentError] = []
    if not content_dir.is_dir():
        errors.append(ContentError(str(content_dir), 1, "the content folder does not exist", "pass --content DIR"))
        return files, errors
    for entry in sorted(os.scandir(content_dir), key=lambda e: e.name):
        path = os.path.join(str(content_dir), entry.name)
        if entry.name.startswith(".") or entry.name in ("README.md",):
            continue
        if entry.is_symlink():
            errors.append(_symlink_error(path))
        elif entry.is_dir() and entry.name in FOLDERS:
            errors.extend(_scan_folder(Path(path), entry.name, files))
        else:
            close = difflib.get_close_matches(entry.name.lower(), FOLDERS, n=1, cutoff=0.6)
            hint = f"did you mean {content_dir}/{close[0]}/? " if close and entry.is_dir() else ""
            errors.append(
                ContentError(path, 1, "this is not one of the content folders", f"{hint}put content in {', '.join(FOLDERS)}")
            )
    return files, errors


def _symlink_error(path: str) -> ContentError:
    return ContentError(path, 1, "symbolic links are not followed in the content folder", "copy the file here instead")


def _scan_folder(folder: Path, kind: str, files: list[tuple[str, str, str]]) -> list[ContentError]:
    errors: list[ContentError] = []
    seen: dict[str, str] = {}  # folded name -> first path, for case/normalisation twins
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = os.path.join(str(folder), entry.name)
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            errors.append(_symlink_error(path))
            continue
        if entry.is_dir():
            errors.append(ContentError(path, 1, "sub-folders are not read", f"move the files directly into {folder}"))
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
            meant = _meant_slug(entry.name)
            if meant:
                files.append((path, kind, meant))
            continue
        files.append((path, kind, entry.name[:-3]))
    return errors


def _check_file_name(path: str, name: str) -> ContentError | None:
    stem, dot, ext = name.rpartition(".")
    if stem.lower().endswith(".md") and ext.lower() == "txt":  # Notepad's "Text Documents (*.txt)"
        return ContentError(
            path,
            1,
            "only Markdown files ending in .md are read here",
            f"rename it to {suggest_slug(stem[:-3])}.md: remove the .txt that the editor added",
        )
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


_TEXT_SUFFIXES = (".md", ".md.txt", ".txt", ".markdown")


def _meant_slug(name: str) -> str:
    """The slug a wrongly named text file stands for ("" for other files: pictures are not read)."""
    lower = name.lower()
    for suffix in _TEXT_SUFFIXES[::-1]:
        if lower.endswith(suffix) and len(name) > len(suffix):
            slug = suggest_slug(name[: -len(suffix)].removesuffix(".md").removesuffix(".MD"))
            return slug if not PureWindowsPath(slug).is_reserved() else ""
    return ""
