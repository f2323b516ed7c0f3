"""The render stage: every planned page rendered, in parallel across the cores, into the writer.

The workers are forked once the Site, the plan and the compiled templates exist, so they
share them; each renders a contiguous run of pages and sends the bytes back. This process
compares them with the previous output and stages only what changed (Staging.write), while
the workers render the next pages. A page's bytes depend only on its template and context,
so the output is the same as a serial build's, byte for byte.

With `record`, each page is rendered with a SiteReader (resolve/reads.py) and the parts of
the Site it read come back with it: the preview keeps them, to know which pages a change
touches.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..parallel import chunks, imap_chunks
from ..resolve.reads import SiteReader, Token
from ..resolve.site import Site
from .pages import OutputPage
from .render import FILE, Renderer
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
    pages: Sequence[OutputPage], renderer: Renderer, stage: Staging, jobs: int, record: bool = False, site: Site | None = None
) -> list[set[Token]] | None:
    """Render and stage every page; with `record`, return what each page read, in page order."""
    renderer.load_all()  # compile once, before the fork

    def task(part: Sequence[int]) -> list[tuple[bytes, set[Token] | None]]:
        out = []
        for i in part:
            reads: set[Token] | None = set() if record else None
            out.append((render_page(renderer, pages[i], reads, site), reads))
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
        for i, (data, reads) in zip(part, rendered, strict=True):
            stage.write(pages[i].path, data)
            all_reads[i] = reads
    return all_reads if record else None  # type: ignore[return-value]
