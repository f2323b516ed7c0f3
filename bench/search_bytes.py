"""What the search page costs a visitor: requests and bytes, served as GitHub Pages serves them.

    python bench/search_bytes.py --stories 10000 --work /dev/shm/x   # generates and builds the site there if needed
    python bench/search_bytes.py --site path/to/site                  # a site already built (with its index)

Serves the built site on 127.0.0.1 with gzip for text files (HTML, CSS, JavaScript, JSON; as
GitHub Pages does; Pagefind's own index files are gzip already and go as they are), opens
each search address in Chromium with an empty cache, and records every request on the server
side: the bytes sent before the first result (or the "No results" line) is on screen, and in
all once the page is idle. Also: the page opened with nothing typed (nothing of the index may
load), the page focused and typed into, and "Show more" on a list. Prints a Markdown table.
Numbers, not a test: the targets (issue 18) are in the last column.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TEXT = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml"}
BUDGET_KB = 300
KINDS = [  # what a request is, for the breakdown of the bytes before the first result
    ("wasm", lambda p: p.endswith(".pagefind")),
    ("pf_meta", lambda p: p.endswith(".pf_meta")),
    ("word chunks", lambda p: p.endswith(".pf_index")),
    ("fragments", lambda p: p.endswith(".pf_fragment")),
    ("filters", lambda p: p.endswith(".pf_filter")),
    ("Pagefind JS", lambda p: p.startswith("/pagefind/") and p.endswith(".js")),
    ("lists", lambda p: "/search/lists/" in p),
    ("page", lambda p: True),
]
CASES = [  # (label, address, what to do once it is open)
    ("filter only: country", "/search/?country=Bulgaria", ""),
    ("filter only: kind = story", "/search/?kind=story", ""),
    ("filter only: two filters", "/search/?kind=story&country=Bulgaria", ""),
    ("filter only: country, then Show more", "/search/?country=Bulgaria", "more"),
    ("word: volunteer", "/search/?q=volunteer", ""),
    ("word: library (on every page)", "/search/?q=library", ""),
    ("word: Силистра", "/search/?q=%D0%A1%D0%B8%D0%BB%D0%B8%D1%81%D1%82%D1%80%D0%B0", ""),
    ("word in no page: qwxv", "/search/?q=qwxv", ""),
    ("word and filter: volunteer, Bulgaria", "/search/?q=volunteer&country=Bulgaria", ""),
    ("page opened, nothing typed", "/search/", "idle"),
    ("page opened, focused, 'volunteer' typed", "/search/", "type"),
]


class Log:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: list[tuple[float, str, int]] = []  # (time, path, bytes sent)

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.rows.append((time.time(), path, size))

    def take(self) -> list[tuple[float, str, int]]:
        with self.lock:
            rows, self.rows = self.rows, []
        return rows


def serve(site: Path, log: Log) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            path = unquote(urlsplit(self.path).path)
            file = (site / path.lstrip("/")).resolve()
            if file.is_dir():
                file = file / "index.html"
            if not file.is_relative_to(site.resolve()) or not file.is_file():
                self.send_error(404)
                log.add(path, 0)
                return
            data = file.read_bytes()
            kind = TEXT.get(file.suffix)
            self.send_response(200)
            self.send_header(
                "Content-Type", kind or ("application/wasm" if file.suffix == ".wasm" else "application/octet-stream")
            )
            if kind and "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(data)
            log.add(path, len(data))

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


FIRST_RESULT = """() => new Promise((resolve) => {
  const done = () => document.querySelector('.search-result') ||
    /^No results/.test(document.querySelector('[data-search-status]').textContent);
  if (done()) return resolve(Date.now() / 1000);
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(Date.now() / 1000); } })
    .observe(document.body, { subtree: true, childList: true, characterData: true });
})"""


def measure(browser, base: str, log: Log, address: str, action: str) -> dict:  # type: ignore[no-untyped-def]
    context = browser.new_context()  # an empty cache
    page = context.new_page()
    log.take()
    page.goto(base + address)
    if action == "type":
        page.wait_for_load_state("networkidle")
        before = sum(size for _, _, size in log.take())
        page.locator("#search-q").focus()
        page.keyboard.type("volunteer")
    first = page.evaluate(FIRST_RESULT) if action != "idle" else time.time()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    rows = log.take()
    if action == "more":
        page.get_by_role("button", name="Show more results").click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    more = log.take()
    shown = page.locator(".search-result").count()
    status = page.locator("[data-search-status]").inner_text()
    context.close()
    kinds: dict[str, float] = {}
    for t, path, size in rows:
        if t <= first:
            kind = next((k for k, test in KINDS if test(path)), "other")
            kinds[kind] = kinds.get(kind, 0) + size / 1024
    result = {
        "kinds": kinds,
        "first_kb": sum(size for t, _, size in rows if t <= first) / 1024,
        "first_requests": sum(1 for t, _, _ in rows if t <= first),
        "all_kb": sum(size for _, _, size in rows) / 1024,
        "requests": len(rows),
        "index_files": sum(1 for _, path, _ in rows if "/pagefind/" in path),
        "word_chunks": sum(1 for _, path, _ in rows if path.endswith(".pf_index")),
        "more_kb": sum(size for _, _, size in more) / 1024,
        "more_requests": len(more),
        "shown": shown,
        "status": status,
    }
    if action == "type":
        result["before_focus_kb"] = before / 1024
    return result


def ensure_site(stories: int, work: Path) -> Path:
    corpus = work / f"corpus-{stories}"
    site = work / f"site-{stories}"
    if not (site / "pagefind" / "parts.json").is_file():
        if not (corpus / ".generated").is_file():
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", str(stories), "--out", str(corpus)], check=True
            )
            (corpus / ".generated").write_text(f"stories={stories} seed=8\n")
        cmd = [
            sys.executable,
            str(ROOT / "build.py"),
            "build",
            "--no-git-dates",
            "--no-cache",
            "--content",
            str(corpus),
            "--out",
            str(site),
        ]
        subprocess.run(cmd, check=True)
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10000)
    parser.add_argument("--site", type=Path, default=None, help="a built site (default: <work>/site-<stories>, built if missing)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sisterlib-search-bench")
    args = parser.parse_args()
    site = args.site or ensure_site(args.stories, args.work)
    from playwright.sync_api import sync_playwright

    log = Log()
    server, base = serve(site, log)
    parts = (site / "pagefind" / "parts.json").read_text()
    pages = sum(1 for _ in site.glob("*/*/index.html"))
    lines = [
        f"## Search page costs: {site} ({pages:,} pages in sections; index {parts.strip()})",
        "",
        "Bytes as sent by a server that gzips text (as GitHub Pages does), empty browser cache.",
        "",
        "| what the visitor does | requests before first result | KB before first result | requests in all | KB in all | index files | word chunks | then Show more: requests / KB | results shown | status line |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    breakdown = ["", "KB before the first result, by kind of file:", ""]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--headless", "--no-sandbox"])
        for label, address, action in CASES:
            r = measure(browser, base, log, address, action)
            if action == "type":
                label += f" (before focus: {r['before_focus_kb']:.1f} KB, none of the index)"
            more = f"{r['more_requests']} / {r['more_kb']:.1f}" if action == "more" else ""
            lines.append(
                f"| {label} | {r['first_requests']} | {r['first_kb']:.1f} | {r['requests']} | {r['all_kb']:.1f} | {r['index_files']} "
                f"| {r['word_chunks']} | {more} | {r['shown']} | {r['status'][:70]} |"
            )
            breakdown.append(
                f"- {label}: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(r["kinds"].items(), key=lambda kv: -kv[1]))
            )
        browser.close()
    server.shutdown()
    lines += breakdown
    lines += [
        "",
        f"Targets (issue 18): a filter-only list's first screen < {BUDGET_KB} KB in all; a word query < {BUDGET_KB} KB before its first result.",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
