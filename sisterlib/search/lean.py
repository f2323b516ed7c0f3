"""Lean copies of the entry pages for the indexer: only what Pagefind reads, nothing it skips.

Pagefind parses every element of a page it is given, then keeps the text of the element
marked `data-pagefind-body` and the filters and metadata inside it. A lean copy is that
element alone, with the subtrees Pagefind would not index (data-pagefind-ignore, nav,
footer, forms...) left out, inline tags unwrapped (Pagefind joins their text to the text
around it anyway), and attributes dropped except Pagefind's own. The indexer then reads
about 40% of the bytes for the same words (tests/test_search_index.py indexes both and
compares them).

Two changes are on purpose: Pagefind separates sentences only at the elements in
SENTENCE (p, li, headings, div...), so a definition list's term and its description, table
header cells, quotes and code blocks would run into the next text ("LanguagesBulgarian");
a lean copy turns those into paragraphs and blocks, and a term gets a colon ("Languages:
    Bulgarian.").

The input is our own rendered HTML (autoescaped, Markdown without raw HTML), so tags are
well formed and attribute values never hold `>`.
"""

from __future__ import annotations

import re

# Pagefind 1.5 (pagefind/src/fossick/parser.rs): elements that end a sentence, and the ones it drops.
SENTENCE = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section")
DROPPED = ("head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template")
INLINE = ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins", "kbd",
          "mark", "q", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var", "wbr")  # fmt: skip
BLOCKS = ("address", "aside", "blockquote", "caption", "details", "dl", "fieldset", "figcaption", "figure", "header",
          "hr", "main", "ol", "pre", "summary", "table", "tbody", "tfoot", "thead", "tr")  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]*)"')
_BODY = re.compile(r"<(\w+)[^>]*\sdata-pagefind-body[\s>]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_SKIPPED = re.compile(rf"<(?:({'|'.join(DROPPED)})\b[^>]*|(\w+)[^>]*\sdata-pagefind-ignore(?:=\"[^\"]*\")?[^>]*)>")
_KEPT_INSIDE = re.compile(r"data-pagefind-(?:filter|meta|sort|body)")
_INLINE_TAGS = re.compile(rf"<(?:{'|'.join(INLINE)})\b(?![^>]*data-pagefind)[^>]*>|</(?:{'|'.join(INLINE)})>")
_ATTRIBUTES = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s(?![^>]*data-pagefind)[^>]*>")
_PAGEFIND_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*data-pagefind[^>]*)>")
_ATTRIBUTE = re.compile(r'([^\s=]+)(?:="([^"]*)")?')
_BLOCK_TAGS = re.compile(rf"<(/?)(?:{'|'.join(BLOCKS)})>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class NoBody(ValueError):
    pass


def _end_of(html: str, start: int, tag: str) -> int:
    """The index just after the element starting at `start` (the matching end tag of `tag`)."""
    depth = 0
    for match in _TAG.finditer(html, start):
        name = match.group(2).lower()
        if name != tag or name in VOID or match.group(3).endswith("/"):
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


def _without_skipped(html: str) -> str:
    """The element without the subtrees Pagefind does not index; an ignored subtree that holds
    filters or metadata (read even when ignored) stays."""
    out, pos = [], 0
    for match in _SKIPPED.finditer(html):
        if match.start() < pos:
            continue  # inside a subtree already left out
        tag = (match.group(1) or match.group(2)).lower()
        end = _end_of(html, match.start(), tag)
        subtree = html[match.start() : end]
        if match.group(1) or 'data-pagefind-ignore="all"' in match.group(0) or not _KEPT_INSIDE.search(subtree):
            out.append(html[pos : match.start()])
            pos = end
    out.append(html[pos:])
    return "".join(out)


def _pagefind_attributes(match: re.Match[str]) -> str:
    """A tag with only Pagefind's attributes (and those it is told to index)."""
    attributes = _ATTRIBUTE.findall(match.group(2))
    indexed = next((value.split(",") for name, value in attributes if name == "data-pagefind-index-attrs"), [])
    kept = [(n, v) for n, v in attributes if n.startswith("data-pagefind-") or n in {a.strip() for a in indexed}]
    return f"<{match.group(1)}" + "".join(f' {n}="{v}"' if v else f" {n}" for n, v in kept) + ">"


def lean_page(html: str) -> str:
    """The lean copy of a rendered entry page (see the module's docstring)."""
    body = _BODY.search(html)
    if body is None:
        raise NoBody("no element with data-pagefind-body")
    lang = _HTML_LANG.search(html)
    element = html[body.start() : _end_of(html, body.start(), body.group(1).lower())]
    element = _without_skipped(_COMMENT.sub("", element))
    element = _INLINE_TAGS.sub("", element)
    element = _ATTRIBUTES.sub(r"<\1>", element)
    element = _PAGEFIND_TAG.sub(_pagefind_attributes, element)
    element = element.replace("<dt>", "<p>").replace("</dt>", ":</p>").replace("<dd>", "<div>").replace("</dd>", "</div>")
    element = element.replace("<th>", "<td>").replace("</th>", "</td>")
    element = _BLOCK_TAGS.sub(r"<\1div>", element)
    return f'<!DOCTYPE html><html lang="{lang.group(1) if lang else ""}"><head></head><body>{element}</body></html>'
