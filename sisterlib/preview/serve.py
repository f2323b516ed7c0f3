"""`python build.py serve`: a live preview that rebuilds and reloads the browser on every save.

How it fits together (SECURITY-NOTES §6):
- The site is built into a temporary folder, never into site/, with `config.preview` set
  (no <meta> CSP: livereload adds an inline script to every page) and base_url "/".
- The `livereload` server serves that folder only (explicit root), on 127.0.0.1 unless
  --host says otherwise. Its own file polling is switched off: a `watchfiles` thread watches
  content/, templates/, assets/ and the config file (watch.py), the build's own stages run
  again on what changed (state.py), and one reload goes to the open pages, which are
  rendered first.
- The first build runs before any other thread starts, so it runs on every core like
  `build`; a save made meanwhile is caught up right after it.
- With content errors the last good build stays online; the errors are printed and shown
  over every page (overlay.py) until the file is fixed.
- Search is not built in the preview (no Pagefind run); /search/ says so.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from ..collector import freeze_heap
from ..config import CONFIG_NAME, PACKAGE_ROOT, Config, ConfigError, load_config
from . import overlay
from .state import Preview
from .watch import Builder, Errors, print_report, stamps


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
    root = Path(tempfile.mkdtemp(prefix="sisterlib-preview-"))
    out = root / "site"
    builder: Builder | None = None
    try:
        preview = Preview(config, content_dir, out, config_loader=load)
        watched = [content_dir, config.templates_dir, config.assets_dir, config_file(config_path)]
        before = stamps(watched)
        report = preview.full_build()  # no other thread yet: on every core, like `build`
        freeze_heap()
        print_report(report, "built the preview")
        builder = Builder(preview, watched[:3], watched[3])
        builder.errors.set(report.errors)
        builder.start_watching()
        builder.watching.wait(timeout=10)
        builder.catch_up(before)  # saves made during the first build
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
        shutil.rmtree(root, ignore_errors=True)


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
