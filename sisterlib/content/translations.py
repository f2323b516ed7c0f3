"""Translations of entries, Hugo's way: `stories/razgrad-reading-marathon.bg.md` (or
`stories/<slug>/index.bg.md` beside the photos) is the Bulgarian text of the story
`stories/razgrad-reading-marathon.md`.

A translation holds only what is written in a language: its `title`, `summary`, `image_alt`,
a partnership's `goals` and `benefits`, and the body. The shared facts (dates, libraries,
partnership, activities, places...) are written once, in the original: repeating one with
the same value is allowed, a different value is an error, since the two pages would then
disagree. Every problem is `path:line: message; hint`, like any content file's.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError, relative, show
from . import codes
from .checks import Invalid
from .fields import FIELDS
from .kinds import BY_FOLDER, FOLDERS, KIND
from .model import Entry
from .read import load_file

TRANSLATED_FIELDS = ("title", "summary", "image_alt", "goals", "benefits")
_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
_INDEX = re.compile(r"^index\.(?P<lang>[a-z]{2})\.md$")


def _language(match: re.Match[str] | None) -> bool:
    return match is not None and codes.language_name(match["lang"]) is not None  # `story.md.md` is no translation


def translation_name(name: str) -> bool:
    """Whether a file name is a translation's (`<slug>.<lang>.md`, an ISO 639-1 code): the folder
    walk leaves these to this module."""
    return _language(_FILE.match(name))


def translation_index(name: str) -> bool:
    """Whether a file in an entry's own folder is a translation of its index.md (`index.<lang>.md`)."""
    return _language(_INDEX.match(name))


@dataclass(frozen=True)
class Translation:
    kind: str
    slug: str
    lang: str
    path: str
    entry: Entry  # the original with this language's fields: what a page in the language shows
    body_line: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)


def translation_files(content_dir: Path) -> TranslationFiles:
    """(path, kind folder, slug, lang) of every translation file, in folder order. Asked on every
    preview save: names are tested before anything else (about 10 ms for 13,000 files)."""
    found = []
    for folder in FOLDERS:
        base = content_dir / folder
        if not base.is_dir() or base.is_symlink():
            continue
        with os.scandir(base) as items:
            for item in items:
                name = item.name
                if name[-6:-5] == "." and name.endswith(".md") and translation_name(name):
                    if item.is_file(follow_symlinks=False):
                        slug, lang = name[:-6], name[-5:-3]  # <slug>.<lang>.md
                        found.append((item.path, folder, slug, lang))
                elif "." not in name and item.is_dir(follow_symlinks=False):  # an entry's own folder
                    with os.scandir(item.path) as inner:
                        for file in inner:
                            if translation_index(file.name) and file.is_file(follow_symlinks=False):
                                found.append((file.path, folder, name, file.name[len("index.") : -len(".md")]))
    return sorted(found)


TranslationFiles = list[tuple[str, str, str, str]]


def same_translation_files(changed: Collection[str]) -> bool:
    """Whether `translation_files` still gives what it gave before these paths changed: each is
    a file that is there and is no translation (a translation saved, made, moved or deleted, or a
    folder, and the folders are walked again)."""
    return all(
        os.path.isfile(path) and not translation_name(os.path.basename(path)) and not translation_index(os.path.basename(path))
        for path in changed
    )


def original_lang(entry: Entry, default: str) -> str:
    """The language an entry's own file is written in (a story says so with `lang`)."""
    return getattr(entry, "lang", "") or default


# What the preview keeps between two reads: path -> (the file's digest, its original, its translation).
# A file read again with the same bytes and the same original keeps its objects, so no page
# that shows it is rendered again.
TranslationMemo = dict[str, tuple[bytes, Entry, Translation]]


