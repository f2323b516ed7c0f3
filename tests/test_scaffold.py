"""`python build.py new`: a skeleton for every kind, that fails `check` until it is filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from sisterlib.content import strict_yaml as frontmatter_yaml
from sisterlib.content.fields import FIELDS
from sisterlib.content.kinds import BY_WORD

from conftest import run_cli

# What a contributor writes over each required placeholder, using the mini site's entries.
FILLED = {
    "story": {"title": "Our first visit", "date": "2021-06-15", "partnership": "alpha-beta"},
    "library": {"name": "Gamma Library", "city": "Ruse", "country": "BG", "type": "public"},
    "partnership": {"libraries": "[alpha-library, beta-library]", "status": "active"},
    "activity": {"title": "Share training"},
    "page": {"title": "How to write a story"},
}
FOLDER = {word: kind.folder for word, kind in BY_WORD.items()}


def fill(text: str, values: dict[str, str]) -> str:
    """Do what the skeleton asks: write each required value, and the body."""
    out = []
    for line in text.split("\n"):
        key = line.split(":", 1)[0]
        if key in values:
            line = f"{key}: {values[key]}"
        elif line.startswith("FILL-IN: "):
            line = "We did it together, and it worked."
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("kind", list(BY_WORD))
def test_new_skeleton_fails_check_until_filled_then_passes(mini_site: Path, kind: str) -> None:
    result = run_cli("new", kind, "new-entry", cwd=mini_site)
    path = mini_site / "content" / FOLDER[kind] / "new-entry.md"
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"created content/{FOLDER[kind]}/new-entry.md",
        "next: edit the file (replace every FILL-IN), then run: python build.py check",
    ]
    text = path.read_text(encoding="utf-8")

    # every field of the kind is in the skeleton, required ones first and not commented out
    fields = FIELDS[BY_WORD[kind].name]
    field_lines = [line.removeprefix("# ") for line in text.split("\n") if line.removeprefix("# ").split(":")[0] in fields]
    written = [line.split(":")[0] for line in field_lines]
    assert sorted(written) == sorted(fields)
    required = [k for k, f in fields.items() if f.required]
    assert written[: len(required)] == required
    for key in required:
        assert f"\n{key}: " in text

    # the untouched skeleton is refused, naming each placeholder
    check = run_cli("check", cwd=mini_site)
    assert check.returncode == 1
    problems = [line for line in check.stderr.splitlines() if "new-entry.md" in line]
    expected_keys = required + (["partnership"] if kind == "story" else [])
    assert len(problems) == len(expected_keys) + 1  # one per placeholder field, one for the body
    for key, line in zip(expected_keys, problems, strict=False):
        assert f": '{key}' still says FILL-IN; replace FILL-IN with " in line
    assert problems[-1].endswith(": the text still says FILL-IN; replace FILL-IN with your own text")

    path.write_text(fill(text, FILLED[kind]), encoding="utf-8")
    check = run_cli("check", cwd=mini_site)
    assert check.returncode == 0, check.stderr


def test_optional_line_uncommented_but_not_filled_is_refused(mini_site: Path) -> None:
    assert run_cli("new", "library", "gamma-library", cwd=mini_site).returncode == 0
    path = mini_site / "content/libraries/gamma-library.md"
    text = fill(path.read_text(encoding="utf-8"), FILLED["library"]).replace("# website: FILL-IN", "website: FILL-IN")
    path.write_text(text, encoding="utf-8")
    check = run_cli("check", cwd=mini_site)
    line = text.split("\n").index("website: FILL-IN") + 1
    assert check.stderr.splitlines()[0] == (
        f"content/libraries/gamma-library.md:{line}: 'website' still says FILL-IN; replace FILL-IN with the library's website,"
        " for example: website: https://www.example.org/"
    )


def test_new_story_for_a_partnership_appears_on_its_page(mini_site: Path) -> None:
    result = run_cli("new", "story", "my-visit", "--partnership", "alpha-beta", cwd=mini_site)
    assert result.returncode == 0, result.stderr
    path = mini_site / "content/stories/my-visit.md"
    text = path.read_text(encoding="utf-8")
    assert "\npartnership: alpha-beta\n" in text
    values = {k: v for k, v in FILLED["story"].items() if k != "partnership"} | {"title": "My visit to Beta"}
    path.write_text(fill(text, values), encoding="utf-8")
    assert run_cli("check", cwd=mini_site).returncode == 0
    build = run_cli("build", "--out", "out", cwd=mini_site)
    assert build.returncode == 0, build.stderr
    page = (mini_site / "out/partnerships/alpha-beta/index.html").read_text(encoding="utf-8")
    assert 'href="/stories/my-visit/">My visit to Beta</a>' in page


def test_new_refuses_to_overwrite(mini_site: Path) -> None:
    before = (mini_site / "content/stories/first-visit.md").read_bytes()
    result = run_cli("new", "story", "first-visit", cwd=mini_site)
    assert result.returncode == 1
    assert result.stderr == "error: content/stories/first-visit.md already exists; open it to edit it, or choose another name\n"
    assert (mini_site / "content/stories/first-visit.md").read_bytes() == before


@pytest.mark.parametrize(
    ("slug", "suggestion"),
    [
        ("Библиотека Русе", "biblioteka-ruse"),
        ("My Visit", "my-visit"),
        ("café_2019", "cafe-2019"),
        ("con", "con-1"),
        ("../x", "x"),
    ],
)
def test_new_rejects_a_bad_slug_and_suggests_one(mini_site: Path, slug: str, suggestion: str) -> None:
    result = run_cli("new", "library", slug, cwd=mini_site)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: '{slug}' cannot be a file name: use only lowercase letters a-z, digits and hyphens"
        f" (it becomes the page's web address); try: python build.py new library {suggestion}\n"
    )
    assert sorted(p.name for p in (mini_site / "content/libraries").iterdir()) == ["alpha-library.md", "beta-library.md"]


def test_new_story_with_unknown_partnership_suggests_the_close_one(mini_site: Path) -> None:
    result = run_cli("new", "story", "my-visit", "--partnership", "alpha-bet", cwd=mini_site)
    assert result.returncode == 1
    assert result.stderr == "error: there is no partnership 'alpha-bet'; did you mean alpha-beta?\n"
    assert not (mini_site / "content/stories/my-visit.md").exists()


def test_new_respects_content_option(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    result = run_cli("new", "page", "how-to", "--content", str(tmp_path / "elsewhere"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere/pages/how-to.md").is_file()
    missing = run_cli("new", "page", "how-to", cwd=tmp_path)
    assert missing.returncode == 1
    assert "the content folder content/ does not exist" in missing.stderr


@pytest.mark.parametrize(("kind", "key"), [(k, f) for k, table in FIELDS.items() for f in table])
def test_every_example_in_the_field_table_is_valid(kind: str, key: str) -> None:
    """The examples are shown in hints, in skeletons and in CONTRIBUTING.md: they must pass their own checker."""
    field = FIELDS[kind][key]
    parsed = frontmatter_yaml.parse(f"{key}: {field.example}")
    assert not parsed.problems
    field.check(parsed.data[key])
    assert field.help
