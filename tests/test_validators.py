"""The published output, checked by tools no one here wrote, over the bundled content built as
publish.yml builds it (a full base_url under a sub-path): the sitemaps.org XML Schema (lxml),
feedparser, extruct, a LinkChecker crawl of the site served on 127.0.0.1, and the geojson
library. Each checker is first shown to catch a problem planted on purpose, so a clean run
means something."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from sisterlib.content.translations import translation_name

from conftest import PUBLISHED_BASE, ROOT, python_module, python_tool, run_cli

SITEMAP_XSD = ROOT / "tests/vendor/sitemap/sitemap.xsd"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = urlsplit(PUBLISHED_BASE)


def slugs(kind: str) -> list[str]:
    """Every entry of a content folder: `<slug>.md`, or `<slug>/index.md` with its photos."""
    folder = ROOT / "content" / kind
    return sorted(
        [p.stem for p in folder.glob("*.md") if not translation_name(p.name)] + [p.parent.name for p in folder.glob("*/index.md")]
    )


def interface_languages() -> list[str]:
    from sisterlib.config import load_config

    return list(load_config(ROOT / "sisterlib.toml").languages)


def published_file(site: Path, url: str) -> Path | None:
    """The built file a full address of the published site names, or None when it is elsewhere."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (BASE.scheme, BASE.netloc) or not parts.path.startswith(BASE.path):
        return None
    rel = parts.path[len(BASE.path) :]
    return site / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


def is_published_address(site: Path, url: str) -> bool:
    file = published_file(site, url)
    return file is not None and file.is_file()


# --- sitemap.xml: the sitemaps.org 0.9 XML Schema, and full addresses ---


def sitemap_problems(path: Path) -> list[str]:
    etree = python_module("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    doc = etree.parse(str(path))
    problems = [] if schema.validate(doc) else [f"line {e.line}: {e.message}" for e in schema.error_log]
    for loc in doc.iter(SITEMAP_NS + "loc"):  # the schema's anyURI takes relative references too
        parts = urlsplit(loc.text or "")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"line {loc.sourceline}: {loc.text!r} is not a full address")
    return problems


def test_the_schema_check_catches_a_bare_year_and_a_relative_loc(tmp_path: Path) -> None:
    bad = tmp_path / "sitemap.xml"
    bad.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url><loc>https://example.org/a/</loc><lastmod>2014</lastmod></url>\n"
        "<url><loc>/activities/publicity/</loc><lastmod>2014-01-01</lastmod></url>\n</urlset>\n",
        encoding="utf-8",
    )
    problems = sitemap_problems(bad)
    assert len(problems) == 2, problems
    assert "'2014' is not a valid value of the union type" in problems[0]
    assert "'/activities/publicity/' is not a full address" in problems[1]


def test_sitemap_validates_against_the_sitemaps_org_schema(published_site: Path) -> None:
    assert sitemap_problems(published_site / "sitemap.xml") == []
    etree = python_module("lxml.etree")
    locs = [loc.text for loc in etree.parse(str(published_site / "sitemap.xml")).iter(SITEMAP_NS + "loc")]
    assert len(locs) > 50 and all(is_published_address(published_site, loc) for loc in locs)


# --- Atom feeds: feedparser ---


def test_feedparser_flags_a_broken_feed() -> None:
    feedparser = python_module("feedparser")
    assert feedparser.parse(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</titel></feed>').bozo


def test_every_feed_parses_cleanly_with_full_entry_links(published_site: Path) -> None:
    feedparser = python_module("feedparser")
    feeds = sorted(published_site.rglob("feed.xml"))  # the stories' and each country's, in every language
    per_language = 1 + len(list((published_site / "countries").glob("*/feed.xml")))
    assert len(feeds) == per_language * len(interface_languages()) > 1
    stories = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        name = path.relative_to(published_site).as_posix()
        assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", name
        assert parsed.feed.id and parsed.feed.title and parsed.feed.updated, name
        assert parsed.entries, name
        for entry in parsed.entries:
            for field in ("id", "title", "updated", "link"):
                assert entry.get(field), f"{name}: an entry without {field}"
            assert is_published_address(published_site, entry.link), f"{name}: {entry.link}"
            assert entry.id == entry.link  # with a full base_url an entry's id is its address
        stories += len(parsed.entries) if name == "feed.xml" else 0
    assert stories == len(slugs("stories"))


# --- JSON-LD and Open Graph: extruct ---


def extract(site: Path, url: str) -> dict:
    extruct = python_module("extruct")
    html = published_file(site, url).read_text(encoding="utf-8")  # type: ignore[union-attr]
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True, errors="strict")


