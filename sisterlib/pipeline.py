"""Every stage of a build, on one screen: `build` and `check`, after `read_site` (reading.py).

    content/*.md --read_site--> Site --plan--> pages --render--> staging/
        --search--> staging/pagefind/ --sync--> site/

The preview (preview/state.py) calls the same `read_site` with what it kept from the last
build and the files that changed, then plans and renders only the pages the change touches.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache.caches import BuildCaches
from .cache.folder import cache_dir_for
from .cache.markdown import MarkdownCache
from .cache.record import Stamp, input_hash
from .cache.storing import store_parses
from .collector import collector_paused
from .config import Config
from .content.gitdates import last_updated
from .content.loading import Loaded
from .content.today import today
from .errors import BuildFailed, ContentError
from .output.pages import OutputPage, plan
from .output.render import FILE, Renderer
from .output.renderpages import render_pages
from .output.write import Staging
from .parallel import default_jobs
from .reading import read_site
from .report import WARNING_RULES, run_rules
from .resolve.site import Site
from .search.listings import listings
from .search.step import search_step


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0  # files written (new or changed); unchanged files are not rewritten
    deleted: int = 0  # files of the previous output the build no longer makes
    unchanged: bool = False  # nothing changed since the last build: nothing was done
    search: bool = False  # the output has a search index
    sitemap: bool = False  # the output has a sitemap.xml (only with a full base_url)
    timings: dict[str, float] = field(default_factory=dict)
    markdown_cache: tuple[int, int] = (0, 0)  # bodies (from the cache, parsed)
    entries_cache: tuple[int, int] = (0, 0)  # files (from the cache, loaded)
    pages_memo: tuple[int, int] | None = None  # pages (kept as the last build rendered them, rendered)
    warnings: list[ContentError] = field(default_factory=list)  # printed; they never fail a build
    photos: tuple[int, int] = (0, 0)  # photos (from the cache, processed now)


def load_site(config: Config, content_dir: Path, jobs: int | None = None, updated: dict[str, str] | None = None) -> Site:
    """The Site of a content folder (`check` and tests); raises BuildFailed with every content error
    (and the warnings of the files), or every error of the page plan."""
    state = read_site(config, content_dir, jobs=jobs or default_jobs(), md_cache=MarkdownCache(None), updated=updated)
    if state.errors:
        raise BuildFailed(state.errors, state.loaded.warnings())
    assert state.site is not None
    return state.site


def check(config: Config, content_dir: Path, updated: dict[str, str] | None = None) -> tuple[Site, list[ContentError]]:
    """`check`: the Site and its warnings; raises BuildFailed with every error of the content and of the page plan."""
    with collector_paused():
        state = read_site(config, content_dir, jobs=default_jobs(), md_cache=MarkdownCache(None), updated=updated)
    if state.errors:
        raise BuildFailed(state.errors, state.loaded.warnings())
    site, loaded = state.site, state.loaded
    assert site is not None
    del state  # every parse and linked body, kept for a next call: not needed to plan (70 MB at 10,000 stories)
    plan_site(site)
    return site, warnings_of(site, loaded, content_dir)


def warnings_of(site: Site, loaded: Loaded | None, content_dir: Path) -> list[ContentError]:
    """The warnings of a good build: the files' own (loading) and the warning rules' (report/)."""
    day = today(content_dir, site.entries.values()).day
    rules = run_rules(WARNING_RULES, site, day, loaded.entries() if loaded else None)  # lines from the entries as loaded
    return sorted({*(loaded.warnings() if loaded else ()), *rules})


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
    """Build the site into `out_dir`. With `cache`, the cache folder (outside the checkout) keeps
    what the next build reuses (cache/caches.py), and the record of the last build: a build with
    nothing changed stops after checking that."""
    report = BuildReport(search=search)
    started = time.perf_counter()
    options = {"search": search, "git_dates": git_dates}
    caches = BuildCaches.open(cache_dir_for(content_dir) if cache else None, config, out_dir, options)
    inputs = input_hash(config, content_dir, options) if caches.record else ""
    last = caches.record.up_to_date(inputs) if caches.record else None
    if last is not None:
        report.unchanged, report.pages = True, last.pages
    else:
        try:
            with collector_paused():  # what a build makes lives until it ends (collector.py)
                _build(config, content_dir, out_dir, search, jobs or default_jobs(), caches, report, inputs, git_dates)
        finally:
            caches.images.close()
    report.timings["total"] = time.perf_counter() - started
    return report


def _build(
    config: Config,
    content_dir: Path,
    out_dir: Path,
    search: bool,
    jobs: int,
    caches: BuildCaches,
    report: BuildReport,
    inputs: str,
    git_dates: bool,
) -> None:
    updated = last_updated(content_dir) if git_dates else {}  # "Last updated": one `git log` pass
    md_cache, entry_cache, images, record = caches.markdown, caches.entries, caches.images, caches.record
    state = read_site(
        config, content_dir, jobs=jobs, md_cache=md_cache, images=images, updated=updated, timings=report.timings,
        keep_sources=False, entry_cache=entry_cache,
    )  # fmt: skip
    storing = store_parses(md_cache, state.stats, entry_cache)  # kept for the next build, even when this one fails
    report.entries_cache = (entry_cache.hits, entry_cache.misses)
    if state.errors:
        if storing:
            storing.join()
        raise BuildFailed(state.errors, state.loaded.warnings())
    site, report.markdown_cache = state.site, (state.stats.hits, state.stats.misses)
    report.photos = (state.photo_stats.kept, state.photo_stats.processed)
    images.prune(state.photo_stats.used)
    assert site is not None
    report.warnings = warnings_of(site, state.loaded, content_dir)
    del state  # what a next build would reuse (every file's Markdown, every parse): not needed here
    t = time.perf_counter()
    pages = plan_site(site)
    report.timings["plan"] = time.perf_counter() - t
    report.sitemap = any(page.url == "/sitemap.xml" for page in pages)
    previous = record.load() if record else None
    if record:
        record.forget()  # until the new output is complete
    memo = caches.pages_from(previous, out_dir)  # the pages that output holds, and what made them
    photo_files = sum(page.template == FILE for page in pages)
    stamp = Stamp(inputs=inputs, pages=len(pages) - photo_files, search=search)
    if storing:
        storing.join()  # before the workers are forked
    with Staging(out_dir) as stage:
        t = time.perf_counter()
        render_pages(pages, Renderer(config, caches.compiled), stage, jobs, memo=memo)
        stage.copy_tree(config.assets_dir, "assets")
        report.timings["render"] = time.perf_counter() - t
        report.pages = len(pages) - photo_files
        if search:  # last, over the rendered pages: a failed index leaves the previous site
            rows = listings(site).row_of  # each page of the index is named after its row
            stamp.search_key, seconds = search_step(stage, site, previous, report.timings, rows, jobs)
            report.timings["search"] = seconds
        t = time.perf_counter()
    report.timings["sync"] = time.perf_counter() - t
    report.files, report.deleted = stage.written, stage.deleted
    if memo:
        report.pages_memo = (memo.kept, memo.rendered)
        memo.save(stamp.inputs)
    if record:
        record.save(stamp, stage.produced)  # the output holds exactly them now
