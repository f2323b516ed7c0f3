"""CONTRIBUTING.md tells the truth: its field tables are the checker's table, its examples pass `check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sisterlib.content.fields import FIELDS
from sisterlib.content.scaffold import describe

from conftest import ROOT, run_cli

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SECTIONS = {
    "story": "Story",
    "library": "Library",
    "partnership": "Partnership",
    "activity": "Activity idea",
    "guide": "Guide page",
}


def section(title: str) -> str:
    m = re.search(rf"^### {re.escape(title)} \(.*?\n(.*?)(?=^##)", GUIDE, re.S | re.M)
    assert m, title
    return m.group(1)


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", GUIDE, re.S | re.M)


@pytest.mark.parametrize("kind", list(FIELDS))
def test_field_tables_are_the_checkers_table(kind: str) -> None:
    rows = [line for line in section(SECTIONS[kind]).splitlines() if line.startswith("| `")]
    expected = [
        f"| `{key}` | {'**required**' if f.required else 'optional'} | {describe(f)} | `{key}: {f.example}` |"
        for key, f in FIELDS[kind].items()
    ]
    assert rows == expected


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("guide")
    shutil.copytree(ROOT / "content", root / "content")
    return root


def test_the_story_example_passes_check_with_the_bundled_content(bundled_copy: Path) -> None:
    [story] = [b for b in code_blocks("markdown") if "title:" in b]
    text = "\n".join(line.removeprefix("   ") for line in story.splitlines()) + "\n"
    path = bundled_copy / "content/stories/guide-example.md"
    path.write_text(text, encoding="utf-8")
    try:
        result = run_cli("check", cwd=bundled_copy)
        assert result.returncode == 0, result.stderr
    finally:
        path.unlink()


def test_the_seeking_example_passes_check(bundled_copy: Path) -> None:
    [seeking] = [b for b in code_blocks("yaml") if b.startswith("seeking:")]
    path = bundled_copy / "content/libraries/guide-example.md"
    path.write_text(
        f"---\nname: Example Library\ncity: Ruse\ncountry: BG\ntype: public\n{seeking}---\nAbout.\n", encoding="utf-8"
    )
    try:
        result = run_cli("check", cwd=bundled_copy)
        assert result.returncode == 0, result.stderr
    finally:
        path.unlink()


def test_the_message_shown_in_the_guide_is_the_real_one(bundled_copy: Path) -> None:
    [shown] = [b for b in code_blocks("text") if "my-visit.md:3:" in b]
    path = bundled_copy / "content/stories/my-visit.md"
    path.write_text("---\ntitle: My visit\ndate: 15.06.2021\npartnership: silistra-aurora\n---\nText.\n", encoding="utf-8")
    try:
        result = run_cli("check", cwd=bundled_copy)
        assert result.stderr.splitlines()[0] == shown.strip()
    finally:
        path.unlink()


def test_the_guide_names_the_commands_that_exist() -> None:
    result = run_cli("new", "--help")
    assert result.returncode == 0
    for kind in ("story", "library", "partnership", "activity", "page"):
        assert kind in result.stdout
    assert "python build.py new story my-visit --partnership silistra-aurora" in GUIDE
    assert (ROOT / "content/partnerships/silistra-aurora.md").is_file()
    assert "/contribute/" in GUIDE


def test_the_partnership_example_passes_check(bundled_copy: Path) -> None:
    [example] = [b for b in code_blocks("yaml") if b.startswith("since:")]
    path = bundled_copy / "content/partnerships/guide-example.md"
    path.write_text(
        f"---\nlibraries: [silistra-public-library, aurora-public-library]\nstatus: dormant\n{example}---\nAbout.\n",
        encoding="utf-8",
    )
    try:
        result = run_cli("check", cwd=bundled_copy)
        assert result.returncode == 0, result.stderr
    finally:
        path.unlink()
