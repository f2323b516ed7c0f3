"""Strict YAML for front matter: a YAML 1.2-like subset, with the line of every value.

PyYAML's SafeLoader follows YAML 1.1: `NO` becomes False, `01234` becomes 668, `1:20`
becomes 80, `2019-02-30` raises a bare ValueError, duplicate keys silently keep the last
value and aliases can expand exponentially (SECURITY-NOTES R7). We let libyaml compose the
node tree (C speed, and it reports syntax errors with a line), then build the values
ourselves from the nodes: only plain mappings, sequences and scalars, types resolved by
a YAML 1.2 core-like table, and every other construct rejected with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..i18n.current import N_, _
from .yaml_messages import YamlProblem, reader_problem, syntax_problem

try:  # libyaml is the fast path; the pure-Python loader behaves the same, only slower
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_DEPTH = 20  # front matter is flat; anything deeper is a mistake, not data
MAX_INT_DIGITS = 18

_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?[0-9]+\.[0-9]+$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {
    "tag:sisterlib,2026:plain",
    _STR,
    _SEQ,
    _MAP,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

Path = tuple  # a path into the front matter: ("seeking", "countries", 1)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Composes nodes only; implicit tags are left to `_scalar` below."""


# One catch-all implicit resolver: every plain (unquoted) scalar gets our own tag and is
# typed by `_Builder.scalar`, so YAML 1.1 booleans, sexagesimal numbers and timestamps
# cannot appear, while an explicit `!!str` still means text.
_PLAIN = "tag:sisterlib,2026:plain"
_Loader.yaml_implicit_resolvers = {None: [(_PLAIN, re.compile(r"(?s).*"))]}


@dataclass
class ParsedYaml:
    data: Any = None
    lines: dict[Path, int] = field(default_factory=dict)  # 1-based line of every key and item
    problems: list[YamlProblem] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # key -> its raw text, when its block could not be read
    comments: dict[Path, str] = field(default_factory=dict)  # a ` # comment` after a plain value: the rest of its line


_COMMENT = re.compile(r"[ \t]+#.*")
_ALIAS_MESSAGE = N_("YAML anchors and aliases (&name, *name) are not supported")


def parse(text: str, first_line: int = 1) -> ParsedYaml:
    """Parse YAML text into plain Python values; never raises for bad input.

    Lines in `problems` and `lines` count from 1 at the start of `text`; `first_line` is the
    file line `text` starts on, used only where a message names another line.
    """
    result = ParsedYaml()
    too_deep = _too_deep(text)
    if too_deep:
        result.problems.append(too_deep)
        return result
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        result.problems.append(syntax_problem(exc, line, text.split("\n")))
        return result
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: a position, no line
        result.problems.append(reader_problem(exc, text))
        return result
    except yaml.YAMLError as exc:
        result.problems.append(
            YamlProblem(1, _("the front matter cannot be read (%(reason)s)", reason=" ".join(str(exc).split())))
        )
        return result
    finally:
        loader.dispose()
    if node is None:
        result.data = {}
        return result
    builder = _Builder(result, first_line - 1, text.split("\n") if "#" in text else [])
    result.data = builder.build(node, (), 0)
    if builder.aliased or "&" in text:
        _alias_lines(result, text)
    return result


# What can open a level of nesting: `[` and `{` (flow), and `- `, `? `, `: ` (block sequence,
# explicit key, mapping value), the last three followed by a space, a tab, any line break
# PyYAML knows, or the end.
_NESTING = re.compile("[\\[{]|[-?:](?=[ \t\n\r\x85\u2028\u2029]|$)")


