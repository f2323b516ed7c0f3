"""A small fixture site for the search tests, and a reader for the Pagefind markup of a page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from conftest import MINI_SITE
from html_tree import Node, parse

SEARCH_SITE: dict[str, str] = {
    **MINI_SITE,
    # A library named only in Cyrillic: it must be found by its Latin form too.
    "content/libraries/ruse-library.md": """
        ---
        name: Регионална библиотека Любен Каравелов
        city: Русе
        country: BG
        type: academic
        ---
        Тя е в града.
        """,
    # A title with markup: search results must show it as text (SECURITY-NOTES R17).
    "content/stories/markup-title.md": """
        ---
        title: "Evil <img src=x onerror=alert(1)> zebrafinch"
        date: 2021-01-02
        libraries: [beta-library]
        ---
        A story whose title holds markup.
        """,
    # A story in Bulgarian (lang: bg) must be found from the English search page.
    "content/stories/bulgarian-story.md": """
        ---
        title: Маратон на четенето
        date: 2019-03
        libraries: [ruse-library]
        lang: bg
        ---
        Читателски маратон в библиотеката.
        """,
}
ENTRY_COUNT = 9  # 3 libraries, 1 partnership, 3 stories, 1 activity, 1 guide


@dataclass(frozen=True)
class Marked:
    """An element of a page with where it sits: inside the indexed body, an ignored part, a hidden part."""

    node: Node
    in_body: bool  # inside (or on) the data-pagefind-body element
    ignored: bool  # inside (or on) a data-pagefind-ignore element
    hidden: bool  # inside (or on) an element with the hidden attribute

    def attr(self, name: str) -> str | None:
        return self.node.attrs.get(name)


def elements(html: str) -> list[Marked]:
    def walk(node: Node, body: bool, ignored: bool, hidden: bool) -> Iterator[Marked]:
        body = body or "data-pagefind-body" in node.attrs
        ignored = ignored or "data-pagefind-ignore" in node.attrs
        hidden = hidden or "hidden" in node.attrs
        yield Marked(node, body, ignored, hidden)
        for child in node.children:
            if isinstance(child, Node):
                yield from walk(child, body, ignored, hidden)

    return list(walk(parse(html), False, False, False))


def filters(html: str, name: str) -> list[str]:
    return [m.node.text for m in elements(html) if m.attr("data-pagefind-filter") == name]


def meta(html: str, name: str) -> list[str]:
    """The values of one Pagefind metadata field on a page (`data-pagefind-meta="name"`)."""
    return [m.node.text for m in elements(html) if m.attr("data-pagefind-meta") == name]


def indexed_hidden_text(html: str) -> list[str]:
    """Text Pagefind indexes (in the body, not ignored) that visitors do not see (hidden)."""
    return [m.node.text for m in elements(html) if m.in_body and m.hidden and not m.ignored and m.node.text]
