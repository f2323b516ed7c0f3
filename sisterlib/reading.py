"""`read_site`: everything up to the Site, shared by `build`, `check` (pipeline.py) and the preview.

    content/*.md --load--> entries --references, Markdown, photos, links--> Site

The preview (preview/state.py) calls it with what it kept from the last call and the files
that changed: only those are read again, and only the bodies they touch parsed or linked.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache.entries import EntryCache
from .cache.images import ImageCache
from .cache.markdown import MarkdownCache
from .config import Config
from .content.loading import Loaded, load_all
from .content.today import DateMemo, today
from .content.translations import TranslationFiles, TranslationMemo, load_translations, same_translation_files, translation_files
from .errors import ContentError
from .i18n import current
from .i18n.catalog_checks import catalog_problems
from .resolve.bodies import BodyStats, LinkMemo, ParsedBody, link_bodies, parse_bodies
from .resolve.duplicates import duplicate_libraries
from .resolve.images import PhotoStage, PhotoStats, owner_of
from .resolve.names import NameIndex
from .resolve.partner_facts import partnership_facts
from .resolve.references import ReferenceChecks, TitleMemo, with_default_titles
from .resolve.site import Freshness, Site, SiteViews, build_site
from .resolve.translated import translated_views, translation_owners


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
