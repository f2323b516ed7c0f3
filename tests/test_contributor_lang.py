"""`check` and `new` speak the contributor's language (issue 19): `--lang bg`, or the
environment's locale when it is one of the site's languages; English stays the default.
The CLI runs as a subprocess, as a contributor runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

from sisterlib.content.fields import FIELDS
from sisterlib.content.hours import DEFAULT_HOURS
from sisterlib.i18n.locale_env import environment_language

from conftest import run_cli

ERRORS = Path(__file__).parent / "errors"
# No locale from the machine running the tests: each test says which one it means.
NO_LOCALE = {"SOURCE_DATE_EPOCH": "1780000000", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
ENGLISH = (ERRORS / "curly-quotes" / "expected.txt").read_text(encoding="utf-8").splitlines()


def _planted(tmp_path: Path) -> Path:
    """The error cases' base site with one library whose country is in curly quotes."""
    shutil.copytree(ERRORS / "base" / "content", tmp_path / "content")
    shutil.copytree(ERRORS / "curly-quotes" / "content", tmp_path / "content", dirs_exist_ok=True)
    return tmp_path


def _prefix(line: str) -> str:
    return ":".join(line.split(":")[:2]) + ":"


def test_check_lang_bg_prints_bulgarian_with_the_same_path_line_prefix(tmp_path: Path) -> None:
    result = run_cli("check", "--lang", "bg", cwd=_planted(tmp_path), env=NO_LOCALE)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:-1] != ENGLISH
    assert [_prefix(line) for line in lines[:-1]] == [_prefix(line) for line in ENGLISH]
    assert lines[0] == (
        "content/libraries/ruse-city-library.md:4: country: '“BG”' не е код на държава; стойността е в типографски"
        ' кавички, които YAML не чете като кавички: напишете country: "BG"'
    )
    assert lines[1].startswith("content/libraries/ruse-city-library.md:2: внимание: name: ")
    assert lines[-1] == "1 грешка в 1 файл и 1 предупреждение"


def test_the_environment_locale_selects_bulgarian(tmp_path: Path) -> None:
    result = run_cli("check", cwd=_planted(tmp_path), env={**NO_LOCALE, "LANG": "bg_BG.UTF-8"})
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "1 грешка в 1 файл и 1 предупреждение"
    assert "не е код на държава" in result.stderr


def test_lang_overrides_the_environment_and_language_comes_first(tmp_path: Path) -> None:
    site = _planted(tmp_path)
    english = run_cli("check", "--lang", "en", cwd=site, env={**NO_LOCALE, "LANG": "bg_BG.UTF-8"})
    assert english.stderr.splitlines()[:-1] == ENGLISH
    listed = run_cli("check", cwd=site, env={**NO_LOCALE, "LANGUAGE": "fr:bg", "LANG": "en_US.UTF-8"})
    assert listed.stderr.splitlines()[-1] == "1 грешка в 1 файл и 1 предупреждение"


def test_an_unknown_lang_is_refused(tmp_path: Path) -> None:
    result = run_cli("check", "--lang", "xx", cwd=_planted(tmp_path), env=NO_LOCALE)
    assert result.returncode == 2
    assert "argument --lang: invalid choice: 'xx' (choose from 'en', 'bg', 'es')" in result.stderr
    assert "content/" not in result.stderr  # refused before any checking


def test_english_stays_the_default(tmp_path: Path) -> None:
    site = _planted(tmp_path)
    for env in (NO_LOCALE, {**NO_LOCALE, "LANG": "fr_FR.UTF-8"}):  # a language the site has no catalog for
        result = run_cli("check", cwd=site, env=env)
        assert result.stderr.splitlines() == [*ENGLISH, "1 error in 1 file and 1 warning"]


def test_new_lang_bg_writes_a_bulgarian_skeleton_that_check_still_refuses(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = run_cli("new", "story", "my-visit", "--lang", "bg", cwd=tmp_path, env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "създаден е content/stories/my-visit.md",
        "сега: попълнете файла (заменете всяко FILL-IN) и изпълнете: python build.py check",
    ]
    text = (tmp_path / "content" / "stories" / "my-visit.md").read_text(encoding="utf-8")
    assert "# Задължителни: попълнете всички." in text
    assert "# Заглавието на историята. Пример: Teenagers run the library's volunteer program\ntitle: FILL-IN" in text
    assert "FILL-IN: Тук разкажете историята." in text
    again = run_cli("new", "story", "my-visit", "--lang", "bg", cwd=tmp_path, env=NO_LOCALE)
    assert again.returncode == 1
    assert "вече съществува" in again.stderr


def test_environment_language_follows_gettexts_order() -> None:
    languages = ("en", "bg", "es")
    assert environment_language({"LANG": "bg_BG.UTF-8"}, languages) == "bg"
    assert environment_language({"LC_ALL": "es_ES.UTF-8", "LANG": "bg_BG.UTF-8"}, languages) == "es"
    assert environment_language({"LANGUAGE": "de:es", "LC_ALL": "bg_BG"}, languages) == "es"
    assert environment_language({"LC_MESSAGES": "C", "LANG": "bg_BG"}, languages) is None
    assert environment_language({"LANGUAGE": "", "LANG": "bg_BG@cyrillic"}, languages) == "bg"
    assert environment_language({"LANG": "fr_FR.UTF-8"}, languages) is None
    assert environment_language({}, languages) is None


def test_the_hours_help_names_the_default_hours() -> None:
    """The help is a literal (for translation), so it must be kept equal to DEFAULT_HOURS by hand."""
    assert FIELDS["library"]["hours"].help.endswith(f"without it, {DEFAULT_HOURS}")