def urls_in(data: object) -> list[str]:
    """Every `url` value anywhere in a JSON-LD tree."""
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == "url" and isinstance(v, str)] + [u for v in data.values() for u in urls_in(v)]
    if isinstance(data, list):
        return [u for v in data for u in urls_in(v)]
    return []


def test_extruct_reads_planted_json_ld() -> None:
    extruct = python_module("extruct")
    html = '<html><head><script type="application/ld+json">{"@type": "Library", "url": "/x/"}</script></head></html>'
    assert extruct.extract(html, syntaxes=["json-ld"])["json-ld"] == [{"@type": "Library", "url": "/x/"}]


@pytest.mark.parametrize(
    ("folder", "section", "schema_type"), [("libraries", "libraries", "Library"), ("stories", "stories", "Article")]
)
def test_every_entry_page_has_its_schema_org_type_with_full_addresses(
    published_site: Path, folder: str, section: str, schema_type: str
) -> None:
    for slug in slugs(folder):
        url = f"{PUBLISHED_BASE}{section}/{slug}/"
        data = extract(published_site, url)
        items = [item for item in data["json-ld"] if item.get("@type") == schema_type]
        assert len(items) == 1, f"{url}: {data['json-ld']}"
        item = items[0]
        assert item["@context"] == "https://schema.org" and item["url"] == url
        assert all(is_published_address(published_site, u) for u in urls_in(item)), urls_in(item)
        if schema_type == "Article":
            assert item["headline"] and item["about"] and all(lib["@type"] == "Library" for lib in item["about"])
            # the story's date at the precision it is known (ISO 8601 allows 2011 and 2011-09): see the note
            assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", item["datePublished"]), item["datePublished"]
        graph = data["opengraph"][0]
        assert graph["og:url"] == url
        assert is_published_address(published_site, graph["og:image"])


