"""The render stage: every planned page rendered, in parallel across the cores, into the writer.

The workers are forked once the Site, the plan and the compiled templates exist, so they
share them; each renders a contiguous run of pages and sends the bytes back. This process
compares them with the previous output and stages only what changed (Staging.write), while
the workers render the next pages. A page's bytes depend only on its template and context,
so the output is the same as a serial build's, byte for byte.

With `record`, each page is rendered with a SiteReader (resolve/reads.py) and the parts of
the Site it read come back with it: the preview keeps them, to know which pages a change
touches. With a `memo` (cache/pages.py, `build` with its cache), a page the last build
rendered from the same values is not rendered again, and each rendered page's reads and
digest are remembered for the next build: the workers compute the digests, in parallel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..cache.digest import Digester, Undigestible
from ..cache.pages import PageMemo
from ..parallel import chunks, imap_chunks
from ..resolve.reads import SiteReader, Token
from ..resolve.site import Site
from .pages import OutputPage
from .render import FILE, RAW, Renderer
from .write import Staging


def render_page(renderer: Renderer, page: OutputPage, reads: set[Token] | None = None, site: Site | None = None) -> bytes:
    """A page's bytes; with `reads`, every part of the Site the page read is added to it.
    `site` replaces the Site the page was planned with (the preview's pages outlive their Site)."""
    context = page.context
    if "site" in context and (reads is not None or site is not None):
        current = site if site is not None else context["site"]
        context = {**context, "site": SiteReader(current, reads) if reads is not None else current}
    return renderer.render(page.template, context)


def render_pages(
    pages: Sequence[OutputPage],
    renderer: Renderer,
    stage: Staging,
    jobs: int,
    record: bool = False,
    site: Site | None = None,
    memo: PageMemo | None = None,
) -> list[set[Token]] | None:
    """Render and stage every page; with `record`, return what each page read, in page order."""
    renderer.load_all()  # compile once, before the fork
    digester = Digester()  # each worker fills its own copy
    old = memo.old if memo is not None else {}
    planned_with, by_number = None, []
    if memo is not None:
        planned_with = site or next((page.context["site"] for page in pages if "site" in page.context), None)
        if planned_with is not None:
            digester.prepare(planned_with)  # once, before the fork: every worker inherits the digests
            by_number = digester.tokens_by_number(planned_with, memo.table)

    def task(part: Sequence[int]) -> list[tuple[bytes | None, Any]]:
        out: list[tuple[bytes | None, Any]] = []
        for i in part:
            page = pages[i]
            if memo is None or page.template == RAW:  # a file made in Python: nothing to render
                reads: set[Token] | None = set() if record else None
                out.append((render_page(renderer, page, reads, site), reads))
                continue
            now = site if site is not None else page.context.get("site")
            last = old.get(page.path)
            if last is not None and _unchanged(digester, page, now, last, memo, by_number if now is planned_with else None):
                out.append((None, None))  # rendered from the same values by the last build: the same bytes
                continue
            reads = set()
            data = render_page(renderer, page, reads, site)
            out.append((data, (_digest(digester, page, now, reads), reads)))
        return out

    # The workers render; this process alone writes. Two processes creating folders side by
    # side in stories/ contend for the folder's lock: measured on 2 cores, 15,000 pages took
    # 3 times the system time, and longer, than one writer.
    # Files copied as they are (processed photos) are not sent through the workers: this
    # process copies them, comparing them with the output first, like every file.
    all_reads: list[set[Token] | None] = [None] * len(pages)
    todo = [i for i, page in enumerate(pages) if page.template != FILE]
    for i, page in enumerate(pages):
        if page.template == FILE:
            stage.copy_file(page.path, page.context["file"])
            all_reads[i] = set()
    parts = chunks(todo, jobs, per_job=16)
    for part, rendered in zip(parts, imap_chunks(task, parts, jobs), strict=True):
        for i, (data, extra) in zip(part, rendered, strict=True):
            path = pages[i].path
            if data is None:
                assert memo is not None
                stage.keep((path,))
                memo.keep(path)
                memo.kept += 1
                continue
            stage.write(path, data)
            if memo is None:
                all_reads[i] = extra
            elif pages[i].template != RAW:
                memo.rendered += 1
                digest, reads = extra
                all_reads[i] = reads
                if digest is not None:
                    memo.remember(path, digest, reads)
    return all_reads if record else None  # type: ignore[return-value]


def _unchanged(
    digester: Digester, page: OutputPage, site: Site | None, last: Any, memo: PageMemo, by_number: list[bytes | None] | None
) -> bool:
    """Whether the page would be rendered from the values the last build rendered it from."""
    values = _values(by_number, last[1]) if by_number is not None else None
    if values is None:  # a token the table does not number, or one with no digest: the slow way
        tokens = memo.tokens_of(last)
        return tokens is not None and _digest(digester, page, site, tokens) == bytes.fromhex(last[0])
    try:
        return digester.page_of(page.template, page.context, values) == bytes.fromhex(last[0])
    except Undigestible:
        return False


def _values(by_number: list[bytes | None], numbers: Any) -> list[bytes] | None:
    """The digests of the tokens numbered `numbers`; None when one is not in the table or has none."""
    try:
        if min(numbers, default=0) < 0:
            return None
        values = [by_number[n] for n in numbers]  # IndexError past the table, TypeError for a number that is not an int
    except (IndexError, TypeError):
        return None
    return None if None in values else values  # type: ignore[return-value]


def _digest(digester: Digester, page: OutputPage, site: Site | None, tokens: Any) -> bytes | None:
    """The page's digest (cache/digest.py), or None when it holds a value the digest does not know."""
    try:
        return digester.page(page.template, page.context, site, tokens)
    except Undigestible:
        return None
