"""Validate: `Source` -> a typed model entry, checked field by field against its kind's table.

Every problem of a file is reported, each at its own line: unknown fields (with "did you
mean"), values the checkers refuse, required fields missing, the skeleton's placeholder left.
"""

from __future__ import annotations

from typing import Any

from ..errors import ContentError, show
from .checks import Invalid, did_you_mean
from .fields import FIELDS, PLACEHOLDER
from .kinds import BY_FOLDER
from .model import Entry
from .read import Source


def placeholder_at(value: Any, at: tuple = ()) -> tuple | None:
    """Where in a value the skeleton's placeholder is left, or None."""
    if isinstance(value, str):
        return at if PLACEHOLDER in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for k, v in items:
        found = placeholder_at(v, (*at, k))
        if found is not None:
            return found
    return None


def validate_source(source: Source) -> tuple[Entry | None, list[ContentError]]:
    kind = BY_FOLDER[source.kind].name
    table = FIELDS[kind]
    errors: list[ContentError] = []
    values: dict[str, Any] = {}

    def error(at: tuple, message: str, hint: str) -> None:
        line = source.lines.get(at) or source.lines.get(at[:1]) or source.lines.get((), 1)
        errors.append(ContentError(source.path, line, message, hint))

    meant: set[str] = set()  # required fields a mistyped key stands for: no second "missing" error
    for key, value in source.meta.items():
        if key not in table:
            hint = did_you_mean(key, list(table))
            meant.update(k for k in table if hint == f"did you mean '{k}'?")
            error((key,), f"unknown field '{show(key)}' for a {kind}", hint)
            continue
        spot = placeholder_at(value)
        if spot is not None:
            spec = table[key]
            what = f"{spec.help}, for example: {key}: {spec.example}" if spec.help else f"for example: {key}: {spec.example}"
            error((key, *spot), f"'{key}' still says {PLACEHOLDER}", f"replace {PLACEHOLDER} with {what}")
            continue
        if value is None or value == "":
            if table[key].required:
                error((key,), f"'{key}' is empty", f"write the value after the colon, for example {key}: {table[key].example}")
            continue  # an empty optional field is the same as leaving it out
        try:
            values[key] = table[key].check(value)
        except Invalid as exc:
            error((key, *exc.at), f"{key}: {exc.message}", exc.hint)
    first_line = min(source.lines.values(), default=1)
    for key, spec in table.items():
        if spec.required and key not in source.meta and key not in meant:
            errors.append(
                ContentError(
                    source.path, first_line, f"the required field '{key}' is missing", f"add a line {key}: {spec.example}"
                )
            )
    for n, line in enumerate(source.body.split("\n"), source.body_line):
        if PLACEHOLDER in line:
            errors.append(
                ContentError(source.path, n, f"the text still says {PLACEHOLDER}", f"replace {PLACEHOLDER} with your own text")
            )
            break  # one reminder is enough
    if "image" in values and "image_alt" not in values and "image_alt" not in source.meta:
        errors.append(
            ContentError(
                source.path,
                source.lines.get(("image",), first_line),
                "the photo has no description",
                "add a line image_alt: what the photo shows, for people who cannot see it",
            )
        )
    elif "image_alt" in values and "image" not in source.meta:
        errors.append(
            ContentError(
                source.path, source.lines.get(("image_alt",), first_line), "image_alt describes no photo", "add image: photo.jpg"
            )
        )
    if kind == "story" and "partnership" not in values and "libraries" not in values and not errors:
        errors.append(
            ContentError(
                source.path,
                first_line,
                "a story needs 'partnership' or 'libraries'",
                "add a line such as partnership: silistra-aurora (a partnership's file name without .md),"
                " or libraries: [kazanlak-public-library]",
            )
        )
    if errors:
        return None, errors
    common = {
        "kind": kind,
        "slug": source.slug,
        "path": source.path,
        "body": source.body,
        "body_line": source.body_line,
        "lines": source.lines,
    }
    if kind == "library":
        values["title"] = values["name"]
    if kind == "partnership":
        values.setdefault("title", "")  # filled from the libraries' cities in links.py
    return BY_FOLDER[source.kind].cls(**common, **values), errors
