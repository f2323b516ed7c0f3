"""Front matter that YAML cannot read whole: each top-level key's block read on its own.

A syntax error in one field must not hide the rest of the file (libyaml stops at the first
one). When the whole front matter fails, or some of its lines are known to be unreadable (a
no-break space after a colon, a Word dash as a list item: read.py finds those), it is cut
into blocks, each a line at the left margin and the indented lines, `- item` lines and
comments after it, and each block is parsed alone. The keys of the blocks that fail are
"unreadable": their values are unknown, so nothing else is said about them (no "missing
field"), and the text after their colon is kept, raw, as a possible name for wiki links.
"""

from __future__ import annotations

import re

from . import strict_yaml
from .strict_yaml import ParsedYaml
from .yaml_messages import YamlProblem, not_a_mapping_problem

_KEY = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|([^\s#'"\-?:][^:#]*?))[ \t]*:(?:[ \t\u00a0]|$)""")
_GLUED_KEY = re.compile(r"^([A-Za-z_][\w-]*):")  # city:Ruse, or a special space after the colon


def parse_front_matter(text: str, first_line: int = 1, bad_lines: frozenset[int] = frozenset()) -> ParsedYaml:
    """The front matter's values, lines and problems. `bad_lines` (1-based in `text`) are lines
    already reported as unreadable: the blocks that hold them are not parsed."""
    lines = text.split("\n")
    if not bad_lines:
        whole = strict_yaml.parse(text, first_line)
        if not whole.problems and isinstance(whole.data, dict):
            return whole
        if isinstance(whole.data, dict):  # values refused one by one: the blocks that hold them are unreadable
            spans = blocks(lines)
            for problem in whole.problems:
                for start, end in spans:
                    if start < problem.line <= end:
                        key = block_key(lines[start])
                        whole.data.pop(key, None)
                        _unreadable(whole, key, lines[start], start + 1)
            return whole
    result = ParsedYaml(data={})
    for start, end in blocks(lines):
        key = block_key(lines[start])
        if bad_lines.intersection(range(start + 1, end + 1)):
            _unreadable(result, key, lines[start], start + 1)
            continue
        part = strict_yaml.parse("\n".join(lines[start:end]), first_line + start)
        last = max(n for n in range(start, end) if lines[n].strip()) + 1  # YAML says "the end" as the line after it
        problems = [YamlProblem(min(p.line + start, last), p.message, p.hint) for p in part.problems]
        if part.data is not None and not isinstance(part.data, dict):
            problems = problems or [not_a_mapping_problem(lines[start:end], start)]
        if problems:
            result.problems += problems
            _unreadable(result, key, lines[start], start + 1)
            for n in range(start + 1, end):  # ` date: ...` indented by mistake: part of this block, so unreadable too
                inner = block_key(lines[n].lstrip())
                if inner and lines[n][:1].isspace():
                    _unreadable(result, inner, lines[n].lstrip(), n + 1)
            continue
        for k, v in (part.data or {}).items():
            if k in result.data:
                first = result.lines[(k,)]
                line = part.lines[(k,)] + start
                result.problems.append(
                    YamlProblem(
                        line, f"the key '{k}' appears twice (first on line {first + first_line - 1})", "keep only one of them"
                    )
                )
                del result.data[k]
                _unreadable(result, k, "", first)
                continue
            result.data[k] = v
            result.lines.update({path: n + start for path, n in part.lines.items() if path and path[0] == k})
            result.comments.update({path: c for path, c in part.comments.items() if path[0] == k})
    result.problems.sort(key=lambda p: p.line)
    return result


def blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line indexes of each top-level block; lines before the first key form a block too."""
    starts = [i for i, line in enumerate(lines) if _starts_block(line)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(lines)], strict=True) if any(x.strip() for x in lines[s:e])]


def _starts_block(line: str) -> bool:
    return bool(line) and not line[0].isspace() and line[0] not in "#-]}"


def block_key(line: str) -> str:
    """The key a block's first line starts, or "" when it names none."""
    m = _KEY.match(line)
    if m:
        return next(g for g in m.groups() if g is not None).strip()
    m = _GLUED_KEY.match(line)
    return m.group(1) if m else ""


def _unreadable(result: ParsedYaml, key: str, first: str, line: int) -> None:
    raw = first.split(":", 1)[1].strip() if key and ":" in first else ""
    result.unreadable.setdefault(key, raw)
    if key:
        result.lines.setdefault((key,), line)
