"""The search page in Chromium, as a visitor uses it: typing, filters, either script, the URL, safety."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from search_fixture import SEARCH_SITE, filters

from sisterlib.content.scripts import to_cyrillic

from conftest import MINI_SITE, make_project, run_cli

pytestmark = pytest.mark.browser

STATUS = "[data-search-status]"


@pytest.fixture(scope="module")
def bundled(bundled_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(bundled_site)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory, serve_dir) -> str:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path_factory.mktemp("search-browser"), SEARCH_SITE)
    result = run_cli("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return serve_dir(root / "site")


def results(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(title, facts line) of every result shown."""
    items = page.locator(".search-result")
    return [(items.nth(i).locator("a").inner_text(), items.nth(i).locator(".meta").inner_text()) for i in range(items.count())]


def wait_for_count(page, pattern: str) -> None:  # type: ignore[no-untyped-def]
    expect(page.locator(STATUS)).to_have_text(re.compile(pattern), timeout=15000)


def entry_filters(site: Path, name: str) -> dict[str, list[str]]:
    """url -> values of one filter, read from the built entry pages."""
    out = {}
    for section in ("libraries", "partnerships", "stories", "activities", "guides"):
        for path in sorted((site / section).glob("*/index.html")):
            out[f"/{section}/{path.parent.name}/"] = filters(path.read_text(encoding="utf-8"), name)
    return out


