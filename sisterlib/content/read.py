"""Read one content file: bytes -> `Source` (raw front matter and body), never raising for bad content.

We read bytes and split the front matter ourselves (not python-frontmatter's `loads`): it hides
a BOM, an unclosed block and non-mapping front matter, and shifts line numbers
(SECURITY-NOTES R6, R9).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError, show
from ..i18n.current import N_, _
from . import blocks
from .kinds import BUNDLE_INDEX

MAX_FILE_BYTES = 1024 * 1024  # 1 MiB: far more than any story needs, small enough to parse fast

# C0 and C1 controls (but tab and newline) and the two non-characters: never text, and YAML
# refuses most of them (R9). U+0085, U+2028 and U+2029 are line breaks to YAML but not to us,
# so in front matter they would shift every line number after them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_LINE_SEPARATOR = re.compile(r"[\u2028\u2029]")
_STRAY_BOM = "\ufeff"  # a byte order mark after the start of the file: YAML fails on it with an unclear message
_ODD_INDENT = re.compile(r"^[ \t]*([^\S \t])")  # a no-break or other special space before the text
# A no-break or other special space right after a key's colon: YAML then reads no `key: value`.
_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([\u00a0\u2000-\u200a\u202f\u205f\u3000])(.*)$")
_SPACE_NAMES = {"\u00a0": N_("no-break space"), "\u202f": N_("narrow no-break space"), "\u3000": N_("ideographic space")}
# What Word and other editors put at the start of a list line instead of "- ".
_LIST_MARKS = {
    "\u2013": N_("an en dash"), "\u2014": N_("an em dash"), "\u2012": N_("a figure dash"), "\u2212": N_("a minus sign"),
    "\u2022": N_("a bullet"), "\u25e6": N_("a white bullet"), "\u2023": N_("a triangular bullet"),
    "\u2043": N_("a hyphen bullet"), "\u25aa": N_("a small square"), "\u00b7": N_("a middle dot"),
}  # fmt: skip
_LIST_MARK = re.compile(f"^(\\s*)([{''.join(_LIST_MARKS)}])\\s+(.*)$")
_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Source:
    """One content file after loading: not yet checked against the content model."""

    kind: str  # the folder: libraries, partnerships, stories, activities, pages
    slug: str
    path: str  # the path as the contributor sees it (content dir joined with the file name)
    meta: dict[str, Any]
    lines: dict[tuple, int]  # 1-based file line of every front-matter key and list item
    body: str
    body_line: int  # file line where the body starts
    digest: bytes  # of the file's bytes: a file saved without a change is not checked again
    unreadable: dict[str, str] = field(default_factory=dict)  # keys YAML could not read -> their raw text ("" key: unknown)
    comments: dict[tuple, str] = field(default_factory=dict)  # ` # ...` after a plain value: the rest of its line


def load_file(path: Path, kind: str, slug: str = "") -> tuple[Source | None, list[ContentError]]:
    """Load one file (as `slug`: by default its name without .md, or its folder's for an index.md).
    Returns (None, errors) when it cannot be used at all; a front matter that is partly
    unreadable gives the rest."""
    p = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            ContentError(p, 1, _("the file cannot be read (%(reason)s)", reason=exc.strerror), _("check its permissions"))
        ]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            ContentError(
                p,
                1,
                _("the file is %(size)s bytes, over the limit of %(limit)s", size=f"{len(raw):,}", limit=f"{MAX_FILE_BYTES:,}"),
                _("split it or shorten it"),
            )
        ]
    text, error = decode(p, raw)
    if error:
        return None, [error]
    errors = [
        ContentError(
            p, n, _("the file contains the control character %(char)s", char=show(m.group())), _("delete it; it is invisible")
        )
        for n, line in enumerate(text.split("\n"), 1)
        for m in [_CONTROL.search(line)]
        if m
    ]
    meta_text, meta_line, body, body_line, split_error = split_front_matter(p, text)
    if split_error:
        return None, [*errors, split_error]
    slug = slug or (path.parent.name if path.name == BUNDLE_INDEX else path.name[: -len(".md")])  # kinds.py: the layout
    bad = {e.line - meta_line + 1 for e in errors if e.line < body_line}  # control characters in the front matter
    for n, line in enumerate(meta_text.split("\n"), meta_line):
        problem = line_problem(line)
        if problem is not None:
            message, hint, unreadable = problem
            errors.append(ContentError(p, n, message, hint))
            if unreadable:  # YAML would misread this line, or report a wrong line: its block is not parsed
                bad.add(n - meta_line + 1)
    parsed = blocks.parse_front_matter(meta_text, meta_line, frozenset(bad))
    offset = meta_line - 1
    for problem in parsed.problems:
        errors.append(ContentError(p, problem.line + offset, problem.message, problem.hint))
    lines = {key: line + offset for key, line in parsed.lines.items()}
    data = parsed.data if isinstance(parsed.data, dict) else {}
    errors.extend(_control_in_values(p, data, lines, ()))
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    return Source(kind, slug, p, data, lines, body, body_line, digest, parsed.unreadable, parsed.comments), errors


def line_problem(line: str) -> tuple[str, str, bool] | None:
    """(message, hint, unreadable) for a front-matter line with an invisible or look-alike character."""
    m = _BIDI.search(line)
    if m:
        return _("the front matter contains the text-direction control %(char)s", char=show(m.group())), _("delete it"), False
    m = _LINE_SEPARATOR.search(line)
    if m:
        return (
            _("the front matter contains the invisible line separator %(char)s", char=show(m.group())),
            _("delete it, or press Enter for a new line"),
            True,
        )
    if _STRAY_BOM in line:
        return (
            _("the front matter contains the invisible character %(char)s (a byte order mark)", char=show(_STRAY_BOM)),
            _("delete it"),
            True,
        )
    m = _ODD_INDENT.match(line)
    if m:
        return (
            _("the line starts with the special space %(char)s, which YAML does not read as a space", char=show(m.group(1))),
            _("replace it with normal spaces"),
            True,
        )
    m = _SPACE_AFTER_COLON.match(line)
    if m:
        what = _(_SPACE_NAMES.get(m.group(3), N_("special space")))
        return (
            _(
                "after '%(key)s:' comes an invisible %(space)s (%(code)s), which YAML does not read as a space",
                key=m.group(2),
                space=what,
                code=_code(m.group(3)),
            ),
            _("replace it with a normal space: %(line)s", line=f"{m.group(1)}{m.group(2)}: {m.group(4).strip()}"),
            True,
        )
    m = _LIST_MARK.match(line)
    if m:
        return (
            _(
                "the line starts with '%(mark)s' (%(code)s, %(name)s), which YAML does not read as a list item",
                mark=m.group(2),
                code=_code(m.group(2)),
                name=_(_LIST_MARKS[m.group(2)]),
            ),
            _("start a list item with a hyphen and a space: %(line)s", line=f"- {m.group(3)}"),
            True,
        )
    return None


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _save_as_utf8() -> str:
    return _("save it as UTF-8 (in most editors: Save as, Encoding UTF-8)")


def decode(path: str, raw: bytes) -> tuple[str, ContentError | None]:
    """UTF-8 (a BOM is accepted), CRLF and CR turned into LF, NFC-normalised."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw.count(b"\x00") > len(raw) // 4):
        return "", ContentError(path, 1, _("the file is saved as UTF-16"), _save_as_utf8())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex().upper()
        return "", ContentError(
            path,
            line,
            _("the file is not UTF-8 text (byte 0x%(byte)s)", byte=byte),
            _save_as_utf8(),
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), None


def split_front_matter(path: str, text: str) -> tuple[str, int, str, int, ContentError | None]:
    """Return (yaml text, its first line, body, body first line, error)."""
    lines = text.split("\n")
    if not text.strip():
        return (
            "",
            1,
            "",
            1,
            ContentError(
                path, 1, _("the file is empty"), _("start it with the front matter: a line ---, the fields, a line ---")
            ),
        )
    if not _FENCE.match(lines[0]):
        return (
            "",
            1,
            "",
            1,
            ContentError(
                path,
                1,
                _("the file does not start with front matter"),
                _("make the first line --- and close the fields with another --- line"),
            ),
        )
    for i in range(1, len(lines)):
        if _CLOSE.match(lines[i]):
            body = "\n".join(lines[i + 1 :])
            return "\n".join(lines[1:i]), 2, body, i + 2, None
    return "", 1, "", 1, _unclosed(path, lines)


_FIELD_LINE = re.compile(r"^(?:[A-Za-z_]+:|\s|-|#)")


def _unclosed(path: str, lines: list[str]) -> ContentError:
    """The closing --- is missing: say where it should go (after the last line that looks like a field)."""
    for n, line in enumerate(lines[1:], 2):
        if re.match(r"^[-—–]+\s*$", line):
            return ContentError(
                path,
                n,
                _("the front matter starting on line 1 is never closed"),
                _("this line must be exactly three hyphens: ---"),
            )
    last = 1
    for n, line in enumerate(lines[1:], 2):
        if not line.strip() or not _FIELD_LINE.match(line):
            break
        last = n
    return ContentError(
        path,
        1,
        _("the front matter starting on line 1 is never closed"),
        _("add a line with only --- after line %(line)s, the last field", line=last),
    )


def _control_in_values(path: str, value: Any, lines: dict[tuple, int], at: tuple) -> list[ContentError]:
    """YAML escapes such as "\\a" can put control characters into values (R9)."""
    if isinstance(value, str):
        m = _CONTROL.search(value.replace("\n", "").replace("\t", ""))
        if m:
            return [
                ContentError(
                    path,
                    lines.get(at, 1),
                    _("the value contains the control character %(char)s", char=show(m.group())),
                    _("delete it"),
                )
            ]
        return []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [e for k, v in items for e in _control_in_values(path, v, lines, (*at, k))]
