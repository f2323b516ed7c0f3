"""The preview's build thread: waits for saves, rebuilds once per batch, reloads the open pages.

A `watchfiles` thread watches content/, templates/, assets/ and the config file and waits
until the saves stop for 100 ms (a checkout or "save all" gives one rebuild); the build thread
runs `Preview.rebuild` (state.py) and then sends one reload to the open pages itself, so
livereload's 3-second limit never drops a reload.
"""

from __future__ import annotations

import asyncio
import queue
import sys
import threading
import time
import traceback
from collections import OrderedDict
from pathlib import Path

import watchfiles
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from ..collector import freeze_heap
from ..errors import ContentError, count_line, relative
from . import overlay
from .changes import RebuildReport
from .state import Preview

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

    def catch_up(self, before: dict[Path, tuple[int, int] | None]) -> None:
        """Queue a rebuild for whatever changed between `before` and now (saves made while the
        first build ran, before the watcher started): content files are compared by the
        loader itself, which reads again only the files whose stamp changed."""
        now = stamps([*self.paths, self.config_path])
        changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
        content = self.paths[0]
        if any(p.is_relative_to(content) for p in changed):
            changed = {p for p in changed if not p.is_relative_to(content)} | {content}
        if changed:
            self._changes.put(changed)

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
            freeze_heap()
        shown = sorted(relative(str(p)) for p in changed if p.exists() or p.suffix == ".md")  # not editors' temporary files
        names = ", ".join(shown[:3]) + (" ..." if len(shown) > 3 else "")
        print_report(report, f"{names} changed", len(self.preview.pending))
        if (self.errors.set(report.errors) or report.files_written or report.files_deleted) and self.loop is not None:
            self.loop.add_callback(LiveReloadHandler.reload_waiters, "*")
            print(f"  reloading the open pages {1000 * (time.perf_counter() - started):.0f} ms after the change", flush=True)

    def _idle(self) -> None:
        with self._lock:
            wanted, self._wanted = self._wanted, set()
        if wanted:
            self.preview.plan_pending()  # a page asked for may belong to a group not planned yet
        if any(self.preview.is_stale(w) and w not in self.preview.pending for w in wanted):  # a feed, sitemap, data file
            self.preview.flush()
        elif wanted:
            self.preview.render_pending(wanted)
        elif self.preview.pending:  # a page at a time, and a new save goes first
            self.preview.render_pending(budget=IDLE_MS / 1000, stop=lambda: self.stop.is_set() or not self._changes.empty())


def print_report(report: RebuildReport, what: str, pending: int = 0) -> None:
    clock = time.strftime("%H:%M:%S")
    if report.errors:
        for error in report.errors:
            print(error.format(relative(error.path)), file=sys.stderr)
        print(
            f"[{clock}] {what}: {count_line(report.errors)}; the preview keeps the last good version and shows the errors",
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


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def stamps(paths: list[Path]) -> dict[Path, tuple[int, int] | None]:
    """The size and modification time of every file under `paths` (files or folders)."""
    out: dict[Path, tuple[int, int] | None] = {}
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        out.update((p, _stamp(p)) for p in files)
    return out