def load_translations(
    content_dir: Path,
    languages: tuple[str, ...],
    entries: dict[tuple[str, str], Entry],
    valid: Collection[tuple[str, str]],
    memo: TranslationMemo | None = None,
    files: TranslationFiles | None = None,
) -> tuple[list[Translation], list[ContentError]]:
    """Every translation file (`files`, else found in `content_dir`) read and checked against its
    original (`entries`: the valid ones and the placeholders of files with errors, whose
    translations wait until they are fixed). With `memo`, it is brought up to date with the files read now."""
    kept = dict(memo) if memo is not None else None
    if memo is not None:
        memo.clear()
    translations: list[Translation] = []
    errors: list[ContentError] = []
    claimed: dict[tuple[str, str, str], str] = {}
    for path, folder, slug, lang in translation_files(content_dir) if files is None else files:
        kind = BY_FOLDER[folder].name
        original = entries.get((kind, slug))
        if lang not in languages:
            errors.append(
                ContentError(
                    path, 1, f"'{lang}' is not one of the site's languages ({', '.join(languages)})",
                    f"name the file <slug>.<language>.md with one of {', '.join(languages[1:] or languages)},"
                    " or ask the maintainers to add the language to languages in sisterlib.toml",
                )
            )  # fmt: skip
            continue
        if original is None:
            slugs = [s for k, s in entries if k == kind]
            close = difflib.get_close_matches(slug, slugs, n=1, cutoff=0.6)
            where = f"{folder}/{close[0]}.{lang}.md" if close else f"{folder}/<slug>.{lang}.md"
            errors.append(
                ContentError(
                    path, 1, f"this translates {KIND[kind].source(slug)}, which does not exist",
                    f"name it after the file it translates: {where}",
                )
            )  # fmt: skip
            continue
        if (kind, slug, lang) in claimed:
            errors.append(
                ContentError(
                    path, 1, f"{relative(claimed[kind, slug, lang])} is already the {lang} translation of this {kind}",
                    "keep one of the two files: one translation per language",
                )
            )  # fmt: skip
            continue
        claimed[kind, slug, lang] = path
        if (kind, slug) not in valid:
            continue  # the original has errors of its own: its translation is checked once it is fixed
        if original_lang(original, languages[0]) == lang:
            errors.append(
                ContentError(
                    path, 1, f"{relative(original.path)} is itself written in {lang}: this would translate it into its own language",
                    f"delete this file, or rename it for another language ({', '.join(x for x in languages if x != lang)})",
                )
            )  # fmt: skip
            continue
        translation, problems, digest = _read(Path(path), folder, slug, lang, original)
        errors += problems
        if translation is not None:
            old = kept.get(path) if kept is not None else None
            if old is not None and old[0] == digest and old[1] is original:
                translation = old[2]  # the same bytes of the same original: the same objects
            if memo is not None and digest is not None:
                memo[path] = (digest, original, translation)
            translations.append(translation)
    return translations, errors


def _read(path: Path, folder: str, slug: str, lang: str, original: Entry) -> tuple[Translation | None, list[ContentError]]:
    source, errors = load_file(path, folder, slug)
    if source is None:
        return None, errors
    table = FIELDS[original.kind]
    values: dict[str, Any] = {}
    p = str(path)
    for key, value in source.meta.items():
        line = source.lines.get((key,), source.lines.get((), 1))
        if key not in table:
            errors.append(ContentError(p, line, f"unknown field '{show(key)}' for a {original.kind}", _allowed(original)))
            continue
        try:
            checked = table[key].check(value)
        except Invalid as exc:
            errors.append(ContentError(p, line, exc.message, exc.hint))
            continue
        if key in TRANSLATED_FIELDS and hasattr(original, key):
            values[key] = checked
        elif checked != getattr(original, key, None):
            errors.append(
                ContentError(
                    p, line, f"'{key}' differs from {relative(original.path)}: it is a shared fact, written once in the original",
                    f"remove '{key}' from this translation (or correct it in {relative(original.path)})",
                )
            )  # fmt: skip
    if errors:
        return None, errors, source.digest
    entry = dataclasses.replace(original, path=p, body=source.body, body_line=source.body_line, lines=source.lines, **values)
    return Translation(original.kind, slug, lang, p, entry, source.body_line), [], source.digest


def _allowed(original: Entry) -> str:
    fields = [f for f in TRANSLATED_FIELDS if hasattr(original, f)]
    return f"a translation has only {', '.join(fields)} and its text; the other fields are the original's"
