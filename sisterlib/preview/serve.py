"""`python build.py serve`: a live preview that rebuilds and reloads the browser on every save.

How it fits together (SECURITY-NOTES §6):
- The site is built into a temporary folder, never into site/, with `config.preview` set
  (no <meta> CSP: livereload adds an inline script to every page) and base_url "/".
- The `livereload` server serves that folder only (explicit root), on 127.0.0.1 unless
  --host says otherwise. Its own file polling is switched off: a `watchfiles` thread watches
  content/, templates/, assets/ and the config file, waits until the saves stop for 100 ms
  (a checkout or "save all" gives one rebuild), runs an incremental rebuild (incremental.py)
  and then sends one reload to the open pages itself, so livereload's 3-second limit
  never drops a reload. The pages open in a browser are rendered first; see `Builder`.
- With content errors the last good build stays online; the errors are printed and shown
  over every page (overlay.py) until the file is fixed.
- Search is not built in the preview (no Pagefind run); /search/ says so.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import ipaddress
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import OrderedDict
from pathlib import Path
from typing import Any

import watchfiles
from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from ..config import CONFIG_NAME, PACKAGE_ROOT, Config, ConfigError, load_config
from ..errors import ContentError
from . import overlay
from .incremental import Preview, RebuildReport

QUIET_MS = 100  # a rebuild starts when no file has changed for this long
MAX_WAIT_MS = 2000  # ... or at the latest this long after the first change
IDLE_MS = 100  # with no change for this long, render pending pages for about as long


class Errors:
    """The current content errors, shared between the build thread and the server thread."""

    def __init__(self) -> None:
        self.json = overlay.payload([])
        self.count = 0

    def set(self, errors: list[ContentError]) -> bool:
        """Store the errors; True when that changes what the pages should show."""
        changed = bool(errors) or bool(self.count)
        self.json, self.count = overlay.payload(errors), len(errors)  # one assignment each: atomic
        return changed


class _OverlayHandler(web.RequestHandler):
    def initialize(self, errors: Errors) -> None:
        self.errors = errors

    def get(self, name: str) -> None:
        self.set_header("Cache-Control", "no-store")
        if name == "errors.js":
            self.set_header("Content-Type", "text/javascript; charset=UTF-8")
            self.finish(overlay.SCRIPT)
        elif name == "errors.json":
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.finish(self.errors.json)
        else:
            raise web.HTTPError(404)


class _FileHandler(StaticFileHandler):
    """livereload's static handler (no 304s; tornado refuses paths outside the root) that adds
    the overlay script to HTML pages and serves the site's 404 page for missing files."""

    def initialize(self, path: str, default_filename: str | None = None, builder: Builder | None = None) -> None:
        super().initialize(path, default_filename)
        self.builder = builder

    async def get(self, path: str, include_body: bool = True) -> None:
        if self.builder is not None:
            await self.builder.fresh(path)
        self.path = self.parse_url_path(path)
        absolute = self.validate_absolute_path(self.root, self.get_absolute_path(self.root, self.path))
        if absolute is None:  # a redirect to the folder's URL with a slash was sent
            return
        if absolute.endswith(".html"):
            if self.builder is not None:
                self.builder.seen(path)
            self._send_html(Path(absolute).read_bytes(), include_body)
            return
        await super().get(path, include_body)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")

    def compute_etag(self) -> None:  # no conditional requests: every reload gets the current file
        return None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code != 404:
            super().write_error(status_code, **kwargs)
            return
        not_found = Path(self.root, "404.html")
        if not_found.is_file():
            page = not_found.read_bytes()
        else:  # no good build yet: an empty page that shows the errors
            page = overlay.fallback_page("No preview yet", "The site could not be built yet. Fix the errors and save.")
        self._send_html(page, True)

    def _send_html(self, page: bytes, include_body: bool) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(overlay.with_script(page) if include_body else None)


class _NoPolling(Watcher):
    """livereload's watcher, switched off: our watchfiles thread finds the changes."""

    def __init__(self, on_start: Any):
        super().__init__()
        self._tasks = {"(sisterlib)": {}}  # not empty, or livereload would watch the current folder
        self.on_start = on_start

    def start(self, callback: Any) -> bool:
        self.on_start(IOLoop.current())
        return True  # True: livereload does not poll

    def examine(self) -> tuple[None, None]:
        return None, None


