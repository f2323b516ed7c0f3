"""The wiki: country and activity indexes, wiki links, backlinks, the directory (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_SITE, make_project, run_cli
from html_tree import parse_file

WIKI_SITE = {
    **MINI_SITE,
    # a third library in a country with no partnership, and Alpha in a second partnership
    "content/libraries/gamma-library.md": """
        ---
        name: Gamma Library
        city: Lerwick
        country: GB
        type: public
        seeking:
          countries: [BG]
          languages: [en]
          interests: [share-cultural-events]
          note: We would love a partner in the Balkans.
        last_confirmed: 2026-01-15
        ---
        Gamma is on an island.
        """,
    "content/libraries/delta-library.md": """
        ---
        name: Delta Library
        city: Ferrara
        country: IT
        type: academic
        ---
        Delta.
        """,
    "content/libraries/epsilon-library.md": """
        ---
        name: Epsilon Library
        city: Oslo
        country: "NO"
        type: public
        ---
        Epsilon has no partner yet.
        """,
    "content/partnerships/alpha-delta.md": """
        ---
        libraries: [alpha-library, delta-library]
        status: dormant
        ---
        Started by letters.
        """,
    "content/activities/personal-contacts.md": """
        ---
        title: Personal contacts
        order: 2
        ---
        - Key pals.
        """,
    "content/stories/two-activities.md": """
        ---
        title: Pen pals and a festival
        date: 2021-06-01
        partnership: alpha-delta
        activities: [share-cultural-events, personal-contacts]
        ---
        A story about [[Delta Library]] and [[Библиотека Алфа]].

        - one
        - see [[gamma-library|the island library]]
        """,
}


@pytest.fixture
def wiki_site(tmp_path: Path) -> Path:
    project = make_project(tmp_path, WIKI_SITE)
    result = run_cli("build", "--content", "content", "--out", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_countries_index_lists_every_country_with_counts(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "countries/index.html")
    rows = {r.find_all("td")[0].text: [td.text for td in r.find_all("td")[1:]] for r in doc.find("tbody").find_all("tr")}
    assert rows == {
        "Bulgaria": ["1", "2", "2"],
        "Italy": ["1", "1", "1"],
        "Norway": ["1", "0", "0"],
        "United Kingdom": ["1", "0", "0"],
        "United States": ["1", "1", "1"],
    }


def test_country_page_groups_partners_and_stories(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "countries/bg/index.html")
    headings = [h.text for h in doc.find_all("h3")]
    assert "Silistra" in headings  # libraries grouped by city
    assert "Bulgaria – Italy: 1 partnership" in headings
    assert "Bulgaria – United States: 1 partnership" in headings
    stories = [a.text for a in doc.find_all("a", class_="card-title")]
    assert stories == ["Pen pals and a festival", "The first visit"]  # newest first


def test_country_with_no_partnerships(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "countries/no/index.html")
    assert doc.find("h1").text == "Norway"
    assert "No partnership with a library in another country is recorded yet." in doc.text


def test_library_in_two_partnerships(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "libraries/alpha-library/index.html")
    titles = [a.text for a in doc.find_all("a", class_="card-title")]
    assert "Silistra – Aurora" in titles and "Silistra – Ferrara" in titles
    hrefs = {a.attrs["href"] for a in doc.find_all("a")}
    assert "/countries/bg/" in hrefs


def test_story_links_both_activities_and_countries(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "stories/two-activities/index.html")
    hrefs = {a.attrs["href"] for a in doc.find_all("a")}
    assert {"/activities/share-cultural-events/", "/activities/personal-contacts/", "/countries/bg/", "/countries/it/"} <= hrefs
    assert "/partnerships/alpha-delta/" in hrefs
    for slug in ("share-cultural-events", "personal-contacts"):
        activity = parse_file(wiki_site / f"activities/{slug}/index.html")
        assert "Pen pals and a festival" in [a.text for a in activity.find_all("a", class_="card-title")]


def test_activity_page_lists_partnerships_tagged_with_it(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "activities/share-cultural-events/index.html")
    assert "Silistra – Aurora" in [a.text for a in doc.find_all("a", class_="card-title")]
    activities = parse_file(wiki_site / "activities/index.html")
    assert [a.text for a in activities.find_all("a", class_="card-title")] == ["Share cultural events", "Personal contacts"]


def test_wiki_links_resolve_by_slug_name_alias_and_label(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "stories/two-activities/index.html")
    links = {a.text: a.attrs["href"] for a in doc.find_all("a", class_="wikilink")}
    assert links == {
        "Delta Library": "/libraries/delta-library/",
        "Alpha Library": "/libraries/alpha-library/",  # found by its Cyrillic alias, shown by its name
        "the island library": "/libraries/gamma-library/",
    }


def test_backlinks_from_bodies_and_front_matter(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "libraries/gamma-library/index.html")
    section = doc.find("section", class_="backlinks")
    assert [a.text for a in section.find_all("a")] == ["Pen pals and a festival"]
    doc = parse_file(wiki_site / "activities/personal-contacts/index.html")
    assert [a.text for a in doc.find("section", class_="backlinks").find_all("a")] == ["Pen pals and a festival"]
    doc = parse_file(wiki_site / "libraries/epsilon-library/index.html")
    assert "No other page links here yet." in doc.find("section", class_="backlinks").text


def test_seeking_directory(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "seeking/index.html")
    text = doc.text
    assert "Gamma Library" in text and "We would love a partner in the Balkans." in text
    assert "Bulgaria" in text and "English" in text and "15 January 2026" in text
    assert "Alpha Library" not in text
    assert "Gamma Library" in parse_file(wiki_site / "index.html").text  # the home page lists it too
    assert (
        "Gamma Library"
        in parse_file(wiki_site / "countries/gb/index.html").find("section", **{"aria-labelledby": "seeking-title"}).text
    )


def test_home_page_numbers(wiki_site: Path) -> None:
    doc = parse_file(wiki_site / "index.html")
    stats = [a.text for a in doc.find("ul", class_="stats").find_all("a")]
    assert stats == ["5 libraries", "5 countries", "2 partnerships", "2 stories"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Text\n\n- first\n- see [[nobody-here]]\n",
            "content/stories/x.md:10: the wiki link [[nobody-here]] does not match any entry",
        ),
        (
            "Line one\nline two [[Alpha Libary]]\n",
            "content/stories/x.md:8: the wiki link [[Alpha Libary]] does not match any entry; did you mean [[Alpha Library]]?",
        ),
        (
            "[[share]]\n",
            "content/stories/x.md:7: the wiki link [[share]] matches more than one entry; write one of [[activities/share]], [[libraries/share]]",
        ),
    ],
)
def test_wiki_link_errors_name_the_line(tmp_path: Path, body: str, expected: str) -> None:
    files = {
        **MINI_SITE,
        "content/libraries/share.md": "---\nname: Share\ncity: X\ncountry: BG\ntype: public\n---\n",
        "content/activities/share.md": "---\ntitle: Share\n---\n",
        "content/stories/x.md": "---\ntitle: X\ndate: 2020-01-01\nlibraries: [alpha-library]\nsummary: s\n---\n" + body,
    }
    project = make_project(tmp_path, files)
    result = run_cli("check", "--content", "content", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(expected), result.stderr


def test_section_slash_slug_disambiguates(tmp_path: Path) -> None:
    files = {
        **MINI_SITE,
        "content/libraries/share.md": "---\nname: Share\ncity: X\ncountry: BG\ntype: public\n---\n",
        "content/activities/share.md": "---\ntitle: Sharing\n---\nSee [[libraries/share]].\n",
    }
    project = make_project(tmp_path, files)
    result = run_cli("build", "--content", "content", "--out", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    doc = parse_file(project / "site/activities/share/index.html")
    assert doc.find("a", class_="wikilink").attrs["href"] == "/libraries/share/"


def test_bundled_bulgaria_page_names_libraries_and_us_partners(bundled_site: Path) -> None:
    doc = parse_file(bundled_site / "countries/bg/index.html")
    text = doc.text
    for name in (
        "Silistra Public Library",
        "Stara Zagora Public Library",
        "Veliko Tarnovo Public Library",
        "Razgrad Public Library",
        "Kazanlak Public Library",
    ):
        assert name in text
    for partner in ("Aurora Public Library", "Bemis Public Library", "Eagle Valley Library District", "Newton Public Library"):
        assert partner in text
    assert "Bulgaria – United States: 4 partnerships" in [h.text for h in doc.find_all("h3")]


def test_bundled_activity_pages_list_their_partnerships(bundled_site: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from sisterlib.config import load_config
    from sisterlib.pipeline import load_site

    site = load_site(load_config(None), Path(__file__).resolve().parent.parent / "content")
    for activity in site.activities:
        doc = parse_file(bundled_site / f"activities/{activity.slug}/index.html")
        listed = {a.text for a in doc.find("section", **{"aria-labelledby": "done-title"}).find_all("a", class_="card-title")}
        expected = {p.title for p in site.partnerships if activity.slug in p.activities}
        assert listed == expected


def test_bundled_every_entry_page_has_working_backlinks(bundled_site: Path) -> None:
    checked = 0
    for page in bundled_site.glob("*/*/index.html"):
        section = parse_file(page).find("section", class_="backlinks")
        if section is None:
            continue
        for a in section.find_all("a"):
            target = bundled_site / a.attrs["href"].lstrip("/") / "index.html"
            assert target.is_file(), (page, a.attrs["href"])
            checked += 1
    assert checked > 40
