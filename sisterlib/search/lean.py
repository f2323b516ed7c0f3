"""Lean copies of the entry pages for the indexer: only what Pagefind reads, nothing it skips.

Pagefind parses every element of a page it is given, then keeps the text of the element
marked `data-pagefind-body` and the filters and metadata inside it. A lean copy is that
element alone, with the subtrees Pagefind would not index (data-pagefind-ignore, nav,
footer, forms...) left out, inline tags unwrapped (Pagefind joins their text to the text
around it anyway), and attributes dropped from every tag that has none of Pagefind's own
(a tag with one keeps them all, as Pagefind may be told to index one); the first <img>
after the <h1>, which Pagefind makes the `image` metadata of, stays with its src and alt
(even from a subtree left out). The indexer then reads
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
from functools import lru_cache

# Pagefind 1.5 (pagefind/src/fossick/parser.rs): elements that end a sentence, and the ones it drops.
SENTENCE = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section")
DROPPED = ("head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe", "template")
INLINE = ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins", "kbd",
          "mark", "q", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var", "wbr")  # fmt: skip
BLOCKS = ("address", "aside", "blockquote", "caption", "details", "dl", "fieldset", "figcaption", "figure", "header",
          "hr", "main", "ol", "pre", "summary", "table", "tbody", "tfoot", "thead", "tr")  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]*)"')
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_DROPPED_TAG = re.compile(rf"<({'|'.join(DROPPED)})[\s>]")
_KEPT_INSIDE = re.compile(r"data-pagefind-(?:filter|meta|sort|body)")
_INLINE_TAGS = re.compile(rf"<(?:{'|'.join(INLINE)})\b(?![^>]*data-pagefind)[^>]*>|</(?:{'|'.join(INLINE)})>")
_ATTRIBUTES = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s(?![^>]*data-pagefind)[^>]*>")
_BLOCK_TAGS = re.compile(rf"<(/?)({'|'.join(BLOCKS + ('dt', 'dd', 'th'))})>")
# What each of those becomes: a term ends with a colon, the rest are sentences of their own.
_AS_SENTENCE = {("", "dt"): "<p>", ("/", "dt"): ":</p>", ("", "th"): "<td>", ("/", "th"): "</td>"}
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# Pagefind takes a page's `image` and `image_alt` metadata from the first <img> it indexes.
_FIRST_IMG = re.compile(r"<img\s[^>]*>")
_IMG_KEPT = re.compile(r'\s(?:src|alt)="[^"]*"')


class NoBody(ValueError):
    pass


@lru_cache(maxsize=64)
def _same_tag(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}(?=[\s/>])[^>]*>", re.I)


def _end_of(html: str, start: int, tag: str) -> int:
    """The index just after the element starting at `start` (the matching end tag of `tag`)."""
    if tag in VOID:
        return html.index(">", start) + 1
    depth = 0
    for match in _same_tag(tag).finditer(html, start):
        if match.group(0).endswith("/>"):
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(html)


def _tag_at(html: str, attribute_at: int) -> tuple[int, str]:
    """The start and name of the tag an attribute found at `attribute_at` belongs to."""
    start = html.rfind("<", 0, attribute_at)
    name = _TAG_NAME.match(html, start)
    if start < 0 or name is None:
        raise NoBody(f"a Pagefind attribute outside a tag at {attribute_at}")
    return start, name.group(1).lower()


def _without_skipped(html: str, only_whole: bool = False) -> str:
    """The element without the subtrees Pagefind does not index; an ignored subtree that holds
    filters or metadata (read even when ignored) stays. `only_whole`: leave out only what
    Pagefind does not read at all (dropped elements, data-pagefind-ignore="all")."""
    starts = [(m.start(), m.group(1).lower(), True) for m in _DROPPED_TAG.finditer(html)]
    at = html.find("data-pagefind-ignore")
    while at >= 0:
        start, tag = _tag_at(html, at)
        starts.append((start, tag, html.startswith('data-pagefind-ignore="all"', at)))
        at = html.find("data-pagefind-ignore", at + 1)
    out, pos = [], 0
    for start, tag, whole in sorted(starts):
        if start < pos:
            continue  # inside a subtree already left out
        end = _end_of(html, start, tag)
        if whole or (not only_whole and not _KEPT_INSIDE.search(html, start + 1, end)):
            out.append(html[pos:start])
            pos = end
    out.append(html[pos:])
    return "".join(out)


def lean_page(html: str) -> str:
    """The lean copy of a rendered entry page (see the module's docstring)."""
    at = html.find("data-pagefind-body")
    if at < 0:
        raise NoBody("no element with data-pagefind-body")
    start, tag = _tag_at(html, at)
    lang = _HTML_LANG.search(html, 0, start)
    element = html[start : _end_of(html, start, tag)]
    element = _COMMENT.sub("", element)
    # Pagefind's `image` metadata is the first <img> after the first <h1> (in an ignored subtree too)
    read = _without_skipped(element, only_whole=True)
    first_img = _FIRST_IMG.search(read, max(read.find("</h1>"), 0))
    element = _without_skipped(element)
    element = _INLINE_TAGS.sub("", element)
    element = _ATTRIBUTES.sub(r"<\1>", element)
    element = _BLOCK_TAGS.sub(lambda m: _AS_SENTENCE.get(m.groups(), f"<{m.group(1)}div>"), element)
    if first_img:  # kept just after the <h1>, with its src and alt only
        h1_end = element.find("</h1>")
        at = h1_end + len("</h1>") if h1_end >= 0 else element.index(">") + 1
        kept_img = "<img" + "".join(_IMG_KEPT.findall(first_img.group(0))) + ">"
        element = element[:at] + kept_img + element[at:]
    return f'<!DOCTYPE html><html lang="{lang.group(1) if lang else ""}"><head></head><body>{element}</body></html>'


_TRANSLATION_ATTRS = re.compile(r"data-pagefind-(?:meta|filter|sort)")
_BODY_TAG = re.compile(r"<body>(<([a-zA-Z]+)[^>]*>)")


def with_translations(lean: str, translations: list[tuple[str, str]]) -> str:
    """A lean copy with the text of the entry's translations (language, rendered page) inside its
    indexed element, each in a block of its language: the entry is found by the words of every
    language it is written in, as one result (its filters and metadata are the original's, but
    for each translation's title, `title_<lang>`)."""
    if not translations:
        return lean
    blocks = []
    for lang, html in translations:
        # its title stays, as metadata of its own (title_bg): the search page in that language shows it
        marked = _TRANSLATION_ATTRS.sub("data-translated", html).replace(
            'data-translated="title"', f'data-pagefind-meta="title_{lang}"', 1
        )
        inner = lean_page(marked)
        opening = _BODY_TAG.search(inner)
        if opening is None:
            raise NoBody("a translated page with no indexed element")
        start, tag = opening.end(), opening.group(2)
        end = inner.rindex(f"</{tag}>")
        blocks.append(f'<div lang="{lang}">{inner[start:end]}</div>')
    end = lean.rindex("</body>")
    closing = lean.rindex("</", 0, end)  # the end tag of the indexed element
    return lean[:closing] + "".join(blocks) + lean[closing:]
