"""The search index: Pagefind's command-line program over lean copies of the entry pages, in parts.

It runs as the build's last step, over the pages written in the staging folder: pages and
index always match, and a failed index fails the build (the previous site stays).
Measured on 2 cores: the CLI indexed 10,000 story pages in about 14 s, while Pagefind's
Python API costs about 0.1 s per `add_html_file` call (its response loop sleeps 0.1 s between
replies), so 17 minutes for the same pages.

- Pagefind is handed lean copies (search/lean.py): the indexed element alone, same words.
- Its memory grows with the text it holds (about 15 bytes per byte of page at 10,000
  stories: 1.9 GB), so the pages are split into parts that are indexed one run each, at most
  CONCURRENT runs at a time, each part small enough that the runs in flight stay within
  the memory budget (MEMORY_BUDGET_MB, or SISTERLIB_INDEX_MEMORY_MB) whatever the size of
  the site. The search page merges the parts in the
  browser (Pagefind's mergeIndex): part 0 is the bundle at /pagefind/ (with Pagefind's
  scripts), part n the one at /pagefind/n/, and /pagefind/parts.json says how many there are.
  Page n of the list order (search/listings.py) is in part n % parts.
- Each page of the index is named after its row in the list order (stable.py), so the
  browser knows a result's row, and with it the part it came from and its filter values,
  without loading anything more.

Every entry is indexed as the site's language (`--force-language`): Pagefind otherwise
builds one index per `<html lang>` and the search page only loads the index of its own
language, so a story written in Bulgarian would never be found from the English search page.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import time
from pathlib import Path

from ..content.kinds import KINDS
from ..parallel import imap_chunks
from . import lean
from . import stable as search_stable

BUNDLE = "pagefind"  # the index folder inside the site; part n > 0 is BUNDLE/<n>/
PARTS_FILE = "parts.json"
SECTIONS = tuple(kind.section for kind in KINDS)  # the entry pages: <section>/<slug>/index.html
# Pagefind ships ready-made UIs; ours is assets/search.js, so these are not published; parts
# after the first need none of the scripts either (the browser runs part 0's).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")  # fmt: skip
SCRIPTS = ("pagefind.js", "pagefind-worker.js")
TIMEOUT = 1800  # seconds for one part; 10,000 pages take about 15
MEMORY_BUDGET_MB = 1536  # what all Pagefind runs in flight may use together (the target is < 2 GB);
# a runner with less memory sets SISTERLIB_INDEX_MEMORY_MB
MEMORY_PER_BYTE = 16  # Pagefind 1.5.2's peak memory per byte of (full) entry page, measured at 10,000 stories
CONCURRENT = 2  # Pagefind runs at a time (each uses more than one core while it reads pages)
CHUNK_LOCATIONS = 20000  # Pagefind's default word-chunk size; split between the parts, so a word costs the same


class SearchIndexFailed(Exception):
    pass


def pagefind_binary() -> Path:
    try:
        from pagefind.service import get_executable  # honours PAGEFIND_BINARY_PATH
    except ImportError:
        get_executable = None
    path = get_executable() if get_executable else None
    if path is None or not path.is_file():
        raise SearchIndexFailed(
            "Pagefind, the search indexer, is not installed; "
            "run `python -m pip install 'pagefind[bin]'`, or build with --no-search to skip the search index"
        )
    return path


def memory_budget() -> int:
    value = os.environ.get("SISTERLIB_INDEX_MEMORY_MB", "")
    return (int(value) if value.isdigit() and int(value) > 0 else MEMORY_BUDGET_MB) * 2**20


def part_count(page_bytes: int, jobs: int) -> int:
    """How many parts keep the runs in flight within the memory budget (a multiple of the runs at a time)."""
    at_once = max(1, min(jobs, CONCURRENT))
    needed = math.ceil(page_bytes * MEMORY_PER_BYTE / (memory_budget() / at_once))
    return 1 if needed <= 1 else at_once * math.ceil(needed / at_once)


def build_index(
    site_dir: Path, language: str, rows: dict[str, int], jobs: int, translated: dict[str, tuple[str, ...]] | None = None
) -> float:
    """Index the entry pages written in site_dir into site_dir/pagefind/; returns the seconds taken.
    `rows`: the row of every entry page in the list order, by page path (/stories/x/);
    `translated`: the languages of an entry page's translations (their text is indexed with it)."""
    translated = translated or {}
    started = time.perf_counter()
    binary = pagefind_binary()
    pages = sorted((row, url) for url, row in rows.items() if (site_dir / url.strip("/") / "index.html").is_file())
    sizes = sum(os.stat(site_dir / url.strip("/") / "index.html").st_size for _, url in pages)
    count = part_count(sizes, jobs)
    work = site_dir.parent / f"{site_dir.name}-index"
    shutil.rmtree(work, ignore_errors=True)
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)

    def index_part(part: int) -> str:
        """Lean copies of one part's pages, Pagefind over them, its output made stable."""
        source = work / str(part)
        for url in (url for row, url in pages if row % count == part):  # the browser finds a row's part so
            page = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
            copy = source / url.strip("/") / "index.html"
            copy.parent.mkdir(parents=True, exist_ok=True)
            others = [
                (lang, (site_dir / lang / url.strip("/") / "index.html").read_text("utf-8")) for lang in translated.get(url, ())
            ]
            copy.write_text(lean.with_translations(lean.lean_page(page), others), encoding="utf-8")
        out = bundle / str(part) if part else bundle
        _run(binary, source, out, language, count)
        for name in UNUSED + (SCRIPTS if part else ()):
            (out / name).unlink(missing_ok=True)
        for wasm in out.glob("wasm.*.pagefind") if part else ():
            wasm.unlink()
        search_stable.stabilise(out, lambda url: rows.get(url))
        shutil.rmtree(source, ignore_errors=True)
        return ""

    try:
        for problem in imap_chunks(_guarded(index_part), range(count), min(jobs, CONCURRENT)):
            if problem:
                raise SearchIndexFailed(problem)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (bundle / PARTS_FILE).write_text(json.dumps({"parts": count}), encoding="utf-8")
    return time.perf_counter() - started


def _guarded(task):  # type: ignore[no-untyped-def]
    """A part's failure as a message (exceptions from worker processes lose their type)."""

    def run(part: int) -> str:
        try:
            return task(part)
        except SearchIndexFailed as exc:
            return str(exc)
        except (search_stable.UnexpectedFormat, lean.NoBody, OSError, ValueError, KeyError) as exc:
            return f"the search index has a layout this version of sisterlib does not know: {exc}"

    return run


def _run(binary: Path, source: Path, out: Path, language: str, parts: int) -> None:
    command = [str(binary), "--site", str(source), "--output-path", str(out), "--force-language", language, "--quiet"]
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(max(2000, CHUNK_LOCATIONS // parts))}
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"the search indexer could not run: {exc}") from None
    if result.returncode != 0 or not (out / "pagefind-entry.json").is_file():
        output = (result.stdout + result.stderr).strip()
        raise SearchIndexFailed(f"the search indexer failed (exit code {result.returncode}):\n{output}")
