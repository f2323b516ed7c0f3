"""Feeds, sitemap, robots.txt, structured data and the open data files, checked against the content."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sisterlib.config import load_config
from sisterlib.content.translations import translation_name
from sisterlib.pipeline import load_site

from conftest import PUBLISHED_BASE, ROOT, make_project, run_cli
from html_tree import parse_file

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = ROOT / "content"
BASE = "https://example.org/sister"


def content_files(folder: str) -> list[Path]:
    """Every entry's file: <slug>.md, or <slug>/index.md for an entry kept with its photos."""
    files = [*(CONTENT / folder).glob("*.md"), *(CONTENT / folder).glob("*/index.md")]
    return sorted((p for p in files if not translation_name(p.name)), key=slug_of)  # not x.bg.md: a translation


def slug_of(path: Path) -> str:
    return path.parent.name if path.name == "index.md" else path.stem


@pytest.fixture(scope="module")
def site_model():  # type: ignore[no-untyped-def]
    """The content as the generator reads it: the expected values of the checks below."""
    return load_site(load_config(None), CONTENT)


@pytest.fixture(scope="module")
def absolute_site(published_site: Path) -> Path:
    """The bundled content built for a site published at a full address under a sub-path."""
    assert BASE + "/" == PUBLISHED_BASE
    return published_site


# --- Atom feeds ---


