"""The whole pipeline on one screen: load -> validate -> resolve -> plan -> render -> write."""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache.markdown import MarkdownCache, cache_dir_for
from .cache.record import BuildRecord, Stamp, input_hash
from .config import Config
from .content.gitdates import last_updated
from .content.loadall import load_and_validate
from .errors import BuildFailed, ContentError
from .output.pages import OutputPage, plan
from .output.render import Renderer
from .output.renderpages import render_pages
from .output.write import Staging
from .parallel import default_jobs
from .resolve.bodies import render_bodies
from .resolve.links import WikiIndex, check_references
from .resolve.markdown import RenderedBody
from .resolve.site import Site, build_site
from .search import keep as searchkeep
from .search.fields import BUNDLE, build_index


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0  # files written (new or changed); unchanged files are not rewritten
    deleted: int = 0  # files of the previous output the build no longer makes
    unchanged: bool = False  # nothing changed since the last build: nothing was done
    search: bool = False  # the output has a search index
    timings: dict[str, float] = field(default_factory=dict)
    markdown_cache: tuple[int, int] = (0, 0)  # bodies (from the cache, rendered)


def load_site(config: Config, content_dir: Path, jobs: int | None = None, md_cache: MarkdownCache | None = None) -> Site:
    """Everything but writing; raises BuildFailed with every content error at once.

    Each file is read and parsed once; each body is rendered once (in parallel over `jobs`
    processes, through `md_cache` when given).
    """
    site, _ = _load_site(config, content_dir, jobs or default_jobs(), md_cache or MarkdownCache(None))
    return site


def _load_site(
    config: Config, content_dir: Path, jobs: int, md_cache: MarkdownCache, timings: dict[str, float] | None = None
) -> tuple[Site, threading.Thread | None]:
    """The Site, and the thread storing newly rendered bodies in the cache (join it before forking)."""
    t = time.perf_counter()
    entries_list, failed, errors = load_and_validate(content_dir, jobs)
    entries = {e.key: e for e in entries_list}
    entries, reference_errors = check_references(entries)
    errors += reference_errors
    index = WikiIndex(entries.values(), config.base_path)
    t_bodies = time.perf_counter()
    # report body problems of files that failed validation too, so one run shows every error of a file
    owners = [(e.path, e.body, e.body_line) for e in entries.values()] + [(s.path, s.body, s.body_line) for s in failed]
    rendered, stats = render_bodies([(body, line) for _, body, line in owners], index, md_cache, jobs)
    if timings is not None:
        timings["read"], timings["markdown"] = t_bodies - t, time.perf_counter() - t_bodies
    for (path, _, _), body in zip(owners, rendered, strict=True):
        errors += [ContentError(path, p.line, p.message, p.hint) for p in body.problems]
    storing = md_cache.store_in_background(stats.new, stats.used) if md_cache.path else None
    if errors:
        if storing:
            storing.join()  # the bodies without problems are kept for the build after the fix
        raise BuildFailed(errors)
    md_cache.hits, md_cache.misses = stats.hits, stats.misses
    bodies: dict[tuple[str, str], RenderedBody] = dict(zip(entries, rendered, strict=False))
    # The Markdown and the line of each field are not read again (the references are checked):
    # dropping them keeps a 10,000-story build's memory down.
    entries = {key: dataclasses.replace(entry, body="", lines={}) for key, entry in entries.items()}
    return build_site(config, entries, bodies), storing


def plan_site(site: Site) -> list[OutputPage]:
    pages, errors = plan(site)
    if errors:
        raise BuildFailed(errors)
    return pages


def build(
    config: Config,
    content_dir: Path,
    out_dir: Path,
    search: bool = True,
    git_dates: bool = True,
    jobs: int | None = None,
    cache: bool = True,
) -> BuildReport:
    """Build the site into `out_dir`. With `cache`, the cache folder (outside the checkout, see mdcache.cache_dir_for) keeps
    rendered Markdown and the record of the last build (a build with nothing changed stops
    after checking that)."""
    report = BuildReport(search=search)
    started = time.perf_counter()
    jobs = jobs or default_jobs()
    cache_dir = cache_dir_for(content_dir) if cache else None
    record = BuildRecord(cache_dir, out_dir) if cache_dir else None
    inputs = input_hash(config, content_dir, {"search": search, "git_dates": git_dates}) if record else ""
    last = record.up_to_date(inputs) if record else None
    if last is not None:
        report.unchanged, report.pages = True, last.pages
        report.timings["total"] = time.perf_counter() - started
        return report

    md_cache = MarkdownCache(cache_dir, config.base_path)
    report.timings["inputs"] = time.perf_counter() - started
    site, storing = _load_site(config, content_dir, jobs, md_cache, report.timings)
    report.markdown_cache = (md_cache.hits, md_cache.misses)
    if git_dates:  # "Last updated" on entry pages: one `git log` pass; none outside a git checkout
        site = dataclasses.replace(site, updated=last_updated(content_dir))
    t = time.perf_counter()
    pages = plan_site(site)
    report.timings["plan"] = time.perf_counter() - t
    report.timings["load"] = time.perf_counter() - started
    previous = record.load() if record else None
    if record:
        record.forget()  # until the new output is complete
    stamp = Stamp(inputs=inputs, pages=len(pages), search=search)
    if storing:
        storing.join()  # before the workers are forked
    with Staging(out_dir) as stage:
        t = time.perf_counter()
        render_pages(pages, Renderer(config), stage, jobs)
        stage.copy_tree(config.assets_dir, "assets")
        report.timings["render"] = time.perf_counter() - t
        report.pages = len(pages)
        if search:  # last, over the rendered pages: a failed index leaves the previous site
            stamp.search_key, seconds = _search(stage, config, previous, report.timings)
            report.timings["search"] = seconds
        t = time.perf_counter()
    report.timings["sync"] = time.perf_counter() - t
    report.files, report.deleted = stage.written, stage.deleted
    if record:
        record.save(stamp)
    report.timings["total"] = time.perf_counter() - started
    return report


def _search(stage: Staging, config: Config, previous: Stamp | None, timings: dict[str, float]) -> tuple[str, float]:
    """The search index: kept when no indexed page changed since it was built, else built again."""
    started = time.perf_counter()
    indexed = sorted(rel for rel in stage.produced if searchkeep.is_indexed(rel))
    key = searchkeep.index_key(indexed, config.language)
    if previous and previous.search_key == key and not stage.staged.intersection(indexed):
        bundle = [rel for rel in previous.files if rel.startswith(BUNDLE + "/")]
        now = searchkeep.current_files(stage.out_dir, [*indexed, *bundle])
        if bundle and all(now[rel] == previous.files.get(rel) for rel in now):
            stage.keep(bundle)
            return key, time.perf_counter() - started
    stage.complete(searchkeep.SECTIONS)
    timings["search_index"] = build_index(stage.dir, config.language)
    stage.adopt(BUNDLE)
    return key, time.perf_counter() - started
