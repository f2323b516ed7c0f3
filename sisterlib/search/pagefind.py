"""The search index: Pagefind's command-line program over the entry pages already written.

It runs as a subprocess over the pages in the staging folder, as the build's last step: pages
and index always match, and a failed index fails the build (the previous site stays).
Measured on 2 cores: the CLI indexed 10,000 story pages in about 14 s, while Pagefind's
Python API costs about 0.1 s per `add_html_file` call (its response loop sleeps 0.1 s between
replies), so 17 minutes for the same pages.

Only entry pages are indexed: their `<article>` carries `data-pagefind-body`, and the run is
limited to the entry sections by a glob. Every entry is indexed as the site's language
(`--force-language`): Pagefind otherwise builds one index per `<html lang>` and the search
page only loads the index of its own language, so a story written in Bulgarian would never
be found from the English search page.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from ..content.kinds import KINDS
from . import stable as search_stable

BUNDLE = "pagefind"  # the index folder inside the site; search.js loads BUNDLE/pagefind.js
# Pagefind ships ready-made UIs; ours is assets/search.js, so these are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")  # fmt: skip
TIMEOUT = 1800  # seconds; 10,000 pages take about 15
SECTIONS = tuple(kind.section for kind in KINDS)  # the entry pages: <section>/<slug>/index.html


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


def build_index(site_dir: Path, language: str) -> float:
    """Index the entry pages written in site_dir into site_dir/pagefind/; returns the seconds taken."""
    started = time.perf_counter()
    sections = ",".join(SECTIONS)
    command = [
        str(pagefind_binary()),
        "--site", str(site_dir),
        "--output-subdir", BUNDLE,
        "--glob", f"{{{sections}}}/*/index.html",
        "--force-language", language,
        "--quiet",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"the search indexer could not run: {exc}") from None
    bundle = site_dir / BUNDLE
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        output = (result.stdout + result.stderr).strip()
        raise SearchIndexFailed(f"the search indexer failed (exit code {result.returncode}):\n{output}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    try:
        search_stable.stabilise(bundle)
    except (search_stable.UnexpectedFormat, OSError, ValueError, KeyError) as exc:
        raise SearchIndexFailed(f"the search index has a layout this version of sisterlib does not know: {exc}") from None
    return time.perf_counter() - started
