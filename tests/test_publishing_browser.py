"""Each kind of page in Chromium: axe-core (WCAG 2.1 AA) in light and dark mode, keyboard use,
320 px screens, print, page weight, and screenshots for a reviewer (test-artifacts/screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, axe_violations

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts/screenshots"

# One page of every kind. /contribute/ is added when the site has it.
PAGE_KINDS = {
    "home": "/",
    "directory": "/libraries/",
    "library": "/libraries/silistra-public-library/",
    "partnership": "/partnerships/silistra-aurora/",
    "partnerships": "/partnerships/",
    "story": "/stories/silistra-teen-volunteers/",
    "stories": "/stories/",
    "country": "/countries/bg/",
    "countries": "/countries/",
    "activity": "/activities/personal-contacts/",
    "activities": "/activities/",
    "guide": "/guides/why-partner/",
    "guides": "/guides/",
    "checklist": "/guides/planning-checklist/",
    "search": "/search/",
    "search-results": "/search/?q=library",
    "seeking": "/seeking/",
    "matcher": "/find-a-partner/?country=US&language=en&type=public",
    "map": "/map/",
    "data": "/data/",
    "contribute": "/contribute/",
    "404": "/404.html",
}
# The same kinds of page in the other interface languages (issue 19): a translated story and
# guide, an untranslated story (shown as written, marked with its lang), the checklist, search.
for _lang in ("bg", "es"):
    for _kind in ("home", "story", "guide", "checklist", "partnership", "library", "search-results", "contribute"):
        PAGE_KINDS[f"{_lang}-{_kind}"] = f"/{_lang}" + PAGE_KINDS[_kind]


@pytest.fixture(scope="module")
def base(bundled_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(bundled_site)


@pytest.fixture(scope="module")
def kinds(bundled_site: Path) -> dict[str, str]:
    out = {}
    for kind, url in PAGE_KINDS.items():
        rel = url.split("?")[0].lstrip("/")
        file = bundled_site / (rel + "index.html" if not rel or rel.endswith("/") else rel)
        if kind.endswith("contribute") and not file.exists():
            continue  # built by another part of the project; checked once it exists
        assert file.is_file(), f"{kind}: {url} was not built"
        out[kind] = url
    return out


def open_page(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="networkidle")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_kind_of_page(page, base: str, kinds: dict[str, str], scheme: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(color_scheme=scheme)
    problems = []
    for kind, url in kinds.items():
        open_page(page, base + url)
        problems += [f"{kind} {url}: {v}" for v in axe_violations(page)]
    assert not problems, "\n".join(problems)


def test_axe_reports_a_real_violation(page, base: str) -> None:
    """The harness itself: axe does find a problem we plant (so a clean run means something)."""
    open_page(page, base + "/")
    page.evaluate("document.querySelector('main p').style.color = document.body.style.background = '#fdfcf9'")
    page.evaluate("document.querySelector('main h1').insertAdjacentHTML('afterend', '<img src=/x.png>')")
    ids = " ".join(axe_violations(page))
    assert "image-alt" in ids


def test_structured_data_breaks_no_content_security_policy(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """JSON-LD is data, not script: the pages' CSP (no inline script) reports nothing on it."""
    page.add_init_script(
        "window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => cspViolations.push(e.violatedDirective))"
    )
    for url in ("/libraries/silistra-public-library/", "/stories/silistra-teen-volunteers/"):
        open_page(page, base + url)
        assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1
        assert page.locator("head script[type='application/ld+json']").count() == 1
        assert page.evaluate("cspViolations") == [], url


