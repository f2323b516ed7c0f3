"""Search without a browser: the Pagefind markup of each page kind, and the index step of the build."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from search_fixture import ENTRY_COUNT, SEARCH_SITE, elements, filters, indexed_hidden_text, meta

from sisterlib.search import stable as search_stable

from conftest import make_project, run_cli


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built without the index: the markup is what these tests read."""
    root = make_project(tmp_path_factory.mktemp("search-markup"), SEARCH_SITE)
    result = run_cli("build", "--no-search", "--content", str(root / "content"), "--out", str(root / "site"))
    assert result.returncode == 0, result.stderr
    assert "search index skipped" in result.stdout
    assert not (root / "site" / "pagefind").exists()
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


ENTRY_SECTIONS = ("libraries", "partnerships", "stories", "activities", "guides")
ENTRY_URLS = [
    "/libraries/alpha-library/",
    "/partnerships/alpha-beta/",
    "/stories/first-visit/",
    "/activities/share-cultural-events/",
    "/guides/why-partner/",
]


@pytest.mark.parametrize("url", ENTRY_URLS)
def test_entry_page_indexes_its_article_with_title_and_no_repeated_lists(markup_site: Path, url: str) -> None:
    marked = elements(page(markup_site, url))
    bodies = [m for m in marked if "data-pagefind-body" in m.node.attrs]
    assert [m.node.tag for m in bodies] == ["article"]
    titles = [m for m in marked if m.attr("data-pagefind-meta") == "title"]
    assert [(m.node.tag, m.in_body) for m in titles] == [("h1", True)]
    # The "What links here" list repeats other pages: indexed, it would push them down.
    backlinks = [m for m in marked if m.attr("aria-labelledby") == "backlinks-title"]
    assert len(backlinks) == 1 and backlinks[0].ignored
    # Filters live in a hidden, ignored block: used by Pagefind, not read as the page's words.
    for m in marked:
        if m.attr("data-pagefind-filter") or m.attr("data-pagefind-sort"):
            assert m.in_body and m.ignored and m.hidden, m.node.attrs
    # nothing from the header, navigation or footer is in the body
    assert not any(m.in_body for m in marked if m.node.tag in ("header", "footer") or m.attr("class") == "wrap site-nav")


def test_library_filters(markup_site: Path) -> None:
    html = page(markup_site, "/libraries/alpha-library/")
    assert filters(html, "kind") == ["library"]
    assert filters(html, "country") == ["Bulgaria"]
    assert filters(html, "type") == ["public"]
    assert filters(html, "activity") == ["Share cultural events"]  # what its partnerships do
    # the lists of partnerships and stories of the library are other pages' text
    ignored = {m.attr("aria-labelledby") for m in elements(html) if m.ignored and m.attr("aria-labelledby")}
    assert {"partnerships-title", "stories-title"} <= ignored


def test_partnership_and_story_have_every_country_of_their_libraries(markup_site: Path) -> None:
    for url in ("/partnerships/alpha-beta/", "/stories/first-visit/"):
        html = page(markup_site, url)
        assert sorted(filters(html, "country")) == ["Bulgaria", "United States"], url
        assert filters(html, "activity") == ["Share cultural events"], url
        assert filters(html, "type") == [], url
    assert filters(page(markup_site, "/partnerships/alpha-beta/"), "kind") == ["partnership"]
    assert filters(page(markup_site, "/stories/first-visit/"), "kind") == ["story"]


def test_no_sort_is_indexed(markup_site: Path) -> None:
    """Lists with no words come from the build's own files (search/listings.py), so Pagefind
    keeps no sort order (at 10,000 stories the two sorts were 51 KB of every first search)."""
    for url in ENTRY_URLS:
        assert not [m for m in elements(page(markup_site, url)) if m.attr("data-pagefind-sort")], url
    assert meta(page(markup_site, "/stories/first-visit/"), "date") == ["3 May 2020"]


def test_activity_and_guide_filters(markup_site: Path) -> None:
    activity = page(markup_site, "/activities/share-cultural-events/")
    assert filters(activity, "kind") == ["activity"]
    assert filters(activity, "activity") == ["Share cultural events"]
    assert filters(activity, "country") == []
    guide = page(markup_site, "/guides/why-partner/")
    assert filters(guide, "kind") == ["guide"]
    assert filters(guide, "country") == filters(guide, "activity") == []


