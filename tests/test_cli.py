"""The CLI as a contributor uses it: a subprocess, exit codes, exact `path:line:` messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import MINI_SITE, ROOT, file_digests, make_project, run_cli


def test_build_writes_every_page_kind(mini_site: Path) -> None:
    result = run_cli("build", "--content", str(mini_site / "content"), "--out", str(mini_site / "site"))
    assert result.returncode == 0, result.stderr
    site = mini_site / "site"
    for rel in [
        "index.html",
        "libraries/index.html",
        "libraries/alpha-library/index.html",
        "partnerships/index.html",
        "partnerships/alpha-beta/index.html",
        "stories/index.html",
        "stories/first-visit/index.html",
        "activities/share-cultural-events/index.html",
        "guides/why-partner/index.html",
        "countries/bg/index.html",
        "404.html",
        "assets/style.css",
    ]:
        assert (site / rel).is_file(), rel


def test_default_command_is_build(mini_site: Path) -> None:
    result = run_cli("--content", "content", "--out", "out", cwd=mini_site)
    assert result.returncode == 0, result.stderr
    assert (mini_site / "out" / "index.html").is_file()


def test_three_mistakes_give_three_errors_sorted_with_count(mini_site: Path) -> None:
    make_project(
        mini_site,
        {
            "content/stories/bad.md": """
                ---
                title: A story
                date: 03/05/2019
                partnership: alpha-beta
                activites: [share-cultural-events]
                ---
                See [[no-such-page]].
                """,
        },
    )
    result = run_cli("check", "--content", "content", cwd=mini_site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/stories/bad.md:3: date: '03/05/2019' is not a date in the form YYYY-MM-DD; "
        "write it as YYYY-MM-DD: 2019-05-03 if you mean day 3 of month 5, or 2019-03-05 if you mean day 5 of month 3",
        "content/stories/bad.md:5: unknown field 'activites' for a story; did you mean 'activities'?",
        "content/stories/bad.md:7: the wiki link [[no-such-page]] does not match any entry; "
        "use an entry's file name without .md, a library's name or a title",
        "3 errors in 1 file",
    ]


def test_errors_in_several_files_all_reported(mini_site: Path) -> None:
    make_project(
        mini_site,
        {
            "content/libraries/gamma.md": "---\nname: Gamma\ncity: Oslo\ncountry: Norway\ntype: public\n---\n",
            "content/libraries/delta.md": "---\nname: Delta\ncity: Oslo\ncountry: NO\ntype: pubic\n---\n",
        },
    )
    result = run_cli("check", "--content", "content", cwd=mini_site)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "content/libraries/delta.md:5: type: 'pubic' is not allowed here; did you mean 'public'? "
        "use one of: public, academic, school, national, special",
        "content/libraries/gamma.md:4: country: 'Norway' is not a two-letter country code; use the two-letter code NO for Norway",
        "2 errors in 2 files",
    ]


def test_norway_stays_norway(mini_site: Path) -> None:
    make_project(mini_site, {"content/libraries/oslo.md": "---\nname: Deichman\ncity: Oslo\ncountry: NO\ntype: public\n---\n"})
    result = run_cli("build", "--content", "content", "--out", "site", cwd=mini_site)
    assert result.returncode == 0, result.stderr
    assert "Norway" in (mini_site / "site/libraries/oslo/index.html").read_text()
    assert (mini_site / "site/countries/no/index.html").is_file()


def test_failed_build_leaves_previous_site_untouched(mini_site: Path) -> None:
    assert run_cli("build", "--content", "content", "--out", "site", cwd=mini_site).returncode == 0
    before = file_digests(mini_site / "site")
    make_project(mini_site, {"content/stories/broken.md": "---\ntitle: x\n"})
    result = run_cli("build", "--content", "content", "--out", "site", cwd=mini_site)
    assert result.returncode == 1
    assert "content/stories/broken.md:1: the front matter starting on line 1 is never closed" in result.stderr
    assert file_digests(mini_site / "site") == before
    # no staging folder left behind, and no cache inside the project (it lives outside the checkout)
    assert sorted(p.name for p in mini_site.iterdir()) == ["content", "site"]


def test_no_traceback_for_bad_content(mini_site: Path) -> None:
    make_project(
        mini_site,
        {
            "content/stories/a.md": b"\xff\xfe-\x00-\x00",
            "content/stories/b.md": "---\n- a list\n---\n",
            "content/stories/c.md": "---\ntitle: &x [*x]\n---\n",
            "content/stories/d.md": "---\ncontent: x\nhandler: y\n1: z\n---\n",
        },
    )
    result = run_cli("check", "--content", "content", cwd=mini_site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(line.startswith("content/stories/") for line in result.stderr.splitlines()[:-1])


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    make_project(tmp_path / "a", MINI_SITE)
    make_project(tmp_path / "b", MINI_SITE)
    for name, seed in (("a", "1"), ("b", "2")):
        result = run_cli("build", "--content", "content", "--out", "site", cwd=tmp_path / name, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    assert file_digests(tmp_path / "a/site") == file_digests(tmp_path / "b/site")


def test_check_writes_nothing(mini_site: Path) -> None:
    result = run_cli("check", "--content", "content", cwd=mini_site)
    assert result.returncode == 0, result.stderr
    assert "6 entries checked" in result.stdout
    assert not (mini_site / "site").exists()


def test_what_a_build_prints_comes_through_a_buffered_pipe(mini_site: Path) -> None:
    """After a build or a check the process ends at once (entry.run, os._exit): its report must
    still reach a pipe that Python buffers (no PYTHONUNBUFFERED, as on most machines), and its
    exit code must be the command's."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "GITHUB_ACTIONS")}

    def cli(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, str(ROOT / "build.py"), *args]
        return subprocess.run(command, cwd=mini_site, env=env, capture_output=True, text=True, timeout=120)

    built = cli("build", "--no-search", "--out", "site")
    assert built.returncode == 0 and built.stdout.startswith("built "), built.stderr
    checked = cli("check")
    assert checked.returncode == 0 and "6 entries checked" in checked.stdout, checked.stderr
    story = mini_site / "content" / "stories" / "first-visit.md"
    story.write_text(story.read_text(encoding="utf-8").replace("title:", "colour: blue\ntitle:", 1), encoding="utf-8")
    failed = cli("build", "--no-search", "--out", "site")
    assert failed.returncode == 1 and "first-visit.md:" in failed.stderr and "colour" in failed.stderr
    assert cli("--help").returncode == 0
