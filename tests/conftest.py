"""Shared fixtures: inline fixture projects, the CLI as a subprocess, the built site in Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Builds started by the tests (and their subprocesses) keep their cache in a throw-away folder."""
    import tempfile

    os.environ.setdefault("SISTERLIB_CACHE_DIR", tempfile.mkdtemp(prefix="sisterlib-test-cache-"))


def make_project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (paths relative to tmp_path) and return tmp_path.

    Text is dedented, so fixtures can be written indented inside a test.
    """
    for rel, data in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return tmp_path


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run `python build.py ARGS` as a contributor would; templates and assets come from the repo."""
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # annotations only when a test asks
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# A minimal valid site: two libraries in two countries, one partnership, one story, one activity, one guide.
MINI_SITE: dict[str, str] = {
    "content/libraries/alpha-library.md": """
        ---
        name: Alpha Library
        city: Silistra
        country: BG
        type: public
        aliases: [Библиотека Алфа]
        ---
        Alpha works with [[beta-library]].
        """,
    "content/libraries/beta-library.md": """
        ---
        name: Beta Library
        city: Aurora
        country: US
        type: public
        ---
        Beta is in Colorado.
        """,
    "content/partnerships/alpha-beta.md": """
        ---
        libraries: [alpha-library, beta-library]
        status: active
        activities: [share-cultural-events]
        ---
        They met through [[Alpha Library]].
        """,
    "content/stories/first-visit.md": """
        ---
        title: The first visit
        date: 2020-05-03
        partnership: alpha-beta
        activities: [share-cultural-events]
        ---
        A librarian from [[beta-library|Beta]] visited.
        """,
    "content/activities/share-cultural-events.md": """
        ---
        title: Share cultural events
        order: 1
        ---
        - Celebrate each other's holidays.
        """,
    "content/pages/why-partner.md": """
        ---
        title: Why partner
        order: 1
        ---
        Because it helps.
        """,
}


@pytest.fixture
def mini_site(tmp_path: Path) -> Path:
    return make_project(tmp_path, MINI_SITE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def serve_dir():
    """serve_dir(path) -> base URL of a static server for that folder, on 127.0.0.1."""
    servers = []

    def start(path: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built once per test run into a temporary folder (with search)."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        # A missing browser is a failure, not a skip: CI installs it in .ci/run.
        pytest.fail("Chromium is not installed: run `apt-get install -y chromium` (see .ci/run)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