@pytest.mark.parametrize("url", ["/", "/libraries/", "/partnerships/", "/stories/", "/countries/", "/countries/bg/", "/search/"])
def test_listing_pages_are_not_indexed(markup_site: Path, url: str) -> None:
    marked = elements(page(markup_site, url))
    assert not any("data-pagefind-body" in m.node.attrs for m in marked)


def test_names_are_indexed_in_both_scripts(markup_site: Path) -> None:
    """A library's own names go in the `name` field (weighted: its page comes first for them),
    the other names of a page in `spellings`; both in the script they are not written in, as
    metadata (found, never shown in an excerpt), so no page has hidden text."""
    ruse = page(markup_site, "/libraries/ruse-library/")
    assert meta(ruse, "name") == ["Регионална библиотека Любен Каравелов Regionalna biblioteka Lyuben Karavelov Русе Ruse"]
    alpha = page(markup_site, "/libraries/alpha-library/")  # a Latin name with a Cyrillic alias
    assert meta(alpha, "name") == ["Alpha Library Алфа Либрари Библиотека Biblioteka Alfa Silistra Силистра"]
    story = page(markup_site, "/stories/bulgarian-story/")  # its title and its library's names
    assert meta(story, "spellings") == ["Maraton na cheteneto Regionalna biblioteka Lyuben Karavelov Ruse"]
    first = page(markup_site, "/stories/first-visit/")  # a Latin title is a sentence: only the libraries' names
    assert meta(first, "spellings") == ["Алфа Либрари Силистра Бета Аурора"]
    for url in ENTRY_URLS + ["/libraries/ruse-library/", "/stories/bulgarian-story/"]:
        assert indexed_hidden_text(page(markup_site, url)) == [], url


def test_no_label_runs_into_its_value(markup_site: Path) -> None:
    """Pagefind does not end a word at </dt> or </dd>: the facts lists keep whitespace between them."""
    html = page(markup_site, "/libraries/alpha-library/")
    assert re.search(r"</dt>\s+<dd>", html) and not re.search(r"</d[td]><d[td]>", html)


def test_search_page_passes_its_options_as_data_attributes(markup_site: Path) -> None:
    html = page(markup_site, "/search/")
    marked = elements(html)
    root = next(m.node for m in marked if "data-search" in m.node.attrs)
    assert root.attrs["data-pagefind"] == "/pagefind/"
    assert root.attrs["data-lists"] == "/search/lists/"
    assert root.attrs["data-base"] == "/" and root.attrs["data-list-size"] == "50"
    scripts = [m.node for m in marked if m.node.tag == "script"]
    assert all(s.attrs.get("src") or s.attrs.get("type") == "application/ld+json" for s in scripts), "no inline script"
    assert not any("style" in m.node.attrs for m in marked), "no inline style"
    countries = [m.node for m in marked if m.attr("id") == "search-country"][0]
    options = countries.find_all("option")
    assert [o.attrs["value"] for o in options] == ["", "Bulgaria", "United States"]
    # each option shows how many pages it lists, and names its list's files (a hash: no content text in URLs)
    pages = [p.read_text(encoding="utf-8") for section in ENTRY_SECTIONS for p in (markup_site / section).glob("*/index.html")]
    counts = {name: sum(name in filters(html, "country") for html in pages) for name in ("Bulgaria", "United States")}
    assert counts["Bulgaria"] > 1
    assert [o.text for o in options] == ["All countries", *(f"{name} ({n})" for name, n in counts.items())]
    assert all(re.fullmatch(r"country-[0-9a-f]{10}", o.attrs["data-list"] or "") for o in options[1:])
    noscript = [m.node for m in marked if m.node.tag == "noscript"]
    assert len(noscript) == 1


