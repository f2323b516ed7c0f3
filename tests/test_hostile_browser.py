"""The hostile fixture site in Chromium, under its own Content Security Policy.

Every page is opened with the CSP of the built `_headers` file sent as a header (as Netlify or
Cloudflare would) on top of the `<meta>` CSP in the page. No dialog may open, no console error
or page error may happen, no `securitypolicyviolation` event may fire, and a story title full of
markup shows as text in the search results and in the activity filter.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import make_project, run_cli
from hostile_site import ENTRY_PAGES, FIELD_TEXTS, HOSTILE_SITE

pytestmark = pytest.mark.browser

PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
WATCH = (
    "window.__problems = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__problems.push('csp ' + e.violatedDirective + ' ' + e.blockedURI));"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile-browser"), HOSTILE_SITE)
    result = run_cli("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def base(site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(site)


def host_headers(site: Path) -> dict[str, str]:
    """The headers `_headers` gives every path (`/*`)."""
    headers = {}
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.lower()] = value.strip()
    assert "content-security-policy" in headers
    return headers


@pytest.fixture
def watched(page, base: str, site: Path):  # type: ignore[no-untyped-def]
    """The page with the host's headers on every same-site response, other sites answered
    with a 1-pixel image (no network here), and every problem recorded."""
    problems: list[str] = []
    outside: list[str] = []
    headers = host_headers(site)

    def route(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if not url.startswith(base):
            outside.append(url)
            route.fulfill(status=200, content_type="image/png", body=PIXEL)
            return
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, **headers})

    page.route("**/*", route)
    page.add_init_script(WATCH)
    page.on("dialog", lambda d: (problems.append(f"dialog {d.type}: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror {e}"))
    page.problems, page.outside = problems, outside
    yield page
    page.unroute_all(behavior="wait")  # no handler left running into the next test


def all_problems(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.problems + page.evaluate("window.__problems || []")


def test_no_page_runs_content_script_or_breaks_the_policy(watched, base: str, site: Path) -> None:  # type: ignore[no-untyped-def]
    urls = sorted("/" + str(p.relative_to(site).parent).replace(".", "") + "/" for p in site.rglob("index.html"))
    urls = [u.replace("//", "/") for u in urls] + ["/404.html"]
    assert len(urls) > 20
    for url in urls:
        watched.goto(base + url, wait_until="networkidle")
        for selector in ("h1", ".body a", ".body img", ".body li"):  # handlers like onmouseover need a hover
            target = watched.locator(selector).first
            if target.count() and target.is_visible():
                target.hover(timeout=2000)
        watched.wait_for_timeout(50)
        assert all_problems(watched) == [], url
    assert watched.evaluate("typeof window.__problems") == "object"  # the watcher ran under the CSP
    assert set(watched.outside) <= {"https://example.org/i.png"}  # the one picture the content links


def test_entry_pages_show_markup_as_text(watched, base: str) -> None:  # type: ignore[no-untyped-def]
    expected = {"library": "name", "partnership": "ptitle", "story": "stitle", "activity": "atitle", "guide": "gtitle"}
    for kind, rel in ENTRY_PAGES.items():
        watched.goto(base + "/" + rel.removesuffix("index.html"), wait_until="networkidle")
        assert watched.locator("h1").inner_text() == FIELD_TEXTS[expected[kind]]
        assert watched.locator("main script, main iframe, main svg, .body img[src='x']").count() == 0
        assert "<script>alert(1)</script>" in watched.locator(".body").inner_text()
        assert all_problems(watched) == [], kind


def test_markup_title_shows_as_text_in_search_results(watched, base: str) -> None:  # type: ignore[no-untyped-def]
    watched.goto(base + "/search/?q=zebrafinch")
    expect(watched.locator("[data-search-status]")).to_have_text(re.compile(r"^1 result for “zebrafinch”\.$"), timeout=20000)
    link = watched.locator(".search-result a").first
    assert link.inner_text() == FIELD_TEXTS["stitle"]
    assert link.get_attribute("href") == "/stories/hostile-story/"
    assert watched.locator(".search-results img, .search-results script, .search-results iframe").count() == 0
    watched.wait_for_timeout(300)
    assert all_problems(watched) == []


def test_markup_activity_title_is_a_text_filter(watched, base: str) -> None:  # type: ignore[no-untyped-def]
    """The option and the status line show the title as text, and the list has its pages: lists
    with no words come from the build's own files (Pagefind decodes entities in filter values
    twice, so with its filters this title's literal "&amp;" became "&" and nothing matched)."""
    watched.goto(base + "/search/")
    option = watched.locator("#search-activity option", has_text=FIELD_TEXTS["atitle"])
    assert option.get_attribute("value") == FIELD_TEXTS["atitle"]
    watched.locator("#search-activity").select_option(value=FIELD_TEXTS["atitle"])
    status = watched.locator("[data-search-status]")
    expect(status).to_contain_text(FIELD_TEXTS["atitle"], timeout=20000)
    assert re.match(r"^\d+ results? \(", status.inner_text()) and watched.locator(".search-result").count() > 0
    assert watched.locator("[data-search-status] *, .search-results img, .search-results script").count() == 0
    watched.wait_for_timeout(300)
    assert all_problems(watched) == []


def test_the_watcher_sees_a_blocked_inline_script(watched, base: str) -> None:  # type: ignore[no-untyped-def]
    """The harness itself: an inline script added to a page is blocked by the CSP and recorded."""
    watched.goto(base + "/", wait_until="networkidle")
    watched.evaluate("document.body.append(Object.assign(document.createElement('script'), {textContent: 'window.ran = 1'}))")
    watched.wait_for_timeout(200)
    assert watched.evaluate("window.ran") is None
    assert any(p.startswith("csp script-src") for p in all_problems(watched)), all_problems(watched)