class _Server(Server):
    def __init__(self, builder: Builder):
        super().__init__(watcher=_NoPolling(builder.start))
        self.builder = builder

    def get_web_handlers(self, script: Any) -> list:
        return [
            (r"/__sisterlib/([a-z.]+)", _OverlayHandler, {"errors": self.builder.errors}),
            (r"/(.*)", _FileHandler, {"path": self.root, "default_filename": "index.html", "builder": self.builder}),
        ]

    def _setup_logging(self) -> None:  # livereload logs every request and reload; we print our own lines
        import logging

        for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
            logging.getLogger(name).setLevel(logging.WARNING)


def config_file(path: Path | None) -> Path:
    """The config file load_config reads."""
    if path is not None:
        return path
    return Path(CONFIG_NAME) if Path(CONFIG_NAME).is_file() else PACKAGE_ROOT / CONFIG_NAME


def serve(content_dir: Path, config_path: Path | None, host: str, port: int) -> int:
    def load() -> Config:
        return dataclasses.replace(load_config(config_path, base_url="/"), preview=True)

    try:
        config = load()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(tempfile.mkdtemp(prefix="sisterlib-preview-"))
    builder: Builder | None = None
    try:
        preview = Preview(config, content_dir, out, config_loader=load)
        builder = Builder(preview, [content_dir, config.templates_dir, config.assets_dir], config_file(config_path))
        builder.start_watching()  # first, so a save during the first build is not missed
        report = preview.full_build()
        _freeze_heap()
        _print_report(report, "built the preview")
        builder.errors.set(report.errors)
        builder.watching.wait(timeout=10)
        server = _Server(builder)
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # belt and braces: we send reloads ourselves
        _stop_on_sigterm()
        address = f"[{host}]" if ":" in host else host
        print(f"Serving the preview at http://{address}:{port}/ (files in {out}; press Ctrl+C to stop)", flush=True)
        if not _is_loopback(host):
            print(f"warning: --host {host} makes the preview visible to other computers on the network", flush=True)
        try:
            server.serve(port=port, host=host, root=str(out), restart_delay=0)
        except OSError as exc:
            print(f"error: cannot listen on {host}:{port} ({exc.strerror}); try another --port", file=sys.stderr)
            return 2
        return 0
    finally:
        if builder is not None:
            builder.shutdown()  # before removing the folder: the build thread may be writing into it
        shutil.rmtree(out, ignore_errors=True)