def test_story_feed_is_valid_atom_with_content_dates(bundled_site: Path, site_model) -> None:  # type: ignore[no-untyped-def]
    feed = ET.parse(bundled_site / "feed.xml").getroot()
    assert feed.tag == ATOM + "feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + required) is not None, required
    assert re.match(r"(urn:uuid:|https?://)", feed.findtext(ATOM + "id"))  # Atom ids are absolute IRIs
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == len(content_files("stories"))
    # updated is the newest story's date, never the time of the build
    newest = max(s.date for s in site_model.stories)
    assert feed.findtext(ATOM + "updated") == newest.first_day.isoformat() + "T00:00:00Z"
    ids = [e.findtext(ATOM + "id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("id", "title", "updated", "published"):
            assert entry.findtext(ATOM + required), required
        link = entry.find(ATOM + "link").get("href")
        assert (bundled_site / link.strip("/") / "index.html").is_file()
        content = entry.find(ATOM + "content")
        assert content.get("type") == "html"
        # The body HTML is escaped exactly once: after XML parsing it is HTML again.
        assert content.text.startswith("<p>") and "&lt;" not in content.text


def test_feed_entry_matches_the_story(bundled_site: Path) -> None:
    feed = ET.parse(bundled_site / "feed.xml").getroot()
    entry = next(
        e for e in feed.findall(ATOM + "entry") if e.find(ATOM + "link").get("href") == "/stories/silistra-teen-volunteers/"
    )
    assert entry.findtext(ATOM + "title") == "A teen volunteer group in Silistra"
    assert entry.findtext(ATOM + "published") == "2011-01-01T00:00:00Z"  # `date: 2011`
    assert "Teen Library Volunteer program" in entry.findtext(ATOM + "content")
    assert {c.get("term") for c in entry.findall(ATOM + "category")} == {"personal-contacts", "exchange-library-information"}


def test_one_feed_per_country_with_its_stories(bundled_site: Path, site_model) -> None:  # type: ignore[no-untyped-def]
    for country in site_model.countries:
        path = bundled_site / "countries" / country.code.lower() / "feed.xml"
        feed = ET.parse(path).getroot()
        links = [e.find(ATOM + "link").get("href") for e in feed.findall(ATOM + "entry")]
        assert links == [f"/stories/{s.slug}/" for s in country.stories], country.code
        assert country.name in feed.findtext(ATOM + "title")
    bulgaria = ET.parse(bundled_site / "countries/bg/feed.xml").getroot()
    assert "/stories/silistra-teen-volunteers/" in [e.find(ATOM + "link").get("href") for e in bulgaria.findall(ATOM + "entry")]
    page = (bundled_site / "countries/bg/index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in page and 'href="/countries/bg/feed.xml"' in page


def test_feeds_use_full_addresses_when_base_url_is_one(absolute_site: Path) -> None:
    feed = ET.parse(absolute_site / "feed.xml").getroot()
    assert feed.findtext(ATOM + "id") == BASE + "/feed.xml"
    self_link = next(link for link in feed.findall(ATOM + "link") if link.get("rel") == "self")
    assert self_link.get("href") == BASE + "/feed.xml"
    entry_ids = {e.findtext(ATOM + "id") for e in feed.findall(ATOM + "entry")}
    assert BASE + "/stories/silistra-teen-volunteers/" in entry_ids
    assert all(i.startswith(BASE + "/stories/") for i in entry_ids)


def test_feed_escapes_markup_in_titles_once(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "content/libraries/a-lib.md": "---\nname: A & B <Library>\ncity: Rome\ncountry: IT\ntype: public\n---\nHi.\n",
            "content/stories/s.md": '---\ntitle: "Books & <b>friends</b> </script>"\ndate: 2020-05-03\nlibraries: [a-lib]\n'
            'summary: "Say <script>alert(1)</script>"\n---\nText with `<code>` & more.\n',
        },
    )
    result = run_cli("build", "--content", str(project / "content"), "--out", str(project / "out"))
    assert result.returncode == 0, result.stderr
    entry = ET.parse(project / "out/feed.xml").getroot().find(ATOM + "entry")
    assert entry.findtext(ATOM + "title") == "Books & <b>friends</b> </script>"
    assert entry.findtext(ATOM + "summary") == "Say <script>alert(1)</script>"
    assert "&lt;code&gt;" in entry.findtext(ATOM + "content")  # the Markdown's own escaping survives
    assert ET.parse(project / "out/countries/it/feed.xml").getroot().findtext(ATOM + "updated") == "2020-05-03T00:00:00Z"
    # JSON-LD cannot close its <script> element
    html = (project / "out/stories/s/index.html").read_text(encoding="utf-8")
    scripts = parse_file(project / "out/stories/s/index.html").find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    assert html.count("</script>") == len(re.findall(r"<script\b", html))
    assert json.loads(scripts[0].text)["headline"] == "Books & <b>friends</b> </script>"


# --- robots.txt, 404 (the sitemap: test_sitemap.py) ---


def test_robots_and_404_exist(bundled_site: Path) -> None:
    robots = (bundled_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    page = parse_file(bundled_site / "404.html")
    assert page.find("h1").text == "Page not found"
    assert page.find("meta", name="robots").attrs["content"] == "noindex"


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    """Dates come from the content, not the clock: two builds give the same feeds, sitemap and data."""
    outputs = []
    for n, seed in ((1, "1"), (2, "2")):
        out = tmp_path / f"out{n}"
        result = run_cli("build", "--out", str(out), "--base-url", BASE + "/", env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append(out)
    for rel in (
        "feed.xml",
        "countries/bg/feed.xml",
        "sitemap.xml",
        "robots.txt",
        "data/libraries.json",
        "data/libraries.csv",
        "data/libraries.geojson",
        "data/stories.json",
    ):
        assert (outputs[0] / rel).read_bytes() == (outputs[1] / rel).read_bytes(), rel


# --- page head: canonical, description, Open Graph, JSON-LD ---


def test_head_has_description_and_open_graph_from_summary(absolute_site: Path) -> None:
    page = parse_file(absolute_site / "stories/silistra-teen-volunteers/index.html")
    summary = "A five-week stay at a partner library in Colorado gave Silistra the idea for a teen volunteer group, which now has 25 members."
    assert page.find("meta", name="description").attrs["content"] == summary
    assert page.find("meta", property="og:description").attrs["content"] == summary
    assert page.find("meta", property="og:title").attrs["content"] == "A teen volunteer group in Silistra"
    assert page.find("meta", property="og:type").attrs["content"] == "article"
    url = BASE + "/stories/silistra-teen-volunteers/"
    assert page.find("link", rel="canonical").attrs["href"] == url
    assert page.find("meta", property="og:url").attrs["content"] == url
    assert page.find("link", rel="alternate", type="application/atom+xml").attrs["href"] == "/sister/feed.xml"


def test_library_page_has_schema_org_library(absolute_site: Path) -> None:
    page = parse_file(absolute_site / "libraries/silistra-public-library/index.html")
    head = page.find("head")
    data = json.loads(head.find("script", type="application/ld+json").text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Library"
    assert data["name"] == "Silistra Public Library"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Silistra",
        "addressRegion": "Silistra Province",
        "addressCountry": "BG",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 44.12, "longitude": 27.26}
    assert data["url"] == BASE + "/libraries/silistra-public-library/"


def test_story_page_has_schema_org_article(bundled_site: Path) -> None:
    page = parse_file(bundled_site / "stories/silistra-teen-volunteers/index.html")
    data = json.loads(page.find("head").find("script", type="application/ld+json").text)
    assert data["@type"] == "Article"
    assert data["headline"] == "A teen volunteer group in Silistra"
    assert data["datePublished"] == "2011"
    assert [lib["name"] for lib in data["about"]] == ["Silistra Public Library", "Aurora Public Library"]
    assert all(lib["@type"] == "Library" for lib in data["about"])


def test_other_pages_have_no_structured_data(bundled_site: Path) -> None:
    for rel in ("index.html", "guides/why-partner/index.html", "partnerships/silistra-aurora/index.html"):
        assert parse_file(bundled_site / rel).find("script", type="application/ld+json") is None, rel


# --- open data ---


def test_libraries_json_csv_and_geojson_match_the_content(bundled_site: Path) -> None:
    libraries = json.loads((bundled_site / "data/libraries.json").read_text(encoding="utf-8"))
    assert len(libraries) == len(content_files("libraries"))
    assert [lib["slug"] for lib in libraries] == sorted(slug_of(p) for p in content_files("libraries"))
    silistra = next(lib for lib in libraries if lib["slug"] == "silistra-public-library")
    assert silistra["name"] == "Silistra Public Library"
    assert (silistra["country"], silistra["country_name"], silistra["city"]) == ("BG", "Bulgaria", "Silistra")
    assert (silistra["lat"], silistra["lon"]) == (44.12, 27.26)
    assert silistra["languages"] == ["bg", "en"]
    assert "Регионална библиотека Силистра" in silistra["aliases"]
    assert silistra["partnerships"] == ["silistra-aurora"]
    assert silistra["url"] == "/libraries/silistra-public-library/"
    assert "contacts" not in silistra  # names of people stay on the pages

    rows = list(csv.DictReader(io.StringIO((bundled_site / "data/libraries.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == len(libraries)
    assert set(rows[0]) == set(libraries[0])  # the same fields as the JSON
    row = next(r for r in rows if r["slug"] == "silistra-public-library")
    assert (row["country"], row["lat"], row["languages"], row["seeking_partner"]) == ("BG", "44.12", "bg;en", "false")

    geo = json.loads((bundled_site / "data/libraries.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    located = [p for p in content_files("libraries") if re.search(r"^location:", p.read_text(encoding="utf-8"), re.M)]
    assert len(geo["features"]) == len(located) > 0
    feature = next(f for f in geo["features"] if f["properties"]["slug"] == "silistra-public-library")
    assert feature["geometry"] == {"type": "Point", "coordinates": [27.26, 44.12]}  # lon, lat
    assert feature["properties"]["country"] == "BG"


def test_partnerships_and_stories_data_match_the_content(bundled_site: Path) -> None:
    partnerships = json.loads((bundled_site / "data/partnerships.json").read_text(encoding="utf-8"))
    assert [p["slug"] for p in partnerships] == sorted(slug_of(p) for p in content_files("partnerships"))
    pair = next(p for p in partnerships if p["slug"] == "silistra-aurora")
    assert pair["libraries"] == ["silistra-public-library", "aurora-public-library"]
    assert pair["countries"] == ["BG", "US"] and pair["status"] == "active"
    assert pair["via"] == "Colorado-Bulgarian Library Project"
    stories = json.loads((bundled_site / "data/stories.json").read_text(encoding="utf-8"))
    assert [s["slug"] for s in stories] == sorted(slug_of(p) for p in content_files("stories"))
    story = next(s for s in stories if s["slug"] == "silistra-teen-volunteers")
    assert (story["date"], story["partnership"], story["countries"]) == ("2011", "silistra-aurora", ["BG", "US"])
    for name in ("partnerships", "stories"):
        rows = list(csv.DictReader(io.StringIO((bundled_site / f"data/{name}.csv").read_text(encoding="utf-8"), newline="")))
        assert len(rows) == len(json.loads((bundled_site / f"data/{name}.json").read_text(encoding="utf-8")))
    row = next(
        r
        for r in csv.DictReader(io.StringIO((bundled_site / "data/partnerships.csv").read_text(encoding="utf-8"), newline=""))
        if r["slug"] == "silistra-aurora"
    )
    assert row["libraries"] == "silistra-public-library;aurora-public-library"


def test_data_files_are_written_with_stable_formatting(bundled_site: Path) -> None:
    """One record a line, keys sorted, no spaces: a change to one library is a one-line diff."""
    for name in ("libraries.json", "partnerships.json", "stories.json", "libraries.geojson", "partnerships.geojson"):
        raw = (bundled_site / "data" / name).read_text(encoding="utf-8")
        data = json.loads(raw)
        records = data if isinstance(data, list) else data["features"]
        lines = raw.removesuffix("\n").split("\n")
        assert len(records) > 1 and len(lines) == len(records) + 2, name
        assert lines[0] == ("[" if isinstance(data, list) else '{"features":['), name
        for line, record in zip(lines[1:-1], records, strict=True):
            assert line.removesuffix(",") == json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")), name
        assert lines[-1] == ("]" if isinstance(data, list) else '],"type":"FeatureCollection"}'), name


def test_data_page_documents_every_field(bundled_site: Path) -> None:
    page = parse_file(bundled_site / "data/index.html")
    text = page.find("main").text
    assert "CC BY 4.0" in text
    documented = {code.text for code in page.find("main").find_all("code")}
    for name in ("libraries", "partnerships", "stories"):
        header = (bundled_site / f"data/{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert set(header) <= documented, name
    hrefs = {a.attrs.get("href") for a in page.find_all("a")}
    assert {"/data/libraries.json", "/data/libraries.csv", "/data/libraries.geojson", "/data/stories.csv"} <= hrefs


def test_data_urls_are_full_addresses_when_base_url_is_one(absolute_site: Path) -> None:
    libraries = json.loads((absolute_site / "data/libraries.json").read_text(encoding="utf-8"))
    assert all(lib["url"].startswith(BASE + "/libraries/") for lib in libraries)


# --- images need a description ---


def test_image_without_description_is_a_check_error(mini_site: Path) -> None:
    from photo_site import picture

    folder = mini_site / "content/stories/first-visit"
    folder.mkdir()
    story = (mini_site / "content/stories/first-visit.md").rename(folder / "index.md")
    (folder / "photo.png").write_bytes(picture())
    story.write_text(story.read_text(encoding="utf-8") + "\n![](photo.png)\n", encoding="utf-8")
    result = run_cli("check", "--content", str(mini_site / "content"))
    assert result.returncode == 1
    line = len(story.read_text(encoding="utf-8").splitlines())
    assert f"first-visit/index.md:{line}: the image has no description" in result.stderr
    story.write_text(story.read_text(encoding="utf-8").replace("![]", "![Two librarians]"), encoding="utf-8")
    assert run_cli("check", "--content", str(mini_site / "content")).returncode == 0


def test_a_description_is_the_start_of_the_text_with_single_spaces() -> None:
    """The description of a page with no summary: the text with its spaces made single, cut at a
    word before 200 characters; only a prefix of a long text is split, with the same result."""
    from types import SimpleNamespace

    from sisterlib.output.pages import _description

    def reference(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"

    texts = [
        "Short  text\n with\tspaces.",
        "word " * 30,  # 150 characters: whole
        "word " * 100,  # cut at a word
        " " * 390 + "word " * 100,  # a prefix of spaces: 400 characters hold too few words
        "\u00a0\u2003".join(["слово"] * 80),  # other spaces, another script
        "x" * 500,  # one long word
    ]
    for text in texts:
        entry = SimpleNamespace(summary="")
        site = SimpleNamespace(body_in=lambda entry, lang, text=text: SimpleNamespace(text=text))
        assert _description(site, entry, "en") == reference(text)  # type: ignore[arg-type]
        assert len(_description(site, entry, "en")) <= 200  # type: ignore[arg-type]
