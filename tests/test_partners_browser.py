"""/find-a-partner/ in Chromium: the browser ranks exactly as the build does (the same
fixtures scored by partners.js and by the Python definition), by keyboard, under the CSP,
with its choices in the address."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from sisterlib.config import load_config
from sisterlib.pipeline import load_site
from sisterlib.resolve.partner_index import CandidateIndex
from sisterlib.resolve.partners import Profile, Words, reasons
from sisterlib.resolve.suggestions import candidates, profiles

from conftest import axe_violations, make_project, run_cli, wait_until
from partners_fixture import FILES, TODAY
from test_publishing_browser import tab_to

pytestmark = pytest.mark.browser

# The visitors: what the form asks, as the address carries it.
VISITORS = {
    "us-public-small": {"country": "US", "language": "en", "type": "public", "size": "1", "interest": ["share-cultural-events"]},
    "bulgarian-wanting-us": {"country": "BG", "wants": "US", "language": "bg", "other": "en", "type": "public", "size": "2"},
    "spanish-school": {
        "country": "MX",
        "language": "es",
        "type": "school",
        "interest": ["share-training", "exchange-library-information"],
    },
    "no-reason": {"country": "NO", "language": "no", "type": "school"},
    "only-interest": {"country": "JP", "language": "ja", "type": "academic", "interest": ["share-cultural-events"]},
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("matcher"), FILES)
    result = run_cli("build", "--out", "out", "--no-search", "--no-git-dates", cwd=root, env=TODAY)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def base(fixture_site: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(fixture_site / "out")


def python_ranking(root: Path, answers: dict, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, list[str]]]:
    """What the build's own scoring gives the visitor: (page address, score, reasons in words)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY["SOURCE_DATE_EPOCH"])
    site = load_site(load_config(None), root / "content")
    return [(f"/libraries/{it.key}/", points, [r.text for r in why]) for it, points, why in _ranked(site, answers)]


def _ranked(site, answers: dict) -> list:  # type: ignore[no-untyped-def]
    """The build's ranking for the visitor, best first: (profile, score, reasons)."""
    pool = candidates(site.libraries, site.freshness)
    found = profiles(site.libraries, site.partnerships)
    index = CandidateIndex([found[lib.slug] for lib in pool])
    languages = tuple(dict.fromkeys(v for v in (answers.get("language"), answers.get("other")) if v))
    you = Profile(
        key="",
        country=answers["country"],
        wants=(answers["wants"],) if answers.get("wants") else (),
        languages=languages,
        type=answers.get("type", ""),
        size=int(answers["size"]) if "size" in answers else -1,
        interests=tuple(sorted(answers.get("interest", []))),
    )
    words = Words({a.slug: a.title for a in site.activities})
    return [(it, points, reasons(you, it, words)) for it, points in index.best(you, count=20)]


