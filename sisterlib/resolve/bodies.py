"""The body stages: every body parsed once (Markdown -> HTML with wiki-link and photo marks),
then linked once every name and photo is known (marks -> links with the target's URL and
title, photos -> their <picture>, output/pictures.py).

Parsing depends on a body's text alone, so it is cached by text (cache/markdown.py), done in
worker processes, and kept by the preview in `memo`. Linking is cheap; a linked body is kept
while its parse and the names it looks up are unchanged.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from markdown_it.common.utils import escapeHtml as escape

from ..cache.markdown import MarkdownCache, Row
from ..output.pictures import picture_html
from ..output.urls import entry_url
from ..parallel import chunks, map_chunks
from .images import NO_PHOTOS, EntryPhotos
from .markdown import ParsedBody
from .markdown_photos import PHOTO_MARK
from .markdown_rules import MARK, Problem
from .names import NameIndex, WikiTarget, fold
from .pagelinks import about as page_about
from .pagelinks import looked_up, resolve_page_link


@dataclass(frozen=True)
class RenderedBody:
    html: str
    links: tuple[tuple[str, str], ...]  # keys of the entries the body links to, in order
    problems: tuple[Problem, ...]  # lines of the file
    text: str  # plain text from the start, for descriptions
    photos: EntryPhotos = NO_PHOTOS  # the entry's photos: its cover (the `image` field) and those of the body


@dataclass
class BodyStats:
    hits: int = 0
    misses: int = 0
    used: set[str] = field(default_factory=set)  # cache keys this build used, for pruning
    new: list[Row] = field(default_factory=list)  # parsed now, to be stored in the cache


def parse_bodies(
    texts: Sequence[str], cache: MarkdownCache, jobs: int, memo: dict[str, ParsedBody] | None = None
) -> tuple[list[ParsedBody], BodyStats]:
    """Each text parsed: taken from `memo` (replaced by this call's bodies), else the cache, else parsed now."""
    found: list[ParsedBody | None] = [memo.get(t) for t in texts] if memo else [None] * len(texts)
    todo = [i for i, parsed in enumerate(found) if parsed is None]

    def task(part: Sequence[int]) -> tuple[list[ParsedBody], int, int, set[str], list[Row]]:
        hits, misses = cache.hits, cache.misses
        cache.used, cache.new = set(), []
        out = [cache.parse(texts[i]) for i in part]
        return out, cache.hits - hits, cache.misses - misses, cache.used, cache.new

    stats = BodyStats()
    try:
        parts = chunks(todo, jobs)
        for part, (out, hits, misses, used, new) in zip(parts, map_chunks(task, parts, jobs), strict=True):
            for i, parsed in zip(part, out, strict=True):
                found[i] = parsed
            stats.hits += hits
            stats.misses += misses
            stats.used |= used
            stats.new += new
    finally:
        cache.close()  # no connection may cross a fork
    parsed_all: list[ParsedBody] = found  # type: ignore[assignment]
    if memo is not None:
        memo.clear()
        memo.update(zip(texts, parsed_all, strict=True))
    return parsed_all, stats


def link_body(
    parsed: ParsedBody, body_line: int, resolve: NameIndex, page_url: str = "/", photos: EntryPhotos = NO_PHOTOS
) -> RenderedBody:
    """Fill in the wiki links, page links and photos of a parsed body (on the page at
    `page_url`), and give its problems the file's line numbers.

    The page's first photo loads at once, the others when they come near the screen: the
    first is the cover when there is one (shown above the body), else the body's first."""
    problems = [Problem(p.line + body_line, p.message, p.hint) for p in parsed.problems]
    pictures = [
        picture_html(shown.picture, shown.alt, resolve.base_path, lazy=i > 0 or photos.cover is not None, link=not link.linked)
        if shown
        else ""
        for i, (shown, link) in enumerate(zip(photos.body, parsed.photos, strict=False))
    ]
    if not parsed.links:
        html = _fill(parsed.html, [], pictures) if parsed.photos else parsed.html
        return RenderedBody(html, (), tuple(problems), parsed.text, photos)
    html_links: list[str] = []
    labels: list[str] = []
    keys: list[tuple[str, str]] = []
    for link in parsed.links:
        if link.page:  # an address: the mark is the href's value
            address = resolve_page_link(link.target, page_url, resolve)
            if isinstance(address, tuple):
                problems.append(Problem(link.line + body_line, *address, about=page_about(link.target, page_url)))
                address = "#"
            else:
                address = resolve.base_path + address
            html_links.append(escape(address))
            labels.append("")
            continue
        found = resolve(link.target)
        if isinstance(found, WikiTarget):
            label = link.label or found.label
            html_links.append(f'<a class="wikilink" href="{escape(found.url)}">{escape(label)}</a>')
            keys.append(found.key)
        else:
            label = link.label or link.target
            html_links.append(f'<span class="wikilink-broken">{escape(label)}</span>')
            problems.append(Problem(link.line + body_line, *found, about="name:" + fold(link.target)))
        labels.append(label)
    html = _fill(parsed.html, html_links, pictures)
    return RenderedBody(html, tuple(keys), tuple(problems), _fill(parsed.text, labels), photos)


def _fill(marked: str, links: list[str], photos: list[str] | None = None) -> str:
    parts = marked.split(MARK)  # text, index, text, index, ..., text
    for i in range(1, len(parts), 2):
        mark = parts[i]
        if mark.startswith(PHOTO_MARK):
            number = int(mark[len(PHOTO_MARK) :])
            parts[i] = photos[number] if photos is not None and number < len(photos) else ""
        else:
            parts[i] = links[int(mark)]
    return "".join(parts)


@dataclass(frozen=True)
class _Linked:
    parsed: ParsedBody
    line: int
    names: frozenset[str]  # the folded names the body looks up
    body: RenderedBody
    photos: EntryPhotos


LinkMemo = dict[Hashable, _Linked]


def link_bodies(
    bodies: Iterable[tuple[Hashable, ParsedBody, int]],
    index: NameIndex,
    memo: LinkMemo | None,
    changed_names: set[str] | None,
    photos: dict[Hashable, EntryPhotos] | None = None,
) -> dict[Hashable, RenderedBody]:
    """Link every (id, parsed body, first line) against the index, with its entry's `photos`.

    `memo` holds the last call's results (the preview keeps it; a build passes None and keeps
    nothing): a body is kept when its parse, first line and photos are the same and none of
    the names it looks up is in `changed_names` (None: all changed). A body with problems is
    linked again, so its "did you mean" hints are chosen among the current names.
    """
    photos = photos or {}
    if memo is None:
        return {
            body_id: link_body(parsed, line, index, _url(body_id), photos.get(body_id, NO_PHOTOS))
            for body_id, parsed, line in bodies
        }
    out: dict[Hashable, RenderedBody] = {}
    kept: LinkMemo = {}
    for body_id, parsed, line in bodies:
        old = memo.get(body_id)
        own = photos.get(body_id, NO_PHOTOS)
        if (
            old is not None
            and changed_names is not None
            and old.parsed is parsed
            and old.line == line
            and old.photos == own
            and not old.body.problems
            and old.names.isdisjoint(changed_names)
        ):
            linked = old
        else:
            url = _url(body_id)
            names = frozenset(looked_up(link.target, url) if link.page else fold(link.target) for link in parsed.links)
            linked = _Linked(parsed, line, names, link_body(parsed, line, index, url, own), own)
            if old is not None and old.body == linked.body:
                linked = _Linked(parsed, line, names, old.body, own)  # the same object: pages showing it need not change
        kept[body_id] = linked
        out[body_id] = linked.body
    memo.clear()
    memo.update(kept)
    return out


def _url(body_id: Hashable) -> str:
    """The page a body is shown on: its entry's (ids are entry keys; a translation's add its language)."""
    return entry_url(*body_id[:2]) if isinstance(body_id, tuple) else "/"  # type: ignore[misc]
