"""The entry a file stands for, valid or not.

A file with errors still exists for the other files: its slug, and its name, title and
aliases where they could be read, so references to it and wiki links that name it give no
error in files that have none. That stand-in is a *placeholder*: an instance of the kind's
own model class with neutral values where the file's could not be used. Only the reference
checks and the names index see placeholders (reading.read_site); the Site and the output
are never built from one, because a file that gives a placeholder has errors.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from .fields import FIELDS
from .kinds import BY_FOLDER, KIND, KINDS
from .model import ContentDate, Entry
from .read import Source
from .yaml_messages import curly_inner

__all__ = ["belongs_elsewhere", "build_entry", "curly_inner", "placeholder", "unreadable_file"]

# Neutral values for required fields a placeholder could not take from its file.
_NEUTRAL: dict[str, Any] = {
    "title": "",
    "name": "",
    "city": "",
    "country": "",
    "type": "",
    "libraries": (),
    "status": "",
    "date": ContentDate(1000),
}
_NAME_FIELDS = ("name", "title")


def build_entry(source: Source, kind: str, values: dict[str, Any]) -> Entry:
    common = {
        "kind": kind,
        "slug": source.slug,
        "path": source.path,
        "body": source.body,
        "body_line": source.body_line,
        "lines": source.lines,
    }
    values = dict(values)
    if kind == "library":
        values["title"] = values.get("name", "")
    if kind == "partnership":
        values.setdefault("title", "")  # filled from the libraries' cities in references.py
    return KIND[kind].cls(**common, **values)


def placeholder(source: Source, kind: str, values: dict[str, Any]) -> Entry:
    """The entry of a file with errors: its valid values, and its names as written where they are text."""
    cls = KIND[kind].cls
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in values.items() if k in names}
    for key in _NAME_FIELDS:
        if key in names and key not in values:
            raw = _raw_text(source, key)
            if raw:
                values[key] = raw
    if "aliases" in names and "aliases" not in values and isinstance(source.meta.get("aliases"), list):
        values["aliases"] = tuple(a.strip() for a in source.meta["aliases"] if isinstance(a, str) and a.strip())
    for key, neutral in _NEUTRAL.items():
        if key in names:
            values.setdefault(key, neutral)
    return build_entry(source, kind, values)


def unreadable_file(folder: str, slug: str, path: str) -> Entry:
    """The placeholder of a file that could not be read at all: its slug only."""
    source = Source(folder, slug, path, {}, {}, "", 1, b"")
    return placeholder(source, BY_FOLDER[folder].name, {})


def _raw_text(source: Source, key: str) -> str:
    value = source.meta.get(key)
    if isinstance(value, str):
        return value.strip()
    raw = source.unreadable.get(key, "")
    return raw.strip().strip("\"'").strip()


def belongs_elsewhere(source: Source) -> tuple[str, str, str] | None:
    """(folder, message, hint) when the file's fields are another kind's: a story saved in libraries/."""
    keys = [k for k in [*source.meta, *source.unreadable] if k]
    here = BY_FOLDER[source.kind]
    unknown_here = [k for k in keys if k not in FIELDS[here.name]]
    if len(unknown_here) < 2:
        return None
    best = min((k for k in KINDS if k is not here), key=lambda k: sum(key not in FIELDS[k.name] for key in keys))
    unknown_there = sum(key not in FIELDS[best.name] for key in keys)
    if unknown_there >= len(unknown_here) or unknown_there * 3 > len(keys):
        return None
    fits = ", ".join(k for k in keys if k in FIELDS[best.name] and k not in FIELDS[here.name])
    folder = os.path.dirname(os.path.dirname(source.path))
    target = os.path.join(folder, best.folder, os.path.basename(source.path))
    return (
        best.folder,
        f"this file is a {best.name} (it has {fits}), but it is in {here.folder}/",
        f"move it to {target}",
    )
