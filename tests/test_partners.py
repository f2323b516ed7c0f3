"""Partner suggestions with their reasons, fresh and stale seeking listings, and their rules,
on the fixture of tests/partners_fixture.py, through the CLI as a contributor runs it."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from sisterlib.content.model import ContentDate, Library, Seeking
from sisterlib.resolve.freshness import Freshness, months_before
from sisterlib.resolve.partner_index import CandidateIndex
from sisterlib.resolve.partners import SCORING, Profile, Words, reasons, score, size_band

from conftest import make_project, run_cli
from html_tree import parse_file
from partners_fixture import EXPECTED, FILES, TODAY, WORDS


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("partners"), FILES)
    result = run_cli("build", "--out", "out", "--no-search", "--no-git-dates", cwd=root, env=TODAY)
    assert result.returncode == 0, result.stderr
    return root


def shown_suggestions(page: Path) -> list[tuple[str, int, list[str]]]:
    tree = parse_file(page)
    section = tree.find("section", class_="partners")
    if section is None:
        return []
    return [
        (
            li.attrs["data-partner"],
            int(li.attrs["data-score"]),
            [r.attrs["data-reason"] for r in li.find_all("li") if "data-reason" in r.attrs],
        )
        for li in section.find_all("li")
        if "data-partner" in li.attrs
    ]


@pytest.mark.parametrize(
    "slug", ["ruse-library", "cleveland-library", "glens-falls-library", "bergen-library", "valencia-library"]
)
def test_each_library_page_shows_its_expected_partners_and_reasons(built: Path, slug: str) -> None:
    assert shown_suggestions(built / f"out/libraries/{slug}/index.html") == EXPECTED.get(slug, [])


def test_reasons_are_in_plain_words(built: Path) -> None:
    for (slug, other), words in WORDS.items():
        section = parse_file(built / f"out/libraries/{slug}/index.html").find("section", class_="partners")
        assert section is not None
        [item] = [li for li in section.find_all("li") if li.attrs.get("data-partner") == other]
        assert [r.text for r in item.find_all("li") if "data-reason" in r.attrs] == words


def test_reasons_speak_the_language_of_the_page(built: Path) -> None:
    """On /bg/ and /es/ pages the reasons, the finder's choices and its table of points are in that
    language, with country and language names in it; the English words stay those of WORDS."""
    expected = {
        "bg": [
            "търси партньор в България, а вие сте в България",
            "вие търсите партньор в Съединени щати, а тя е в Съединени щати",
            "градовете ви вече са побратимени",
            "и двете библиотеки ползват английски, основния език на едната от тях",
            "и двете са обществени библиотеки",
            "и двете се интересуват от Share cultural events",  # the activity has no Bulgarian translation
        ],
        "es": [
            "busca una biblioteca hermana en Bulgaria, y la suya está en Bulgaria",
            "usted busca una biblioteca hermana en Estados Unidos, y esta está en Estados Unidos",
            "sus ciudades ya están hermanadas",
            "ambas hablan inglés, la lengua principal de una de ellas",
            "ambas son bibliotecas públicas",
            "a ambas les interesa Share cultural events",
        ],
    }
    for lang, words in expected.items():
        section = parse_file(built / f"out/{lang}/libraries/ruse-library/index.html").find("section", class_="partners")
        [item] = [li for li in section.find_all("li") if li.attrs.get("data-partner") == "cleveland-library"]
        assert [r.text for r in item.find_all("li") if "data-reason" in r.attrs] == words
    finder = parse_file(built / "out/bg/find-a-partner/index.html")
    assert finder.find("select", id="m-country").find("option", value="BG").text == "България"
    assert finder.find("select", id="m-language").find("option", value="bg").text == "Български"
    assert finder.find("select", id="m-size").find("option", value="0").text == "Под 10 000 души"
    assert finder.find("tbody").find("td").text == "търси партньор в дадена държава, а вие сте в дадена държава"


def test_the_reasons_messages_are_the_scoring_files_words() -> None:
    """i18n/reasons.py holds partner_scoring.json's texts for translation: the JSON stays the definition."""
    from sisterlib.content.model import LIBRARY_TYPES
    from sisterlib.i18n.reasons import REASON_TEXTS, SIZE_TEXTS, TYPE_WORDS

    assert {code: r["text"].replace("{", "%(").replace("}", ")s") for code, r in SCORING["reasons"].items()} == REASON_TEXTS
    assert [band["text"] for band in SCORING["sizes"]] == list(SIZE_TEXTS)
    assert {t: t for t in LIBRARY_TYPES} == TYPE_WORDS


