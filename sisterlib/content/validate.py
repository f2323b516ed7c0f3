"""Validate: `Source` -> a typed model entry, checked field by field against its kind's table.

Every problem of a file is reported in one run, each at its own line: unknown fields (with
"did you mean"), values the checkers refuse, required fields missing, the skeleton's
placeholder left, text lost to a ` #` comment, and the rules of the whole file ("a story
needs a partnership or libraries", "a partnership needs two libraries"), whatever else is
wrong. A file with errors still gives an entry, a *placeholder* (placeholders.py): the
reference checks and wiki links see it, so no other file is blamed for its mistakes, but
the Site is never built from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ContentError, show
from ..i18n.current import N_, _
from .checks import Invalid, did_you_mean, free_text, meant_hint
from .fields import FIELDS, PLACEHOLDER
from .kinds import BY_FOLDER
from .model import Entry
from .placeholders import belongs_elsewhere, build_entry, curly_inner, placeholder
from .read import Source
from .yaml_messages import quoted


@dataclass(frozen=True)
class Checked:
    entry: Entry  # the valid entry, or the placeholder of a file with errors
    valid: bool
    errors: list[ContentError]
    warnings: list[ContentError]
    unknown: frozenset[str] = frozenset()  # fields written whose values are not in the entry ("": a key not read)


# "unknown field 'x' for a story": one whole sentence per kind, so each language can say it its way.
_UNKNOWN_FIELD = {
    "library": N_("unknown field '%(field)s' for a library"),
    "partnership": N_("unknown field '%(field)s' for a partnership"),
    "story": N_("unknown field '%(field)s' for a story"),
    "activity": N_("unknown field '%(field)s' for a activity"),
    "guide": N_("unknown field '%(field)s' for a guide"),
}


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


def validate_source(source: Source, read_errors: bool = False) -> Checked:
    """`read_errors`: reading the file already found problems (then it gives a placeholder)."""
    errors: list[ContentError] = []
    elsewhere = belongs_elsewhere(source)
    if elsewhere is not None:  # a story saved in libraries/: said once, then checked as what it is
        folder, message, hint = elsewhere
        errors.append(ContentError(source.path, 1, message, hint))
        source = Source(**{**source.__dict__, "kind": folder})
    kind = BY_FOLDER[source.kind].name
    table = FIELDS[kind]
    warnings: list[ContentError] = []
    values: dict[str, Any] = {}

    def line_of(at: tuple) -> int:
        return source.lines.get(at) or source.lines.get(at[:1]) or source.lines.get((), 1)

    def error(at: tuple, message: str, hint: str) -> None:
        errors.append(ContentError(source.path, line_of(at), message, hint))

    meant: set[str] = set()  # required fields a mistyped key stands for: no second "missing" error
    for key, value in source.meta.items():
        if key not in table:
            hint = did_you_mean(key, list(table))
            meant.update(k for k in table if hint == meant_hint(k))
            error((key,), _(_UNKNOWN_FIELD[kind], field=show(key)), hint)
            continue
        spot = placeholder_at(value)
        if spot is not None:
            spec = table[key]
            example = f"{key}: {spec.example}"
            hint = (
                _(
                    "replace %(placeholder)s with %(help)s, for example: %(example)s",
                    placeholder=PLACEHOLDER,
                    help=_(spec.help),
                    example=example,
                )
                if spec.help
                else _("replace %(placeholder)s with for example: %(example)s", placeholder=PLACEHOLDER, example=example)
            )
            error((key, *spot), _("'%(key)s' still says %(placeholder)s", key=key, placeholder=PLACEHOLDER), hint)
            continue
        if value is None or value == "":
            if table[key].required:
                error(
                    (key,),
                    _("'%(key)s' is empty", key=key),
                    _("write the value after the colon, for example %(example)s", example=f"{key}: {table[key].example}"),
                )
            continue  # an empty optional field is the same as leaving it out
        lost = _lost_comments(source, key, table[key].check)
        for at, full in lost:
            name = at[-1] if isinstance(at[-1], str) else None
            written = f"{name}: {quoted(full)}" if name else f"- {quoted(full)}"
            error(
                at,
                _("%(key)s: the text after ' #' is left out, because YAML reads it as a comment", key=key),
                _("to keep it, put the whole value in double quotes: %(written)s", written=written),
            )
        try:
            checked = table[key].check(value)
        except Invalid as exc:
            inner = curly_inner(value)
            hint = exc.hint
            if inner is not None and _passes(table[key].check, inner):
                hint = _(
                    "the value is in curly quotes, which YAML does not read as quotation marks: write %(written)s",
                    written=f"{key}: {quoted(inner)}",
                )
            error((key, *exc.at), f"{key}: {exc.message}", hint)
            continue
        if not lost:
            values[key] = checked
        inner = curly_inner(value) if free_text(table[key].check, ()) else None
        if inner is not None:
            warnings.append(
                ContentError(
                    source.path,
                    line_of((key,)),
                    _("%(key)s: the value is in curly quotes, which are published as part of it", key=key),
                    _(
                        "if they are meant as quotation marks around the value, write %(written)s",
                        written=f"{key}: {quoted(inner)}",
                    ),
                )
            )
    unreadable = source.unreadable
    first_line = min(source.lines.values(), default=1)
    if "" not in unreadable:  # a line whose key could not be read may be any field: no guesses
        for key, spec in table.items():
            if spec.required and key not in source.meta and key not in meant and key not in unreadable:
                errors.append(
                    ContentError(
                        source.path,
                        first_line,
                        _("the required field '%(key)s' is missing", key=key),
                        _("add a line %(line)s", line=f"{key}: {spec.example}"),
                    )
                )
    for n, line in enumerate(source.body.split("\n"), source.body_line):
        if PLACEHOLDER in line:
            errors.append(
                ContentError(
                    source.path,
                    n,
                    _("the text still says %(placeholder)s", placeholder=PLACEHOLDER),
                    _("replace %(placeholder)s with your own text", placeholder=PLACEHOLDER),
                )
            )
            break  # one reminder is enough
    errors += _file_rules(source, kind, values, first_line)
    if errors or read_errors:
        written = {k for k, v in source.meta.items() if v is not None and v != ""}  # an empty field is left out
        unknown = frozenset({*written, *source.unreadable} - set(values))
        return Checked(placeholder(source, kind, values), False, errors, warnings, unknown)
    return Checked(build_entry(source, kind, values), True, errors, warnings)


def _lost_comments(source: Source, key: str, check: Any) -> list[tuple[tuple, str]]:
    """(where, the whole text as written) for each free-text value that YAML cut at ` #`."""
    out = []
    for at, comment in source.comments.items():
        if at[0] == key and free_text(check, at[1:]):
            value = _at(source.meta, at)
            if isinstance(value, str):
                out.append((at, value + comment.rstrip()))
    return out


def _at(value: Any, at: tuple) -> Any:
    for step in at:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _passes(check: Any, value: Any) -> bool:
    try:
        check(value)
    except Invalid:
        return False
    return True


def _file_rules(source: Source, kind: str, values: dict[str, Any], first_line: int) -> list[ContentError]:
    """The rules about the file as a whole: they run whatever else is wrong with it."""
    errors = []
    present = set(source.meta) | set(source.unreadable)
    unknown = "" in source.unreadable  # a line whose key could not be read: it may be any field
    if "image" in values and source.meta.get("image_alt") in (None, "") and "image_alt" not in source.unreadable and not unknown:
        errors.append(
            ContentError(
                source.path,
                source.lines.get(("image",), first_line),
                _("the photo has no description"),
                _("add a line image_alt: what the photo shows, for people who cannot see it"),
            )
        )
    elif "image_alt" in values and not {"image", ""} & present:
        errors.append(
            ContentError(
                source.path,
                source.lines.get(("image_alt",), first_line),
                _("image_alt describes no photo"),
                _("add image: photo.jpg"),
            )
        )
    if kind == "story" and not {"partnership", "libraries", ""} & present:
        errors.append(
            ContentError(
                source.path,
                first_line,
                _("a story needs 'partnership' or 'libraries'"),
                _(
                    "add a line such as partnership: silistra-aurora (a partnership's file name without .md),"
                    " or libraries: [kazanlak-public-library]"
                ),
            )
        )
    if kind == "partnership" and "libraries" in values and len(values["libraries"]) < 2:
        errors.append(
            ContentError(
                source.path,
                source.lines.get(("libraries",), first_line),
                _("a partnership needs at least two libraries"),
                _("list both library slugs"),
            )
        )
    return errors
