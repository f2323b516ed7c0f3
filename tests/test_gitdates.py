""" "Last updated" from git history and "Edit this page", on entry pages, as a maintainer builds them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import MINI_SITE, ROOT, file_digests, make_project, run_cli


def git(cwd: Path, *args: str, when: str = "2021-01-02T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Librarian",
        "GIT_AUTHOR_EMAIL": "librarian@example.org",
        "GIT_COMMITTER_NAME": "Librarian",
        "GIT_COMMITTER_EMAIL": "librarian@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def updated_line(html: str) -> str:
    lines = [line for line in html.splitlines() if "last-updated" in line]
    return lines[0] if lines else ""


def test_last_updated_is_the_day_of_the_last_commit(mini_site: Path) -> None:
    git(mini_site, "init", "-q", "-b", "main")
    git(mini_site, "add", "content")
    git(mini_site, "commit", "-q", "-m", "first")
    story = mini_site / "content/stories/first-visit.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    git(mini_site, "commit", "-q", "-am", "edit the story", when="2023-03-04T23:30:00-05:00")  # 5 March in UTC
    make_project(mini_site, {"content/pages/draft.md": "---\ntitle: Draft\n---\nNot committed yet.\n"})

    result = run_cli("build", "--out", "out", cwd=mini_site)
    assert result.returncode == 0, result.stderr
    out = mini_site / "out"

    def page(rel: str) -> str:
        return (out / rel / "index.html").read_text(encoding="utf-8")

    # git's %cs is the committer's own calendar day, as the contributor saw it
    expected = '<p class="meta last-updated" data-pagefind-ignore>Last updated: <time datetime="2023-03-04">2023-03-04</time></p>'
    assert updated_line(page("stories/first-visit")) == expected
    assert '<time datetime="2021-01-02">2021-01-02</time>' in updated_line(page("libraries/alpha-library"))
    assert '<time datetime="2021-01-02">' in updated_line(page("partnerships/alpha-beta"))
    assert '<time datetime="2021-01-02">' in updated_line(page("activities/share-cultural-events"))
    assert '<time datetime="2021-01-02">' in updated_line(page("guides/why-partner"))
    assert updated_line(page("guides/draft")) == ""  # not committed: no date rather than a wrong one
    assert updated_line(page("stories")) == ""  # listings have no single source file

    skipped = run_cli("build", "--out", "out-skipped", "--no-git-dates", cwd=mini_site)
    assert skipped.returncode == 0, skipped.stderr
    assert "last-updated" not in (mini_site / "out-skipped/stories/first-visit/index.html").read_text(encoding="utf-8")


def test_content_folder_below_the_repository_root(tmp_path: Path) -> None:
    make_project(tmp_path / "wiki", MINI_SITE)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", when="2020-02-29T12:00:00+00:00")
    result = run_cli("build", "--content", "wiki/content", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/stories/first-visit/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2020-02-29">2020-02-29</time>' in updated_line(html)


def test_outside_git_there_is_no_date_and_the_build_is_the_same(mini_site: Path) -> None:
    assert run_cli("build", "--out", "a", cwd=mini_site).returncode == 0
    assert run_cli("build", "--out", "b", "--no-git-dates", cwd=mini_site).returncode == 0
    assert file_digests(mini_site / "a") == file_digests(mini_site / "b")
    assert "last-updated" not in (mini_site / "a/stories/first-visit/index.html").read_text(encoding="utf-8")


def test_edit_this_page_links_to_the_file_on_github(tmp_path: Path) -> None:
    config = '[site]\nrepo_url = "https://github.com/owner/sister-libraries/"\nrepo_branch = "main"\n'
    make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": config})
    for folder in ("templates", "assets"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    result = run_cli("build", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = {
        "stories/first-visit": "content/stories/first-visit.md",
        "libraries/alpha-library": "content/libraries/alpha-library.md",
        "partnerships/alpha-beta": "content/partnerships/alpha-beta.md",
        "activities/share-cultural-events": "content/activities/share-cultural-events.md",
        "guides/why-partner": "content/pages/why-partner.md",
    }
    for url, file in expected.items():
        html = (tmp_path / "out" / url / "index.html").read_text(encoding="utf-8")
        link = f'<a href="https://github.com/owner/sister-libraries/edit/main/{file}">Edit this page</a>'
        assert link in html, url
        assert (tmp_path / file).is_file()  # the link names a file that exists in the repository


def test_an_entry_in_its_own_folder_has_its_date_and_edit_link(tmp_path: Path) -> None:
    from photo_site import PHOTO_SITE

    root = make_project(tmp_path, {**PHOTO_SITE, "sisterlib.toml": '[site]\nrepo_url = "https://github.com/o/r"\n'})
    for folder in ("templates", "assets"):
        (root / folder).symlink_to(ROOT / folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "first", when="2022-05-06T10:00:00+00:00")
    result = run_cli("build", "--no-search", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "out/stories/drawings-travel/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2022-05-06">2022-05-06</time>' in updated_line(html)
    assert 'href="https://github.com/o/r/edit/main/content/stories/drawings-travel/index.md"' in html