def test_build_indexes_entry_pages_in_one_language_and_prints_the_time(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEARCH_SITE)
    result = run_cli("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert result.returncode == 0, result.stderr
    assert re.search(r"[ (]search index \d+\.\d\d s\)$", result.stdout.strip()), result.stdout
    bundle = root / "site" / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # the ready-made UI is not ours and not published
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    # One index although a story is lang: bg, so the English search page finds it.
    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] == ENTRY_COUNT
    assert json.loads((bundle / "parts.json").read_text(encoding="utf-8")) == {"parts": 1}  # a small site: one part
    # Each page of the index is named after its row in the search lists: <tag>/<row in base 36>.
    lists = json.loads((root / "site" / "search" / "lists" / "kind.json").read_text(encoding="utf-8"))
    assert sum(len(gaps) for gaps in lists.values()) == ENTRY_COUNT
    (tag,) = [p.name for p in (bundle / "fragment").iterdir()]
    names = sorted(p.stem for p in (bundle / "fragment" / tag).iterdir())
    assert sorted(int(name, 36) for name in names) == list(range(ENTRY_COUNT)), names
    fragments = [
        json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd") :]) for p in (bundle / "fragment" / tag).iterdir()
    ]
    assert sorted(f["url"] for f in fragments) == sorted(
        [
            "/libraries/alpha-library/",
            "/libraries/beta-library/",
            "/libraries/ruse-library/",
            "/partnerships/alpha-beta/",
            "/stories/first-visit/",
            "/stories/markup-title/",
            "/stories/bulgarian-story/",
            "/activities/share-cultural-events/",
            "/guides/why-partner/",
        ]
    )
    story = next(f for f in fragments if f["url"] == "/stories/first-visit/")
    assert story["meta"]["title"] == "The first visit"
    assert "What links here" not in story["content"]


def test_two_builds_write_identical_index_files(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEARCH_SITE)
    outs = []
    for seed in ("1", "2"):
        out = root / f"site-{seed}"
        result = run_cli("build", "--content", str(root / "content"), "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outs.append(out / "pagefind")
    assert tree_bytes(outs[0]) == tree_bytes(outs[1])


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_stabilise_undoes_pagefinds_random_order(tmp_path: Path) -> None:
    """Pagefind writes filter values in hash-map order; shuffled files must come out byte-identical."""
    root = make_project(tmp_path, SEARCH_SITE)
    assert run_cli("build", "--content", str(root / "content"), "--out", str(root / "site")).returncode == 0
    bundle = root / "site" / "pagefind"
    shuffled = tmp_path / "shuffled"
    shutil.copytree(bundle, shuffled)
    entry = json.loads((shuffled / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_path = shuffled / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = search_stable.read(meta_path)
    reversed_somewhere = False
    for _, file_hash in meta[3]:
        path = shuffled / "filter" / f"{file_hash}.pf_filter"
        name, values = search_stable.read(path)
        reversed_somewhere |= len(values) > 1
        write_raw(path, [name, values[::-1]])
    meta[3] = meta[3][::-1]
    write_raw(meta_path, meta)
    assert reversed_somewhere
    assert tree_bytes(shuffled) != tree_bytes(bundle)
    search_stable.stabilise(shuffled)
    assert tree_bytes(shuffled) == tree_bytes(bundle)


def write_raw(path: Path, value: object) -> None:
    path.write_bytes(gzip.compress(search_stable.SIGNATURE + search_stable.encode(value), mtime=0))


def test_cbor_codec_round_trips() -> None:
    for value in [0, 23, 24, 255, 256, 65535, 65536, 2**32, -1, -500, "", "Силистра", b"\x00\xff", [], [1, ["a", [True, None]]]]:
        data = search_stable.encode(value)
        assert search_stable.decode(data) == (value, len(data))


def test_a_failed_index_fails_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEARCH_SITE)
    out = root / "site"
    assert run_cli("build", "--content", str(root / "content"), "--out", str(out)).returncode == 0
    (out / "marker.txt").write_text("from the previous build", encoding="utf-8")
    story = root / "content" / "stories" / "first-visit.md"  # a changed page: the index must be built again
    story.write_text(story.read_text(encoding="utf-8") + "\nA second paragraph.\n", encoding="utf-8")
    broken = tmp_path / "pagefind-broken"
    broken.write_text("#!/bin/sh\necho 'Error: something went wrong' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    result = run_cli("build", "--content", str(root / "content"), "--out", str(out), env={"PAGEFIND_BINARY_PATH": str(broken)})
    assert result.returncode == 1
    assert "the search indexer failed (exit code 3)" in result.stderr
    assert "something went wrong" in result.stderr
    assert (out / "marker.txt").read_text(encoding="utf-8") == "from the previous build"
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert not [p for p in root.iterdir() if p.name.startswith("site.tmp-")]


def test_missing_indexer_names_the_fix(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEARCH_SITE)
    result = run_cli(
        "build",
        "--content",
        str(root / "content"),
        "--out",
        str(root / "site"),
        env={"PAGEFIND_BINARY_PATH": os.devnull + "-nothing"},
    )
    assert result.returncode == 1
    assert "pagefind[bin]" in result.stderr and "--no-search" in result.stderr
    assert not (root / "site").exists()
