"""What a YAML syntax error means, in the words a contributor can act on.

libyaml stops at the place it can no longer read, which is often a line after the real
mistake ("mapping values are not allowed here" for a missing space after a colon two
lines up): these functions find the line to fix and say how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..i18n.current import _


@dataclass(frozen=True)
class YamlProblem:
    line: int  # 1-based, within the YAML text
    message: str
    hint: str = ""


_NO_SPACE = re.compile(r"^([A-Za-z_]+):(\S.*)$")  # title:My story
_DASH = re.compile(r"^(\s*)-([^\s-].*)$")  # -item
_KEY_VALUE = re.compile(r"^([A-Za-z_]+): (.*)$")


def syntax_problem(exc: yaml.MarkedYAMLError, line: int, lines: list[str]) -> YamlProblem:
    """Turn libyaml's wording into what a contributor can act on, pointing at the line to fix."""
    problem = str(exc.problem or exc)
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = bad_line[: len(bad_line) - len(bad_line.lstrip(" \t"))]
    if "\t" in indent:
        return YamlProblem(line, _("a tab character is used for indentation"), _("indent with spaces, not tabs"))
    # The real mistake is often on an earlier line than the one libyaml stops at.
    for n, text in enumerate(lines[:line], 1):
        m = _NO_SPACE.match(text)
        if m and not m.group(2).startswith("//"):
            return _no_space(n, m)
        m = _DASH.match(text)
        if m:
            return YamlProblem(
                n,
                _("a list item needs a space after the dash"),
                _("write %(line)s", line=f"{m.group(1)}- {m.group(2)}"),
            )
    context = str(exc.context or "")
    if "quoted scalar" in context and exc.context_mark is not None:
        opened = exc.context_mark.line + 1
        return YamlProblem(
            opened,
            _("a quotation mark opened on this line is never closed"),
            _("add the closing quotation mark at the end of the value"),
        )
    m = _KEY_VALUE.match(bad_line)
    value = m.group(2).strip() if m else ""
    if m and value[:1] in ("'", '"') and value.count(value[0]) > 2:
        return YamlProblem(
            line,
            _("the value is in quotation marks (%(mark)s), and the %(mark)s inside it ends the text too early", mark=value[0]),
            _("write %(line)s", line=f"{m.group(1)}: {quoted(value[1:-1] if value.endswith(value[0]) else value[1:])}"),
        )
    if "mapping values are not allowed" in problem:
        if indent:
            return YamlProblem(
                line,
                _("this line starts with a space, so it is read as part of the line above"),
                _("remove the spaces at the start of the line"),
            )
        hint = (
            _("put the value in quotation marks: %(line)s", line=f"{m.group(1)}: {quoted(curly_inner(value) or value)}")
            if m
            else _('put the value in quotation marks: for example title: "Silistra: our story"')
        )
        return YamlProblem(line, _("a value contains ': ' (colon and space), which YAML reads as a new key"), hint)
    if "cannot start any token" in problem:
        return YamlProblem(
            line,
            _("YAML cannot read this value (%(problem)s)", problem=problem),
            _("put the value in double quotes"),
        )
    if "exceeded maximum nesting depth" in problem:
        return YamlProblem(line, _("the front matter is nested too deeply"), _("use at most a few levels of indentation"))
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return YamlProblem(
            line,
            _("YAML syntax error: %(problem)s", problem=problem),
            _("every line must be 'key: value' or a '- item' of a list; check the indentation and quotes"),
        )
    return YamlProblem(
        line, _("YAML syntax error: %(problem)s", problem=problem), _("check the quotes and indentation on this line")
    )


def not_a_mapping_problem(lines: list[str], shift: int = 0) -> YamlProblem:
    """A block that YAML reads as plain text or a list, not as `key: value`."""
    for n, text in enumerate(lines, 1 + shift):
        m = _NO_SPACE.match(text)
        if m:
            return _no_space(n, m)
        if text.strip() and not text.lstrip().startswith("#"):
            return _not_key_value(n)
    return _not_key_value(1 + shift)


def _no_space(line: int, m: re.Match) -> YamlProblem:
    return YamlProblem(line, _("there is no space after the colon"), _("write %(line)s", line=f"{m.group(1)}: {m.group(2)}"))


def _not_key_value(line: int) -> YamlProblem:
    return YamlProblem(line, _("the front matter must be a list of 'key: value' lines"), _("for example title: My story"))


def reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """ReaderError gives a position (in bytes with libyaml), not a line: find the character itself."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character or "")
    at = text.find(char) if char else -1
    line = text.count("\n", 0, at) + 1 if at >= 0 else 1
    shown = char.encode("unicode_escape").decode("ascii") if char else "?"
    return YamlProblem(
        line, _("the front matter contains the character %(char)s, which YAML does not allow", char=shown), _("delete it")
    )


def quoted(value: str) -> str:
    """A YAML-quoted form of `value` that reads back as exactly `value`."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


_OPENING = "\u201c\u2018\u201e\u00ab\u2039\u201d\u00bb\u201a"  # “ ‘ „ « ‹ ” » ‚
_CLOSING = "\u201d\u2019\u201c\u00bb\u203a\u00ab"  # ” ’ “ » › «


def curly_inner(value: object) -> str | None:
    """The text inside curly (typographic) quotes around a whole value, as Word types them, or None."""
    if isinstance(value, str) and len(value) > 2 and value[0] in _OPENING and value[-1] in _CLOSING:
        return value[1:-1]
    return None