def test_only_entry_pages_carry_json_ld(published_site: Path) -> None:
    counts: dict[str, int] = {}
    for path in published_site.rglob("*.html"):
        rel = path.relative_to(published_site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        url = PUBLISHED_BASE + (rel.removesuffix("index.html"))
        for item in extract(published_site, url)["json-ld"]:
            counts[item["@type"]] = counts.get(item["@type"], 0) + 1
    languages = len(interface_languages())  # each entry page in every interface language
    assert counts == {"Library": len(slugs("libraries")) * languages, "Article": len(slugs("stories")) * languages}


# --- every link and anchor: LinkChecker over the site served on 127.0.0.1 ---


@dataclass(frozen=True)
class Crawl:
    urls: int
    warnings: int
    errors: int
    report: str


def crawl(site: Path, serve_dir, tmp_path: Path) -> Crawl:  # type: ignore[no-untyped-def]
    """LinkChecker from the home page of `site`, served at the base path; other hosts are not fetched."""
    address = serve_dir(site, under=BASE.path)
    config = tmp_path / "linkcheckerrc"
    config.write_text(
        "[checking]\n"
        "maxrequestspersecond=1000\n"  # with the server's LinkChecker header: no 0.1-0.6 s wait per request
        "[filtering]\n"
        # the whole server is internal, not only the base path: a link that escapes /sister/ is a 404
        f"internlinks=^{re.escape(address)}/\n",
        encoding="utf-8",
    )
    command = [python_tool("linkchecker"), "-f", str(config), "--no-status", "-t", "4", "-o", "text", address + BASE.path]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found", report)
    assert summary, report
    _, urls, warnings, errors = map(int, summary.groups())
    assert (result.returncode == 0) == (errors == 0), report
    return Crawl(urls, warnings, errors, report)


class _Anchors(HTMLParser):
    """The ids of a page and the same-site addresses its links and forms point to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value and tag in ("a", "area"):
                self.targets.append(value)


def missing_anchors(site: Path) -> list[str]:
    """Every link to a #fragment of a page of the site that names no id on that page:
    LinkChecker's own AnchorCheck misses some and invents others when it runs threads
    (linkchecker/linkchecker#555, #542), so fragments are checked here, by reading the files."""
    pages: dict[str, _Anchors] = {}
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.relative_to(site).parts:
            continue
        parsed = _Anchors()
        parsed.feed(path.read_text(encoding="utf-8"))
        url = BASE.path + path.relative_to(site).as_posix()
        pages[url.removesuffix("index.html")] = parsed
    problems = []
    for page_url, page in pages.items():
        for href in page.targets:
            target = urlsplit(urljoin(page_url, href))
            if not target.fragment or target.scheme or target.netloc:
                continue
            linked = pages.get(target.path.removesuffix("index.html"))
            if linked is not None and unquote(target.fragment) not in linked.ids:
                problems.append(f"{page_url}: {href} names no id on {target.path}")
    return problems


def test_linkchecker_reports_planted_broken_links(mini_site: Path, serve_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("build", "--out", "out", "--no-search", "--base-url", PUBLISHED_BASE, cwd=mini_site)
    assert result.returncode == 0, result.stderr
    home = mini_site / "out/index.html"
    planted = '<a href="/sister/nope/">a</a><a href="/root-level.js">b</a><a href="/sister/stories/#no-such-id">c</a></main>'
    home.write_text(home.read_text(encoding="utf-8").replace("</main>", planted), encoding="utf-8")
    found = crawl(mini_site / "out", serve_dir, tmp_path)
    assert found.errors == 2, found.report  # /sister/nope/, and /root-level.js outside the base path
    assert "/sister/nope/" in found.report and "/root-level.js" in found.report, found.report
    assert missing_anchors(mini_site / "out") == ["/sister/: /sister/stories/#no-such-id names no id on /sister/stories/"]


def test_linkchecker_finds_no_broken_link_or_anchor(published_site: Path, serve_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = crawl(published_site, serve_dir, tmp_path)
    assert (found.errors, found.warnings) == (0, 0), found.report
    pages = [p for p in published_site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"]
    assert found.urls > len(pages), found.report  # it crawled the whole site
    assert missing_anchors(published_site) == []


def geojson_problems(text: str) -> list[str]:
    geojson = python_module("geojson")
    data = geojson.loads(text)
    if not data.is_valid:
        return [str(data.errors())]
    problems = []
    for feature in data.get("features", []):
        lon, lat = feature["geometry"]["coordinates"][:2]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # RFC 7946: [longitude, latitude]
            problems.append(f"{feature.get('id')}: [{lon}, {lat}] is not on the Earth")
    return problems


def test_the_geojson_check_catches_bad_geometry_and_swapped_coordinates() -> None:
    def collection(coordinates: list) -> str:
        point = {"type": "Point", "coordinates": coordinates}
        return json.dumps(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "x", "geometry": point, "properties": {}}]}
        )

    assert geojson_problems(collection([27.26, 44.12])) == []
    assert geojson_problems(collection([27.26]))  # a point needs two numbers
    assert geojson_problems(collection([44.12, 127.26])) == ["x: [44.12, 127.26] is not on the Earth"]


def test_libraries_geojson_is_valid_with_every_located_library(published_site: Path) -> None:
    text = (published_site / "data/libraries.geojson").read_text(encoding="utf-8")
    assert geojson_problems(text) == []
    data = json.loads(text)
    assert data["type"] == "FeatureCollection" and data["features"]
    assert {f["geometry"]["type"] for f in data["features"]} == {"Point"}
    for feature in data["features"]:
        assert is_published_address(published_site, feature["properties"]["url"]), feature["properties"]["url"]
        library = extract(published_site, feature["properties"]["url"])["json-ld"][0]
        lon, lat = feature["geometry"]["coordinates"]
        assert (library["geo"]["latitude"], library["geo"]["longitude"]) == (lat, lon), feature["id"]
