"""Pictures in Markdown: only photos beside the entry's text, `![what it shows](photo.jpg)`.

A picture from another site is refused with its line (SECURITY-NOTES §11: no hotlinks, so
the site's CSP allows images from itself only; `www.x.org/a.jpg`, with no https://, too:
body_checks.looks_like_host), as is any other target that is not a photo's
file name (content/folder.py: paths, SVG, other formats). An accepted photo becomes a
placeholder, filled in with the processed photo's <picture> once the photos are known
(resolve/images.py, then bodies.link_body): a body's parse still depends on its text alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..content.filenames import photo_name_problem
from .body_checks import looks_like_host
from .link_rules import _token_line
from .markdown_rules import _SCHEME, MARK, Problem

PHOTO_MARK = "p"  # mark(PHOTO_MARK + n): where the n-th photo goes in the HTML
_ADD_THE_FILE = "put the photo in the entry's own folder, beside its index.md, and write ![what it shows](photo.jpg)"


@dataclass(frozen=True)
class PhotoLink:
    """One `![alt](photo.jpg)` as written: a photo beside the entry's index.md."""

    name: str  # the file name
    alt: str
    line: int  # within the body, from 0
    linked: bool  # inside a [link](...): the photo must not link to itself then


def photo_mark(index: int) -> str:
    return f"{MARK}{PHOTO_MARK}{index}{MARK}"


def render_photo(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return photo_mark(tokens[idx].meta["photo"])


def check_photos(state: StateCore) -> None:
    """After the links are checked (a refused link is text by then): every picture, with its line."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        first = block.map[0] if block.map else 0
        depth = 0  # links around the token
        for token in block.children:
            if token.type == "link_open":
                depth += 1
            elif token.type == "link_close":
                depth -= 1
            elif token.type == "image":
                _check_photo(state, block, token, first, depth > 0)


def _check_photo(state: StateCore, block: Token, token: Token, first: int, linked: bool) -> None:
    """A placeholder for the photo's <picture>, or a problem (and the description, as text)."""
    url = str(token.attrGet("src") or "").strip()
    line = _token_line(state, block, token, first, url)
    problems: list[Problem] = state.env["problems"]
    if not token.content.strip():
        problems.append(
            Problem(
                line,
                "the image has no description",
                "write what the picture shows between the brackets: ![Readers at the library](...)",
            )
        )
    if _SCHEME.match(url) or url.startswith(("//", "\\\\", "/\\", "\\/")) or looks_like_host(url):
        remote = url.lower().startswith(("http:", "https:", "//")) or looks_like_host(url)  # www.x.org/a.jpg too
        message = (
            f"the picture '{url[:80]}' is on another website: every visitor's browser would contact that site"
            if remote
            else f"the image target '{url[:80]}' is not allowed"
        )
        problems.append(
            Problem(line, message, ("download it (with its owner's permission), then " if remote else "") + _ADD_THE_FILE)
        )
    else:
        problem = photo_name_problem(url.removeprefix("./")) if url else ("the image has no file name", _ADD_THE_FILE)
        if problem is None:
            photos: list[PhotoLink] = state.env["photos"]
            token.meta["photo"] = len(photos)
            photos.append(PhotoLink(url.removeprefix("./"), token.content.strip(), line, linked))
            return
        problems.append(Problem(line, *problem))
    token.type, token.tag, token.children, token.attrs = "text", "", None, {}