class Builder:
    """The build thread: waits for saves, rebuilds once per batch, reloads the open pages.

    To reload quickly on a big site, a rebuild renders only the pages browsers showed lately
    (the open tabs) and leaves the other changed pages pending; they are rendered when the
    files are quiet, or at once when a browser asks for one (`fresh`). Feeds, the sitemap and
    the open data files are made from the whole site (seconds at 10,000 stories), so they are
    brought up to date only when someone asks for one of them.
    """

    RECENT = 20  # pages remembered as open

    def __init__(self, preview: Preview, paths: list[Path], config_path: Path):
        self.preview = preview
        self.paths = paths
        self.config_path = config_path
        self.errors = Errors()
        self.stop = threading.Event()
        self.watching = threading.Event()
        self.loop: IOLoop | None = None
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, None] = OrderedDict()  # URLs of the HTML pages served lately
        self._wanted: set[str] = set()  # stale files a request waits for
        self._changes: queue.Queue[set[Path]] = queue.Queue()
        self._thread: threading.Thread | None = None

    def start_watching(self) -> None:
        threading.Thread(target=self.watch, name="sisterlib-watch", daemon=True).start()

    def start(self, loop: IOLoop) -> None:
        """Called by the server when it starts listening."""
        self.loop = loop
        self._thread = threading.Thread(target=self.run, name="sisterlib-build", daemon=True)
        self._thread.start()

    def shutdown(self) -> None:
        self.stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)  # a page being rendered is finished, no new one is started

    # --- called from the server thread ----------------------------------------------------

    def seen(self, path: str) -> None:
        url = "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)
        with self._lock:
            self._recent[url] = None
            self._recent.move_to_end(url)
            while len(self._recent) > self.RECENT:
                self._recent.popitem(last=False)

    async def fresh(self, path: str, timeout: float = 60) -> None:
        """Wait until the file for a request path is up to date (the build thread is asked to
        render it next)."""
        rel = path + "index.html" if path == "" or path.endswith("/") else path
        if not self.preview.is_stale(rel):
            return
        with self._lock:
            self._wanted.add(rel)
        deadline = time.monotonic() + timeout
        while self.preview.is_stale(rel) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    # --- the build thread -------------------------------------------------------------------

    def watch(self) -> None:
        """The watcher thread: batches of changed files into the queue."""
        existing = [p.resolve() for p in self.paths if p.exists()]
        config_stamp = _stamp(self.config_path)
        for changes in watchfiles.watch(
            *existing,
            debounce=MAX_WAIT_MS,
            step=QUIET_MS,
            stop_event=self.stop,
            rust_timeout=100,
            yield_on_timeout=True,  # an empty batch when nothing changed for 0.1 s: check the config file
            raise_interrupt=False,
        ):
            self.watching.set()  # the first batch (empty after 100 ms) means the watches are in place
            changed = {Path(path) for _change, path in changes}
            stamp = _stamp(self.config_path)
            if stamp != config_stamp:
                config_stamp = stamp
                changed.add(self.config_path)
            if changed:
                self._changes.put(changed)

    def run(self) -> None:
        """The build thread: one rebuild per batch (batches that queued up meanwhile are merged),
        pending pages when idle."""
        while not self.stop.is_set():
            try:
                changed = self._changes.get(timeout=IDLE_MS / 1000)
            except queue.Empty:
                changed = None
            try:
                if changed is None:
                    self._idle()
                    continue
                while not self._changes.empty():
                    changed |= self._changes.get_nowait()
                self._rebuild(changed)
            except Exception:  # a bug, not the content: keep serving, show it
                traceback.print_exc()

    def _rebuild(self, changed: set[Path]) -> None:
        started = time.perf_counter()
        with self._lock:
            open_pages = set(self._recent)
        report = self.preview.rebuild(changed, defer_discovery=True, priority_urls=open_pages)
        if report.full:
            _freeze_heap()
        shown = sorted(_relative(p) for p in changed if p.exists() or p.suffix == ".md")  # not editors' temporary files
        names = ", ".join(shown[:3]) + (" ..." if len(shown) > 3 else "")
        _print_report(report, f"{names} changed", len(self.preview.pending))
        if (self.errors.set(report.errors) or report.files_written or report.files_deleted) and self.loop is not None:
            self.loop.add_callback(LiveReloadHandler.reload_waiters, "*")
            print(f"  reloading the open pages {1000 * (time.perf_counter() - started):.0f} ms after the change", flush=True)

    def _idle(self) -> None:
        with self._lock:
            wanted, self._wanted = self._wanted, set()
        if any(self.preview.is_stale(w) and w not in self.preview.pending for w in wanted):  # a feed, sitemap, data file
            self.preview.flush()
        elif wanted:
            self.preview.render_pending(wanted)
        elif self.preview.pending:  # a page at a time, and a new save goes first
            self.preview.render_pending(budget=IDLE_MS / 1000, stop=lambda: self.stop.is_set() or not self._changes.empty())


def _print_report(report: RebuildReport, what: str, pending: int = 0) -> None:
    clock = time.strftime("%H:%M:%S")
    if report.errors:
        for error in report.errors:
            print(error.format(_relative(error.path)), file=sys.stderr)
        files = len({e.path for e in report.errors})
        print(
            f"[{clock}] {what}: {len(report.errors)} error{'s' if len(report.errors) != 1 else ''} in {files} "
            f"file{'s' if files != 1 else ''}; the preview keeps the last good version and shows the errors",
            file=sys.stderr,
            flush=True,
        )
        return
    later = f" ({pending} more pages when asked for or when idle)" if pending else ""
    print(
        f"[{clock}] {what}: {report.pages_rendered} pages rendered, {report.files_written} files written, "
        f"{report.files_deleted} deleted in {1000 * report.seconds:.0f} ms{later}",
        flush=True,
    )


def _freeze_heap() -> None:
    """Move what a whole build left in memory out of the garbage collector's sight: at 10,000
    stories a full collection of it takes about a second, and would land in a random rebuild."""
    gc.collect()
    gc.freeze()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _stop_on_sigterm() -> None:
    """SIGTERM (how tests and process managers stop us) ends the server like Ctrl+C, so the
    temporary folder is removed."""

    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _relative(path: Path | str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
