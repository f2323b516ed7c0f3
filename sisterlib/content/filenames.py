"""The rules for the names of content files, entries' folders and photos, each with the name
to use instead (SECURITY-NOTES R11, R12, §11). A name that breaks a rule still stands for
something: the slug (or photo name) it should have, so the file is read, and files naming
it by that name get no error of their own (folder.py, resolve/images.py).
"""

from __future__ import annotations

import re
from pathlib import PureWindowsPath

from ..errors import ContentError, show
from .slugs import suggest_slug

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_PHOTO_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.))*$")
_TEXT_SUFFIXES = (".md", ".md.txt", ".txt", ".markdown")


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
            f"rename the file to {meant_photo_name(base)}",
        )
    return None


def meant_photo_name(name: str) -> str:
    """The name a photo's file should have (`IMG 2041 (1).JPG` -> `img-2041-1.jpg`), or "" when
    it is no photo's name at all (another format, a path)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or f".{ext.lower()}" not in PHOTO_SUFFIXES or "/" in name or "\\" in name:
        return ""
    return f"{suggest_slug(stem)}.{ext.lower()}" if _PHOTO_NAME.match(name) is None else name


def file_name_problem(path: str, name: str) -> ContentError | None:
    """The error of a content file's name (`<slug>.md`), or None."""
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
    if _reserved(stem):
        return ContentError(path, 1, f"'{stem}' is a reserved file name on Windows", f"rename it to {stem}-library.md")
    return None


def folder_name_problem(path: str, name: str) -> ContentError | None:
    """The error of an entry's own folder's name (`<slug>/`), or None."""
    if not SLUG_RE.match(name):
        return ContentError(
            path,
            1,
            f"the folder name '{show(name)}' is not allowed: use only lowercase letters a-z, digits 0-9 and hyphens",
            f"rename it to {meant_folder_slug(name) or suggest_slug(name)}",
        )
    if _reserved(name):
        return ContentError(path, 1, f"'{name}' is a reserved file name on Windows", f"rename it to {name}-library")
    return None


def meant_slug(name: str) -> str:
    """The slug a wrongly named text file stands for ("" for other files: pictures are not read)."""
    lower = name.lower()
    for suffix in _TEXT_SUFFIXES[::-1]:
        if lower.endswith(suffix) and len(name) > len(suffix):
            slug = suggest_slug(name[: -len(suffix)].removesuffix(".md").removesuffix(".MD"))
            return slug if not _reserved(slug) else ""
    return ""


def meant_folder_slug(name: str) -> str:
    """The slug an entry's wrongly named folder stands for (`Holiday Visit` -> holiday-visit)."""
    slug = suggest_slug(name.removesuffix(".md").removesuffix(".MD"))
    return slug if slug and not _reserved(slug) else ""


def _reserved(stem: str) -> bool:
    return PureWindowsPath(stem).is_reserved() or stem.upper() in {"CON", "PRN", "AUX", "NUL"}