def browser_ranking(page, base: str, answers: dict) -> tuple[list[tuple[str, int, list[str]]], str]:  # type: ignore[no-untyped-def]
    page.goto(base + "/find-a-partner/?" + urlencode(answers, doseq=True), wait_until="networkidle")
    page.wait_for_selector("[data-matcher][data-ready]", state="attached")
    items = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-matcher-results] > li')).map(li => [
            li.getAttribute('data-partner'), Number(li.getAttribute('data-score')),
            Array.from(li.querySelectorAll('[data-reason]')).map(r => r.textContent)])"""
    )
    return [tuple(i) for i in items], page.locator("[data-matcher-count]").inner_text()


@pytest.mark.parametrize("visitor", list(VISITORS))
def test_the_browser_ranks_as_the_build_does(page, base: str, fixture_site: Path, visitor: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = VISITORS[visitor]
    expected = python_ranking(fixture_site, answers, monkeypatch)
    shown, count = browser_ranking(page, base, answers)
    assert shown == expected
    if expected:
        assert count == f"{len(expected)} {'library matches' if len(expected) == 1 else 'libraries match'}."
    else:
        assert count == "No library seeking a partner shares a reason with yours."


@pytest.mark.parametrize("lang", ["bg", "es"])
@pytest.mark.parametrize("visitor", ["us-public-small", "bulgarian-wanting-us", "spanish-school"])
def test_the_browser_says_the_reasons_in_the_pages_language(
    page, base: str, fixture_site: Path, visitor: str, lang: str, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """On /bg/ and /es/ the ranking is the same and each reason reads as the library pages say it."""
    from sisterlib.i18n import current
    from sisterlib.i18n.environment import reason_in

    answers = VISITORS[visitor]
    english = python_ranking(fixture_site, answers, monkeypatch)
    site = load_site(load_config(None), fixture_site / "content")
    with current.using(site.config.locale_dir, lang):
        expected = [[reason_in(site, r, lang) for r in why] for _it, _points, why in _ranked(site, answers)]
    page.goto(base + f"/{lang}/find-a-partner/?" + urlencode(answers, doseq=True), wait_until="networkidle")
    page.wait_for_selector("[data-matcher][data-ready]", state="attached")
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-matcher-results] > li')).map(li => [
            Number(li.getAttribute('data-score')), Array.from(li.querySelectorAll('[data-reason]')).map(r => r.textContent)])"""
    )
    assert [score for score, _ in shown] == [score for _, score, _ in english]
    assert [texts for _, texts in shown] == expected
    assert expected and all(texts != row[2] for texts, row in zip(expected, english, strict=True))  # not English


def test_the_fixtures_cover_every_kind_of_reason(fixture_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above means something: together the visitors meet every reason but sister cities
    (a visitor has no town), and one of them none."""
    codes = set()
    for answers in VISITORS.values():
        monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY["SOURCE_DATE_EPOCH"])
        site = load_site(load_config(None), fixture_site / "content")
        found = profiles(site.libraries, site.partnerships)
        ranking = python_ranking(fixture_site, answers, monkeypatch)
        assert ranking or answers is VISITORS["no-reason"]
        codes |= {r for row in ranking for r in row[2]}
    assert len(found) == 5 and len(codes) >= 8


def test_the_matcher_works_by_keyboard_and_keeps_its_choices_in_the_address(page, base: str) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(base + "/find-a-partner/", wait_until="networkidle")
    page.evaluate(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective))"
    )
    page.wait_for_selector("[data-matcher][data-ready]", state="attached")
    tab_to(page, "#m-country")
    page.keyboard.type("United States")
    tab_to(page, "#m-language")
    page.keyboard.type("English")
    tab_to(page, "input[value=share-cultural-events]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelectorAll('[data-matcher-results] > li').length > 0")
    assert page.url.endswith("/find-a-partner/?country=US&language=en&interest=share-cultural-events")
    status = page.locator("[data-matcher-count]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "3 libraries match."
    # Ruse wants the US (4), speaks English (2: the visitor's main language) and shares the interest (1)
    scores = page.locator("[data-matcher-results] > li").evaluate_all(
        "items => items.map(li => [li.getAttribute('data-partner'), li.getAttribute('data-score')])"
    )
    assert scores == [
        ["/libraries/ruse-library/", "7"],
        ["/libraries/valencia-library/", "6"],
        ["/libraries/cleveland-library/", "4"],
    ]
    # the link a librarian sends opens with the same choices and results
    shown = page.locator("[data-matcher-results] > li").all_inner_texts()
    other = page.context.new_page()
    other.goto(page.url, wait_until="networkidle")
    wait_until(other, "document.querySelectorAll('[data-matcher-results] > li').length > 0")
    assert other.locator("[data-matcher-results] > li").all_inner_texts() == shown
    assert other.locator("#m-country").input_value() == "US"
    other.close()
    assert page.evaluate("window.__csp") == [] and problems == []


def test_no_axe_violations_on_the_matcher(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base + "/find-a-partner/?" + urlencode(VISITORS["us-public-small"], doseq=True), wait_until="networkidle")
    wait_until(page, "document.querySelectorAll('[data-matcher-results] > li').length > 0")
    assert axe_violations(page) == []
