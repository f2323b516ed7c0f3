"""One folder per contributor mistake: `tests/errors/<case>/content/...` and `expected.txt`.

Each case is the small site of `tests/errors/base/` (which checks clean) with the case's files
added or put in place of the base's, checked by the CLI as a subprocess, as a contributor
runs it. `expected.txt` holds the exact `path:line: message; hint` lines `check` prints
(errors, then `warning:` lines), and nothing else may be printed but the count line (or,
with no error, the `ok:` line). "Today" is fixed with SOURCE_DATE_EPOCH. To add a case, make
its folder and write the lines you expect; a case folder never holds more than one mistake's
files (the files it names must not get an error from another file's mistake).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sisterlib.errors import ContentError, count_line

from conftest import run_cli

ERRORS = Path(__file__).parent / "errors"
CASES = sorted(p.name for p in ERRORS.iterdir() if p.is_dir() and p.name != "base")
TODAY = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28


def site_of(case: str, tmp_path: Path) -> Path:
    shutil.copytree(ERRORS / "base" / "content", tmp_path / "content")
    if case != "base":
        shutil.copytree(ERRORS / case / "content", tmp_path / "content", dirs_exist_ok=True)
    return tmp_path


def test_there_are_thirty_cases_and_more() -> None:
    assert len(CASES) >= 30


def test_the_base_site_checks_clean(tmp_path: Path) -> None:
    result = run_cli("check", cwd=site_of("base", tmp_path), env=TODAY)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "ok: 6 entries checked, no problems found\n")


@pytest.mark.parametrize("case", CASES)
def test_error_case_prints_exactly_its_lines(case: str, tmp_path: Path) -> None:
    expected = (ERRORS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}: expected.txt is empty"
    result = run_cli("check", cwd=site_of(case, tmp_path), env=TODAY)
    errors = [_parsed(line) for line in expected if ": warning: " not in line]
    warnings = [_parsed(line) for line in expected if ": warning: " in line]
    if errors:
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stderr.splitlines() == [*expected, count_line(errors, warnings)]
        assert result.stdout == ""
    else:
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines() == expected
        assert result.stdout.startswith("ok: ") and result.stdout.endswith(
            f"; {len(warnings)} warning{'s' * (len(warnings) > 1)}\n"
        )


def test_check_twice_prints_the_same_lines(tmp_path: Path) -> None:
    """Every case's files together: two runs on unchanged content print the same bytes."""
    site = site_of("base", tmp_path)
    for case in CASES:
        shutil.copytree(ERRORS / case / "content", site / "content", dirs_exist_ok=True)
    first = run_cli("check", cwd=site, env=TODAY)
    second = run_cli("check", cwd=site, env=TODAY)
    assert first.returncode == 1 and first.stderr.count("\n") > 15
    assert (first.stdout, first.stderr) == (second.stdout, second.stderr)


def _parsed(line: str) -> ContentError:
    path, number, rest = line.split(":", 2)
    return ContentError(path, int(number), rest)
