"""Search without a browser: the Pagefind markup of each page kind, and the index step of the build."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from search_fixture import ENTRY_COUNT, SEARCH_SITE, elements, filters, indexed_hidden_text, sort_value

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


def test_stories_sort_newest_first(markup_site: Path) -> None:
    dates = {slug: sort_value(page(markup_site, f"/stories/{slug}/"), "date") for slug in ("first-visit", "bulgarian-story")}
    assert dates == {"first-visit": ["2020-05-03"], "bulgarian-story": ["2019-03-01"]}
    # The no-words list sorts ascending on `listing`: libraries, partnerships, then stories newest first.
    listing = {url: sort_value(page(markup_site, url), "listing")[0] for url in ENTRY_URLS + ["/stories/markup-title/"]}
    order = sorted(listing, key=listing.__getitem__)
    assert order == [
        "/libraries/alpha-library/",
        "/partnerships/alpha-beta/",
        "/stories/markup-title/",  # 2021-01-02
        "/stories/first-visit/",  # 2020-05-03
        "/activities/share-cultural-events/",
        "/guides/why-partner/",
    ]


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


def test_cyrillic_names_are_indexed_in_latin_too(markup_site: Path) -> None:
    ruse = page(markup_site, "/libraries/ruse-library/")
    assert indexed_hidden_text(ruse) == ["Regionalna biblioteka Lyuben Karavelov · Ruse"]
    alpha = page(markup_site, "/libraries/alpha-library/")  # a Latin name with a Cyrillic alias
    assert indexed_hidden_text(alpha) == ["Biblioteka Alfa"]
    story = page(markup_site, "/stories/bulgarian-story/")  # its title and its library's names
    assert indexed_hidden_text(story) == ["Maraton na cheteneto · Regionalna biblioteka Lyuben Karavelov · Ruse"]
    assert indexed_hidden_text(page(markup_site, "/stories/first-visit/")) == []


def test_search_page_passes_its_options_as_data_attributes(markup_site: Path) -> None:
    html = page(markup_site, "/search/")
    marked = elements(html)
    root = next(m.node for m in marked if "data-search" in m.node.attrs)
    assert root.attrs["data-pagefind"] == "/pagefind/pagefind.js"
    latin = json.loads(root.attrs["data-latin"] or "")
    assert latin["с"] == "s" and latin["щ"] == "sht"
    scripts = [m.node for m in marked if m.node.tag == "script"]
    assert all(s.attrs.get("src") or s.attrs.get("type") == "application/ld+json" for s in scripts), "no inline script"
    assert not any("style" in m.node.attrs for m in marked), "no inline style"
    countries = [m.node for m in marked if m.attr("id") == "search-country"][0]
    assert [o.attrs["value"] for o in countries.find_all("option")] == ["", "Bulgaria", "United States"]
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
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd") :]) for p in (bundle / "fragment").iterdir()]
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
