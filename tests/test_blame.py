"""`check --changed-since REF`, as the pull request check runs it: every error lands on a file
the pull request changed, and a change that breaks untouched files names them.

Each test makes a git repository of the error cases' base site, commits it, changes files as
a contributor's pull request would, and runs the CLI with GITHUB_ACTIONS=true.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

BASE = Path(__file__).parent / "errors" / "base" / "content"
GITHUB = {"GITHUB_ACTIONS": "true", "SOURCE_DATE_EPOCH": "1780000000"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True, capture_output=True
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def annotations(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("::")]


def test_a_renamed_library_is_blamed_on_the_renamed_file_naming_the_files_it_breaks(repo: Path) -> None:
    git(repo, "mv", "content/libraries/ruse-regional-library.md", "content/libraries/ruse-library.md")
    git(repo, "commit", "-q", "-m", "rename")
    result = run_cli("check", "--changed-since", "HEAD~1", cwd=repo, env=GITHUB)
    assert result.returncode == 1
    line = (
        "content/libraries/ruse-library.md:1: this change breaks"
        " content/partnerships/ruse-glens-falls.md:2 (there is no library 'ruse-regional-library'),"
        " content/stories/first-exchange.md:7 (the wiki link [[ruse-regional-library]] does not match any entry);"
        " change those files to match, or undo this change"
    )
    assert result.stderr.splitlines() == [line, "1 error in 1 file"]
    message = line.split(":1: ", 1)[1]
    assert annotations(result) == ["::error file=content/libraries/ruse-library.md,line=1::" + message]


def test_a_changed_name_is_blamed_on_the_name_line(repo: Path) -> None:
    path = repo / "content/libraries/crandall-public-library.md"
    path.write_text(path.read_text(encoding="utf-8").replace("  - Crandall Library\n", "  - The Crandall\n"), encoding="utf-8")
    result = run_cli("check", "--changed-since", "HEAD", cwd=repo, env=GITHUB)  # not committed yet: counts too
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        "content/libraries/crandall-public-library.md:7: this change breaks content/stories/first-exchange.md:7:"
        " the wiki link [[Crandall Library]] does not match any entry"
    )


def test_errors_in_the_changed_files_stay_and_untouched_errors_without_a_cause_stay_too(repo: Path) -> None:
    story = repo / "content/stories/first-exchange.md"
    story.write_text(story.read_text(encoding="utf-8").replace("date: 2009-04-20", "date: 20.04.2009"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "an old mistake on main")
    new = repo / "content/stories/second-exchange.md"
    new.write_text("---\ntitle: The second exchange\ndate: 2010\npartnership: ruse-glens-fall\n---\nMore books.\n")
    result = run_cli("check", "--changed-since", "HEAD", cwd=repo, env=GITHUB)
    assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()[:-1]] == [
        "content/stories/first-exchange.md:3",  # was there before the change: kept where it is
        "content/stories/second-exchange.md:4",
    ]


def test_a_second_file_for_a_library_is_blamed_on_the_new_file(repo: Path) -> None:
    (repo / "content/libraries/ruse-library.md").write_text(
        "---\nname: Ruse Regional Library\ncity: Ruse\ncountry: BG\ntype: public\n---\nAgain.\n", encoding="utf-8"
    )
    result = run_cli("check", "--changed-since", "HEAD", cwd=repo, env=GITHUB)
    assert result.stderr.splitlines()[0] == (
        "content/libraries/ruse-library.md:1: this file breaks content/libraries/ruse-regional-library.md:2:"
        " content/libraries/ruse-library.md is the same library: the same name and city (Ruse Regional Library, Ruse);"
        " keep one of the two files, and change the other files to use its file name"
    )


def test_a_ref_git_does_not_know_is_a_command_line_error(repo: Path) -> None:
    result = run_cli("check", "--changed-since", "no-such-ref", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("error: git diff --name-status failed:") and "Traceback" not in result.stderr
