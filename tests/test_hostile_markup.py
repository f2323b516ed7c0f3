"""Script in a visitor's browser: hostile but valid content builds, and every page, feed and data file is inert.

The fixture site (hostile_site.py) puts markup, event handlers, quotes and template syntax into
every front-matter text that reaches a page and into every Markdown construct. It is built
through the CLI, and the output is parsed (html.parser, ElementTree, json), never grepped.
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sisterlib.output import csp

from conftest import MINI_SITE, ROOT, make_project, run_cli
from hostile_site import ENTRY_PAGES, FIELD_TEXTS, HOSTILE_SITE, html_pages, inert_problems, url_problem
from html_tree import Node, parse

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile"), HOSTILE_SITE)
    result = run_cli("build", "--content", str(root / "content"), "--out", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Node]:
    return html_pages(site)


def test_no_page_has_script_handler_style_or_url_from_content(pages: dict[str, Node]) -> None:
    assert len(pages) > 20
    problems = [p for rel, tree in pages.items() for p in inert_problems(tree, rel)]
    assert problems == []


def test_the_checker_finds_what_it_looks_for() -> None:
    """The harness itself: each kind of leak is caught (so a clean run means something)."""
    leaks = [
        "<script>alert(1)</script>",
        '<script src="https://evil.example/x.js"></script>',
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="//evil.example/">x</a>',
        '<a href="https:evil.example">x</a>',
        '<img src="data:image/png;base64,AAAA">',
        '<p style="position:fixed">x</p>',
        "<iframe></iframe>",
        '<svg><a href="/x/"><circle r="4"/></a></svg>',  # only the maps' own svg (class map-svg) is ours
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<script type="application/ld+json">{"a": "</script><script>alert(1)//"}</script>',
    ]
    for leak in leaks:
        assert inert_problems(parse(f"<p>ok</p>{leak}")), leak
    assert inert_problems(parse('<a href="https://example.org/">x</a><script src="/assets/a.js"></script>')) == []


@pytest.mark.parametrize("kind", sorted(ENTRY_PAGES))
def test_front_matter_markup_is_shown_as_text_on_entry_pages(pages: dict[str, Node], kind: str) -> None:
    tree = pages[ENTRY_PAGES[kind]]
    text = tree.find("main").text
    own = {
        "library": ["name", "city", "region", "alias", "contact", "role", "note", "ptitle"],
        "partnership": ["ptitle", "psummary", "via", "name", "city", "stitle"],
        "story": ["stitle", "ssummary", "ptitle", "name", "atitle"],
        "activity": ["atitle", "asummary", "ptitle", "stitle"],
        "guide": ["gtitle", "gsummary"],
    }[kind]
    for field in own:
        assert FIELD_TEXTS[field] in text, f"{kind} page does not show {field} as text"
    assert (
        tree.find("h1").text
        == {
            "library": FIELD_TEXTS["name"],
            "partnership": FIELD_TEXTS["ptitle"],
            "story": FIELD_TEXTS["stitle"],
            "activity": FIELD_TEXTS["atitle"],
            "guide": FIELD_TEXTS["gtitle"],
        }[kind]
    )


def test_titles_are_text_in_head_and_listings(pages: dict[str, Node]) -> None:
    story = pages[ENTRY_PAGES["story"]]
    assert story.find("title").text.startswith(FIELD_TEXTS["stitle"])
    assert story.find("meta", property="og:title").attrs["content"] == FIELD_TEXTS["stitle"]
    assert story.find("meta", name="description").attrs["content"] == FIELD_TEXTS["ssummary"]
    for listing in ("index.html", "stories/index.html", "countries/no/index.html", "activities/hostile-activity/index.html"):
        titles = [a.text for a in pages[listing].find_all("a", class_="card-title")]
        assert FIELD_TEXTS["stitle"] in titles, listing
    directory = pages["libraries/index.html"]
    assert FIELD_TEXTS["name"] in [a.text for a in directory.find("tbody").find_all("a")]


def test_website_with_markup_stays_inside_its_attribute(pages: dict[str, Node]) -> None:
    facts = pages[ENTRY_PAGES["library"]].find("dl", class_="facts")
    link = next(a for a in facts.find_all("a") if a.attrs.get("rel") == "nofollow")
    assert link.attrs["href"] == 'https://example.org/?a=%22%3E&b="><script>alert(1)</script>'
    assert link.text == link.attrs["href"]


def test_yaml_look_alikes_keep_their_written_value(pages: dict[str, Node]) -> None:
    """`country: NO` is Norway; yes/on/off, 0o17, 1e3, 1:20 stay the text that was written."""
    library = pages[ENTRY_PAGES["library"]]
    assert "Norway" in library.find("p", class_="lead").text
    aliases = next(dd for dt, dd in _facts(library) if dt == "Also known as")
    assert aliases.endswith("yes, on, off, 0o17, 1e3, 0888123456, 1:20")
    assert "countries/no/index.html" in pages


def _facts(tree: Node) -> list[tuple[str, str]]:
    dl = tree.find("dl", class_="facts")
    nodes = [n for n in dl.children if isinstance(n, Node)]
    return [(a.text, b.text) for a, b in zip(nodes[::2], nodes[1::2], strict=False)]


@pytest.mark.parametrize("kind", sorted(ENTRY_PAGES))
def test_markdown_body_is_text_with_only_safe_elements(pages: dict[str, Node], kind: str) -> None:
    body = pages[ENTRY_PAGES[kind]].find("div", class_="body")
    text = body.text
    for shown in (
        "<script>alert(1)</script> <img src=x onerror=alert(1)>",
        '<div onclick="alert(1)">a block of HTML</div>',
        '<iframe src="javascript:alert(1)"></iframe>',
        "<style>body{display:none}</style>",
        '<meta http-equiv="refresh"',
        "{{ 7*7 }} {% for x in range(3) %}{{ x }}{% endfor %}",
        "<script> <img src=x onerror=alert(1)> <b>",  # entities decoded, then escaped
    ):
        assert shown in text, shown
    allowed = {
        "p",
        "a",
        "img",
        "picture",
        "source",
        "ul",
        "li",
        "label",
        "input",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "pre",
        "code",
        "h2",
        "strong",
    }
    assert {n.tag for n in body.iter()} - {"div"} <= allowed
    assert [n.attrs.get("class") for n in body.find_all("th")] == ["align-left", "align-center", "align-right"]
    image = body.find("img")  # a photo beside the story: its description is text, its title is not published
    if kind == "story":
        assert image.attrs["alt"] == "a picture <script>" and "title" not in image.attrs
        assert image.attrs["src"].startswith("/images/") and image.attrs["loading"] == "lazy"
    else:
        assert image is None
    assert body.find("code").attrs["class"] == 'language-"><script>alert(1)</script>'


def test_wiki_link_labels_are_text_and_hrefs_come_from_entries(pages: dict[str, Node]) -> None:
    body = pages[ENTRY_PAGES["story"]].find("div", class_="body")
    links = [(a.attrs["href"], a.text) for a in body.find_all("a", class_="wikilink")]
    assert links == [
        ("/libraries/alpha-library/", "<img src=x onerror=alert(1)> label"),
        ("/libraries/beta-library/", '"><script>alert(1)</script>'),
    ]


def test_heading_ids_cannot_collide_with_page_ids(pages: dict[str, Node]) -> None:
    """Content ids all start with h-; template ids never do; no page has one id twice."""
    for rel, tree in pages.items():
        ids = [n.attrs["id"] for n in tree.iter() if n.attrs.get("id")]
        assert len(ids) == len(set(ids)), f"{rel}: duplicate ids {sorted(i for i in ids if ids.count(i) > 1)}"
        body_nodes = {id(n) for b in tree.find_all("div", class_="body") for n in b.iter()} - {
            id(b) for b in tree.find_all("div", class_="body")
        }
        for node in tree.iter():
            element_id = node.attrs.get("id")
            if element_id and id(node) in body_nodes:
                assert element_id.startswith("h-"), f"{rel}: content id {element_id}"
            elif element_id:
                assert not element_id.startswith("h-"), f"{rel}: template id {element_id} looks like a heading id"
    guide = pages[ENTRY_PAGES["guide"]]
    assert guide.by_id("main").tag == "main"
    assert guide.by_id("header-q").tag == "input"
    assert [h.attrs["id"] for h in guide.find("div", class_="body").find_all("h2")] == [
        "h-main",
        "h-search",
        "h-header-q",
        "h-h-main",
        "h-main-1",
    ]


def test_templates_never_write_an_id_starting_with_h() -> None:
    for path in sorted((ROOT / "templates").glob("*.html")):
        for node in parse(path.read_text(encoding="utf-8")).iter():
            assert not (node.attrs.get("id") or "").startswith("h-"), f"{path.name}: id {node.attrs['id']}"


def test_feeds_carry_titles_as_text_and_bodies_as_inert_html(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    entry = next(e for e in feed.iter(f"{ATOM}entry") if "zebrafinch" in (e.findtext(f"{ATOM}title") or ""))
    assert entry.findtext(f"{ATOM}title") == FIELD_TEXTS["stitle"]
    assert entry.findtext(f"{ATOM}summary") == FIELD_TEXTS["ssummary"]
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    body = parse(content.text or "")
    assert inert_problems(body, "feed content") == []
    assert "<script>alert(1)</script>" in body.text
    categories = [c.get("label") for c in entry.iter(f"{ATOM}category")]
    assert categories == [FIELD_TEXTS["atitle"]]
    for path in sorted(site.rglob("*.xml")):
        root = ET.parse(path).getroot()  # well-formed: markup in content cannot break the XML
        for element in root.iter():
            for name in ("href", "uri"):
                if element.get(name):
                    assert url_problem(element.get(name) or "") is None, f"{path}: {element.get(name)}"
        for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            assert url_problem(loc.text or "") is None


def test_json_in_pages_and_data_files_keeps_markup_as_data(site: Path, pages: dict[str, Node]) -> None:
    for rel, tree in pages.items():
        for script in tree.find_all("script"):
            if script.attrs.get("type") in ("application/ld+json", "application/json"):
                raw = "".join(c for c in script.children if isinstance(c, str))
                assert "<" not in raw and ">" not in raw, rel  # |tojson escapes them: no way out of <script>
                json.loads(raw)
    story = pages[ENTRY_PAGES["story"]].find("script", type="application/ld+json")
    assert story is not None
    assert json.loads("".join(c for c in story.children if isinstance(c, str)))["headline"] == FIELD_TEXTS["stitle"]
    libraries = json.loads((site / "data/libraries.json").read_text(encoding="utf-8"))
    records = libraries if isinstance(libraries, list) else next(v for v in libraries.values() if isinstance(v, list))
    hostile = next(r for r in records if r.get("slug") == "hostile-library")
    assert hostile["name"] == FIELD_TEXTS["name"]


def test_search_index_holds_titles_as_plain_text(site: Path, pages: dict[str, Node]) -> None:
    """Pagefind indexes the built page: its title is the decoded text (the search UI must show it
    with textContent; the browser test checks that), and no URL it stores is unsafe."""
    story = pages[ENTRY_PAGES["story"]]
    indexed = [n for n in story.iter() if "data-pagefind-body" in n.attrs]
    assert indexed and all(not inert_problems(n) for n in indexed)
    fragments = {}
    for path in sorted((site / "pagefind").rglob("*.pf_fragment")):  # every part, every tag folder
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        data = json.loads(raw[len(b"pagefind_dcd") :])
        fragments[data["url"]] = data
    hostile = fragments["/stories/hostile-story/"]
    assert hostile["meta"]["title"] == FIELD_TEXTS["stitle"]
    for data in fragments.values():
        for key in ("image", "url"):
            value = data["meta"].get(key) if key == "image" else data["url"]
            assert value is None or url_problem(value) is None, (data["url"], key, value)


def test_every_production_page_carries_the_csp_and_the_host_gets_headers(site: Path, pages: dict[str, Node]) -> None:
    for rel, tree in pages.items():
        metas = tree.find_all("meta", http_equiv="Content-Security-Policy")
        assert [m.attrs["content"] for m in metas] == [csp.POLICY], rel
        head = [n for n in tree.find("head").children if isinstance(n, Node)]
        loads = [i for i, n in enumerate(head) if n.tag in ("script", "link", "style")]
        assert head.index(metas[0]) < min(loads), f"{rel}: the CSP must come before any script or stylesheet"
    headers = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert "/*" in headers
    assert f"  Content-Security-Policy: {csp.POLICY}; frame-ancestors 'none'" in headers
    for directive in ("script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'", "form-action 'self'"):
        assert directive in csp.POLICY
    assert "unsafe-inline" not in csp.POLICY


def test_preview_pages_have_no_csp_meta(tmp_path: Path) -> None:
    """The preview server's livereload script is inline, so its pages must not carry the meta CSP."""
    from sisterlib.config import load_config
    from sisterlib.output.render import Renderer

    production = Renderer(load_config(None)).env.get_template("404.html")
    preview = Renderer(load_config(None, preview=True)).env.get_template("404.html")
    context = {"page": _page_info(), "site": None}
    assert 'http-equiv="Content-Security-Policy"' in production.render(context)
    assert "Content-Security-Policy" not in preview.render(context)


