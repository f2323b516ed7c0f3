"""Render every planned page into the staging folder, in parallel across the cores.

The workers are forked once the Site, the plan and the compiled templates exist, so they
share them; each renders a contiguous run of pages and sends the bytes back. This process
compares them with the previous output and stages only what changed (Staging.write), while
the workers render the next pages. A page's bytes depend only on its template and context,
so the output is the same as a serial build's, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..parallel import chunks, imap_chunks
from .pages import OutputPage
from .render import Renderer
from .write import Staging


def render_pages(pages: Sequence[OutputPage], renderer: Renderer, stage: Staging, jobs: int) -> None:
    renderer.load_all()  # compile once, before the fork

    def task(part: range) -> list[bytes]:
        return [renderer.render(pages[i].template, pages[i].context) for i in part]

    # The workers render; this process alone writes. Two processes creating folders side by
    # side in stories/ contend for the folder's lock: measured on 2 cores, 15,000 pages took
    # 3 times the system time, and longer, than one writer.
    parts = chunks(range(len(pages)), jobs, per_job=16)
    for part, rendered in zip(parts, imap_chunks(task, parts, jobs), strict=True):
        for i, data in zip(part, rendered, strict=True):
            stage.write(pages[i].path, data)
