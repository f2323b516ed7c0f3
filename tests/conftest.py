"""Shared fixtures: inline fixture projects, the CLI as a subprocess, the built site in Chromium."""

from __future__ import annotations

import functools
import hashlib
import http.server
import importlib
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Builds started by the tests (and their subprocesses) keep their cache in a throw-away folder."""
    import tempfile

    os.environ.setdefault("SISTERLIB_CACHE_DIR", tempfile.mkdtemp(prefix="sisterlib-test-cache-"))


def file_digests(root: Path) -> dict[str, str]:
    """Every file under `root`: its path relative to `root` -> the sha256 of its bytes (to compare two outputs)."""
    assert root.is_dir(), f"no folder {root}"  # else two missing outputs would compare equal
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()
    }


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
    under = "/"  # the folder is served at this path, as a host serves a project site at /repo/

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.under):  # outside the site's path: 404, as on the real host
            return os.path.join(str(self.directory), ".outside-the-base-path")
        return super().translate_path("/" + path[len(self.under) :])

    def end_headers(self) -> None:
        # LinkChecker waits 0.1-0.6 s between two requests to a host unless the host sends this
        # (and its config allows more than 10 requests a second): a crawl in 3 s instead of 30.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def serve_dir():
    """serve_dir(path, under="/") -> the address of a static server for that folder on 127.0.0.1,
    serving it at the path `under` ("/sister/" for a site built for https://host/sister/)."""
    servers = []

    def start(path: Path, under: str = "/") -> str:
        handler = functools.partial(type("Handler", (_QuietHandler,), {"under": under}), directory=str(path))
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


# A missing tool is a failure that names the command installing it, never a skip: the README's
# first command (pip) installs every Python tool, one apt-get line the system ones.
PIP_INSTALL = 'python -m pip install -e ".[test]"'
APT_INSTALL = "apt-get install -y chromium default-jre-headless"


def python_module(name: str) -> ModuleType:
    """Import a module of the `test` extra, or fail with the command that installs it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        pytest.fail(f"{name} is not installed: run `{PIP_INSTALL}` (the test extra)")


def python_tool(name: str) -> str:
    """The console script `name` installed by the `test` extra beside this Python (bin/ of the venv)."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: run `{PIP_INSTALL}` (the test extra)")
    return found


PUBLISHED_BASE = "https://example.org/sister/"  # a project site under a sub-path, as GitHub Pages gives


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built as publish.yml builds it: a full base_url, search, git dates."""
    out = tmp_path_factory.mktemp("published") / "site"
    result = run_cli("build", "--out", str(out), "--base-url", PUBLISHED_BASE)
    assert result.returncode == 0, result.stderr
    return out


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail(f"Chromium is not installed: run `{APT_INSTALL}` (see .ci/run)")
    return path


AXE = ROOT / "tests/vendor/axe/axe.min.js"  # axe-core, vendored with its licence (tests/vendor/axe/SOURCE.txt)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's WCAG 2.1 AA violations on the page open in `page`, one line each."""
    # Evaluated, not added as a <script>: the site's CSP (no inline script) would block the tag.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
        AXE_TAGS,
    )
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in violations]


def wait_until(page, expression: str, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Poll `expression` in the page until it is truthy.

    Not Playwright's wait_for_function: when its first check is false it re-checks from a
    requestAnimationFrame callback through eval, which the site's CSP (no 'unsafe-eval')
    blocks, so the wait failed or passed with the page's timing. page.evaluate runs over
    the DevTools protocol, outside the page's CSP.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_playwright = python_module("playwright.sync_api").sync_playwright
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