def test_dark_mode_is_dark(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.emulate_media(color_scheme="dark")
    open_page(page, base + "/")
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert sum(int(x) for x in rgb[rgb.index("(") + 1 : -1].split(",")[:3]) < 3 * 80, rgb


def test_skip_link_moves_focus_to_main(page, base: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, base + "/stories/silistra-teen-volunteers/")
    page.keyboard.press("Tab")
    skip = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent})")
    assert skip == {"cls": "skip-link", "text": "Skip to content"}
    box = page.locator(".skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 20  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the main content, not the header again
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""

    def luminance(css: str) -> float:
        channels = [int(float(x)) / 255 for x in css[css.index("(") + 1 : -1].split(",")[:3]]
        r, g, b = ((c / 12.92) if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_always_visible(page, base: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """The first 30 Tab stops of the directory page each show a focus outline that stands out (3:1)."""
    page.emulate_media(color_scheme=scheme)
    open_page(page, base + "/libraries/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 30),
                        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                        color: s.outlineColor}; }"""
        )
        seen.append(state)
        assert state["outline"], f"no visible focus on {state}"
        assert _contrast(state["color"], background) >= 3, f"focus outline too faint on {state}"
    assert {"A", "SELECT", "BUTTON"} <= {s["tag"] for s in seen}


def tab_to(page, selector: str, limit: int = 80, back: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Press Tab (or Shift+Tab) until the element matching selector has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def test_directory_can_be_used_with_the_keyboard_alone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, base + "/libraries/")
    rows = page.locator("tbody tr:visible")
    total = rows.count()
    tab_to(page, "#dir-country")
    page.keyboard.press("ArrowDown")  # the first country in the list
    assert 0 < rows.count() < total
    assert page.locator("[data-directory-count]").inner_text() == f"{rows.count()} libraries shown"
    page.keyboard.press("ArrowUp")  # back to "All countries"
    assert rows.count() == total
    tab_to(page, "th[data-sort=city] button")
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort=city]").get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")
    assert page.locator("th[data-sort=city]").get_attribute("aria-sort") == "descending"
    cities = rows.locator("td:nth-child(3)").all_inner_texts()
    assert cities == sorted(cities, key=str.lower, reverse=True)


def test_checklist_can_be_used_with_the_keyboard_alone(page, base: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, base + "/guides/planning-checklist/")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    progress = page.locator("[data-checklist-progress]")
    tab_to(page, "input.task-list-item-checkbox")
    page.keyboard.press("Space")
    assert page.locator("input.task-list-item-checkbox").first.is_checked()
    assert progress.inner_text().startswith("1 of ")
    tab_to(page, "[data-checklist-reset]", back=True)
    page.keyboard.press("Enter")
    assert progress.inner_text().startswith("0 of ")


def test_header_search_works_with_the_keyboard(page, base: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, base + "/")
    tab_to(page, "#header-q")
    page.keyboard.type("Silistra")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Silistra")


def test_every_kind_of_page_fits_a_320_px_screen(browser, base: str, kinds: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    too_wide = []
    for kind, url in kinds.items():
        open_page(pg, base + url)
        width = pg.evaluate("document.scrollingElement.scrollWidth")
        if width > 320:
            too_wide.append(f"{kind} {url}: {width} px")
        # wide tables scroll inside their own box: axe checks it can be reached by keyboard
        too_wide += [f"{kind} {url} at 320 px: {v}" for v in axe_violations(pg)]
    context.close()
    assert not too_wide, "horizontal scrolling or axe violations at 320 px:\n" + "\n".join(too_wide)


def test_print_hides_navigation_and_shows_link_addresses(page, base: str) -> None:  # type: ignore[no-untyped-def]
    open_page(page, base + "/guides/resources/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".header-search").is_visible()
    after = page.evaluate(
        """() => { const a = document.querySelector('main .body a[href^="http"]');
            return [a.getAttribute('href'), getComputedStyle(a, '::after').content]; }"""
    )
    assert after[0] in after[1]


def test_story_page_weighs_under_30_kb(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """HTML + CSS + JS a story page loads, without search: under 30 KB (the figure is printed)."""
    sizes: dict[str, int] = {}

    def record(response) -> None:  # type: ignore[no-untyped-def]
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script"):
            sizes[response.url] = len(response.body())

    page.on("response", record)
    open_page(page, base + "/stories/silistra-teen-volunteers/")
    total = sum(sizes.values())
    print(
        f"\nstory page weight: {total} bytes ({total / 1024:.1f} KB): "
        + ", ".join(f"{u.split('/', 3)[-1]} {n}" for u, n in sizes.items())
    )
    assert any(u.endswith("/stories/silistra-teen-volunteers/") for u in sizes)
    assert any(u.endswith(".css") for u in sizes)
    assert total < 30 * 1024, sizes


def test_screenshots_of_every_kind_of_page(browser, base: str, kinds: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """PNGs at 375 px and 1280 px (and 375 px dark) for a reviewer to look at; not compared."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    # every English kind; of the other languages, a story and the checklist (the rest look the same)
    shown = {k: u for k, u in kinds.items() if "-" not in k or k.split("-", 1)[1] in ("story", "checklist", "results")}
    for width, scheme in ((375, "light"), (1280, "light"), (375, "dark")):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        pg = context.new_page()
        for kind, url in shown.items():
            open_page(pg, base + url)
            path = SCREENSHOTS / f"{kind}-{width}{'-dark' if scheme == 'dark' else ''}.png"
            pg.screenshot(path=str(path), full_page=True)
            written.append(path)
        context.close()
    for path in written:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