def _too_deep(text: str) -> YamlProblem | None:
    """Refuse deep nesting before composing: PyYAML composes nodes recursively in C, and 30,000
    unclosed `[` crashed the whole process (segmentation fault, libyaml 0.2.5 sets no limit).
    The event stream is flat, so walking it first is safe, and cheap for front matter."""
    if len(_NESTING.findall(text)) <= MAX_DEPTH:
        return None  # every level needs one of these marks: too few to nest too deeply (and no walk)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the same limit as _Builder.build, whose root is depth 0
                    return YamlProblem(
                        event.start_mark.line + 1,
                        _("the front matter is nested too deeply"),
                        _("use at most a few levels of indentation"),
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:  # a syntax error: composing below reports it with its line
        return None
    return None


def _alias_lines(result: ParsedYaml, text: str) -> None:
    """An alias node is the anchored node itself, so its mark is the anchor's line: take each
    `*name`'s own line, and each `&name`'s, from the event stream instead. A lone `&name` is
    refused too: `title: &Co story` would silently lose "&Co"."""
    found: dict[int, str] = {}
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                found.setdefault(event.start_mark.line + 1, _("write the value out in full"))
            elif getattr(event, "anchor", None):
                found.setdefault(
                    event.start_mark.line + 1, _("remove the &name; if the & belongs to the text, put the value in double quotes")
                )
    except yaml.YAMLError:  # pragma: no cover - the same text was just composed without error
        return
    if not found:
        return
    others = [p for p in result.problems if p.message != _(_ALIAS_MESSAGE)]
    aliases = [YamlProblem(line, _(_ALIAS_MESSAGE), hint) for line, hint in found.items()]
    result.problems[:] = sorted(others + aliases, key=lambda p: p.line)


class _Builder:
    def __init__(self, result: ParsedYaml, shift: int = 0, lines: list[str] | None = None):
        self.result = result
        self.lines = lines or []  # the text's lines, to find comments after values (only when it has a #)
        self.seen: set[int] = set()
        self.shift = shift  # file line of the YAML text's line 1, minus 1: for "first on line N"
        self.aliased = False

    def problem(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.result.problems.append(YamlProblem(node.start_mark.line + 1, message, hint))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        # libyaml hands back the same node object for an alias: seeing one twice means an
        # alias, which we reject outright (billion laughs, self-references, `<<` merges).
        if id(node) in self.seen:
            self.aliased = True
            line = self.result.lines.get(path, node.start_mark.line + 1)
            self.result.problems.append(YamlProblem(line, _(_ALIAS_MESSAGE), _("write the value out in full")))
            return None
        self.seen.add(id(node))
        self.result.lines.setdefault(path, node.start_mark.line + 1)
        if depth > MAX_DEPTH:
            self.problem(node, _("the front matter is nested too deeply"), _("use at most a few levels of indentation"))
            return None
        if node.tag not in _PLAIN_TAGS and node.tag != "!":
            self.problem(
                node,
                _("the YAML tag %(tag)s is not allowed", tag=node.tag.replace("tag:yaml.org,2002:", "!!")),
                _("remove the tag; write plain text, numbers, lists and key: value pairs only"),
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if self.lines and not node.style:
            self._comment(node, path)
        return self.scalar(node)

    def _comment(self, node: yaml.Node, path: Path) -> None:
        """YAML drops ` #...` after a plain value as a comment: keep it, for free text (validate.py)."""
        end = node.end_mark
        if end.line < len(self.lines):
            m = _COMMENT.match(self.lines[end.line], end.column)
            if m:
                self.result.comments[path] = m.group(0)

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.tag == _PLAIN and key_node.value == "<<"):
                self.problem(key_node, _("YAML merge keys (<<) are not supported"), _("write the keys out in full"))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_PLAIN, _STR, "!"):
                self.problem(key_node, _("a key must be plain text"), _("write keys as simple words, such as title:"))
                continue
            key = key_node.value
            if key in out:
                first = self.result.lines.get((*path, key), line)
                self.problem(
                    key_node,
                    _("the key '%(key)s' appears twice (first on line %(line)s)", key=key, line=first + self.shift),
                    _("keep only one of them"),
                )
                continue
            self.result.lines[(*path, key)] = line
            self.seen.add(id(key_node))
            out[key] = self.build(value_node, (*path, key), depth + 1)
            # the key's own line wins over the value's (a block list starts on the next line)
            self.result.lines[(*path, key)] = line
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        text = node.value
        if node.tag != _PLAIN or node.style:  # plain style is None (Python) or "" (libyaml)
            return text  # quoted, block scalar, !!str or `!`: always text
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            if len(text.lstrip("+-")) > MAX_INT_DIGITS:
                self.problem(
                    node,
                    _("the number %(number)s... is too long", number=text[:20]),
                    _("write a smaller number, or quote it as text"),
                )
                return None
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        return text
