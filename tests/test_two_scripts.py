"""Names in two scripts on the site: a Cyrillic name or town shows its Latin form (the
Streamlined System, content/scripts.py), and the directory sorts and filters on both:
Силистра with Silistra. Through the CLI, on the bundled content and a fixture, and in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from sisterlib.content.scripts import has_cyrillic, to_latin

from conftest import ROOT, make_project, run_cli
from html_tree import parse_file

LIB = "---\nname: {name}\ncity: {city}\ncountry: {country}\ntype: {type}\n---\nA library.\n"
FILES = {
    "content/libraries/silistra-regional.md": LIB.format(
        name="Регионална библиотека Силистра", city="Силистра", country="BG", type="public"
    ),
    "content/libraries/silistra-school.md": LIB.format(
        name="Silistra School Library", city="Silistra", country="BG", type="school"
    ),
    "content/libraries/aurora.md": LIB.format(name="Aurora Public Library", city="Aurora", country="US", type="public"),
    "content/libraries/sofia.md": LIB.format(name="Столична библиотека", city="София", country="BG", type="public"),
}

# The bundled Bulgarian names and their Latin forms by the Act (Art. 4 table; ъ -> a).
BUNDLED = {
    "Регионална библиотека Силистра": "Regionalna biblioteka Silistra",
    "Библиотека Казанлък": "Biblioteka Kazanlak",
    "Регионална библиотека Велико Търново": "Regionalna biblioteka Veliko Tarnovo",
    "Регионална библиотека Стара Загора": "Regionalna biblioteka Stara Zagora",
    "Библиотечен окръг Ийгъл Вали": "Bibliotechen okrag Iygal Vali",
    "Обществена библиотека Нютън": "Obshtestvena biblioteka Nyutan",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("scripts"), FILES)
    result = run_cli("build", "--out", "out", "--no-search", "--no-git-dates", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_a_cyrillic_name_and_town_show_their_latin_form(built: Path) -> None:
    page = parse_file(built / "libraries/sofia/index.html")
    assert page.find("p", class_="latin").text == "Stolichna biblioteka"
    assert "София (Sofia)" in page.find("p", class_="lead").text  # the word-final rule: not Sofiya
    latin = parse_file(built / "libraries/aurora/index.html")
    assert latin.find("p", class_="latin") is None  # a Latin name has nothing to add


def test_the_directory_sorts_both_scripts_together(built: Path) -> None:
    rows = parse_file(built / "libraries/index.html").find("tbody").find_all("tr")
    names = [row.find("a").text for row in rows]
    # Aurora, Regionalna biblioteka Silistra, Silistra School Library, Stolichna biblioteka
    assert names == ["Aurora Public Library", "Регионална библиотека Силистра", "Silistra School Library", "Столична библиотека"]
    assert [row.attrs["data-city"] for row in rows] == ["aurora", "silistra", "silistra", "sofia"]


def test_the_bundled_bulgarian_names_are_shown_in_latin_letters() -> None:
    for cyrillic, latin in BUNDLED.items():
        assert to_latin(cyrillic) == latin
    aliases = []
    for path in sorted((ROOT / "content/libraries").glob("*.md")):
        aliases += [line.strip()[2:] for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("- ")]
    assert set(BUNDLED) <= set(aliases)


def test_the_bundled_pages_show_the_latin_forms(bundled_site: Path) -> None:
    page = parse_file(bundled_site / "libraries/silistra-public-library/index.html")
    shown = [span.text for span in page.find_all("span", class_="latin")]
    assert "(Regionalna biblioteka Silistra)" in shown and "(Biblioteka Silistra)" in shown
    for span in parse_file(bundled_site / "libraries/veliko-tarnovo-public-library/index.html").find_all("span", class_="latin"):
        assert not has_cyrillic(span.text)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Силистра", ["Регионална библиотека Силистра", "Silistra School Library"]),
        ("silistra", ["Регионална библиотека Силистра", "Silistra School Library"]),
        ("SILÍSTRA", ["Регионална библиотека Силистра", "Silistra School Library"]),
        ("Sofia", ["Столична библиотека"]),
        ("София", ["Столична библиотека"]),
        ("Аурора", ["Aurora Public Library"]),
    ],
)
def test_the_directory_filters_on_both_scripts(built: Path, page, serve_dir, typed: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(serve_dir(built) + "/libraries/", wait_until="networkidle")
    page.fill("#dir-name", typed)
    assert page.locator("tbody tr:visible td:first-child a").all_inner_texts() == expected
    count = len(expected)
    assert page.locator("[data-directory-count]").inner_text() == f"{count} {'library' if count == 1 else 'libraries'} shown"
    page.fill("#dir-name", "")
    assert page.locator("tbody tr:visible").count() == 4
