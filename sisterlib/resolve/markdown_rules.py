"""The parser's own rules: wiki links as placeholders, links checked against the allowlist with
their lines, h1 demoted, heading ids with a prefix, table alignment as a class.

SECURITY-NOTES R1-R3: every link and image target is checked after parsing (so a rejected
target is reported with its line) against an allowlist of schemes; heading ids carry a
prefix so content cannot clobber the page's own ids; the wiki-link renderer writes only a
placeholder, filled in by `bodies.link_body` with escaped text and an href built from a
resolved entry. Pictures are checked by markdown_photos.py: only photos beside the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..content.slugs import suggest_slug

HEADING_ID_PREFIX = "h-"  # template ids never start with this
MAX_ID_LENGTH = 60  # characters of a heading id after the prefix
MAX_WIKILINK = 300  # characters between [[ and ]]; a longer "link" is not one
TEXT_LIMIT = 1000  # characters of plain text kept (after collapsing spaces)
LINK_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Marks where a wiki link goes in the HTML and the plain text: markdown-it replaces every NUL
# of the input with U+FFFD, so a NUL in its output can only be ours.
MARK = "\x00"


@dataclass(frozen=True)
class Problem:
    line: int  # within the body, from 0, until bodies.link_body adds the body's first file line
    message: str
    hint: str
    about: str = ""  # what other entry it is about (errors.ContentError.about), for links only


@dataclass(frozen=True)
class WikiLink:
    """One `[[target|label]]` as written, before names are known."""

    target: str
    label: str  # "" when none: the linked entry's title is shown
    line: int  # within the body, from 0
    page: bool = False  # an address of a page of the site (`../x/`), not a [[name]]: pagelinks.py


def mark(index: int) -> str:
    return f"{MARK}{index}{MARK}"


def _heading_id(title: str) -> str:
    return HEADING_ID_PREFIX + suggest_slug(title[: MAX_ID_LENGTH * 2])[:MAX_ID_LENGTH].strip("-")


def inline_with_lines(state: StateCore) -> None:
    """The core `inline` rule, remembering each block's first line for the inline rules."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.env["block_line"] = token.map[0] if token.map else 0
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def with_position(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """Wrap an inline rule so the tokens it makes carry their source span in `meta`."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start, first_token = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            for token in state.tokens[first_token:]:
                if token.type in ("link_open", "image") and "pos" not in token.meta:
                    token.meta.update(pos=start, end=state.pos)
        return found

    return wrapped


def _line_of(state_env: dict, src: str, pos: int) -> int:
    return state_env.get("block_line", 0) + src.count("\n", 0, pos)


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    end = src.find("]]", pos + 2, pos + 2 + MAX_WIKILINK + 2)  # bounded: `[[[[...` stays linear
    inner = src[pos + 2 : end] if end >= 0 else ""
    if end < 0 or "[" in inner or "]" in inner or "\n" in inner:
        if not silent and not src.startswith("[[[", pos):
            _unclosed_wikilink(state, src, pos)
        return False
    if not inner.strip(" |"):
        if not silent:
            state.env["problems"].append(
                Problem(
                    _line_of(state.env, src, pos),
                    f"the wiki link [[{inner}]] is empty",
                    "write the entry's file name or name inside: [[silistra-public-library]]",
                )
            )
        state.pos = end + 2
        return True
    if not silent:
        target, _, label = inner.partition("|")
        links: list[WikiLink] = state.env["wikilinks"]
        token = state.push("wikilink", "a", 0)
        token.meta["link"] = len(links)
        token.content = label.strip() or target.strip()  # for heading ids; the page shows the resolved title
        links.append(WikiLink(target.strip(), label.strip(), _line_of(state.env, src, pos)))
    state.pos = end + 2
    return True


def _unclosed_wikilink(state: StateInline, src: str, pos: int) -> None:
    """`[[Crandall Public Library]` or `[[Crandall Public Library` would be published as brackets."""
    rest = src[pos + 2 : pos + 2 + MAX_WIKILINK].split("\n", 1)[0]
    name = re.split(r"\]|\[\[", rest, maxsplit=1)[0].strip()
    shown = f"[[{name}]" if rest[len(rest.split("]", 1)[0]) :][:1] == "]" else f"[[{name}"
    hint = f"close it with two brackets: [[{name}]]" if name else "write [[the entry's file name or name]]"
    state.env["problems"].append(Problem(_line_of(state.env, src, pos), f"the wiki link {shown} is not closed", hint))


def render_wikilink(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return mark(tokens[idx].meta["link"])


def demote_h1(state: StateCore) -> None:
    """The page title is the only h1 (accessibility): `#` in a body becomes an h2."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def heading_ids(state: StateCore) -> None:
    """`id="h-<slug>"` on h2/h3, numbered when repeated (`h-a`, `h-a-1`, ...).

    Our own rule, not mdit's anchors plugin: its duplicate check tries `-1`, `-2`, ... from
    the start for every heading, so 50,000 equal headings took 12 minutes (quadratic).
    """
    used: set[str] = set()
    next_number: dict[str, int] = {}
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag not in ("h2", "h3"):
            continue
        children = tokens[i + 1].children or []
        base = _heading_id("".join(c.content for c in children if c.type in ("text", "code_inline", "wikilink")))
        slug, n = base, next_number.get(base, 1)
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        next_number[base] = n
        used.add(slug)
        token.attrSet("id", slug)


def table_align(state: StateCore) -> None:
    """Column alignment as a class, not `style="text-align:..."`: the site's CSP forbids inline styles."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and token.attrs.get("style"):
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            if align in ("left", "center", "right"):
                token.attrSet("class", f"align-{align}")


def plain_text(tokens: list[Token]) -> str:
    """The body's plain text, from the start: at least TEXT_LIMIT characters once spaces are
    collapsed (or all of it), with a mark where each wiki link's text goes. Descriptions use
    the first 200; a 10,000-story build keeps every body's text in memory, so not all of it."""
    parts: list[str] = []
    size = 0
    for token in tokens:
        if token.type == "inline" and token.children:
            part = "".join(
                mark(c.meta["link"]) if c.type == "wikilink" else c.content
                for c in token.children
                if c.type in ("text", "code_inline", "wikilink")
            )
            if part:
                parts.append(part)
                size += len(part)
                if size >= TEXT_LIMIT and len(" ".join(" ".join(parts).split())) >= TEXT_LIMIT:
                    break
    return " ".join(parts)
