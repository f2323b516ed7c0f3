"""The build's search step: the index kept when no page it reads changed, else built again
(search/pagefind.py), over the entry pages and the translations of those that have some."""

from __future__ import annotations

import time

from ..cache.record import Stamp
from ..config import Config
from ..output.urls import url_of
from ..output.write import Staging
from ..resolve.site import Site
from . import keep as search_keep
from .pagefind import BUNDLE, build_index


def translated_pages(site: Site) -> dict[str, tuple[str, ...]]:
    """Entry page path -> the languages of its translations, in the site's order."""
    out: dict[str, list[str]] = {}
    for lang in site.config.languages:
        for (_key, other), entry in site.translations.items():
            if other == lang:
                out.setdefault(url_of(entry), []).append(lang)
    return {url: tuple(langs) for url, langs in out.items()}


def search_step(
    stage: Staging, site: Site, previous: Stamp | None, timings: dict[str, float], rows: dict[str, int], jobs: int
) -> tuple[str, float]:
    """The search index: kept when no indexed page changed since it was built, else built again."""
    config: Config = site.config
    started = time.perf_counter()
    translated = translated_pages(site)
    extra = {f"{lang}{url}index.html" for url, langs in translated.items() for lang in langs}
    indexed = sorted(rel for rel in stage.produced if search_keep.is_indexed(rel) or rel in extra)
    key = search_keep.index_key(indexed, config.language, rows)
    if previous and previous.search_key == key and not stage.staged.intersection(indexed):
        bundle = [rel for rel in previous.files if rel.startswith(BUNDLE + "/")]
        now = search_keep.current_files(stage.out_dir, [*indexed, *bundle])
        if bundle and all(now[rel] == previous.files.get(rel) for rel in now):
            stage.keep(bundle)
            return key, time.perf_counter() - started
    others = tuple(f"{lang}/{section}" for lang in config.languages[1:] for section in search_keep.SECTIONS)
    stage.complete(search_keep.SECTIONS + others)
    timings["search_index"] = build_index(stage.dir, config.language, rows, jobs, translated)
    stage.adopt(BUNDLE)
    return key, time.perf_counter() - started
