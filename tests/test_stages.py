"""Unit tests per pipeline stage, on small inline inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sisterlib.config import load_config
from sisterlib.content import strict_yaml as frontmatter_yaml
from sisterlib.content.checks import Invalid, country
from sisterlib.content.dates import content_date
from sisterlib.content.loading import load_all
from sisterlib.content.model import ContentDate
from sisterlib.content.read import split_front_matter
from sisterlib.content.slugs import suggest_slug, transliterate
from sisterlib.errors import BuildFailed
from sisterlib.pipeline import load_site
from sisterlib.resolve.markdown import make_parser, parse_body

from conftest import MINI_SITE, make_project, run_cli

# --- strict YAML ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("country: NO", "NO"),
        ("x: yes", "yes"),
        ("x: on", "on"),
        ("zip: 01234", "01234"),
        ("t: 1:20", "1:20"),
        ("lat: 44:39:41", "44:39:41"),
        ("d: 2019-05-03", "2019-05-03"),
        ("n: 1996", 1996),
        ("f: 43.1167", 43.1167),
        ("b: true", True),
        ("b: false", False),
        ("q: 'true'", "true"),
        ("e: 1e3", "1e3"),
        ("h: 0x1F", "0x1F"),
        ("s: !!str 12", "12"),
        ("z: ~", None),
    ],
)
def test_yaml_values_keep_what_the_contributor_wrote(text: str, value: object) -> None:
    parsed = frontmatter_yaml.parse(text)
    assert parsed.problems == []
    assert list(parsed.data.values()) == [value]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: 2\na: 3", 3, "the key 'a' appears twice (first on line 1)"),
        ("a: &x [1]\nb: *x", 1, "YAML anchors and aliases"),  # the anchor's line, then the alias's
        ("a: !!python/object/apply:os.system [ls]", 1, "the YAML tag !!python/object/apply:os.system is not allowed"),
        ("title: Story: how we met", 1, "a value contains ': '"),
        ("list:\n\t- a", 2, "a tab character is used for indentation"),
        ("? [a, b]\n: c", 1, "a key must be plain text"),
        ("<<: {a: 1}", 1, "YAML merge keys"),
        ("n: " + "9" * 40, 1, "is too long"),
    ],
)
def test_yaml_problems_have_lines(text: str, line: int, message: str) -> None:
    parsed = frontmatter_yaml.parse(text)
    assert parsed.problems, text
    assert parsed.problems[0].line == line
    assert message in parsed.problems[0].message


def test_yaml_lines_of_nested_items() -> None:
    parsed = frontmatter_yaml.parse("a: 1\nlist:\n  - x\n  - y\nloc: {lat: 1.0, lon: 2.0}\n")
    assert parsed.lines[("list",)] == 2
    assert parsed.lines[("list", 1)] == 4
    assert parsed.lines[("loc", "lon")] == 5


# --- load ----------------------------------------------------------------------------------


def test_split_front_matter_lines() -> None:
    meta, meta_line, body, body_line, error = split_front_matter("x.md", "---\na: 1\nb: 2\n---\nhello\n")
    assert (meta, meta_line, body, body_line, error) == ("a: 1\nb: 2", 2, "hello\n", 5, None)


def test_bom_crlf_and_lone_cr_are_accepted(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            "content/pages/a.md": b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n",
            "content/pages/b.md": b"---\rtitle: B\r---\rBody\r",
        },
    )
    loaded = load_all(tmp_path / "content", 1)
    assert loaded.errors() == []
    entries = list(loaded.entries().values())
    assert [e.title for e in entries] == ["A", "B"]
    assert entries[0].body == "Body\n"


def test_file_name_must_be_a_slug_with_suggestion(tmp_path: Path) -> None:
    make_project(tmp_path, {"content/libraries/Библиотека Русе.md": "---\nname: x\n---\n"})
    loaded = load_all(tmp_path / "content", 1)
    assert [e.hint for e in loaded.folder_errors] == ["rename it to biblioteka-ruse.md"]
    # the file is read all the same, as the entry its name should give: its mistakes come out in the same run
    assert [e.message for e in loaded.errors()[1:]] == [
        f"the required field '{f}' is missing" for f in ("city", "country", "type")
    ]
    assert list(loaded.known()) == [("library", "biblioteka-ruse")] and loaded.entries() == {}


# --- validate ------------------------------------------------------------------------------


def test_country_codes_and_hints() -> None:
    assert country("NO") == "NO"
    assert country("bg") == "BG"
    with pytest.raises(Invalid) as exc:
        country("Bulgaria")
    assert exc.value.hint == "use the two-letter code BG for Bulgaria"
    with pytest.raises(Invalid):
        country("XX")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-05-03", ContentDate(2019, 5, 3)),
        ("2010-07", ContentDate(2010, 7)),
        (2010, ContentDate(2010)),
        ("2010", ContentDate(2010)),
    ],
)
def test_dates_at_three_precisions(value: object, expected: ContentDate) -> None:
    assert content_date(value) == expected


@pytest.mark.parametrize("value", ["2019-02-30", "2019-13-01", "03/05/2019", "May 2019", True, [2019]])
def test_bad_dates(value: object) -> None:
    with pytest.raises(Invalid):
        content_date(value)


def test_content_date_display() -> None:
    assert ContentDate(2010).display == "2010"
    assert ContentDate(2010, 7).display == "July 2010"
    assert ContentDate(2019, 5, 3).display == "3 May 2019"
    assert ContentDate(2010, 7).iso == "2010-07"


# --- markdown ------------------------------------------------------------------------------


def test_markdown_parser_never_allows_raw_html() -> None:
    md = make_parser()
    assert md.options["html"] is False
    html = parse_body("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>").html
    assert "<script" not in html and "<img" not in html


def test_heading_ids_are_prefixed() -> None:
    html = parse_body("## search\n\n# main").html
    assert 'id="h-search"' in html and 'id="h-main"' in html
    assert "<h1" not in html  # the page title is the only h1


# --- slugs ---------------------------------------------------------------------------------


def test_slugs_and_transliteration() -> None:
    assert suggest_slug("Библиотека Русе") == "biblioteka-ruse"
    assert suggest_slug("Café Ünïcode!") == "cafe-unicode"
    assert transliterate("Силистра") == "Silistra"
    assert transliterate("Щастие") == "Shtastie"


# --- resolve and the site indexes ----------------------------------------------------------


def test_partnership_title_defaults_to_cities(tmp_path: Path) -> None:
    site = load_site(load_config(None), make_project(tmp_path, MINI_SITE) / "content")
    assert site.get("partnership", "alpha-beta").title == "Silistra – Aurora"
    assert site.countries_of[("story", "first-visit")] == ("BG", "US")
    assert [lib.slug for lib in site.libraries_of[("story", "first-visit")]] == ["alpha-library", "beta-library"]


def test_unknown_references_are_errors_with_lines(tmp_path: Path) -> None:
    files = {
        **MINI_SITE,
        "content/stories/bad.md": "---\ntitle: T\ndate: 2020-01-01\npartnership: alpha-bet\nactivities:\n  - share-cultural-events\n  - sharing\n---\n",
    }
    with pytest.raises(BuildFailed) as exc:
        load_site(load_config(None), make_project(tmp_path, files) / "content")
    assert [(e.line, e.message, e.hint) for e in exc.value.errors] == [
        (4, "there is no partnership 'alpha-bet'", "did you mean 'alpha-beta'?"),
        (7, "there is no activity 'sharing'", "create content/activities/sharing.md first, or check the spelling"),
    ]


def test_slug_fields_are_lookups_never_paths(tmp_path: Path) -> None:
    files = {**MINI_SITE, "content/stories/bad.md": "---\ntitle: T\ndate: 2020-01-01\nlibraries: [/etc/passwd]\n---\n"}
    with pytest.raises(BuildFailed) as exc:
        load_site(load_config(None), make_project(tmp_path, files) / "content")
    assert [(e.line, e.message) for e in exc.value.errors] == [(4, "libraries: '/etc/passwd' is not the file name of a library")]


def test_bundled_content_checks_clean() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout
