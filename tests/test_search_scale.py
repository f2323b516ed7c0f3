"""Search over a generated 2,000-story site (bench/generate.py), in Chromium, as a visitor uses it.

What it costs (requests and bytes of each search), that a word on no page gives no results
(with the index in several parts, each of which could answer on its own), that the number
beside each filter option is the number of results it gives, that no excerpt runs a label
into its value, and that an index in four parts answers like an index in one.
Byte figures at 10,000 stories are measured by bench/search_bytes.py, not here.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from sisterlib.search.lean import lean_page

from conftest import ROOT, run_cli

pytestmark = pytest.mark.browser

STORIES = 2000
STATUS = "[data-search-status]"
BUDGET = 300 * 1024  # bytes of a search's first screen (the 10,000-story target, uncompressed here)
LABELS = ("Languages", "Website", "Population served", "Also known as", "Contacts", "Location", "Last confirmed",
          "Libraries", "Countries", "Activities", "Status", "Since", "Agreement", "Brought together by")  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "content"
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", str(STORIES), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def build(corpus: Path, out: Path, memory_mb: str = "") -> Path:
    env = {"SISTERLIB_INDEX_MEMORY_MB": memory_mb} if memory_mb else {}
    result = run_cli("build", "--no-git-dates", "--content", str(corpus), "--out", str(out), env=env, timeout=900)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def big(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with its index in four parts (a small memory budget), as a large site has it."""
    site = build(corpus, tmp_path_factory.mktemp("big") / "site", memory_mb="300")
    assert json.loads((site / "pagefind" / "parts.json").read_text()) == {"parts": 4}
    return site


@pytest.fixture(scope="module")
def big_url(big: Path, serve_dir) -> str:  # type: ignore[no-untyped-def]
    return serve_dir(big)


class Requests:
    """Every request the page makes (the worker's too), with the size of the file it asked for."""

    def __init__(self, page, site: Path) -> None:  # type: ignore[no-untyped-def]
        self.paths: list[str] = []
        self.site = site
        page.on("request", lambda request: self.paths.append(urlsplit(request.url).path))

    def take(self) -> list[str]:
        paths, self.paths = self.paths, []
        return paths

    def size(self, paths: list[str]) -> int:
        total = 0
        for path in paths:
            file = self.site / path.lstrip("/")
            total += (file / "index.html" if file.is_dir() else file).stat().st_size
        return total


def status(page, pattern: str) -> str:  # type: ignore[no-untyped-def]
    expect(page.locator(STATUS)).to_have_text(re.compile(pattern), timeout=30000)
    return page.locator(STATUS).inner_text()


def count_of(text: str) -> int:
    match = re.match(r"^([\d,]+) results?|^No results", text)
    assert match, text
    return int(match.group(1).replace(",", "")) if match.group(1) else 0


def test_a_filter_only_list_loads_no_word_index(page, big_url: str, big: Path) -> None:  # type: ignore[no-untyped-def]
    requests = Requests(page, big)
    page.goto(big_url + "/search/?country=United+States")
    shown = count_of(status(page, r"^[\d,]+ results \(United States\)\.$"))
    page.wait_for_load_state("networkidle")
    first = requests.take()
    assert not [p for p in first if p.startswith("/pagefind/")], first  # no index at all, let alone word chunks
    lists = [p for p in first if p.startswith("/search/lists/")]
    assert len(lists) == 1 and lists[0].endswith("/1.json"), lists
    assert requests.size(first) < BUDGET
    assert page.locator(".search-result").count() == 50 < shown
    # "Show more" loads only what it shows: the next file of 50 rows
    page.get_by_role("button", name="Show more results").click()
    expect(page.locator(".search-result")).to_have_count(100)
    page.wait_for_load_state("networkidle")
    assert [p.rsplit("/", 1)[1] for p in requests.take()] == ["2.json"]
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('.search-result')[50]")


def test_nothing_is_fetched_before_the_visitor_turns_to_the_search_box(page, big_url: str, big: Path) -> None:  # type: ignore[no-untyped-def]
    requests = Requests(page, big)
    page.goto(big_url + "/search/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert not [p for p in requests.take() if p.startswith(("/pagefind/", "/search/lists/"))]
    with page.expect_request(re.compile(r"/pagefind/.*wasm\.[a-z]+\.pagefind$")):
        page.locator("#search-q").focus()  # focusing starts loading the index, so typing finds it ready
    page.wait_for_timeout(500)
    loaded = requests.take()
    assert "/pagefind/pagefind.js" in loaded and not [p for p in loaded if p.endswith(".pf_index")], loaded
    page.keyboard.type("volunteer")
    status(page, r"^[\d,]+ results for “volunteer”\.$")
    assert [p for p in requests.take() if p.endswith(".pf_index")]


def test_the_first_query_stays_light(page, big_url: str, big: Path) -> None:  # type: ignore[no-untyped-def]
    requests = Requests(page, big)
    page.goto(big_url + "/search/?q=volunteer")
    status(page, r"^[\d,]+ results for “volunteer”\.$")
    page.wait_for_load_state("networkidle")
    paths = requests.take()
    counts = [p for p in paths if p.startswith("/search/lists/")]  # the numbers beside the options, loaded after
    assert requests.size([p for p in paths if p not in counts]) < BUDGET, sorted(paths)
    assert len([p for p in paths if p.endswith(".pf_fragment")]) <= 20 + 4  # the results shown, and each part's best


def search_after(page, base: str, before: str, query: str) -> str:  # type: ignore[no-untyped-def]
    """Search `before`, then type `query` on the same page: Pagefind falls back only on the words of
    the parts of its index it has loaded, so an earlier search is what makes it answer wrongly."""
    page.goto(base + "/search/?q=" + quote(before))
    status(page, rf"for “{before}”\.")
    page.locator("#search-q").fill(query)
    page.locator("#search-q").press("Enter")
    return status(page, rf"for “{re.escape(query)}”")


@pytest.mark.parametrize(("before", "query"), [("library", "qwxv"), ("a", "avrorax"), ("librarian", "librarianx")])
def test_a_word_on_no_page_gives_no_results(page, big_url: str, before: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """`librarianx` starts like `librarian`, `avrorax` like `avrora` (an alias) and `a`: Pagefind
    alone answers with the pages of the longest word they start with."""
    text = search_after(page, big_url, before, query)
    assert text.startswith(f"No results for “{query}”."), text
    assert f"No page has a word that starts with “{query}”" in text
    assert page.locator(".search-result").count() == 0


def test_a_word_in_a_few_pages_finds_exactly_those(page, big_url: str, big: Path) -> None:  # type: ignore[no-untyped-def]
    """A library's own name that starts with "a" is in a few pages, in some of the parts: the other
    parts answer with the pages of the word "a" (nearly all), which must not be added to them."""
    name, pages = rare_name(big)
    shown = count_of(search_after(page, big_url, "a", name))
    links = page.locator(".search-result a")
    assert shown == len(pages) == links.count(), (name, pages)
    assert sorted(links.nth(i).get_attribute("href") for i in range(links.count())) == sorted(pages)


def rare_name(site: Path) -> tuple[str, list[str]]:
    """The first word of a library's name, starting with "a", that begins a word in 2 to 8 indexed
    pages, and those pages."""
    texts, titles = {}, {}
    for section in ("libraries", "partnerships", "stories", "activities", "guides"):
        for path in sorted((site / section).glob("*/index.html")):
            url = f"/{section}/{path.parent.name}/"
            html = lean_page(path.read_text(encoding="utf-8"))
            titles[url] = re.search(r"<h1[^>]*>([^<]+)", html).group(1)  # type: ignore[union-attr]
            texts[url] = re.sub(r"<[^>]+>", " ", html.split("<div hidden data-pagefind-ignore>")[0])
    for url in (u for u in texts if u.startswith("/libraries/")):
        word = titles[url].split()[0]
        if len(word) < 5 or not word.isascii() or not word.lower().startswith("a"):
            continue
        pages = [u for u, text in texts.items() if re.search(rf"(?<![\w-]){re.escape(word)}", text, re.I)]
        if 2 <= len(pages) <= 8:
            return word, pages
    raise AssertionError("no rare library name in the corpus")


@pytest.mark.parametrize("query", ["", "volunteer"])
def test_each_filter_count_is_the_number_of_results_it_gives(page, big_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    base = big_url + "/search/?" + (f"q={query}&" if query else "") + "kind=story"
    page.goto(base)
    status(page, r"results? (for .* )?\(Stories\)\.$")
    page.wait_for_load_state("networkidle")
    options = page.locator("#search-country option")
    expect(options.nth(1)).to_have_text(re.compile(r"\(\d[\d,]*\)$"))
    labels = [options.nth(i).inner_text() for i in range(1, options.count())]
    for label in labels[:4] + labels[-2:]:  # the biggest countries and the smallest
        name, expected = re.match(r"^(.*) \(([\d,]+)\)$", label).groups()  # type: ignore[union-attr]
        page.goto(base + "&country=" + quote(name))
        text = status(page, rf"\(Stories, {re.escape(name)}\)\.$")
        assert count_of(text) == int(expected.replace(",", "")), (label, text)


def test_no_excerpt_joins_a_label_and_its_value(page, big_url: str, big: Path) -> None:  # type: ignore[no-untyped-def]
    glued = re.compile(rf"\b(?:{'|'.join(LABELS)})(?=[\dA-ZА-Я])")  # LanguagesBulgarian, Location44.1200
    for path in sorted((big / "pagefind").rglob("*.pf_fragment")):  # every page's text as the index has it
        content = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["content"]
        assert not glued.search(content), (path, glued.search(content))
    page.goto(big_url + "/search/?q=English&kind=library")
    status(page, r"results? for “English” \(Libraries\)\.$")
    excerpts = page.locator(".search-result .excerpt")
    texts = [excerpts.nth(i).inner_text() for i in range(excerpts.count())]
    assert texts and all("Languages: English" in t or "English" in t for t in texts)
    assert not [t for t in texts if glued.search(t)]


QUERIES = ["volunteer", "library", "Силистра", "reading room", "qwxv", "avrora", "biblioteka"]


def test_four_parts_answer_like_one(page, big_url: str, corpus: Path, tmp_path: Path, serve_dir) -> None:  # type: ignore[no-untyped-def]
    """The same pages for every query (the ranking may differ a little: each part weighs words by
    its own pages), whether the index is one part or four."""
    one = build(corpus, tmp_path / "site")
    assert json.loads((one / "pagefind" / "parts.json").read_text()) == {"parts": 1}
    answers = []
    for base in (serve_dir(one), big_url):
        page.goto(base + "/search/")
        answers.append(page.evaluate(ALL_ROWS, QUERIES))
    assert answers[0] == answers[1]
    assert all(answers[0][q] for q in ("volunteer", "library", "Силистра", "reading room", "biblioteka"))
    assert answers[0]["qwxv"] == []


ALL_ROWS = """async (queries) => {
  const words = await import('/assets/search-words.js');
  const root = document.querySelector('[data-search]');
  const index = await words.loadIndex(root.dataset.pagefind, root.dataset.base);
  const out = {};
  for (const q of queries) out[q] = (await words.searchWords(index, q)).results.map((r) => r.row).sort((a, b) => a - b);
  return out;
}"""
