"""The benchmark runs end to end on a tiny corpus and prints its table (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli


def test_generated_corpus_passes_check(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", "60", "--out", str(corpus)], check=True)
    stories = [*(corpus / "stories").glob("*.md"), *(corpus / "stories").glob("*/index.md")]  # single files and folders
    assert len(stories) == 60
    assert sorted(p.name for p in corpus.iterdir()) == ["activities", "libraries", "pages", "partnerships", "stories"]
    result = run_cli("check", "--content", str(corpus))
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", "60", "--out", str(again)], check=True)
    for path in corpus.rglob("*.md"):  # seeded: the same files, byte for byte
        assert (again / path.relative_to(corpus)).read_bytes() == path.read_bytes()


def test_bench_prints_the_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--stories", "50", "--corpus", str(tmp_path / "corpus"),
         "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert "| step | seconds | × floor (1 process) |" in table
    for step in (
        "floor: plain loop, 1 process",
        "clean full build, with search index",
        "clean full build, no search index",
        "second build, nothing changed",
        "preview: one-story rebuild",
        "preview: first build, as serve runs it",
        "Pagefind's CLI alone, same pages",
        "Hugo",
    ):
        row = next(line for line in table.splitlines() if line.startswith(f"| {step}"))
        assert row.count("|") == 8, row
    assert "| second build, nothing changed |" in table and "nothing changed: stopped" in table
    assert "| target | measured | met? |" in table
    # no built site is left behind, and the stories edited for the rebuild steps were restored
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("sisterlib-bench-")]
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", "50", "--out", str(fresh)], check=True)
    for path in fresh.rglob("*.md"):
        assert (tmp_path / "corpus" / path.relative_to(fresh)).read_bytes() == path.read_bytes(), path.name


def test_photo_bench_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "photos_bench.py"), "--photos", "3", "--jobs", "2", "--corpus", str(tmp_path / "photos")],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert "| step | 3 photos | 1,000 photos (extrapolated) | unit |" in table
    for step in ("clean build: photo stage", "one story edited, with the cache: photo stage", "published bytes per photo"):
        assert any(line.startswith(f"| {step}") for line in table.splitlines()), step
    assert "Target: the rebuild's photo stage under 5% of the clean one:" in table
    assert len(list((tmp_path / "photos/stories").glob("*/photo-*.jpg"))) == 3
    assert not list((tmp_path / "photos/stories").glob("*/new-photo.jpg"))  # the preview's photo was taken away
