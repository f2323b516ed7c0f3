"""Incremental builds for the preview server: after a change, redo only what it touches.

State kept in memory between builds, per stage of the pipeline:

- load/validate: one record per content file (its stat, Source, Entry, errors). Only files
  reported as changed are read again; a file whose bytes did not change keeps its objects,
  so nothing after it sees a change.
- resolve: reference checks for the changed entries (all entries when a library, partnership
  or activity changed); the wiki-link index patched entry by entry; a body is rendered again
  when its text changed, or when a name it looked up or the title of an entry it links to
  changed.
- site: patched for story edits (sitepatch.py), else built again from the cached entries.
- plan: pages are planned in groups (pages.plan_listings, plan_entry, plan_country,
  plan_discovery); a group is planned again when something it read changed.
- render: each page is rendered with a SiteReader (depends.py) that records what it reads;
  after a change only pages that read a changed value, or whose planned context changed, are
  rendered again. Output files whose bytes did not change are not rewritten (outfolder.py).

A change to a template, an asset or the config renders every page again. A build with content
errors writes nothing and keeps the last good output; the errors are in the report.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import Counter
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config, ConfigError
from ..content.gitdates import last_updated
from ..content.load import KINDS, Source, load_content, load_file
from ..content.model import KIND_OF_FOLDER, Entry
from ..content.validate import validate_source
from ..errors import BuildFailed, ContentError
from ..output.pages import LISTING_PARTS, OutputPage, _collisions, plan_country, plan_discovery, plan_entry
from ..output.render import Renderer
from ..resolve.links import Key, WikiIndex, check_references
from ..resolve.markdown import RenderedBody, render_body
from ..resolve.site import Site, build_site
from .depends import ALL, SiteReader, Token, changed_tokens
from .outfolder import OutputFolder
from .sitepatch import patch_site

GroupId = tuple[Hashable, ...]  # ("listings", i), ("entry", key), ("country", code), DISCOVERY
LISTINGS: tuple[GroupId, ...] = tuple(("listings", i) for i in range(len(LISTING_PARTS)))
DISCOVERY: GroupId = ("discovery",)
BodyId = tuple[str, Any]  # ("entry", key) or ("failed", path)


@dataclass
class RebuildReport:
    pages_rendered: int
    files_written: int
    files_deleted: int
    seconds: float
    errors: list[ContentError]
    full: bool


@dataclass(eq=False)
class _File:
    """One content file as the loader saw it, and what validation made of it."""

    kind: str  # folder name
    stamp: tuple[int, int] | None  # (mtime_ns, size)
    source: Source | None
    errors: list[ContentError]
    entry: Entry | None = None
    entry_errors: list[ContentError] = field(default_factory=list)
    validated_from: Source | None = None


@dataclass
class _BodyInfo:
    text: str
    line: int
    names: frozenset  # index keys looked up while rendering
    links: tuple[Key, ...]
    rendered: RenderedBody


@dataclass
class _Group:
    pages: dict[str, OutputPage]  # output path -> page
    deps: set[Token]


class _RecordingNames(dict):
    """WikiIndex.names that remembers which names a body looked up (to know whom a rename affects)."""

    reads: set | None = None

    def get(self, key: Any, default: Any = None) -> Any:
        if self.reads is not None:
            self.reads.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        if self.reads is not None:
            self.reads.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        if self.reads is not None:
            self.reads.add(key)
        return super().__contains__(key)


def _site_has_dates() -> bool:
    return "updated" in {f.name for f in dataclasses.fields(Site)}


class Preview:
    """A build kept in memory, updated file by file. Not thread-safe: use it from one thread."""

    def __init__(
        self,
        config: Config,
        content_dir: Path,
        out_dir: Path,
        *,
        config_loader: Callable[[], Config] | None = None,
        git_dates: bool = True,
    ):
        self.config = config
        self.content_dir = content_dir
        self.out = OutputFolder(out_dir)
        self.config_loader = config_loader  # called when a file outside content/templates/assets changes
        self.git_dates = git_dates
        self.last_rendered: list[str] = []  # URLs of the pages the last build rendered (tests, logs)
        self.last_timings: dict[str, float] = {}  # seconds per stage of the last build (bench/preview_rebuild.py)
        self._timings: dict[str, float] = {}
        self._rendered: list[str] = []
        self.discovery_pending = False  # feeds, sitemap and open data not yet updated (defer_discovery)
        self._reset()

    # --- public API -----------------------------------------------------------------------

    def full_build(self) -> RebuildReport:
        """Read, check and render everything; write the files that differ; delete the rest."""
        started = time.perf_counter()
        self._reset()
        self._load(None)
        return self._finish(started, full=True, defer=False)

    def rebuild(
        self, changed: set[Path], *, defer_discovery: bool = False, priority_urls: Collection[str] | None = None
    ) -> RebuildReport:
        """Update the output after `changed` files (content, templates, assets, config) changed.

        For the preview server, two ways to have the pages a browser shows ready sooner:
        with `defer_discovery` the feeds, sitemap and open data files (made from the whole
        corpus: seconds at 10,000 stories) wait for `flush()`; with `priority_urls` only the
        pages at those URLs are rendered now and the other changed pages wait in `pending`
        for `render_pending()` or `flush()`. Without them the output is complete on return.
        """
        started = time.perf_counter()
        content, templates, assets, other = self._classify(changed)
        if other:
            if self.config_loader is not None:
                try:
                    self.config = self.config_loader()
                except ConfigError as exc:
                    path, _, message = str(exc).partition(": ")
                    return self._report(started, [ContentError(path, 1, message or path)], full=True)
            return self.full_build()
        if templates:
            self.renderer = Renderer(self.config)
        self._render_all |= bool(templates or assets)
        self._copy_assets |= bool(assets)
        if content:
            self._load(content)
        return self._finish(started, full=False, defer=defer_discovery, priority=priority_urls)

    def render_pending(
        self, paths: Collection[str] | None = None, budget: float | None = None, stop: Callable[[], bool] | None = None
    ) -> RebuildReport:
        """Render pages left pending by a `priority_urls` rebuild: `paths` (output paths) or all,
        stopping after `budget` seconds or before a page when `stop()` is true."""
        started = time.perf_counter()
        written = 0
        for path in sorted(self.pending if paths is None else set(paths) & self.pending):
            if stop is not None and stop():
                break
            self.pending.discard(path)
            if path in self.pages:
                written += self._render(path)
                self._rendered.append(self.pages[path][1].url)
            if budget is not None and time.perf_counter() - started > budget:
                break
        return self._report(started, [], full=False, written=written)

    def flush(self) -> RebuildReport:
        """Bring everything deferred up to date: pending pages, then feeds, sitemap and open data."""
        started = time.perf_counter()
        written = self.render_pending().files_written
        deleted = 0
        if self.discovery_pending and self.site is not None:
            try:
                more = self._update_discovery(self.site)
            except _Failed as failed:
                return self._report(started, failed.errors, full=False)
            written, deleted = written + more[0], more[1]
        return self._report(started, [], full=False, written=written, deleted=deleted)

    def is_stale(self, path: str) -> bool:
        """Whether an output file (relative path) waits for `render_pending()` or `flush()`.
        Safe to call from another thread."""
        return path in self.pending or (self.discovery_pending and self.pages.get(path, ((),))[0] == DISCOVERY)

    # --- state ----------------------------------------------------------------------------

    def _reset(self) -> None:
        # working state: always what the files on disk say, errors or not
        self.files: dict[str, _File] = {}
        self.scan_errors: list[ContentError] = []
        self.validated: dict[str, dict[Key, Entry]] = {kind: {} for kind in KIND_OF_FOLDER.values()}
        self.failed: dict[str, Source] = {}
        self.files_with_errors: set[str] = set()
        self.non_stories: dict[Key, Entry] | None = None  # validated entries of the other kinds
        self.resolved: dict[Key, Entry] = {}
        self.resolved_from: dict[Key, Entry] = {}  # resolved key -> the validated entry it came from
        self.ref_errors: dict[str, list[ContentError]] = {}
        self.index: WikiIndex | None = None
        self.indexed: dict[Key, Entry] = {}  # the entry each key of the index was made from
        self.bodies: dict[Key, RenderedBody] = {}
        self.body_info: dict[BodyId, _BodyInfo] = {}
        self.name_readers: dict[Any, set[BodyId]] = {}
        self.link_readers: dict[Key, set[BodyId]] = {}
        self.problem_bodies: set[BodyId] = set()
        self.dirty_keys: set[Key] = set()  # validated entries changed since the last resolve
        self.since_good: set[Key] = set()  # keys whose entry or body changed since the last good build
        self.dirty_failed: set[str] = set()
        # output state: the last good build, which is what the output folder holds
        self.site: Site | None = None
        self.groups: dict[GroupId, _Group] = {}
        self.plan_readers: dict[Token, set[GroupId]] = {}
        self.pages: dict[str, tuple[GroupId, OutputPage]] = {}  # output path -> (group, page)
        self.page_deps: dict[str, set[Token]] = {}  # output path -> tokens its rendering read
        self.render_readers: dict[Token, set[str]] = {}
        self.asset_files: set[str] = set()
        self.pending: set[str] = set()  # output paths whose pages changed but are not rendered yet
        self.renderer = Renderer(self.config)
        self.updated: dict[str, str] = last_updated(self.content_dir) if self.git_dates and _site_has_dates() else {}
        self._render_all = True
        self._copy_assets = True
        self.discovery_render_all = False
        self.discovery_tokens: set[Token] = set()

    def _classify(self, changed: set[Path]) -> tuple[set[Path], bool, bool, bool]:
        content_root = _real(self.content_dir)
        templates_root = _real(self.config.templates_dir)
        assets_root = _real(self.config.assets_dir)
        content: set[Path] = set()
        templates = assets = other = False
        for path in changed:
            path = _real(Path(path))
            if path.is_relative_to(content_root):
                content.add(path)
            elif path.is_relative_to(templates_root):
                templates = True
            elif path.is_relative_to(assets_root):
                assets = True
            else:
                other = True
        return content, templates, assets, other

    # --- load and validate ------------------------------------------------------------------

    def _loader_path(self, path: Path) -> str | None:
        """The path string the loader uses for a changed file, if it is a plain content file."""
        rel = path.relative_to(_real(self.content_dir)).parts
        if len(rel) != 2 or rel[0] not in KINDS:
            return None
        return os.path.join(str(self.content_dir), *rel)

    def _load(self, changed: set[Path] | None) -> None:
        """Bring the file records up to date: re-read the changed files, or scan the folder when
        a file was added or removed (the loader's folder rules then apply again)."""
        dirty: set[str] = set()
        rescan = changed is None
        forced: set[str] = set()
        scan_error_paths = {e.path for e in self.scan_errors}
        for path in changed or ():
            loader_path = self._loader_path(path)
            as_loader = os.path.join(str(self.content_dir), *path.relative_to(_real(self.content_dir)).parts)
            if not os.path.lexists(path) and loader_path not in self.files and as_loader not in scan_error_paths:
                continue  # an editor's temporary file, already gone
            if loader_path is None or loader_path not in self.files or not os.path.isfile(loader_path) or path.is_symlink():
                rescan = True
            if loader_path is not None:
                forced.add(loader_path)
        if rescan:
            dirty = self._scan(forced)
        else:
            for loader_path in forced:
                old = self.files[loader_path]
                record = self._read(loader_path, old.kind, old, force=True)
                if record is not old:
                    self.files[loader_path] = record
                    dirty.add(loader_path)
        self._validate(dirty)

    def _scan(self, forced: set[str]) -> set[str]:
        old_files = self.files
        new_files: dict[str, _File] = {}
        per_file: list[ContentError] = []

        def read(path: Path, kind: str) -> tuple[Source | None, list[ContentError]]:
            loader_path = str(path)
            record = self._read(loader_path, kind, old_files.get(loader_path), force=loader_path in forced)
            new_files[loader_path] = record
            per_file.extend(record.errors)
            return record.source, record.errors

        _sources, errors = load_content(self.content_dir, read)
        self.scan_errors = list((Counter(errors) - Counter(per_file)).elements())
        dirty = {p for p, r in new_files.items() if old_files.get(p) is not r} | (old_files.keys() - new_files.keys())
        self.files = new_files
        return dirty

    def _read(self, path: str, kind: str, old: _File | None, force: bool) -> _File:
        try:
            st = os.stat(path)
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if old is not None and old.kind == kind and not force and stamp is not None and old.stamp == stamp:
            return old
        source, errors = load_file(Path(path), kind)
        if old is not None and old.kind == kind:
            same = (
                source.raw == old.source.raw
                if source is not None and old.source is not None
                else source is None and old.source is None and errors == old.errors
            )
            if same:  # saved without a change: keep the old objects so nothing downstream changes
                old.stamp = stamp
                return old
        return _File(kind, stamp, source, errors)

    def _validate(self, dirty: set[str]) -> None:
        for path in dirty:
            kind_folder, name = Path(path).parent.name, Path(path).name
            key = (KIND_OF_FOLDER[kind_folder], name[: -len(".md")])
            record = self.files.get(path)
            by_kind = self.validated[key[0]]
            by_kind.pop(key, None)
            self.failed.pop(path, None)
            if record is not None and record.source is not None:
                if record.validated_from is not record.source:
                    record.entry, record.entry_errors = validate_source(record.source)
                    record.validated_from = record.source
                if record.entry is not None:
                    by_kind[key] = record.entry
                else:
                    self.failed[path] = record.source
            self.dirty_keys.add(key)
            self.dirty_failed.add(path)
            if record is not None and (record.errors or (record.source is not None and record.entry_errors)):
                self.files_with_errors.add(path)
            else:
                self.files_with_errors.discard(path)
            if key[0] != "story":
                self.non_stories = None

    # --- resolve ------------------------------------------------------------------------------

    def _resolve(self) -> None:
        """References, the wiki-link index and the bodies, for what changed since last time."""
        changed_keys, self.dirty_keys = self.dirty_keys, set()
        dirty_failed, self.dirty_failed = self.dirty_failed, set()
        if self.index is None or any(kind != "story" for kind, _ in changed_keys):
            changed = self._check_all_references()
        else:
            changed = self._check_story_references(changed_keys)
        self.since_good |= changed
        names, titles = self._update_index(changed)
        self._update_bodies(changed, dirty_failed, names, titles)

    def _all_validated(self) -> dict[Key, Entry]:
        out: dict[Key, Entry] = {}
        for by_kind in self.validated.values():
            out.update(by_kind)
        return out

    def _check_all_references(self) -> set[Key]:
        validated = self._all_validated()
        resolved, errors = check_references(validated)
        new: dict[Key, Entry] = {}
        for key, entry in resolved.items():
            old = self.resolved.get(key)
            if (
                entry is not validated[key]  # a partnership given its default title
                and old is not None
                and self.resolved_from.get(key) is validated[key]
                and old.title == entry.title
            ):
                entry = old  # same source, same title: keep the object so nothing downstream changes
            new[key] = entry
        changed = {k for k in new.keys() | self.resolved.keys() if new.get(k) is not self.resolved.get(k)}
        self.resolved = new
        self.resolved_from = validated
        self.ref_errors = {}
        for error in errors:
            self.ref_errors.setdefault(error.path, []).append(error)
        return changed

    def _check_story_references(self, keys: set[Key]) -> set[Key]:
        """Only stories changed: check them against the other kinds, which did not change."""
        if self.non_stories is None:
            self.non_stories = {}
            for kind, by_kind in self.validated.items():
                if kind != "story":
                    self.non_stories.update(by_kind)
        stories = self.validated["story"]
        subset = {**self.non_stories, **{k: stories[k] for k in keys if k in stories}}
        resolved, errors = check_references(subset, only=[k for k in keys if k in stories])
        changed: set[Key] = set()
        paths: set[str] = set()
        for key in keys:
            old = self.resolved.pop(key, None)
            old_from = self.resolved_from.pop(key, None)
            if old_from is not None:
                paths.add(old_from.path)
            if key in stories:
                self.resolved[key] = resolved[key]
                self.resolved_from[key] = stories[key]
                paths.add(stories[key].path)
            if old is not self.resolved.get(key):
                changed.add(key)
        for path in paths:
            self.ref_errors.pop(path, None)
        for error in errors:
            if error.path in paths:
                self.ref_errors.setdefault(error.path, []).append(error)
        return changed

    def _update_index(self, changed: set[Key]) -> tuple[set, set[Key]]:
        """Patch the wiki-link index; return the index keys (names) and the titles that changed."""
        if self.index is None:
            self.index = WikiIndex(self.resolved.values(), self.config.base_path)
            self.index.names = _RecordingNames(self.index.names)
            self.indexed = dict(self.resolved)
            return set(self.index.names), set(self.resolved)
        names: dict = self.index.names
        changed_names: set = set()
        changed_titles: set[Key] = set()
        base = self.config.base_path
        for key in changed:
            old, new = self.indexed.pop(key, None), self.resolved.get(key)
            old_names = set(WikiIndex([old], base).names) if old else set()
            new_names = set(WikiIndex([new], base).names) if new else set()
            for name in old_names - new_names:
                keys = dict.__getitem__(names, name)
                keys.discard(key)
                if not keys:
                    dict.__delitem__(names, name)
            for name in new_names - old_names:
                dict.setdefault(names, name, set()).add(key)
            changed_names |= old_names ^ new_names
            if new is not None:
                self.indexed[key] = new
                self.index.titles[key] = new.title
            else:
                self.index.titles.pop(key, None)
            if old is None or new is None or old.title != new.title:
                changed_titles.add(key)
        return changed_names, changed_titles

    def _update_bodies(self, changed: set[Key], dirty_failed: set[str], names: set, titles: set[Key]) -> None:
        todo: set[BodyId] = set()
        for key in changed:
            entry = self.resolved.get(key)
            info = self.body_info.get(("entry", key))
            if entry is None:
                self._forget_body(("entry", key))
                self.bodies.pop(key, None)
            elif info is None or info.text != entry.body or info.line != entry.body_line:
                todo.add(("entry", key))
        for path in dirty_failed:
            source = self.failed.get(path)
            info = self.body_info.get(("failed", path))
            if source is None:
                self._forget_body(("failed", path))
            elif info is None or info.text != source.body or info.line != source.body_line:
                todo.add(("failed", path))
        for name in names:
            todo |= self.name_readers.get(name, set())
        for key in titles:
            todo |= self.link_readers.get(key, set())
        if names:  # "did you mean" hints are chosen among all names
            todo |= self.problem_bodies
        for body_id in todo:
            if body_id[0] == "entry":
                entry = self.resolved.get(body_id[1])
                if entry is not None:
                    body = self._render_body(body_id, entry.body, entry.body_line)
                    if self.bodies.get(body_id[1]) is not body:
                        self.bodies[body_id[1]] = body
                        self.since_good.add(body_id[1])
            else:
                source = self.failed.get(body_id[1])
                if source is not None:
                    self._render_body(body_id, source.body, source.body_line)

    def _render_body(self, body_id: BodyId, text: str, line: int) -> RenderedBody:
        assert self.index is not None
        names: _RecordingNames = self.index.names  # type: ignore[assignment]
        names.reads = reads = set()
        try:
            rendered = render_body(text, line, self.index)
        finally:
            names.reads = None
        old = self.body_info.get(body_id)
        if old is not None and old.rendered == rendered:
            rendered = old.rendered  # keep the object: pages that show it need not change
        self._forget_body(body_id)
        info = _BodyInfo(text, line, frozenset(reads), rendered.links, rendered)
        self.body_info[body_id] = info
        for name in info.names:
            self.name_readers.setdefault(name, set()).add(body_id)
        for key in info.links:
            self.link_readers.setdefault(key, set()).add(body_id)
        if rendered.problems:
            self.problem_bodies.add(body_id)
        return rendered

    def _forget_body(self, body_id: BodyId) -> None:
        info = self.body_info.pop(body_id, None)
        if info is None:
            return
        for name in info.names:
            readers = self.name_readers.get(name)
            if readers is not None:
                readers.discard(body_id)
                if not readers:
                    del self.name_readers[name]
        for key in info.links:
            readers = self.link_readers.get(key)
            if readers is not None:
                readers.discard(body_id)
                if not readers:
                    del self.link_readers[key]
        self.problem_bodies.discard(body_id)

    def _errors(self) -> list[ContentError]:
        errors = list(self.scan_errors)
        for path in self.files_with_errors:
            record = self.files[path]
            errors += record.errors
            if record.source is not None:
                errors += record.entry_errors
        for found in self.ref_errors.values():
            errors += found
        for body_id in self.problem_bodies:
            info = self.body_info[body_id]
            path = self.resolved[body_id[1]].path if body_id[0] == "entry" else body_id[1]
            errors += [ContentError(path, p.line, p.message, p.hint) for p in info.rendered.problems]
        return errors

    # --- site, plan, render, write ------------------------------------------------------------

    def _lap(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self._timings[stage] = self._timings.get(stage, 0.0) + now - since
        return now

    def _finish(self, started: float, full: bool, defer: bool, priority: Collection[str] | None = None) -> RebuildReport:
        t = self._lap("load", started)
        self._resolve()
        errors = self._errors()
        t = self._lap("resolve", t)
        if errors:
            return self._report(started, BuildFailed(errors).errors, full=full)
        old = self.site
        patched = None
        if old is not None and not full:
            patched = patch_site(old, dict(self.resolved), dict(self.bodies), self.since_good)
        if patched is not None:
            site, touched = patched
            tokens: set[Token] | None = changed_tokens(old, site, touched)
        else:
            site = build_site(self.config, dict(self.resolved), dict(self.bodies))
            if _site_has_dates():
                site = dataclasses.replace(site, updated=self.updated)  # type: ignore[call-arg]
            tokens = changed_tokens(old, site) if old is not None and not full else None
        self._lap("site", t)
        try:
            written, deleted = self._update_output(site, tokens, defer, priority)
        except _Failed as failed:
            return self._report(started, failed.errors, full=full)
        self.since_good = set()
        return self._report(started, [], full=full, written=written, deleted=deleted)

    def _plan_group(self, site: Site, group: GroupId) -> _Group:
        deps: set[Token] = set()
        reader = SiteReader(site, deps)
        if group[0] == "listings":
            pages = LISTING_PARTS[group[1]](reader)  # type: ignore[arg-type,index]
        elif group == DISCOVERY:
            html = [p for g, planned in self.groups.items() if g != DISCOVERY for p in planned.pages.values()]
            pages = plan_discovery(reader, html)  # type: ignore[arg-type]
        elif group[0] == "entry":
            pages = plan_entry(reader, reader.entries[group[1]])  # type: ignore[arg-type]
        else:
            pages = plan_country(reader, reader.country_of[group[1]])  # type: ignore[arg-type]
        for page in pages:
            if "site" in page.context:
                page.context["site"] = site
        by_path = {page.path: page for page in pages}
        if len(by_path) != len(pages):
            raise _Failed(BuildFailed(_collisions(pages)).errors)
        return _Group(by_path, deps)

    def _update_output(
        self, site: Site, tokens: set[Token] | None, defer: bool, priority: Collection[str] | None
    ) -> tuple[int, int]:
        if tokens is None:  # everything
            groups = [*LISTINGS, *(("entry", k) for k in site.entries), *(("country", c.code) for c in site.countries)]
            replan = set(groups)
            gone: set[GroupId] = set(self.groups) - replan - {DISCOVERY}
        else:
            replan = set()
            for token in tokens:
                replan |= self.plan_readers.get(token, set())
                if token[0] == "entries" and token[1] is not ALL:
                    replan.add(("entry", token[1]))
                elif token[0] == "country_of" and token[1] is not ALL:
                    replan.add(("country", token[1]))
            replan.discard(DISCOVERY)
            gone = {
                g
                for g in replan
                if (g[0] == "entry" and g[1] not in site.entries) or (g[0] == "country" and g[1] not in site.country_of)
            }
            replan -= gone
        t = time.perf_counter()
        planned = {g: self._plan_group(site, g) for g in replan}
        self._lap("plan", t)
        render_all, self._render_all = self._render_all or tokens is None, False
        written, deleted = self._apply_groups(site, planned, gone, tokens, render_all, priority)
        if tokens is None or tokens or render_all or written or deleted or self.discovery_pending:
            self.discovery_render_all |= render_all
            if tokens is not None:
                self.discovery_tokens |= tokens
            if defer:
                self.discovery_pending = True
            else:
                more = self._update_discovery(site)
                written, deleted = written + more[0], deleted + more[1]
        if self._copy_assets or tokens is None:
            more = self._sync_assets()
            written, deleted = written + more[0], deleted + more[1]
            self._copy_assets = False
        if tokens is None:  # a whole build: nothing else belongs in the folder
            deleted += self.out.prune(set(self.pages) | self.asset_files)
        return written, deleted

    def _update_discovery(self, site: Site) -> tuple[int, int]:
        t = time.perf_counter()
        planned = {DISCOVERY: self._plan_group(site, DISCOVERY)}
        t = self._lap("plan discovery", t)
        done = self._apply_groups(site, planned, set(), self.discovery_tokens, self.discovery_render_all)
        self._lap("render discovery", t)
        self.discovery_pending = self.discovery_render_all = False
        self.discovery_tokens = set()
        return done

    def _apply_groups(
        self,
        site: Site,
        planned: dict[GroupId, _Group],
        gone: set[GroupId],
        tokens: set[Token] | None,
        render_all: bool = False,
        priority: Collection[str] | None = None,
    ) -> tuple[int, int]:
        """Check the new groups for path collisions, then render and write what changed."""
        removed_paths: set[str] = set()
        for group in [*planned, *gone]:
            if group in self.groups:
                removed_paths.update(self.groups[group].pages)
        claims: dict[str, OutputPage] = {}
        collisions: list[ContentError] = []
        for pages in (g.pages for g in planned.values()):
            for path, page in pages.items():
                owner = self.pages.get(path)
                first = claims.get(path) or (owner[1] if owner and path not in removed_paths else None)
                if first is not None:
                    collisions += _collisions([first, page])
                claims[path] = page
        if collisions:
            raise _Failed(BuildFailed(collisions).errors)
        self.site = site

        to_render: set[str] = set()
        for path in removed_paths - claims.keys():
            self._drop_page(path)
            self.pending.discard(path)
        deleted = sum(self.out.remove(path) for path in removed_paths - claims.keys())
        for group_id in gone:
            self._set_plan_deps(group_id, None)
        for group_id, group in planned.items():
            self._set_plan_deps(group_id, group)
            for path, page in group.pages.items():
                old = self.pages.get(path)
                if old is None or old[1].template != page.template or _context(old[1]) != _context(page):
                    to_render.add(path)
                self.pages[path] = (group_id, page)
        if render_all:
            to_render |= set(self.pages)
        elif tokens:
            for token in tokens:
                to_render |= self.render_readers.get(token, set())
        discovery = DISCOVERY in planned  # that call renders its own pages; the first call all others
        to_render = {path for path in to_render if path in self.pages and (self.pages[path][0] == DISCOVERY) == discovery}
        if priority is None:
            if not discovery:  # a complete update: what waited from earlier updates too
                to_render |= self.pending & self.pages.keys()
                self.pending = set()
        else:
            later = {path for path in to_render if self.pages[path][1].url not in priority}
            self.pending |= later
            to_render -= later
        written = 0
        t = time.perf_counter()
        for path in sorted(to_render):
            written += self._render(path)
        self._lap("render and write", t)
        self._rendered += sorted(self.pages[p][1].url for p in to_render)
        return written, deleted

    def _set_plan_deps(self, group_id: GroupId, group: _Group | None) -> None:
        old = self.groups.pop(group_id, None)
        if old is not None:
            for token in old.deps:
                readers = self.plan_readers.get(token)
                if readers is not None:
                    readers.discard(group_id)
                    if not readers:
                        del self.plan_readers[token]
        if group is not None:
            self.groups[group_id] = group
            for token in group.deps:
                self.plan_readers.setdefault(token, set()).add(group_id)

    def _render(self, path: str) -> int:
        assert self.site is not None
        page = self.pages[path][1]
        deps: set[Token] = set()
        context = dict(page.context)
        if "site" in context:
            context["site"] = SiteReader(self.site, deps)
        data = self.renderer.render(page.template, context)
        self._set_render_deps(path, deps)
        return int(self.out.put(path, data))

    def _drop_page(self, path: str) -> None:
        self.pages.pop(path, None)
        self._set_render_deps(path, None)

    def _set_render_deps(self, path: str, deps: set[Token] | None) -> None:
        for token in self.page_deps.pop(path, ()):
            readers = self.render_readers.get(token)
            if readers is not None:
                readers.discard(path)
                if not readers:
                    del self.render_readers[token]
        if deps is not None:
            self.page_deps[path] = deps
            for token in deps:
                self.render_readers.setdefault(token, set()).add(path)

    def _sync_assets(self) -> tuple[int, int]:
        root = self.config.assets_dir
        files: dict[str, Path] = {}
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    files[f"assets/{path.relative_to(root).as_posix()}"] = path
        written = sum(self.out.put(rel, path.read_bytes()) for rel, path in files.items())
        deleted = sum(self.out.remove(rel) for rel in self.asset_files - files.keys())
        self.asset_files = set(files)
        return written, deleted

    def _report(
        self, started: float, errors: list[ContentError], full: bool, written: int = 0, deleted: int = 0
    ) -> RebuildReport:
        report = RebuildReport(len(self._rendered), written, deleted, time.perf_counter() - started, errors, full)
        self.last_rendered, self._rendered = self._rendered, []
        self.last_timings, self._timings = self._timings, {}
        return report


def _real(path: Path) -> Path:
    """The real path of a file's folder, plus its name (the file itself may be a symlink or gone)."""
    return Path(os.path.realpath(path.parent), path.name)


def _context(page: OutputPage) -> dict[str, Any]:
    return {k: v for k, v in page.context.items() if k != "site"}


class _Failed(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
