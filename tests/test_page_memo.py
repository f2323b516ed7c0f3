"""Pages kept from the last build (cache/pages.py): after an edit, `build` renders only the pages
whose template, context or read values changed, and the output is always a clean build's."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from sisterlib import pipeline
from sisterlib.cache import digest, pages
from sisterlib.cache.folder import cache_dir_for
from sisterlib.config import load_config
from sisterlib.errors import BuildFailed
from sisterlib.resolve.reads import ALL

from conftest import ROOT, file_digests, run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The bundled site (translations, photos, partnerships with calendars) with its own templates
    and catalogs, so a test can change them."""
    for name in ("content", "templates", "assets", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "sisterlib.toml", tmp_path / "sisterlib.toml")
    return tmp_path


def build(project: Path, out: str = "site", cache: bool = True) -> pipeline.BuildReport:
    config = load_config(project / "sisterlib.toml")
    try:
        return pipeline.build(config, project / "content", project / out, search=False, git_dates=False, jobs=2, cache=cache)
    except BuildFailed as failed:
        failed.add_note("\n".join(e.format() for e in failed.errors))
        raise


def assert_as_a_clean_build(project: Path) -> None:
    shutil.rmtree(project / "clean", ignore_errors=True)
    build(project, "clean", cache=False)
    made, clean = file_digests(project / "site"), file_digests(project / "clean")
    assert made.keys() == clean.keys()
    assert [rel for rel in made if made[rel] != clean[rel]] == []


