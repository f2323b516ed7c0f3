"""The whole pipeline on one screen: load -> validate -> resolve -> plan -> render -> write."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .errors import BuildFailed, ContentError
from .gitdates import last_updated
from .links import WikiIndex, check_references
from .load import load_content
from .markdown import RenderedBody, render_body
from .pages import OutputPage, plan
from .render import Renderer
from .search import build_index
from .site import Site, build_site
from .validate import validate
from .write import Staging


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def load_site(config: Config, content_dir: Path) -> Site:
    """Everything but writing; raises BuildFailed with every content error at once."""
    sources, errors = load_content(content_dir)
    entries_list, failed, validation_errors = validate(sources)
    errors += validation_errors
    entries = {e.key: e for e in entries_list}
    entries, reference_errors = check_references(entries)
    errors += reference_errors
    index = WikiIndex(entries.values(), config.base_path)
    bodies: dict[tuple[str, str], RenderedBody] = {}
    for key, entry in entries.items():
        body = render_body(entry.body, entry.body_line, index)
        bodies[key] = body
        errors += [ContentError(entry.path, p.line, p.message, p.hint) for p in body.problems]
    for source in failed:  # report body problems too, so one run shows every error of a file
        body = render_body(source.body, source.body_line, index)
        errors += [ContentError(source.path, p.line, p.message, p.hint) for p in body.problems]
    if errors:
        raise BuildFailed(errors)
    return build_site(config, entries, bodies)


def plan_site(site: Site) -> list[OutputPage]:
    pages, errors = plan(site)
    if errors:
        raise BuildFailed(errors)
    return pages


def build(config: Config, content_dir: Path, out_dir: Path, search: bool = True, git_dates: bool = True) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    site = load_site(config, content_dir)
    if git_dates:  # "Last updated" on entry pages: one `git log` pass; none outside a git checkout
        site = dataclasses.replace(site, updated=last_updated(content_dir))
    pages = plan_site(site)
    report.timings["load"] = time.perf_counter() - started
    renderer = Renderer(config)
    with Staging(out_dir) as stage:
        t = time.perf_counter()
        for page in pages:
            stage.write(page.path, renderer.render(page.template, page.context))
        stage.copy_tree(config.assets_dir, "assets")
        report.timings["render"] = time.perf_counter() - t
        report.pages = len(pages)
        report.files = stage.written
        if search:  # last, over the written pages: a failed index leaves the previous site
            report.timings["search"] = build_index(stage.dir, config.language)
    report.timings["total"] = time.perf_counter() - started
    return report
