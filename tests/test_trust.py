"""Contributor trust, the parts that are not one error case each: warnings, the maintainers'
report, "today", the config file, `new`, and what the build publishes for indented
paragraphs and links to the site's own pages. The error cases themselves are tests/errors/."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from sisterlib.content.model import ContentDate, Story
from sisterlib.content.today import today

from conftest import MINI_SITE, make_project, run_cli

BASE = Path(__file__).parent / "errors" / "base" / "content"
TODAY = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "content")
    return tmp_path


def write(site: Path, rel: str, text: str) -> Path:
    path = site / "content" / rel
    path.write_text(text, encoding="utf-8")
    return path


# --- warnings ---------------------------------------------------------------------------------


def test_a_warning_is_printed_annotated_and_never_fails_check_or_build(site: Path) -> None:
    write(site, "stories/later.md", "---\ntitle: Later\ndate: 2062-06-01\npartnership: ruse-glens-falls\n---\nSoon.\n")
    warning = "content/stories/later.md:3: warning: date: 2062-06-01 is more than a year after today (2026-05-28); check the year"
    check = run_cli("check", cwd=site, env={**TODAY, "GITHUB_ACTIONS": "true"})
    assert check.returncode == 0
    assert check.stderr.splitlines() == [warning]
    assert check.stdout.splitlines() == [
        "::warning file=content/stories/later.md,line=3::date: 2062-06-01 is more than a year after today (2026-05-28); check the year",
        "ok: 7 entries checked, no errors found; 1 warning",
    ]
    build = run_cli("build", "--no-search", "--out", "out", cwd=site, env=TODAY)
    assert build.returncode == 0 and build.stderr.splitlines() == [warning]
    assert (site / "out/stories/later/index.html").is_file()


def test_warnings_are_printed_with_the_errors(site: Path) -> None:
    write(site, "stories/later.md", "---\ntitle: “Later”\ndate: 2019\npartnership: ruse-glens-fall\n---\n")
    result = run_cli("check", cwd=site, env=TODAY)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [
        "content/stories/later.md:2: warning: title: the value is in curly quotes, which are published as part of it;"
        ' if they are meant as quotation marks around the value, write title: "Later"',
        "1 error in 1 file and 1 warning",
    ]


# --- the maintainers' report ------------------------------------------------------------------


QUIET = (
    "content/partnerships/ruse-glens-falls.md:3: active, but no story in 2 years: the latest is from 2009-04-20"
    " ({ago} years ago); ask the libraries what they did together and add a story, or set status: dormant"
)


def test_stale_report_lists_libraries_not_confirmed_or_edited_in_two_years(site: Path) -> None:
    ruse = site / "content/libraries/ruse-regional-library.md"
    ruse.write_text(ruse.read_text(encoding="utf-8").replace("type: public\n", "type: public\nlast_confirmed: 2025-01-10\n"))
    crandall = site / "content/libraries/crandall-public-library.md"
    crandall.write_text(
        crandall.read_text(encoding="utf-8").replace("type: public\n", "type: public\nlast_confirmed: 2024-05-27\n")
    )
    result = run_cli("check", "--stale", cwd=site, env=TODAY)  # not a git checkout: no edit dates
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.splitlines() == [
        "content/libraries/crandall-public-library.md:6: not confirmed or edited in 2 years (last confirmed 2024-05-27,"
        " no edit in the git history); ask the library to check its page, then write last_confirmed: 2026-05-28",
        QUIET.format(ago=17),  # issue 15's rule: its partnership's one story is from 2009
        "2 to follow up; today is 2026-05-28 (from SOURCE_DATE_EPOCH); the report looks for:"
        " libraries not confirmed (last_confirmed) or edited (git) in 2 years; active partnerships with no story in 2 years;"
        " stale seeking listings (seeking blocks not confirmed within seeking_fresh_months, 12 by default)",
    ]


def test_stale_report_counts_a_git_edit_as_a_confirmation(site: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    subprocess.run(["git", "add", "-A"], cwd=site, check=True)
    env = {"GIT_COMMITTER_DATE": "2025-03-01T12:00:00Z", "GIT_AUTHOR_DATE": "2025-03-01T12:00:00Z"}
    commit = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "x"]
    subprocess.run(commit, cwd=site, check=True, env={**__import__("os").environ, **env})
    result = run_cli("check", "--stale", cwd=site)  # today: the last commit of content/, 2025-03-01
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        QUIET.format(ago=15),
        "1 to follow up; today is 2025-03-01 (from the last commit of content/); the report looks for:"
        " libraries not confirmed (last_confirmed) or edited (git) in 2 years; active partnerships with no story in 2 years;"
        " stale seeking listings (seeking blocks not confirmed within seeking_fresh_months, 12 by default)",
    ]


def test_the_report_needs_content_without_errors(site: Path) -> None:
    write(site, "stories/bad.md", "---\ntitle: Bad\ndate: 2019\npartnership: nowhere\n---\n")
    result = run_cli("check", "--stale", cwd=site, env=TODAY)
    assert result.returncode == 1 and "there is no partnership 'nowhere'" in result.stderr


# --- today ------------------------------------------------------------------------------------


def test_today_is_source_date_epoch_then_the_last_commit_then_the_newest_content_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    story = Story(kind="story", slug="s", path="p", body="", body_line=1, lines={}, title="t", date=ContentDate(2019, 5))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    assert (today(content, [story]).day, today(content).source) == (date(2026, 5, 28), "SOURCE_DATE_EPOCH")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert (today(content, [story]).day, today(content, [story]).source) == (date(2019, 5, 1), "the newest date in the content")
    assert today(content).day == date(1970, 1, 1)
    (content / "a.md").write_text("x")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    env = {**__import__("os").environ, "GIT_COMMITTER_DATE": "2024-02-29T23:30:00Z"}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "x"], cwd=tmp_path, env=env
    )
    assert today(content, [story]).day == date(2024, 2, 29)  # the commit's UTC day, never the clock


# --- the config file and `new` ----------------------------------------------------------------


def test_a_config_file_that_does_not_exist_is_an_error(site: Path) -> None:
    for command in ("check", "build"):
        result = run_cli(command, "--config", "no-such.toml", cwd=site)
        assert (result.returncode, result.stderr) == (2, "error: no-such.toml: there is no such config file\n")


def test_a_config_file_outside_the_checkout_sets_values_and_keeps_the_templates(site: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path_factory.mktemp("deploy") / "site.toml"
    elsewhere.write_text('[site]\ntitle = "Ruse and Glens Falls"\n', encoding="utf-8")
    result = run_cli("build", "--config", str(elsewhere), "--no-search", "--out", "out", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "<title>Ruse and Glens Falls</title>" in (site / "out/index.html").read_text(encoding="utf-8")


def test_new_refuses_a_file_name_another_kind_uses(site: Path) -> None:
    result = run_cli("new", "story", "crandall-public-library", cwd=site)
    assert result.returncode == 1
    assert result.stderr == (
        "error: content/libraries/crandall-public-library.md already has the file name crandall-public-library:"
        " with two, a wiki link [[crandall-public-library]] would match both; choose another name, for example:"
        " python build.py new story crandall-public-library-story\n"
    )
    assert not (site / "content/stories/crandall-public-library.md").exists()


# --- what is published ------------------------------------------------------------------------


def test_an_indented_paragraph_is_a_paragraph_and_fenced_code_stays_code(tmp_path: Path) -> None:
    body = "Intro.\n\n    An indented paragraph about [[Beta Library]].\n\n```\n[[not a link]]\n```\n"
    story = "---\ntitle: Indented\ndate: 2020\npartnership: alpha-beta\n---\n" + body
    make_project(tmp_path, {**MINI_SITE, "content/stories/indented.md": story})
    result = run_cli("build", "--no-search", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/stories/indented/index.html").read_text(encoding="utf-8")
    assert '<p>An indented paragraph about <a class="wikilink" href="/libraries/beta-library/">Beta Library</a>.</p>' in page
    assert "<pre><code>[[not a link]]\n</code></pre>" in page


def test_links_to_the_sites_own_pages_carry_the_base_path_and_survive_the_cache(tmp_path: Path) -> None:
    story = (
        "---\ntitle: Links\ndate: 2020\npartnership: alpha-beta\n---\n[the other](../first-visit/#h-x) and [all](/stories/?q=a)\n"
    )
    make_project(tmp_path, {**MINI_SITE, "content/stories/links.md": story})
    for n in range(2):  # the second build takes the parsed body from the cache
        if n:
            (tmp_path / "content/pages/why-partner.md").write_text("---\ntitle: Why partner\n---\nChanged.\n", encoding="utf-8")
        result = run_cli("build", "--no-search", "--out", "out", "--base-url", "https://example.org/sub/", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        page = (tmp_path / "out/stories/links/index.html").read_text(encoding="utf-8")
        assert '<a href="/sub/stories/first-visit/#h-x">the other</a> and <a href="/sub/stories/?q=a">all</a>' in page
    assert " 1 rendered," in result.stdout  # only the changed page's text was parsed again