def _page_info() -> object:
    from sisterlib.output.pages import PageInfo

    return PageInfo("/404.html", "Page not found")


def test_templates_have_no_inline_script_style_or_handlers() -> None:
    for path in sorted((ROOT / "templates").glob("*.html")):
        for node in parse(path.read_text(encoding="utf-8")).iter():
            assert "style" not in node.attrs, f"{path.name}: style= on <{node.tag}>"
            assert not [a for a in node.attrs if a.startswith("on")], f"{path.name}: handler on <{node.tag}>"
            if node.tag == "script":
                assert "src" in node.attrs or node.attrs.get("type") in ("application/ld+json", "application/json"), path.name
            assert node.tag != "style", path.name


BAD_TARGETS = """
---
title: Bad links
date: 2020-01-01
libraries: [alpha-library]
---
[link](javascript:alert(1))
[link](JaVaScRiPt:alert(1)) and [entity](jav&#x61;script:alert(1))
[link](vbscript:msgbox(1))
[link](data:text/html;base64,PHNjcmlwdD4=)
![image](data:image/png;base64,iVBORw0KGgo=)
[link](ms-settings:display) and [app](intent://scan#Intent;end)
[link](//evil.example/x)
![image](//evil.example/x.png)
<javascript:alert(1)>
[link](https:evil.example)
- [ ] a task with [a link](vbscript:x)
[ref]

[ref]: javascript:alert(2)
[fine](https://example.org/) [also fine](mailto:someone@example.org) [relative](/libraries/) [anchor](#h-x)
"""


