"""Paths that escape: file names, twins, reserved names, symlinks, slug fields, output paths.

A file name is the entry's slug (lowercase a-z, 0-9, hyphens); anything else is refused with a
suggested name. Symbolic links in content/ are never followed. Slug-valued fields are looked up
among the entries and never joined into a path. Nothing is written outside the output folder.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from sisterlib.cache.folder import cache_dir_for
from sisterlib.output.write import Staging, UnsafePath

from conftest import MINI_SITE, make_project, run_cli
from hostile_site import check_errors

LIB = "---\nname: {name}\ncity: Town\ncountry: BG\ntype: public\n---\nAbout it.\n"
STORY = "---\ntitle: {title}\ndate: 2020-01-01\n{refs}\n---\n{body}\n"
CAFE_NFC = unicodedata.normalize("NFC", "café")
CAFE_NFD = unicodedata.normalize("NFD", "café")
SECRET = "sisterlib-secret-7f3a"  # what the symlinks point at: must never appear anywhere

NAMES: dict[str, tuple[str, list[str]]] = {
    # file name -> (class, parts of its error messages)
    "Biblioteca Nacional de Portugal.md": ("non-slug", ["rename it to biblioteca-nacional-de-portugal.md"]),
    "Библиотека Русе.md": ("non-slug", ["rename it to biblioteka-ruse.md"]),
    "my_story.md": ("non-slug", ["rename it to my-story.md"]),
    "Shouting.MD": ("non-slug", ["rename it to shouting.md"]),
    "notes.txt": ("non-slug", ["only Markdown files ending in .md", "rename it to notes.md"]),
    "double.md.md": ("non-slug", ["rename it to double.md"]),
    "trailing-dot.md.": ("non-slug", ["only Markdown files ending in .md"]),
    "con.md": ("windows", ["'con' is a reserved file name on Windows; rename it to con-library.md"]),
    "aux.md": ("windows", ["'aux' is a reserved file name on Windows"]),
    "nul.md": ("windows", ["'nul' is a reserved file name on Windows"]),
    "com1.md": ("windows", ["'com1' is a reserved file name on Windows"]),
    "lpt9.md": ("windows", ["'lpt9' is a reserved file name on Windows"]),
    "Twin-Case.md": ("case twin", ["rename it to twin-case.md"]),
    "twin-case.md": ("case twin", ["differs from content/libraries/Twin-Case.md only by case or accents"]),
    f"{CAFE_NFD}.md": ("normalisation twin", ["rename it to cafe.md"]),
    f"{CAFE_NFC}.md": ("normalisation twin", ["only by case or accents"]),
}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    root = tmp_path_factory.mktemp("hostile-paths")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(LIB.format(name=SECRET), encoding="utf-8")
    files = {f"content/libraries/{name}": LIB.format(name=f"Library {i}") for i, name in enumerate(NAMES)}
    files |= {
        "content/stories/escaping-slugs.md": STORY.format(
            title="Slugs that try to escape",
            refs="partnership: ../../../etc/passwd\nlibraries: [/etc/passwd, alpha-library]\nactivities: ['..', 'a/../../b']",
            body="See [[../../etc/passwd]] and [[/etc/passwd]] and [[libraries/../../outside/secret]].",
        ),
        "content/libraries/seeking-escape.md": LIB.replace(
            "type: public\n", "type: public\nseeking:\n  interests: [../../etc/passwd]\n"
        ).format(name="Seeking"),
        "content/stories/2020/nested.md": STORY.format(title="Nested", refs="libraries: [alpha-library]", body="x"),
        "content/etc/passwd.md": LIB.format(name="Not a content folder"),
    }
    make_project(root, {**MINI_SITE, **files})
    content = root / "content"
    (content / "libraries" / "secret.md").symlink_to(outside / "secret.md")  # a file link out of content/
    (content / "libraries" / "inside-link.md").symlink_to(content / "libraries" / "alpha-library.md")  # even inside
    (content / "activities" / "loop.md").symlink_to("loop.md")  # a link to itself
    (content / "pages").rename(root / "pages-moved")
    (content / "pages").symlink_to(root / "pages-moved")  # a whole content folder as a link
    errors, stderr = check_errors(root, run_cli)
    assert SECRET not in stderr
    return errors


@pytest.mark.parametrize("name", sorted(NAMES))
def test_bad_file_names_are_refused_with_a_suggestion(reported: dict[str, list[tuple[int, str]]], name: str) -> None:
    got = reported.get(f"content/libraries/{name}", [])
    for part in NAMES[name][1]:
        assert any(part in message for _, message in got), f"{name!r}: no '{part}' in {got}"
    assert all(line == 1 for line, _ in got)


@pytest.mark.parametrize("path", ["libraries/secret.md", "libraries/inside-link.md", "activities/loop.md", "pages"])
def test_symlinks_in_content_are_never_followed(reported: dict[str, list[tuple[int, str]]], path: str) -> None:
    assert reported[f"content/{path}"] == [
        (1, "symbolic links are not followed in the content folder; copy the file here instead")
    ]


def test_slug_fields_and_wiki_links_are_lookups_never_paths(reported: dict[str, list[tuple[int, str]]]) -> None:
    got = reported["content/stories/escaping-slugs.md"]
    messages = [m for _, m in got]
    for part in (
        "partnership: '../../../etc/passwd' is not the file name of a partnership",
        "libraries: '/etc/passwd' is not the file name of a library",
        "activities: '..' is not the file name of an activity",
        "the wiki link [[../../etc/passwd]] does not match any entry",
        "the wiki link [[/etc/passwd]] does not match any entry",
        "the wiki link [[libraries/../../outside/secret]] does not match any entry",
    ):
        assert any(part in m for m in messages), f"no '{part}' in {messages}"
    assert {line for line, _ in got} == {4, 5, 6, 8}
    seeking = reported["content/libraries/seeking-escape.md"]
    assert seeking == [(7, seeking[0][1])] and "'../../etc/passwd' is not the file name of an activity" in seeking[0][1]


def test_sub_folders_and_unknown_folders_are_not_read(reported: dict[str, list[tuple[int, str]]]) -> None:
    assert reported["content/stories/2020"][0][1].startswith("sub-folders are not read")
    assert reported["content/etc"][0][1].startswith("this is not one of the content folders")
    assert "content/stories/2020/nested.md" not in reported


@pytest.mark.parametrize("rel", ["../escape.html", "/etc/passwd", "a/../../x.html", "assets/../../x", "", ".", "..", "a\x00b"])
def test_no_output_path_outside_the_output_folder(tmp_path: Path, rel: str) -> None:
    with Staging(tmp_path / "site") as stage:
        with pytest.raises(UnsafePath):
            stage.write(rel, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert list((tmp_path / "site").rglob("*")) == []


def test_a_hostile_build_writes_only_inside_its_output_folder(tmp_path: Path) -> None:
    from hostile_site import HOSTILE_SITE

    root = make_project(tmp_path / "project", HOSTILE_SITE)
    before = {p for p in tmp_path.rglob("*")}
    result = run_cli("build", "--no-search", "--content", str(root / "content"), "--out", str(root / "out"), cwd=root)
    assert result.returncode == 0, result.stderr
    new = {p for p in tmp_path.rglob("*")} - before
    assert new and all(p == root / "out" or root / "out" in p.parents for p in new)  # the cache lives outside
    cache = cache_dir_for(root / "content")  # named by hashes, never by content
    slugs = [
        Path(rel).parent.name if rel.endswith("/index.md") else Path(rel).stem for rel in HOSTILE_SITE if rel.endswith(".md")
    ]
    assert cache.is_dir() and not [p for p in cache.rglob("*") if any(slug in p.name for slug in slugs)]
    assert not [p for p in (root / "out").rglob("*") if p.is_symlink()]
    assert all(os.path.realpath(p).startswith(str((root / "out").resolve())) for p in (root / "out").rglob("*"))
