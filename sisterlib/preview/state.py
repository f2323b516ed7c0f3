"""The preview's builds: the build's own stages, run again after each change, and only the
state that lies between two builds.

- `reading.read_site` with the last state and the changed files: only those files are read
  again, only changed bodies parsed or linked again; the Site is derived whole, by the same
  `build_site` as `build`, so every view is always right.
- The pages to plan and render again are those that read a part of the Site that changed
  (tracking.py); the others keep their files. Files are written through the build's writer
  (output/write.py), which leaves unchanged files alone.
- While the content has errors, nothing is written: the last good build stays online.

For a quick reload on a big site, a rebuild can render only the pages open in a browser
(`priority_urls`), leave the others `pending` and the other languages' groups unplanned
(`pending_groups`), and leave the feeds, sitemap and open data for `flush` (`defer_discovery`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from contextlib import nullcontext
from pathlib import Path

from ..cache.folder import cache_dir_for
from ..cache.images import ImageCache
from ..cache.markdown import MarkdownCache
from ..cache.storing import store_parses
from ..collector import collector_paused
from ..config import Config, ConfigError
from ..content.gitdates import last_updated
from ..errors import BuildFailed, ContentError
from ..output.pages import DISCOVERY, GroupId, OutputPage, collisions, groups, groups_changed
from ..output.render import Renderer
from ..output.renderpages import render_page, render_pages
from ..output.write import Staging
from ..parallel import default_jobs
from ..reading import SiteState, read_site
from ..resolve.reads import Token, changed_tokens
from ..resolve.site import Site
from .changes import RebuildReport, classify
from .tracking import PlannedGroup, Tracker, plan_all_tracked, plan_tracked


class Preview:
    """A build kept in memory and updated after each change. Use it from one thread."""

    def __init__(
        self,
        config: Config,
        content_dir: Path,
        out_dir: Path,
        *,
        config_loader: Callable[[], Config] | None = None,
        git_dates: bool = True,
        jobs: int | None = None,
    ):
        self.config = config
        self.content_dir = content_dir
        self.out_dir = out_dir
        self.config_loader = config_loader  # called when a file outside content/templates/assets changes
        self.jobs = jobs or default_jobs()
        self.updated = last_updated(content_dir) if git_dates else {}  # "Last updated": commits, not saves
        self.images = ImageCache(cache_dir_for(content_dir))  # processed photos, as `build` keeps them
        self.last_rendered: list[str] = []  # URLs of the pages the last call rendered (tests, logs)
        self.last_timings: dict[str, float] = {}
        self._reset()

    def _reset(self) -> None:
        self.state: SiteState | None = None  # what the files say now, errors or not
        self.site: Site | None = None  # the last good build: what the output folder holds
        self.tracker = Tracker()  # the planned pages and what each read
        self.pending: set[str] = set()  # pages changed but not rendered yet (priority_urls)
        self.pending_groups: set[GroupId] = set()  # groups to plan again before those pages are rendered
        self.discovery_pending = False  # feeds, sitemap and open data wait for flush()
        self._discovery_reads: set[Token] = set()  # what changed since they were made
        self.renderer = Renderer(self.config)
        self._rendered: list[str] = []

    @property
    def pages(self) -> dict[str, tuple[GroupId, OutputPage]]:
        """Every planned page of the last good build: output path -> (group, page)."""
        return self.tracker.paths

    # --- the calls the server makes ---------------------------------------------------------

    def full_build(self) -> RebuildReport:
        """Read, check and render everything, in parallel as `build` does; write what differs."""
        with collector_paused():  # as in `build` (collector.py)
            return self._full_build()

    def _full_build(self) -> RebuildReport:
        started = time.perf_counter()
        self._reset()
        cache, images = MarkdownCache(cache_dir_for(self.content_dir)), self.images
        self.state = read_site(
            self.config, self.content_dir, jobs=self.jobs, md_cache=cache, images=images, updated=self.updated, timings=self.last_timings
        )  # fmt: skip
        storing = store_parses(cache, self.state.stats)
        if storing:
            storing.join()  # before the workers are forked
        if self.state.errors:
            return self._report(started, BuildFailed(self.state.errors).errors, full=True)
        assert self.state.site is not None
        return self._output_all(started, self.state.site)

    def _output_all(self, started: float, site: Site) -> RebuildReport:
        """Plan and render every page (recording what each reads), and make the output exactly them."""
        planned = plan_all_tracked(site)
        pages = [p for group in planned.values() for p in group.pages.values()]
        errors = collisions(pages)
        if errors:
            return self._report(started, BuildFailed(errors).errors, full=True)
        with Staging(self.out_dir) as stage:
            reads = render_pages(pages, self.renderer, stage, self.jobs, record=True, site=site)
            stage.copy_tree(self.config.assets_dir, "assets")
        self.site = site
        for group_id, group in planned.items():
            self.tracker.set_group(group_id, group)
        for page, page_reads in zip(pages, reads or [], strict=True):
            self.tracker.set_page_reads(page.path, page_reads)
        self._rendered = [p.url for p in pages]
        return self._report(started, [], full=True, written=stage.written, deleted=stage.deleted)

    def rebuild(
        self, changed: set[Path], *, defer_discovery: bool = False, priority_urls: Collection[str] | None = None
    ) -> RebuildReport:
        """Bring the output up to date after `changed` files (content, templates, assets, config) changed.
        With `defer_discovery` the feeds, sitemap and open data wait for `flush()`; with `priority_urls`
        only those pages are rendered now, the others wait in `pending` (`render_pending()`, `flush()`)."""
        started = time.perf_counter()
        what = classify(changed, self.content_dir, self.config)
        if what.other or self.state is None:
            if what.other and self.config_loader is not None:
                try:
                    self.config = self.config_loader()
                except ConfigError as exc:
                    path, _, message = str(exc).partition(": ")
                    return self._report(started, [ContentError(path, 1, message or path)], full=True)
            return self.full_build()
        if what.templates:
            self.renderer = Renderer(self.config)
        if what.content:
            with collector_paused():
                self.state = read_site(
                    self.config, self.content_dir, jobs=1, md_cache=MarkdownCache(None), images=self.images,
                    updated=self.updated, previous=self.state, changed=what.content, timings=self.last_timings,
                )  # fmt: skip
        if self.state.errors:
            return self._report(started, BuildFailed(self.state.errors).errors, full=False)
        site = self.state.site
        assert site is not None
        if self.site is None:  # no good build yet: this is the first
            return self._output_all(started, site)
        everything = what.templates or what.assets
        tokens = changed_tokens(self.site, site) if site is not self.site else set()
        try:
            with collector_paused() if not everything else nullcontext():  # every page: collect as usual
                written, deleted = self._update(site, tokens, everything, defer_discovery, priority_urls)
        except BuildFailed as failed:
            return self._report(started, failed.errors, full=False)
        return self._report(started, [], full=False, written=written, deleted=deleted)

    def render_pending(
        self, paths: Collection[str] | None = None, budget: float | None = None, stop: Callable[[], bool] | None = None
    ) -> RebuildReport:
        """Render pending pages (`paths`, or all), stopping after `budget` seconds or when `stop()` is true."""
        started = time.perf_counter()
        with Staging(self.out_dir, complete=False) as stage:
            self._plan_pending(stage)
            todo = sorted(self.pending if paths is None else set(paths) & self.pending)
            done = []
            for path in todo:
                if stop is not None and stop():
                    break
                self._render(stage, path)
                done.append(path)
                if budget is not None and time.perf_counter() - started > budget:
                    break
        self.pending.difference_update(done)  # only now are their files in the output
        return self._report(started, [], full=False, written=stage.written)

    def flush(self) -> RebuildReport:
        """Bring everything deferred up to date: pending pages, then feeds, sitemap and open data."""
        started = time.perf_counter()
        written = self.render_pending().files_written
        deleted = 0
        if self.discovery_pending and self.site is not None:
            with Staging(self.out_dir, complete=False) as stage:
                self._update_discovery(self.site, stage, everything=False)
            self.discovery_pending = False
            written, deleted = written + stage.written, stage.deleted
        return self._report(started, [], full=False, written=written, deleted=deleted)

    def is_stale(self, path: str) -> bool:
        """Whether an output file waits for `render_pending()` or `flush()` (the server thread asks).
        While groups wait to be planned, an HTML page not planned yet may be one of theirs."""
        if path not in self.pages:
            return bool(self.pending_groups) and path.endswith(".html")
        return path in self.pending or (self.discovery_pending and self.pages[path][0] == DISCOVERY)

    # --- planning and rendering again what a change touched -------------------------------------

    def _update(
        self, site: Site, tokens: set[Token], everything: bool, defer: bool, priority: Collection[str] | None
    ) -> tuple[int, int]:
        replan = self.tracker.groups_reading(tokens)
        gone: set[GroupId] = set()
        if groups_changed(self.site, site):
            wanted = set(groups(site))  # entries, countries or photos came or went: so did their groups
            known = self.tracker.groups.keys() - {DISCOVERY}
            replan |= wanted - known
            gone = known - wanted
        replan.discard(DISCOVERY)
        replan = (replan | self.pending_groups) - gone
        later_groups = set() if priority is None else self.tracker.other_languages(replan, priority)
        planned = {g: plan_tracked(site, g) for g in replan - later_groups}
        to_render, removed = self._apply_plan(planned, gone)
        self.pending_groups = later_groups
        for group_id in later_groups:  # their pages as they are now wait too (is_stale)
            if group_id in self.tracker.groups:
                self.pending.update(self.tracker.groups[group_id].pages)
        to_render |= self.tracker.pages_reading(tokens)
        if everything:
            to_render |= set(self.pages)
        to_render = {p for p in to_render if p in self.pages and self.pages[p][0] != DISCOVERY}
        # A page leaves `pending` (and the feeds `discovery_pending`) only once its new file is in
        # the output: the server thread serves a page as soon as it is no longer pending.
        if priority is None:
            to_render |= self.pending & self.pages.keys()
        else:
            later = {p for p in to_render if self.pages[p][1].url not in priority}
            self.pending = (self.pending | later) & self.pages.keys()
            to_render -= later
        self.site = site
        self._discovery_reads |= tokens
        with Staging(self.out_dir, complete=everything) as stage:
            for path in removed:
                stage.remove(path)
            for path in sorted(to_render):
                self._render(stage, path)
            if everything:  # a template or an asset changed: every file is made again, the rest pruned
                stage.copy_tree(self.config.assets_dir, "assets")
                stage.keep(p for p in self.pages if p not in to_render)
            discovery = bool(tokens or to_render or removed or everything or self.discovery_pending)
            if discovery and (everything or not defer):
                self._plan_pending(stage)  # the feeds and the sitemap list every page
                self._update_discovery(site, stage, everything)
        self.pending = set() if priority is None else self.pending - to_render
        if discovery:
            self.discovery_pending = defer and not everything
        return stage.written, stage.deleted

    def plan_pending(self) -> None:
        """Plan the groups a rebuild left for later (`pending_groups`); their changed pages become pending."""
        if self.pending_groups:
            with Staging(self.out_dir, complete=False) as stage:
                self._plan_pending(stage)

    def _plan_pending(self, stage: Staging) -> None:
        if not self.pending_groups or self.site is None:
            return
        planned = {g: plan_tracked(self.site, g) for g in self.pending_groups}
        self.pending_groups = set()
        to_render, removed = self._apply_plan(planned, set())
        for path in removed:
            stage.remove(path)
        self.pending |= to_render & self.pages.keys()

    def _apply_plan(self, planned: dict[GroupId, PlannedGroup], gone: set[GroupId]) -> tuple[set[str], set[str]]:
        to_render, removed = self.tracker.apply_plan(planned, gone)
        self.pending -= removed
        return to_render, removed

    def _update_discovery(self, site: Site, stage: Staging, everything: bool) -> None:
        html = [page for group_id, page in self.pages.values() if group_id != DISCOVERY]
        group = plan_tracked(site, DISCOVERY, html)
        to_render, removed = self._apply_plan({DISCOVERY: group}, set())
        if everything:
            to_render |= set(group.pages)
        to_render |= {p for p in self.tracker.pages_reading(self._discovery_reads) if p in group.pages}
        for path in removed:
            stage.remove(path)
        for path in sorted(to_render):
            self._render(stage, path)
        self._discovery_reads = set()  # the caller clears discovery_pending once the files are in

    def _render(self, stage: Staging, path: str) -> None:
        reads: set[Token] = set()
        page = self.pages[path][1]
        stage.write(path, render_page(self.renderer, page, reads, self.site))
        self.tracker.set_page_reads(path, reads)
        self._rendered.append(page.url)

    def _report(
        self, started: float, errors: list[ContentError], full: bool, written: int = 0, deleted: int = 0
    ) -> RebuildReport:
        report = RebuildReport(len(self._rendered), written, deleted, time.perf_counter() - started, errors, full)
        self.last_rendered, self._rendered = self._rendered, []
        return report
