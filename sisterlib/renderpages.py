"""Render every planned page into the staging folder, in parallel across the cores.

The workers are forked once the Site, the plan and the compiled templates exist, so they
share them; each renders a contiguous run of pages, compares the bytes with the previous
output, and stages only what changed (write.stage_file). A page's bytes depend only on its
template and context, so the output is the same as a serial build's, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from .pages import OutputPage
from .parallel import chunks, map_chunks
from .render import Renderer
from .write import Staging, stage_file


def render_pages(pages: Sequence[OutputPage], renderer: Renderer, stage: Staging, jobs: int) -> None:
    renderer.load_all()  # compile once, before the fork
    stage_dir, out_dir = str(stage.dir), str(stage.out_dir)
    made_dirs: set[str] = set()

    def task(part: range) -> list[bool]:
        return [
            stage_file(stage_dir, out_dir, pages[i].path, renderer.render(pages[i].template, pages[i].context), made_dirs)
            for i in part
        ]

    parts = chunks(range(len(pages)), jobs, per_job=16)
    for part, changed in zip(parts, map_chunks(task, parts, jobs), strict=True):
        for i, was_changed in zip(part, changed, strict=True):
            stage.record(pages[i].path, was_changed)
