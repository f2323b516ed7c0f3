"""The indexing step: lean copies give Pagefind the same words as the full pages, and parts.

Pagefind is run here on the full pages (as the build did before lean copies) and on the lean
copies of the same pages, and every page's words, metadata and filters are compared.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest
from search_fixture import SEARCH_SITE

from sisterlib.search import pagefind
from sisterlib.search.lean import lean_page

from conftest import ROOT, make_project, run_cli

MARKDOWN_STORY = """
    ---
    title: A story with every kind of Markdown
    date: 2022-02-02
    libraries: [alpha-library, beta-library]
    ---
    A paragraph with *emphasis*, **strong words**, `code`, a [link](https://example.org) and [[beta-library]].

    > A quotation from the visit
    > that runs over two lines.

    | Name | City |
    | --- | --- |
    | Alpha | Sofia |
    | Beta | Boston |

    ```
    printed = "exactly"
    ```

    1. first step
    2. second step

    ## A heading with `code`

    Last words.
    """


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled content and the search fixture, built without the index."""
    out = []
    for name, files in (("bundled", None), ("fixture", {**SEARCH_SITE, "content/stories/markdown.md": MARKDOWN_STORY})):
        root = tmp_path_factory.mktemp(name)
        content = ROOT / "content" if files is None else make_project(root, files) / "content"
        result = run_cli("build", "--no-search", "--no-git-dates", "--content", str(content), "--out", str(root / "site"))
        assert result.returncode == 0, result.stderr
        out.append(root / "site")
    return out[0], out[1]


def index(site: Path, out: Path, glob: str) -> dict[str, dict]:
    """Pagefind over the pages of `site` matching `glob`: url -> its fragment."""
    command = [str(pagefind.pagefind_binary()), "--site", str(site), "--output-path", str(out), "--glob", glob,
               "--force-language", "en", "--quiet"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    fragments = {}
    for path in (out / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        fragments[fragment["url"]] = fragment
    return fragments


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


@pytest.mark.parametrize("which", [0, 1])
def test_lean_copies_give_the_same_words(sites: tuple[Path, Path], tmp_path: Path, which: int) -> None:
    site = sites[which]
    sections = ",".join(pagefind.SECTIONS)
    full = index(site, tmp_path / "full", f"{{{sections}}}/*/index.html")
    lean_site = tmp_path / "lean"
    for path in site.glob("*/*/index.html"):
        if path.parent.parent.name in pagefind.SECTIONS:
            copy = lean_site / path.relative_to(site)
            copy.parent.mkdir(parents=True)
            copy.write_text(lean_page(path.read_text(encoding="utf-8")), encoding="utf-8")
    lean = index(lean_site, tmp_path / "out", "**/*.html")
    assert sorted(lean) == sorted(full) and len(full) > 8
    for url, fragment in full.items():
        assert words(lean[url]["content"]) == words(fragment["content"]), url
        assert lean[url]["meta"] == fragment["meta"], url
        assert lean[url]["filters"] == fragment["filters"], url
        assert lean[url]["word_count"] == fragment["word_count"], url
    size = sum(p.stat().st_size for p in lean_site.rglob("*.html"))
    assert size < 0.5 * sum(p.stat().st_size for p in site.glob("*/*/index.html") if p.parent.parent.name in pagefind.SECTIONS)


def test_lean_copy_of_a_page() -> None:
    page = """<!DOCTYPE html><html lang="bg"><head><title>x</title><script>alert(1)</script></head><body>
    <nav><a href="/">Home</a></nav><main><article class="entry" data-pagefind-body id="top">
    <h1 data-pagefind-meta="title" class="t">Title <em>here</em></h1>
    <dl class="facts"><dt>Languages</dt><dd><a href="/x/">Bulgarian</a></dd></dl>
    <table><tr><th>Name</th><th>City</th></tr></table><blockquote><p>Quoted</p></blockquote>
    <section aria-labelledby="s" data-pagefind-ignore><h2 id="s">Stories</h2><ul><li><a href="/y/">Other page</a></li></ul></section>
    <div hidden data-pagefind-ignore><span data-pagefind-filter="kind">story</span></div>
    <footer class="entry-footer">Edit this page</footer><form><label>q</label></form><!-- a comment -->
    </article></main><footer>Site footer</footer></body></html>"""
    lean = lean_page(page)
    assert lean.startswith(
        '<!DOCTYPE html><html lang="bg"><head></head><body><article class="entry" data-pagefind-body id="top">'
    )
    assert lean.endswith("</article></body></html>")
    body = lean[lean.index("<article") :]
    assert '<h1 data-pagefind-meta="title" class="t">Title here</h1>' in body  # a tag with Pagefind's attributes keeps all
    assert "<p>Languages:</p><div>Bulgarian</div>" in body  # a term and its value are two sentences
    assert "<td>Name</td><td>City</td>" in body and "<div><p>Quoted</p></div>" in body
    assert '<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">story</span></div>' in body  # filters stay
    for gone in (
        "Other page",
        "Stories",
        "Edit this page",
        "alert",
        "Home",
        "Site footer",
        "<label>",
        "comment",
        "href",
        'class="facts"',
        'id="s"',
    ):
        assert gone not in body, gone


def test_part_count_keeps_the_runs_in_flight_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SISTERLIB_INDEX_MEMORY_MB", "1600")
    assert pagefind.part_count(10 * 2**20, jobs=2) == 1  # a small site: one index
    for size_mb in (126, 252, 504, 1260, 2520):  # 10,000 stories are 126 MB of pages
        parts = pagefind.part_count(size_mb * 2**20, jobs=2)
        assert parts % 2 == 0
        assert min(2, parts) * (size_mb * 2**20 / parts) * pagefind.MEMORY_PER_BYTE <= 1600 * 2**20, size_mb
    assert pagefind.part_count(126 * 2**20, jobs=1) >= 2  # one run at a time: parts of up to the whole budget


def test_an_index_in_parts(tmp_path: Path) -> None:
    root = make_project(tmp_path, SEARCH_SITE)
    result = run_cli(
        "build", "--content", str(root / "content"), "--out", str(root / "site"), env={"SISTERLIB_INDEX_MEMORY_MB": "1"}
    )
    assert result.returncode == 0, result.stderr
    bundle = root / "site" / "pagefind"
    parts = json.loads((bundle / "parts.json").read_text())["parts"]
    assert parts >= 2
    rows = []
    for part in range(parts):
        folder = bundle / str(part) if part else bundle
        assert (folder / "pagefind.js").is_file() == (part == 0)  # the browser runs part 0's scripts
        assert not list(folder.glob("wasm.*")) or part == 0
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == ["en"]
        (tag,) = [p for p in (folder / "fragment").iterdir()]
        part_rows = [int(p.stem, 36) for p in tag.iterdir()]
        assert part_rows and all(row % parts == part for row in part_rows)  # row n is in part n % parts
        rows += part_rows
    assert sorted(rows) == list(range(len(rows)))
