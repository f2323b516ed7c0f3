"""The parser's link rules: every link target checked against the allowlist, with its line
(SECURITY-NOTES R2); an address without a scheme is either a mistake said with its fix
(body_checks.py) or a page of the site, left as a mark in the href that bodies.link_body
fills in once every entry is known (pagelinks.py). Also: Word's list lines said as such.
Image targets are markdown_photos.py's (it runs after these): only photos beside the text.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .body_checks import relative_link_problem, word_list_problems
from .markdown_rules import _SCHEME, LINK_SCHEMES, Problem, WikiLink, mark


def allowed_url(url: str, schemes: set[str]) -> bool:
    """The allowlist (R2): given schemes, or a same-site relative URL; never `//host`.

    An http(s) address must name its host (`https://host/`): browsers read `https:evil.example`
    and `http:/\\evil.example` as addresses of another site.
    """
    url = url.strip()
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return False
    m = _SCHEME.match(url)
    if m is None:
        return True
    scheme = m.group(1).lower()
    if scheme in ("http", "https") and not url[m.end() :].startswith("//"):
        return False
    return scheme in schemes


def check_links(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        first = block.map[0] if block.map else 0
        children = block.children
        for i, token in enumerate(children):
            if token.type == "link_open":
                url = str(token.attrGet("href") or "")
                if not allowed_url(url, LINK_SCHEMES):
                    _reject(state, token, url, block, first, "link")
                    _unlink(children, i)
                elif url.strip() and not _SCHEME.match(url.strip()) and not url.strip().startswith("#"):
                    _page_link(state, children, i, token, url, block, first)


def _page_link(state: StateCore, children: list[Token], i: int, token: Token, url: str, block: Token, first: int) -> None:
    """An address without a scheme: a mistake (`www.libruse.bg`), or a page of the site, whose
    href is filled in once every entry is known (bodies.link_body)."""
    line = _token_line(state, block, token, first, url)
    problem = relative_link_problem(url)
    if problem is not None:
        state.env["problems"].append(Problem(line, *problem))
        _unlink(children, i)
        return
    links: list[WikiLink] = state.env["wikilinks"]
    token.attrSet("href", mark(len(links)))
    links.append(WikiLink(url.strip(), "", line, page=True))


def word_lists(state: StateCore) -> None:
    """List lines typed with Word's dash or bullet are joined into one paragraph: say so."""
    for i, token in enumerate(state.tokens):
        if token.type == "inline" and i and state.tokens[i - 1].type == "paragraph_open" and token.map:
            for line, message, hint in word_list_problems(token.content, token.map[0]):
                state.env["problems"].append(Problem(line, message, hint))


def _reject(state: StateCore, token: Token, url: str, block: Token, first: int, what: str) -> None:
    allowed = "http, https or mailto"
    state.env["problems"].append(
        Problem(
            _token_line(state, block, token, first, url),
            f"the {what} target '{url[:80]}' is not allowed",
            f"use a full {allowed} address, or a [[wiki link]] to another entry",
        )
    )


_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:(.*)$", re.MULTILINE)


def _token_line(state: StateCore, block: Token, token: Token, first: int, url: str) -> int:
    """The file line of a link or image: where it starts, or for `[text][name]` where `[name]: url` is."""
    pos = token.meta.get("pos")
    if pos is None:
        return first + _offset_in(block.content, url)
    if block.content[pos : token.meta["end"]].endswith("]"):  # a reference: the target is on its definition
        scheme = url.split(":", 1)[0] + ":"
        for m in _DEFINITION.finditer(state.src):
            if url in m.group(1) or scheme in m.group(1):
                return state.src.count("\n", 0, m.start())
    return first + block.content.count("\n", 0, pos)


def _offset_in(content: str, url: str) -> int:
    for needle in (url, url.split(":", 1)[0] + ":"):
        at = content.find(needle)
        if at >= 0:
            return content.count("\n", 0, at)
    return 0


def _unlink(children: list[Token], i: int) -> None:
    """Turn a rejected link into plain text: drop its open and matching close tokens."""
    depth = 0
    for j in range(i, len(children)):
        if children[j].type == "link_open":
            depth += 1
        elif children[j].type == "link_close":
            depth -= 1
            if depth == 0:
                children[j].type, children[j].tag = "text", ""
                children[j].content = ""
                break
    children[i].type, children[i].tag, children[i].content, children[i].attrs = "text", "", "", {}