def test_partners_are_never_suggested_to_each_other(built: Path) -> None:
    # Cleveland and Valencia (dormant partnership) both seek a partner and share reasons
    cleveland, valencia = Profile("c", "US", ("BG",), ("en",), "public"), Profile("v", "ES", ("US",), ("es", "en"), "public")
    assert score(cleveland, valencia, Words({})) > 0
    assert "valencia-library" not in [s for s, _, _ in shown_suggestions(built / "out/libraries/cleveland-library/index.html")]
    assert "cleveland-library" not in [s for s, _, _ in shown_suggestions(built / "out/libraries/valencia-library/index.html")]


def test_seeking_page_lists_fresh_listings_first_and_marks_the_stale_one(built: Path) -> None:
    tree = parse_file(built / "out/seeking/index.html")
    cards = tree.find("ul", class_="cards").find_all("li", class_="card")
    names = [card.find("a").text for card in cards]
    assert names == ["Cleveland Public Library", "Ruse Regional Library", "Valencia Public Library"]
    marks = [
        next((c for c in card.children if getattr(c, "tag", "") == "span" and c.attrs.get("class") == "stale"), None)
        for card in cards
    ]
    assert marks[:2] == [None, None]
    assert marks[2] is not None and marks[2].text == "may be out of date (last confirmed 10 January 2024)"
    ruse = cards[1].find("details", class_="partners")
    assert ruse is not None and [li.attrs["data-partner"] for li in ruse.find_all("li") if "data-partner" in li.attrs] == [
        "cleveland-library",
        "valencia-library",
    ]
    # the stale mark shows on the library's page too, and in a suggestion of it
    assert parse_file(built / "out/libraries/valencia-library/index.html").find("span", class_="stale") is not None


def test_check_warns_about_a_partnered_library_still_seeking(built: Path) -> None:
    result = run_cli("check", cwd=built, env=TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "content/libraries/ruse-library.md:9: warning: now partnered with Glens Falls Library: remove `seeking`?;"
        " remove the seeking block if the library no longer looks for another partner"
    ]


def test_check_stale_reports_stale_seeking_listings(built: Path) -> None:
    result = run_cli("check", "--stale", cwd=built, env=TODAY)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "seeking listing" in line and line.startswith("content/")]
    assert lines == [
        "content/libraries/valencia-library.md:11: the seeking listing may be out of date (last confirmed 2024-01-10;"
        " listings older than 12 months are marked); ask the library whether it is still looking, then write"
        " last_confirmed: 2026-05-28 in seeking, or remove the seeking block"
    ]
    assert "stale seeking listings" in result.stdout


def test_the_age_of_a_fresh_listing_is_a_setting(tmp_path: Path) -> None:
    root = make_project(tmp_path, {**FILES, "sisterlib.toml": "seeking_fresh_months = 3\n"})
    result = run_cli("build", "--out", "out", "--no-search", "--no-git-dates", cwd=root, env=TODAY)
    assert result.returncode == 0, result.stderr
    cards = parse_file(root / "out/seeking/index.html").find("ul", class_="cards").find_all("li", class_="card")
    # Cleveland (2026-02-01) is now out of date too: the fresh Ruse comes first
    assert [card.find("a").text for card in cards] == [
        "Ruse Regional Library",
        "Cleveland Public Library",
        "Valencia Public Library",
    ]
    bad = make_project(tmp_path / "bad", {**FILES, "sisterlib.toml": 'seeking_fresh_months = "twelve"\n'})
    result = run_cli("check", cwd=bad, env=TODAY)
    assert result.returncode != 0 and "'seeking_fresh_months' must be a whole number above zero" in result.stderr