def test_link_targets_outside_the_allowlist_are_errors_with_their_line(tmp_path: Path) -> None:
    root = make_project(tmp_path, {**MINI_SITE, "content/stories/bad-links.md": BAD_TARGETS})
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/stories/bad-links.md:")]
    found = [(int(line.split(":")[1]), line.split("'")[1]) for line in lines]
    assert found == [
        (6, "javascript:alert(1)"),
        (7, "JaVaScRiPt:alert(1)"),
        (7, "javascript:alert(1)"),
        (8, "vbscript:msgbox(1)"),
        (9, "data:text/html;base64,PHNjcmlwdD4="),
        (10, "data:image/png;base64,iVBORw0KGgo="),
        (11, "intent://scan#Intent;end"),
        (11, "ms-settings:display"),
        (12, "//evil.example/x"),
        (13, "//evil.example/x.png"),
        (14, "javascript:alert(1)"),
        (15, "https:evil.example"),
        (16, "vbscript:x"),
        (19, "javascript:alert(2)"),
    ]
    links = [line for line in lines if ":10:" not in line and ":13:" not in line]
    assert all("is not allowed; use a full http" in line for line in links)
    pictures = [line for line in lines if ":10:" in line or ":13:" in line]  # a picture is a photo beside the text
    assert len(pictures) == 2 and all("write ![what it shows](photo.jpg)" in line for line in pictures)
    assert "on another website" in pictures[1]
    assert result.stderr.splitlines()[-1] == f"{len(lines)} errors in 1 file"