def test_typing_a_word_shows_the_matching_story_first(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(bundled + "/search/")
    page.locator("#search-q").fill("volunteer")
    page.locator("#search-q").press("Enter")
    wait_for_count(page, r"^\d+ results? for “volunteer”\.$")
    first = page.locator(".search-result a").first
    assert first.inner_text() == "A teen volunteer group in Silistra"
    assert first.get_attribute("href") == "/stories/silistra-teen-volunteers/"
    assert page.url.endswith("/search/?q=volunteer")
    assert page.locator(STATUS).get_attribute("role") == "status"


def test_country_filter_without_words_lists_only_that_country(page, bundled: str, bundled_site: Path) -> None:  # type: ignore[no-untyped-def]
    bulgarian = [url for url, countries in entry_filters(bundled_site, "country").items() if "Bulgaria" in countries]
    page.goto(bundled + "/search/")
    page.select_option("#search-country", "Bulgaria")
    wait_for_count(page, rf"^{len(bulgarian)} results \(Bulgaria\)\.$")
    shown = page.locator(".search-result a")
    hrefs = [shown.nth(i).get_attribute("href") for i in range(shown.count())]
    assert sorted(hrefs) == sorted(bulgarian)
    assert all("Bulgaria" in facts for _, facts in results(page))
    # a list, not a ranking: libraries, then partnerships, then stories newest first
    kinds = [facts.split(" · ")[0] for _, facts in results(page)]
    assert kinds == sorted(kinds, key=["Library", "Partnership", "Story"].index)
    years = [int(facts.split(" · ")[1][-4:]) for _, facts in results(page) if facts.startswith("Story")]
    assert len(years) >= 2 and years == sorted(years, reverse=True)
    assert page.url.endswith("/search/?country=Bulgaria")
    # a list shows the start of each page, without repeating the title shown just above it
    silistra = page.locator(".search-result").filter(has_text="Silistra Public Library").first
    assert silistra.locator(".excerpt").inner_text().startswith("Public library in Silistra")


def test_stories_from_bulgaria_about_cultural_events_without_typing(page, bundled: str, bundled_site: Path) -> None:  # type: ignore[no-untyped-def]
    countries = entry_filters(bundled_site, "country")
    activities = entry_filters(bundled_site, "activity")
    expected = [
        url
        for url in countries
        if url.startswith("/stories/") and "Bulgaria" in countries[url] and "Share cultural events" in activities[url]
    ]
    assert expected  # the bundled content has such a story
    page.goto(bundled + "/search/")
    page.select_option("#search-kind", "story")
    page.select_option("#search-country", "Bulgaria")
    page.select_option("#search-activity", "Share cultural events")
    wait_for_count(page, r"\(Stories, Bulgaria, Share cultural events\)\.$")
    shown = page.locator(".search-result a")
    assert sorted(shown.nth(i).get_attribute("href") for i in range(shown.count())) == sorted(expected)


@pytest.mark.parametrize("query", ["Силистра", "Silistra", "силистра"])
def test_a_name_in_either_script_finds_the_library(page, bundled: str, query: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(bundled + "/search/")
    page.locator("#search-q").fill(query)  # typing alone searches, after a short pause
    wait_for_count(page, rf"^\d+ results? for “{query}”\.$")
    titles = [title for title, _ in results(page)]
    assert "Silistra Public Library" in titles[:3], titles


def test_a_latin_name_is_found_by_its_cyrillic_spelling(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    """Shetland Library has no Cyrillic alias: its name is in the index in Cyrillic letters too (Шетланд)."""
    page.goto(bundled + "/search/?q=Шетланд")
    wait_for_count(page, r"results? for “Шетланд”\.$")
    assert results(page)[0][0] == "Shetland Library"


@pytest.mark.parametrize(
    ("query", "library"),
    [("Аврора", "Aurora Public Library"), ("Бемис", "Bemis Public Library"), ("Ийгъл Вали", "Eagle Valley Library District"),
     ("Нютън", "Newton Public Library"), ("avrora", "Aurora Public Library"), ("авр", "Aurora Public Library")],
)  # fmt: skip
def test_the_bulgarian_names_of_us_libraries_find_them(page, bundled: str, query: str, library: str) -> None:  # type: ignore[no-untyped-def]
    """How Bulgarians write these names (aliases in the content), and Аврора in Latin letters."""
    page.goto(bundled + "/search/?q=" + query)
    wait_for_count(page, rf"^\d+ results? for “{query}”\.$")
    assert results(page)[0][0] == library


@pytest.mark.parametrize(("query", "library"), [("Aurora", "Aurora Public Library"), ("Silistra", "Silistra Public Library"),
                                                ("Newton", "Newton Public Library"), ("Shetland", "Shetland Library"),
                                                ("Littleton", "Bemis Public Library"), ("Lerwick", "Shetland Library"),
                                                ("Grayling", "Crawford County Libraries")])  # fmt: skip
def test_an_entrys_own_page_comes_before_pages_that_mention_it(page, bundled: str, query: str, library: str) -> None:  # type: ignore[no-untyped-def]
    """A library's names (and its town's) are its own: a partnership named after the town comes after it."""
    page.goto(bundled + "/search/?q=" + query)
    wait_for_count(page, rf"^\d+ results for “{query}”\.$")
    titles = [title for title, _ in results(page)]
    assert titles[0] == library and len(titles) > 2, titles


def test_a_latin_name_written_in_cyrillic_letters_finds_it(page, fixture_site: str) -> None:  # type: ignore[no-untyped-def]
    query = to_cyrillic("Beta Library")
    assert query == "Бета Либрари"
    page.goto(fixture_site + "/search/?q=" + query)
    wait_for_count(page, rf"results? for “{query}”\.$")
    assert results(page)[0][0] == "Beta Library"


@pytest.mark.parametrize("query", ["avrora", "Аврора", "авр", "qwxv"])
def test_a_word_on_no_page_says_no_results(page, fixture_site: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """No alias of the fixture carries these: no results, never the whole site (Pagefind alone
    gives the pages of "a" for avrora and avr)."""
    page.goto(fixture_site + "/search/?q=" + query)
    wait_for_count(page, rf"^No results for “{query}”\. No page has a word that starts with “{query.lower()}”")
    assert page.locator(".search-result").count() == 0


def test_a_library_named_in_cyrillic_is_found_by_its_latin_form(page, fixture_site: str) -> None:  # type: ignore[no-untyped-def]
    for query in ("Karavelov", "biblioteka ruse", "Каравелов"):
        page.goto(fixture_site + "/search/?q=" + query)
        wait_for_count(page, r"results? for")
        assert "Регионална библиотека Любен Каравелов" in [title for title, _ in results(page)], query
    # A story written in Bulgarian (lang: bg) is in the same index as the English pages.
    page.goto(fixture_site + "/search/?q=маратон")
    wait_for_count(page, r"results? for")
    assert [title for title, _ in results(page)] == ["Маратон на четенето"]


def test_loading_a_search_address_runs_that_search(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(bundled + "/search/?q=volunteer&kind=story")
    wait_for_count(page, r"^1 result for “volunteer” \(Stories\)\.$")
    assert page.locator("#search-q").input_value() == "volunteer"
    assert page.locator("#search-kind").input_value() == "story"
    assert results(page)[0][0] == "A teen volunteer group in Silistra"


def test_the_header_search_box_leads_to_the_results(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(bundled + "/libraries/")
    page.locator("#header-q").fill("Shetland")
    page.locator("#header-q").press("Enter")
    wait_for_count(page, r"results? for “Shetland”")
    assert "Shetland Library" in [title for title, _ in results(page)]


def test_back_button_returns_to_the_previous_search(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(bundled + "/search/?q=silistra")
    wait_for_count(page, r"results? for “silistra”\.$")
    everything = len(results(page))
    page.select_option("#search-kind", "library")
    wait_for_count(page, r"for “silistra” \(Libraries\)\.$")
    assert page.url.endswith("?q=silistra&kind=library")
    assert len(results(page)) < everything
    page.go_back()
    wait_for_count(page, r"results? for “silistra”\.$")
    assert page.locator("#search-kind").input_value() == ""
    assert len(results(page)) == everything


def test_keyboard_only(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(bundled + "/search/")
    page.locator("#search-q").focus()
    page.keyboard.type("library")
    page.keyboard.press("Enter")
    wait_for_count(page, r"results? for “library”\.$")
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the Kind filter
    assert page.evaluate("document.activeElement.id") == "search-kind"
    for _ in range(3):  # Everything -> Libraries -> Partnerships -> Stories
        page.keyboard.press("ArrowDown")
    wait_for_count(page, r"for “library” \(Stories\)\.$")
    assert all(facts.startswith("Story") for _, facts in results(page))


def test_a_title_with_markup_shows_as_text(page, fixture_site: str) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture_site + "/search/?q=zebrafinch")
    wait_for_count(page, r"^1 result for “zebrafinch”\.$")
    assert results(page)[0][0] == "Evil <img src=x onerror=alert(1)> zebrafinch"
    assert page.locator(".search-results img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_works_under_the_strict_content_security_policy(page, bundled: str) -> None:  # type: ignore[no-untyped-def]
    policy = (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
        "style-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'"
    )

    routed: list[str] = []

    def with_policy(route) -> None:  # type: ignore[no-untyped-def]
        routed.append(route.request.url)
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    # Only the document is routed: its policy covers all it loads. Routing every request left
    # handlers running after the test, which failed the next test on a disposed response.
    page.route(re.compile(r"/search/\?q=volunteer$"), with_policy)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(bundled + "/search/?q=volunteer")
    wait_for_count(page, r"results? for “volunteer”\.$")
    assert page.evaluate("window.__violations") == []
    assert len(routed) == 1  # the policy was on the document
    page.unroute_all(behavior="wait")


def test_a_site_built_without_the_index_says_search_is_not_available(page, tmp_path: Path, serve_dir) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path, MINI_SITE)
    assert run_cli("build", "--no-search", "--content", str(root / "content"), "--out", str(root / "site")).returncode == 0
    page.goto(serve_dir(root / "site") + "/search/?q=alpha")
    notice = page.locator("[data-search-unavailable]")
    expect(notice).to_be_visible(timeout=15000)
    assert notice.get_attribute("role") == "alert"
    assert "Search is not available" in notice.inner_text()
    assert notice.get_by_role("link", name="library directory").get_attribute("href") == "/libraries/"


def test_without_javascript_the_page_points_to_the_directory(browser, bundled: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(bundled + "/search/?q=volunteer")
    link = pg.get_by_role("link", name="library directory")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == "/libraries/"
    assert "Search needs JavaScript" in pg.locator("main").inner_text()
    context.close()


def test_many_results_under_a_sub_path(page, tmp_path: Path, serve_dir) -> None:  # type: ignore[no-untyped-def]
    """25 stories on a site published under /repo/: 20 shown, then "Show more", links keep /repo/."""
    files = dict(MINI_SITE)
    for n in range(25):
        files[f"content/stories/story-{n:02d}.md"] = f"""
            ---
            title: Story number {n}
            date: 2000-01-{n + 1:02d}
            libraries: [alpha-library]
            ---
            A quokka visited the library.
            """
    root = make_project(tmp_path, files)
    out = root / "public" / "repo"
    result = run_cli("build", "--content", str(root / "content"), "--out", str(out), "--base-url", "https://example.org/repo/")
    assert result.returncode == 0, result.stderr
    page.goto(serve_dir(root / "public") + "/repo/search/?q=quokka")
    wait_for_count(page, r"^25 results for “quokka”\.$")
    links = page.locator(".search-result a")
    assert links.count() == 20
    assert all(links.nth(i).get_attribute("href").startswith("/repo/stories/story-") for i in range(20))
    page.get_by_role("button", name="Show more results").click()
    expect(links).to_have_count(25)
    assert page.evaluate("document.activeElement.getAttribute('href')") == links.nth(20).get_attribute("href")
    expect(page.get_by_role("button", name="Show more results")).to_be_hidden()
    # no words, kind = story: newest first
    page.goto(serve_dir(root / "public") + "/repo/search/?kind=story")
    wait_for_count(page, r"^26 results \(Stories\)\.$")
    assert [links.nth(i).inner_text() for i in range(3)] == ["The first visit", "Story number 24", "Story number 23"]
