"""A story with photos and a video in Chromium, under the site's Content Security Policy: every
request stays on the site, the photos load (WebP), and the pages pass the Nu checker and axe."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import make_project, run_cli, wait_until
from photo_site import PHOTO_SITE
from test_publishing_browser import axe_violations
from test_publishing_html import html_pages, nu_errors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("photo-browser"), PHOTO_SITE)
    result = run_cli("build", "--no-search", "--content", "content", "--out", "site", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base(photo_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(photo_site)


def test_a_story_with_photos_and_a_video_contacts_no_other_host(page, base: str) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(base + "/stories/drawings-travel/", wait_until="networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1  # the published policy
    page.mouse.wheel(0, 20_000)  # the lazy photos come near the screen
    page.wait_for_load_state("networkidle")
    wait_until(page, "[...document.images].every(img => img.complete && img.naturalWidth > 0)")
    sources = page.evaluate("[...document.images].map(img => img.currentSrc)")
    assert len(sources) == 3 and all(src.endswith(".webp") for src in sources), sources
    hosts = {urlsplit(url).netloc for url in requests}
    assert hosts == {urlsplit(base).netloc}, sorted(requests)
    assert page.locator("iframe, video, embed, object").count() == 0
    link = page.locator(".video-card a")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=M7lc1UVf-VE"
    assert page.evaluate("window.__violations") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_with_photos_have_no_axe_violations(page, base: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(color_scheme=scheme)
    problems = []
    for url in ("/stories/drawings-travel/", "/partnerships/alpha-beta/", "/stories/", "/"):
        page.goto(base + url, wait_until="networkidle")
        problems += [f"{url}: {v}" for v in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_pages_with_photos_are_valid_html(photo_site: Path) -> None:
    errors = nu_errors(html_pages(photo_site))
    assert not errors, "\n".join(errors)
