"""Loaded files cached between builds (cache/entries.py): a file is read and checked again only
when its bytes, its name or the code changed, and the output is always that of a clean build."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sisterlib import pipeline
from sisterlib.cache import entries, fingerprint
from sisterlib.cache.folder import cache_dir_for
from sisterlib.config import load_config
from sisterlib.content.loading import load_all
from sisterlib.errors import BuildFailed

from conftest import ROOT, file_digests


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 stories and their libraries: enough files for the loader to use worker processes."""
    content = tmp_path_factory.mktemp("generated") / "content"
    gen = [sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", "300", "--out", str(content)]
    subprocess.run(gen, check=True, capture_output=True)
    return content


@pytest.fixture
def content(generated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(generated, copy)
    return copy


def build(content: Path, out: Path, cache: bool = True) -> pipeline.BuildReport:
    try:
        return pipeline.build(load_config(None), content, out, search=False, git_dates=False, jobs=2, cache=cache)
    except BuildFailed as failed:
        failed.add_note("\n".join(e.format() for e in failed.errors))
        raise


def assert_as_a_clean_build(content: Path, out: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(content, clean, cache=False)
    assert file_digests(out) == file_digests(clean)


def stories(content: Path) -> list[Path]:
    return sorted((content / "stories").glob("*.md"))


def unlinked(content: Path) -> list[Path]:
    """Stories no other file names, so renaming or deleting one breaks no wiki link."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in content.rglob("*.md"))
    return [p for p in stories(content) if text.count(p.stem) == 0]


def test_an_edit_is_loaded_again_and_every_other_file_comes_from_the_cache(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(content, out)
    files = sum(first.entries_cache)
    assert first.entries_cache == (0, files) and files > 300
    story = stories(content)[7]
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace('title: "', 'title: "Edited: ', 1), encoding="utf-8")
    again = build(content, out)
    assert again.entries_cache == (files - 1, 1)
    assert again.files >= 1
    assert "Edited: " in (out / "stories" / story.stem / "index.html").read_text(encoding="utf-8")
    assert_as_a_clean_build(content, out, tmp_path)
    story.write_text(text, encoding="utf-8")  # back as it was: its first row is still cached
    assert build(content, out).entries_cache == (files, 0)
    assert_as_a_clean_build(content, out, tmp_path)


def test_a_renamed_file_is_loaded_again_under_its_new_name(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    files = sum(build(content, out).entries_cache)
    story = unlinked(content)[3]
    story.rename(story.with_name("a-new-name-for-it.md"))
    report = build(content, out)
    assert report.entries_cache == (files - 1, 1)
    assert (out / "stories" / "a-new-name-for-it" / "index.html").is_file()
    assert not (out / "stories" / story.stem).exists()
    assert_as_a_clean_build(content, out, tmp_path)


def test_a_deleted_file_is_gone_from_the_site(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    files = sum(build(content, out).entries_cache)
    story = unlinked(content)[5]
    story.unlink()
    assert build(content, out).entries_cache == (files - 1, 0)
    assert not (out / "stories" / story.stem).exists()
    assert_as_a_clean_build(content, out, tmp_path)


def test_no_row_is_trusted_across_a_code_or_library_change(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    files = sum(build(content, out).entries_cache)
    assert build(content, tmp_path / "again").entries_cache == (files, 0)
    # code_fingerprint covers every file of the package and every dependency's version (test_cache_keys.py)
    monkeypatch.setattr(fingerprint, "code_fingerprint", lambda: "another version of the code")
    assert build(content, tmp_path / "other").entries_cache == (0, files)
    assert file_digests(tmp_path / "other") == file_digests(out)


def test_a_file_with_errors_gives_the_same_errors_from_the_cache(content: Path, tmp_path: Path) -> None:
    story = stories(content)[2]
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("title: ", "titel: ", 1), encoding="utf-8")
    found = []
    for _ in range(2):
        with pytest.raises(BuildFailed) as failed:
            build(content, tmp_path / "site")
        found.append([e.format() for e in failed.value.errors])
    assert found[0] == found[1] and any("unknown field 'titel'" in e for e in found[0]), found
    with sqlite3.connect(cache_dir_for(content) / entries.FILE) as db:
        assert db.execute(f"SELECT count(*) FROM {entries.TABLE}").fetchone()[0] > 300  # the first failed build stored them
    db.close()
    story.write_text(text, encoding="utf-8")
    build(content, tmp_path / "site")
    assert_as_a_clean_build(content, tmp_path / "site", tmp_path)


def test_every_file_of_the_bundled_content_comes_back_equal() -> None:
    loaded = load_all(ROOT / "content", 1)
    kinds = set()
    for result in loaded.files.values():
        back = entries.decode_result(*entries.encode_result(result), result.folder, result.slug, result.stamp)
        for name in ("digest", "errors", "warnings", "unknown"):
            assert getattr(back, name) == getattr(result, name), name
        for entry, again in ((result.entry, back.entry), (result.placeholder, back.placeholder)):
            assert type(again) is type(entry)
            if entry is not None:
                kinds.add(type(entry).__name__)
                for f in dataclasses.fields(entry):
                    assert getattr(again, f.name) == getattr(entry, f.name), (result, f.name)
    assert kinds == {"Library", "Partnership", "Story", "Activity", "Guide"}


def test_a_row_naming_anything_but_the_content_model_is_a_miss(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        entries.encode(object())
    for row in ('[null, {"c": "Path", "f": ["/etc"]}, null, [], [], {"s": []}]', "not json", "[1, 2]"):
        with pytest.raises((KeyError, ValueError, TypeError)):
            entries.decode_result(row, "", "stories", "x", None)
    cache = entries.EntryCache(tmp_path)
    cache.new = [("k", '[null, {"c": "Path", "f": ["/etc"]}, null, [], [], {"s": []}]', "")]
    cache.store()
    assert cache.readable() and cache.get("k", "stories", "x", None) is None


@pytest.mark.parametrize("site", ["content", "tests/golden-site/content"])
def test_every_field_of_the_content_model_comes_back_from_the_cache(site: str, tmp_path: Path) -> None:
    """The bundled content and the golden fixture use every kind of value (contacts per library,
    days to celebrate, opening hours, sister cities, seeking blocks, photos): a second build
    takes every file from the cache and writes the same bytes as a build with no cache."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / site, content)
    first = build(content, tmp_path / "first")
    assert first.entries_cache[0] == 0 and first.entries_cache[1] > 10
    out = tmp_path / "site"  # another output folder: the build cannot stop at "nothing changed"
    again = build(content, out)
    assert again.entries_cache == (first.entries_cache[1], 0)
    assert_as_a_clean_build(content, out, tmp_path)
