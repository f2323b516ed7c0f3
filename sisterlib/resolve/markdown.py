"""Markdown bodies -> safe HTML, by the body's text alone (no other entry is known yet).

The parser is markdown-it's `js-default` preset (raw HTML off, never the bare `MarkdownIt()`:
SECURITY-NOTES R1) with the rules of markdown_rules.py. A `[[wiki link]]` becomes a
placeholder that `bodies.link_body` fills in once every name is known, so a body's
`ParsedBody` depends on its text only: it can be cached by its text, parsed in any worker
process, and kept by the preview while other files change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt, rules_inline
from mdit_py_plugins.tasklists import tasklists_plugin

from . import link_rules
from . import markdown_rules as rules
from .markdown_photos import PhotoLink, check_photos, render_photo
from .markdown_rules import Problem, WikiLink

# markdown-it-py spends about 0.3 ms on each `[` that opens no link (SECURITY-NOTES R10), so a
# body of nothing but `![` (1 MiB allows 500,000) would hold the build for minutes. Real pages
# have a few hundred; a body with more is reported instead of parsed.
MAX_BRACKETS = 10_000


@dataclass(frozen=True)
class ParsedBody:
    """A body's HTML and plain text with a mark (markdown_rules.mark) where each wiki link goes,
    and where each photo goes (markdown_photos.photo_mark)."""

    html: str
    links: tuple[WikiLink, ...]  # in the order of their marks
    problems: tuple[Problem, ...]  # lines within the body, from 0
    text: str  # plain text from the start (markdown_rules.TEXT_LIMIT characters or more), for descriptions
    photos: tuple[PhotoLink, ...] = ()  # in the order of their marks


def make_parser() -> MarkdownIt:
    md = MarkdownIt("js-default")
    assert md.options["html"] is False  # R1: never let raw HTML through
    # A paragraph indented by a tab or four spaces is a paragraph, as its writer meant (its wiki
    # links work); code is written in ``` fences.
    md.disable("code")
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # checked in link_rules.check_links, with lines
    md.use(tasklists_plugin, label=True)
    for name in ("link", "image", "autolink"):  # remember where each link starts, for its line
        md.inline.ruler.at(name, rules.with_position(getattr(rules_inline, name)))
    md.inline.ruler.before("link", "wikilink", rules.wikilink_rule)
    md.core.ruler.at("inline", rules.inline_with_lines)
    md.core.ruler.after("inline", "check_links", link_rules.check_links)
    md.core.ruler.after("check_links", "check_photos", check_photos)  # after check_links: it owns every image target
    md.core.ruler.after("check_photos", "word_lists", link_rules.word_lists)
    md.core.ruler.push("demote_h1", rules.demote_h1)
    md.core.ruler.push("heading_ids", rules.heading_ids)  # after demote_h1: `#` headings get ids too
    md.core.ruler.push("table_align", rules.table_align)
    md.add_render_rule("wikilink", rules.render_wikilink)
    md.add_render_rule("image", render_photo)  # only photos beside the text are left as images
    return md


_PARSER: MarkdownIt | None = None


def parse_body(body: str) -> ParsedBody:
    """Parse one entry's body (the text after its front matter)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = make_parser()
    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        at = _nth(body, "[", MAX_BRACKETS)
        problem = Problem(
            body.count("\n", 0, at),
            f"the text has {brackets:,} '[' characters, more than the {MAX_BRACKETS:,} a page may have",
            "remove the extra [ characters, or split the page into several pages",
        )
        return ParsedBody("", (), (problem,), "")
    env: dict[str, Any] = {"problems": [], "wikilinks": [], "photos": []}
    tokens = _PARSER.parse(body, env)
    html = _PARSER.renderer.render(tokens, _PARSER.options, env)
    return ParsedBody(html, tuple(env["wikilinks"]), tuple(env["problems"]), rules.plain_text(tokens), tuple(env["photos"]))


def _nth(text: str, needle: str, n: int) -> int:
    """Index of the n-th (1-based) occurrence of `needle` in `text`."""
    at = -1
    for _ in range(n):
        at = text.find(needle, at + 1)
    return at
