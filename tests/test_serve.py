"""`python build.py serve` end to end: a real server process, a real browser, real file saves."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import MINI_SITE, ROOT, free_port, make_project, wait_until

pytestmark = pytest.mark.browser
STORY = "content/stories/first-visit.md"


class Server:
    def __init__(self, project: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(self.port), "--content", "content"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group, so the test can stop it and only it
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert self.proc.poll() is None, "the server stopped:\n" + "".join(self.lines)
            assert time.monotonic() < deadline, f"no {text!r} in the output:\n" + "".join(self.lines)
            time.sleep(0.05)

    def stop(self) -> int:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        return self.proc.wait(timeout=20)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(make_project(tmp_path, MINI_SITE))
    try:
        running.wait_for("Serving the preview at")
        yield running
    finally:
        running.stop()


def wait_for_livereload(page: Page) -> None:
    """The page's livereload script has finished its handshake with the server."""
    wait_until(page, "() => window.LiveReload && window.LiveReload.connector && window.LiveReload.connector.protocol")
    page.wait_for_timeout(300)  # the server registers the page when it gets the script's next message


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_a_save_shows_up_in_the_open_page_and_errors_show_over_it(server: Server, page: Page, tmp_path: Path) -> None:
    story = tmp_path / STORY
    good = story.read_text(encoding="utf-8")
    page.goto(server.url + "/stories/first-visit/")
    expect(page.locator("h1")).to_have_text("The first visit")
    wait_for_livereload(page)

    save(story, good.replace("The first visit", "The second visit"))
    expect(page.locator("h1")).to_have_text("The second visit", timeout=20_000)  # no page.reload() here
    # A second save soon after the first still reloads (livereload alone drops reloads within 3 s).
    wait_for_livereload(page)
    save(story, good.replace("The first visit", "The third visit"))
    expect(page.locator("h1")).to_have_text("The third visit", timeout=20_000)

    # Other pages that show the story are up to date when visited (rendered on demand or when idle),
    # and so is the feed, which is made from the whole site.
    page.goto(server.url + "/partnerships/alpha-beta/")
    expect(page.locator("main")).to_contain_text("The third visit")
    with urllib.request.urlopen(server.url + "/feed.xml") as response:
        assert "The third visit" in response.read().decode("utf-8")
    page.goto(server.url + "/stories/first-visit/")

    # A mistake: the page keeps the last good version and shows the errors over it.
    wait_for_livereload(page)
    broken = good.replace("title: The first visit", "titel: The first visit")
    save(story, broken + "\nSee [[<img src=x onerror=window.__xss=1>]].\n")
    overlay = page.locator("#sisterlib-preview-errors")
    expect(overlay).to_be_visible(timeout=20_000)
    expect(overlay).to_contain_text("content/stories/first-visit.md:2: unknown field 'titel' for a story")
    expect(overlay).to_contain_text("[[<img src=x onerror=window.__xss=1>]]")  # shown as text, never as markup
    expect(page.locator("h1")).to_have_text("The third visit")
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("#sisterlib-preview-errors img").count() == 0
    server.wait_for("content/stories/first-visit.md:2: unknown field 'titel'")  # and in the terminal

    # Every page shows the errors, not only the one that was open.
    page.goto(server.url + "/libraries/alpha-library/")
    expect(page.locator("#sisterlib-preview-errors")).to_be_visible()
    wait_for_livereload(page)

    save(story, good.replace("A librarian from", "Fixed: a librarian from"))
    expect(page.locator("#sisterlib-preview-errors")).to_have_count(0, timeout=20_000)
    page.goto(server.url + "/stories/first-visit/")
    expect(page.locator("h1")).to_have_text("The first visit")
    expect(page.locator("main")).to_contain_text("Fixed: a librarian from")


def test_search_says_it_is_not_available_in_the_preview(server: Server, page: Page) -> None:
    page.goto(server.url + "/search/?q=alpha")
    expect(page.get_by_text("Search is not available")).to_be_visible()


def test_only_the_output_folder_is_served(server: Server) -> None:
    for path in [
        "/../content/stories/first-visit.md",
        "/%2e%2e/content/stories/first-visit.md",
        "/content/stories/first-visit.md",
    ]:
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(server.url + path)
        assert failed.value.code in (403, 404), path
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(server.url + "/nowhere/")
    assert failed.value.code == 404
    assert b"Page not found" in failed.value.read()  # the site's own 404 page


def test_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    running = Server(make_project(tmp_path, MINI_SITE))
    running.wait_for("Serving the preview at")
    served = re.search(r"files in (\S+);", "".join(running.lines))
    assert served and Path(served.group(1)).is_dir()
    assert running.stop() == 0
    assert not Path(served.group(1)).exists(), "the temporary output folder was left behind"


def test_several_files_saved_at_once_give_one_rebuild(server: Server, tmp_path: Path) -> None:
    files = ["content/stories/first-visit.md", "content/libraries/alpha-library.md", "content/libraries/beta-library.md"]
    before = sum(" changed: " in line for line in server.lines)
    for rel in files:  # like a `git checkout` or an editor's "save all"
        path = tmp_path / rel
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    deadline = time.monotonic() + 30
    while sum(" changed: " in line for line in server.lines) == before:
        assert time.monotonic() < deadline, "".join(server.lines)
        time.sleep(0.05)
    time.sleep(1.5)  # time for a second rebuild, if there were one
    rebuilds = [line for line in server.lines if " changed: " in line][before:]
    assert len(rebuilds) == 1, rebuilds
    assert all(Path(rel).name in rebuilds[0] for rel in files), rebuilds[0]
