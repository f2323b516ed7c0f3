"""Every stage of a build, on one screen: `read_site` (everything up to the Site) and `build`.

    content/*.md --load--> entries --references, Markdown, photos, links--> Site --plan--> pages
        --render--> staging/ --search--> staging/pagefind/ --sync--> site/

The preview (preview/state.py) calls the same `read_site` with what it kept from the last
build and the files that changed, then plans and renders only the pages the change touches.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache.caches import BuildCaches
from .cache.entries import EntryCache
from .cache.folder import cache_dir_for
from .cache.images import ImageCache
from .cache.markdown import MarkdownCache
from .cache.record import Stamp, input_hash
from .cache.storing import store_parses
from .collector import collector_paused
from .config import Config
from .content.gitdates import last_updated
from .content.loading import Loaded, load_all
from .content.today import DateMemo, today
from .content.translations import TranslationFiles, TranslationMemo, load_translations, same_translation_files, translation_files
from .errors import BuildFailed, ContentError
from .i18n import current
from .i18n.catalog_checks import catalog_problems
from .output.pages import OutputPage, plan
from .output.render import FILE, Renderer
from .output.renderpages import render_pages
from .output.write import Staging
from .parallel import default_jobs
from .report import WARNING_RULES, run_rules
from .resolve.bodies import BodyStats, LinkMemo, ParsedBody, link_bodies, parse_bodies
from .resolve.duplicates import duplicate_libraries
from .resolve.images import PhotoStage, PhotoStats, owner_of
from .resolve.names import NameIndex
from .resolve.partner_facts import partnership_facts
from .resolve.references import ReferenceChecks, TitleMemo, with_default_titles
from .resolve.site import Freshness, Site, SiteViews, build_site
from .resolve.translated import translated_views, translation_owners
from .search.listings import listings
from .search.step import search_step


@dataclass
class SiteState:
    """The result of `read_site`, and what the next call can reuse (the preview keeps it)."""

    loaded: Loaded
    errors: list[ContentError]
    site: Site | None  # None when there are errors
    parsed: dict[str, ParsedBody] = field(default_factory=dict)  # body text -> its parse
    titles: TitleMemo = field(default_factory=dict)
    references: ReferenceChecks = field(default_factory=ReferenceChecks)
    index: NameIndex = field(default_factory=NameIndex)
    links: LinkMemo | None = field(default_factory=dict)
    views: SiteViews = field(default_factory=SiteViews)
    stats: BodyStats = field(default_factory=BodyStats)
    photos: PhotoStage = field(default_factory=PhotoStage)
    photo_stats: PhotoStats = field(default_factory=PhotoStats)
    translations: TranslationMemo = field(default_factory=dict)  # content/translations.py
    days: DateMemo = field(default_factory=dict)  # content/today.py
    translation_files: TranslationFiles = field(default_factory=list)


def read_site(
    config: Config,
    content_dir: Path,
    *,
    jobs: int,
    md_cache: MarkdownCache,
    images: ImageCache | None = None,
    updated: dict[str, str] | None = None,
    previous: SiteState | None = None,
    changed: Collection[str] | None = None,
    timings: dict[str, float] | None = None,
    keep_sources: bool = True,
    entry_cache: EntryCache | None = None,
) -> SiteState:
    """Load and validate every file, check references, parse every body, find and process every
    photo (into `images`; without it photos are only checked), link every body, derive the Site.

    With `previous`, only the files in `changed` (or whose stamp changed) are read again, and
    only the bodies whose text or looked-up names changed are parsed or linked again. Without
    `keep_sources`, the Site's entries lose their Markdown and field lines once they are
    parsed and checked: no later stage reads them, and at 10,000 stories they are a large
    share of the build's memory.
    """
    t = time.perf_counter()
    current.forget_catalogs()  # the interface's catalogs are read again (a .po may have changed)
    loaded = load_all(content_dir, jobs, previous.loaded if previous else None, changed, entry_cache)  # read, YAML, validate
    titles = previous.titles if previous else {}
    # Files with errors take part as placeholders (content/placeholders.py) up to the Site:
    # references to them and links that name them are no error in the files that have none.
    entries = with_default_titles(loaded.known(), titles)  # untitled partnerships: their cities
    references = previous.references if previous else ReferenceChecks()
    errors = loaded.errors() + references.check(entries)  # every slug names an entry
    errors += duplicate_libraries(entries)  # one library, two files
    errors += partnership_facts(entries)  # contacts are the libraries' people, holidays the countries'
    kept = previous.translations if previous else ({} if keep_sources else None)  # the preview keeps them
    same = previous is not None and bool(changed) and same_translation_files(changed or ())
    found = previous.translation_files if same else translation_files(content_dir)  # 13,000 files: 8 ms a save
    translations, translation_errors = load_translations(content_dir, config.languages, entries, loaded.entries(), kept, found)
    errors += translation_errors + catalog_problems(config)  # x.bg.md beside x.md; the interface's catalogs
    owners = [(key, e.path, e.body, e.body_line) for key, e in entries.items()]
    all_owners = owners + translation_owners(translations)
    t_md = time.perf_counter()
    memo = previous.parsed if previous else ({} if keep_sources else None)  # the preview keeps every parse
    parsed, stats = parse_bodies([body for _, _, body, _ in all_owners], md_cache, jobs, memo)  # Markdown
    t_photos = time.perf_counter()
    photo_stage = previous.photos if previous else PhotoStage()
    photo_owners = [  # the files that show a photo, or have some beside them (placeholders too: their readable photos)
        owner_of(key, path, entries[key], p.photos, line, loaded.files[path].unknown)
        for (key, path, _, line), p in zip(owners, parsed[: len(owners)], strict=True)
        if p.photos or path in loaded.photos or getattr(entries[key], "image", "")
    ]
    photos, photo_errors, photo_stats = photo_stage.run(photo_owners, loaded.photos, images, jobs)  # checked, processed
    errors += photo_errors
    t_links = time.perf_counter()
    index = previous.index if previous else NameIndex(config.base_path)
    changed_names = index.update(entries)  # every name of every entry
    errors += index.alias_clashes()  # an alias that names another entry too
    links = previous.links if previous else ({} if keep_sources else None)  # None: nothing kept (a build)
    bodies = link_bodies(
        _handed_over(all_owners, parsed), index, links, changed_names if previous else None, photos
    )  # wiki links
    errors += [
        ContentError(path, p.line, p.message, p.hint, p.about) for key, path, _, _ in all_owners for p in bodies[key].problems
    ]
    site = None
    days = previous.days if previous else ({} if keep_sources else None)  # the preview keeps them
    views = previous.views if previous else SiteViews(track=keep_sources)
    if not errors:  # then every entry is valid: no placeholder reaches the Site
        if not keep_sources:
            entries = {key: dataclasses.replace(e, body="", lines={}) for key, e in entries.items()}
        day = today(content_dir, entries if days is not None else entries.values(), days).day
        fresh = Freshness(day, config.seeking_fresh_months)  # calendars, health, listings
        site = build_site(config, entries, {key: bodies[key] for key in entries}, updated, views, fresh)  # every derived view
        site = dataclasses.replace(site, **translated_views(translations, bodies, keep_sources))
    if timings is not None:
        timings.update(read=t_md - t, markdown=t_photos - t_md, photos=t_links - t_photos, resolve=time.perf_counter() - t_links)
    state = SiteState(loaded, errors, site, memo if memo is not None else {}, titles, references, index, links, views, stats)
    state.photos, state.photo_stats, state.translations = photo_stage, photo_stats, kept if kept is not None else {}
    state.days, state.translation_files = (days if days is not None else {}), found
    return state


def _handed_over(owners: list, parsed: list) -> Iterator[tuple]:
    """(id, parsed body, first line) of each owner; each parse is let go once handed over, so a
    build never holds every parse and every linked body at once (at 10,000 stories: ~80 MB)."""
    for i, (key, _, _, line) in enumerate(owners):
        body, parsed[i] = parsed[i], None
        yield key, body, line


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
        record.save(stamp)