def start(project: Path) -> int:
    """A first build into the folder renders every page and remembers nothing (a fresh checkout
    in CI gains nothing from it); the next build over it renders every page and remembers them."""
    assert build(project).pages_memo is None
    shutil.rmtree(project / "site")  # its record stays in the cache: still a first build into the folder
    assert build(project).pages_memo is None
    guide = project / "content" / "pages" / "resources.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA line.\n", encoding="utf-8")
    kept, rendered = build(project).pages_memo or (-1, -1)
    assert kept == 0 and rendered > 200
    (memo,) = cache_dir_for(project / "content").glob("pages-*.json")
    remembered = json.loads(memo.read_text(encoding="utf-8"))["pages"]
    assert "partnerships/silistra-aurora/calendar.ics" in remembered and "stories/index.html" in remembered
    return rendered


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_edit_renders_only_what_it_touches_and_gives_a_clean_build(project: Path) -> None:
    content = project / "content"
    start(project)
    assert_as_a_clean_build(project)
    story = content / "stories" / "razgrad-reading-marathon.md"
    steps = [
        ("a story's title", lambda: edit(story, "title: ", "title: Edited ")),
        ("a story's body", lambda: story.write_text(story.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")),
        ("its Bulgarian translation", lambda: edit(content / "stories" / "razgrad-reading-marathon.bg.md", "title: ", "title: Ново ")),
        ("a library", lambda: edit(content / "libraries" / "aurora-public-library.md", "city: Aurora", "city: Aurora Hills")),
        ("a guide", lambda: edit(content / "pages" / "ten-tips.md", "title: ", "title: Edited ")),
        ("a new story", lambda: (content / "stories" / "a-new-story.md").write_text(
            story.read_text(encoding="utf-8").replace("title: ", "title: Another ", 1), encoding="utf-8")),
        ("a deleted story", lambda: (content / "stories" / "a-new-story.md").unlink()),
    ]  # fmt: skip
    for what, change in steps:
        change()
        report = build(project)
        kept, rendered = report.pages_memo or (0, 0)
        assert 0 < rendered < kept, (what, report.pages_memo)
        assert_as_a_clean_build(project)
    assert build(project).unchanged  # and a build with nothing changed still stops at once


def test_a_page_whose_values_did_not_change_is_not_rendered(project: Path) -> None:
    start(project)
    edit(project / "content" / "stories" / "razgrad-reading-marathon.md", "title: ", "title: Edited ")
    report = build(project)
    kept, rendered = report.pages_memo or (0, 0)
    # The story in three languages, the lists, feeds, libraries, partnership, countries, home and
    # search pages that show its title; not the other stories, guides or activities.
    assert rendered < 80 and kept > 150, report.pages_memo


def test_a_template_or_catalog_change_renders_every_page(project: Path) -> None:
    rendered = start(project)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- changed --></body>"), encoding="utf-8")
    assert build(project).pages_memo == (0, rendered)
    assert "<!-- changed -->" in (project / "site" / "index.html").read_text(encoding="utf-8")
    po = project / "locale" / "bg" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Начало"' in text
    po.write_text(text.replace('msgstr "Начало"', 'msgstr "Начало!"'), encoding="utf-8")
    report = build(project)  # a catalog is an input: not "nothing changed", and no page is kept
    assert not report.unchanged and report.pages_memo == (0, rendered)
    assert "Начало!" in (project / "site" / "bg" / "404.html").read_text(encoding="utf-8")
    assert_as_a_clean_build(project)


def test_a_new_day_renders_the_pages_that_depend_on_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    start(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01: calendars, health, seeking listings
    report = build(project)
    assert report.pages_memo and report.pages_memo[1] > 0
    assert_as_a_clean_build(project)


def test_a_page_changed_by_hand_is_rendered_again(project: Path) -> None:
    start(project)
    page = project / "site" / "stories" / "razgrad-reading-marathon" / "index.html"
    good = page.read_bytes()
    page.write_text("broken by hand")
    edit(project / "content" / "stories" / "silistra-teen-volunteers.md", "title: ", "title: Edited ")
    build(project)
    assert page.read_bytes() == good
    assert_as_a_clean_build(project)


@pytest.mark.parametrize(
    "memo",
    [
        "not json",
        "[]",
        '{"format": 1, "key": null}',
        '{"format": 1, "key": "K", "inputs": "I", "tokens": [["entries", {"c": "Path"}]], "pages": {}}',
        '{"format": 1, "key": "K", "inputs": "I", "tokens": [], "pages": {"index.html": ["zz", [5]]}}',
        '{"format": 1, "key": "K", "inputs": "I", "tokens": [["stories"]], "pages": {"index.html": ["00", [-1]]}}',
        '{"format": 1, "key": "K", "inputs": "I", "tokens": [["stories"]], "pages": {"index.html": ["%s", [-1]]}}' % ("0" * 32),
        '{"format": 1, "key": "K", "inputs": "I", "tokens": [["stories"]], "pages": {"index.html": ["%s", [7]]}}' % ("0" * 32),
        '{"format": 1, "key": "K", "inputs": "I", "tokens": [["stories"]], "pages": {"index.html": ["%s", [0.5]]}}' % ("0" * 32),
    ],
)
def test_a_memo_that_is_not_ours_keeps_nothing(project: Path, memo: str) -> None:
    rendered = start(project)
    (found,) = cache_dir_for(project / "content").glob("pages-*.json")
    data = json.loads(found.read_text(encoding="utf-8"))
    found.write_text(memo.replace('"K"', json.dumps(data["key"])).replace('"I"', json.dumps(data["inputs"])), encoding="utf-8")
    edit(project / "content" / "stories" / "silistra-teen-volunteers.md", "title: ", "title: Edited ")
    assert build(project).pages_memo == (0, rendered)
    assert_as_a_clean_build(project)


def test_the_cli_says_how_many_pages_it_rendered(project: Path) -> None:
    def cli() -> str:
        result = run_cli("build", "--content", "content", "--out", "site", "--no-git-dates", "--no-search", cwd=project)
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = cli()
    assert "pages: " not in first, first  # a first build into the folder: every page, nothing remembered
    edit(project / "content" / "stories" / "razgrad-reading-marathon.md", "title: ", "title: Edited ")
    assert re.search(r"pages: \d+ rendered, 0 unchanged;", cli())
    edit(project / "content" / "stories" / "silistra-teen-volunteers.md", "title: ", "title: Edited ")
    out = cli()
    rendered, kept = (int(n) for n in out.split("pages: ")[1].split(" unchanged;")[0].split(" rendered, "))
    assert 0 < rendered < kept, out


# The digest itself


@dataclasses.dataclass(frozen=True)
class Item:
    name: str
    tags: frozenset[str] = frozenset()
    when: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Pair:
    first: str
    second: str


def test_equal_values_have_equal_digests_and_any_difference_shows() -> None:
    a, b = digest.Digester(), digest.Digester()
    value = {"x": (Item("one", frozenset({"b", "a", "c"}), datetime.date(2024, 5, 1)), [1, 2.0, None, True])}
    same = {"x": (Item("one", frozenset({"c", "a", "b"}), datetime.date(2024, 5, 1)), [1, 2.0, None, True])}
    assert a.of(value) == b.of(same)
    different = [
        {"x": (Item("One", frozenset({"b", "a", "c"}), datetime.date(2024, 5, 1)), [1, 2.0, None, True])},
        {"x": (Item("one", frozenset({"b", "a"}), datetime.date(2024, 5, 1)), [1, 2.0, None, True])},
        {"x": (Item("one", frozenset({"b", "a", "c"}), datetime.date(2024, 5, 2)), [1, 2.0, None, True])},
        {"x": (Item("one", frozenset({"b", "a", "c"}), datetime.date(2024, 5, 1)), [1, 2, None, True])},
        {"x": (Item("one", frozenset({"b", "a", "c"}), datetime.date(2024, 5, 1)), (1, 2.0, None, True))},
        {"x": (Item("one", frozenset({"b", "a", "c"}), datetime.date(2024, 5, 1)), [1, 2.0, None, 1])},
    ]
    assert len({a.of(value), *(digest.Digester().of(v) for v in different)}) == 1 + len(different)
    assert a.of("<b>x</b>") != a.of(Markup("<b>x</b>"))  # printed escaped, or not
    assert a.of(("a", "b")) != a.of(("a\x1f'b",)) != a.of(("ab",))
    # Strings in a dataclass are written with their length: one that holds a separator and what
    # looks like the next field is not taken for two fields.
    assert len({a.of(Pair("x\x1fs1:y", "")), a.of(Pair("x", "y")), a.of(Pair("x", "\x1fs1:y")), a.of(Pair("", "x"))}) == 4


def test_a_value_of_an_unknown_type_is_not_digested() -> None:
    assert digest.Digester().of({"make": edit}) != digest.Digester().of({"make": start})  # a module's own function
    with pytest.raises(digest.Undigestible):
        digest.Digester().of({"make": lambda: 1})
    hidden = {"value": 1}

    def nested() -> int:
        return hidden["value"]

    with pytest.raises(digest.Undigestible):
        digest.Digester().of({"make": nested})
    with pytest.raises(digest.Undigestible):
        digest.Digester().of((object(),))


def test_tokens_come_back_from_json_as_they_were() -> None:
    for token in [("stories",), ("entries", ("story", "x")), ("translations", (("story", "x"), "bg")), ("bodies", ALL), ("n", 3)]:
        assert pages.decode_token(json.loads(json.dumps(pages.encode_token(token)))) == token
    with pytest.raises(pages.Unencodable):
        pages.encode_token(("pictures", Item("photo")))
    for bad in ['{"c": "Path"}', "[1]", '["x", {"t": 5}]', '["x", 1.5]', '["x", {"a": 2}]']:
        with pytest.raises(ValueError):
            pages.decode_token(json.loads(bad))


def test_compiled_templates_are_kept_per_config_and_language(project: Path) -> None:
    """Jinja folds filters of constants into the compiled code (`{{ "/seeking/"|url }}`), so code
    compiled for one base address or language must never render another's pages."""

    def cli(out: str, *extra: str) -> None:
        result = run_cli("build", "--content", "content", "--out", out, "--no-git-dates", "--no-search", *extra, cwd=project)
        assert result.returncode == 0, result.stderr

    cli("site")
    compiled = cache_dir_for(project / "content") / "compiled"
    (key,) = [p.name for p in compiled.iterdir()]
    assert sorted(p.name for p in (compiled / key).iterdir()) == ["bg", "en", "es"]
    cli("sub", "--base-url", "https://example.org/sub/")
    assert [p.name for p in compiled.iterdir()] != [key]  # another key; the old one is gone
    cli("reference", "--base-url", "https://example.org/sub/", "--no-cache")
    made, reference = file_digests(project / "sub"), file_digests(project / "reference")
    assert [rel for rel in made if made.get(rel) != reference.get(rel)] == [] and made.keys() == reference.keys()
    assert 'href="/sub/bg/seeking/"' in (project / "sub" / "bg" / "index.html").read_text(encoding="utf-8")