def test_freshness_with_a_fixed_today() -> None:
    assert months_before(date(2026, 5, 28), 12) == date(2025, 5, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)
    fresh = Freshness(date(2026, 5, 28))

    def lib(seeking_confirmed: ContentDate | None, confirmed: ContentDate | None, seeking: bool = True) -> Library:
        return Library(
            kind="library", slug="x", path="x.md", body="", body_line=1, lines={}, title="X", name="X", city="C",
            country="BG", type="public", last_confirmed=confirmed,
            seeking=Seeking(last_confirmed=seeking_confirmed) if seeking else None,
        )  # fmt: skip

    assert not fresh.stale(lib(ContentDate(2025, 5, 28), None))  # the limit day itself is fresh
    assert fresh.stale(lib(ContentDate(2025, 5, 27), None))
    assert fresh.stale(lib(None, None))  # never confirmed
    assert not fresh.stale(lib(None, ContentDate(2026, 1, 2)))  # the library's own date counts
    assert fresh.stale(lib(ContentDate(2024, 1, 1), ContentDate(2026, 1, 2)))  # the listing's own date wins
    assert not fresh.stale(lib(None, None, seeking=False))  # not a listing


def test_size_bands_are_the_issues() -> None:
    assert [size_band(n) for n in (None, 1, 9999, 10000, 49999, 50000, 249999, 250000, 10**7)] == [-1, 0, 0, 1, 1, 2, 2, 3, 3]
    assert [b["below"] for b in SCORING["sizes"]] == [10000, 50000, 250000, None]


def random_profile(rng: random.Random, key: str) -> Profile:
    countries, languages = ["BG", "US", "ES", "NO", "IT"], ["bg", "en", "es", "no", "it"]
    activities = ["a", "b", "c", "d"]
    towns = [f"t{i}|{c}" for i in range(3) for c in countries]
    return Profile(
        key=key,
        country=rng.choice(countries),
        wants=tuple(rng.sample(countries, rng.randint(0, 2))),
        languages=tuple(rng.sample(languages, rng.randint(0, 3))),
        type=rng.choice(["public", "school", "academic"]),
        size=rng.randint(-1, 3),
        interests=tuple(sorted(rng.sample(activities, rng.randint(0, 3)))),
        town=rng.choice(towns),
        sister_towns=frozenset(rng.sample(towns, rng.randint(0, 2))),
    )


@pytest.mark.parametrize("seed", range(5))
def test_the_index_finds_what_scoring_every_pair_finds(seed: int) -> None:
    """The fast path (bit-sliced sums over sets of candidates) against the definition, pair by pair."""
    rng = random.Random(seed)
    words = Words({})
    pool = [random_profile(rng, f"c{i}") for i in range(60)]
    index = CandidateIndex(pool)
    for n in range(80):
        you = random_profile(rng, f"c{n}" if n < 60 else f"v{n}")
        exclude = [you.key, *rng.sample([p.key for p in pool], 3)]
        scored = [(p, score(you, p, words)) for i, p in enumerate(pool) if p.key not in exclude]
        expected = sorted((x for x in scored if x[1] > 0), key=lambda x: (-x[1], pool.index(x[0])))[:5]
        found = index.best(you, exclude)
        assert [(p.key, s) for p, s in found] == [(p.key, s) for p, s in expected]
        for p, s in found:
            assert sum(r.weight for r in reasons(you, p, words)) == s


def test_publish_runs_weekly_and_then_takes_the_day_of_the_run_as_today() -> None:
    import yaml

    from conftest import ROOT

    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert [s["cron"] for s in triggers["schedule"]] == ["17 5 * * 1"]
    steps = workflow["jobs"]["build"]["steps"]
    today = next(s for s in steps if "SOURCE_DATE_EPOCH" in s.get("run", ""))
    assert today["if"] == "github.event_name == 'schedule'"
    assert steps.index(today) < next(i for i, s in enumerate(steps) if "build.py build" in s.get("run", ""))


def test_a_library_page_names_its_sister_cities(built: Path) -> None:
    facts = parse_file(built / "out/libraries/ruse-library/index.html").find("dl", class_="facts")
    terms = [n.text for n in facts.find_all("dt")]
    values = [n.text for n in facts.find_all("dd")]
    assert values[terms.index("Sister cities")] == "Cleveland (United States)"
