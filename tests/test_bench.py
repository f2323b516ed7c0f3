"""The benchmark runs end to end on a tiny corpus and prints its table (no timing is asserted)."""

from __future__ import annotations

import shutil
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


FIGURES = (
    "plain Python floor, 1 process",
    "plain Python floor, 2 processes",
    "Hugo",
    "clean build, no search",
    "· stage: read and validate",
    "· stage: Markdown",
    "· stage: render and write",
    "clean build, with search",
    "Pagefind's CLI alone, same pages",
    "search step of the build",
    "Pagefind's peak memory in the build",
    "second build, nothing changed",
    "build after one story changed (CLI)",
    "peak memory, clean build no search",
    "peak memory, clean build with search",
    "preview: first build, as `serve` runs it",
    "preview: one-story edit, open page ready",
)


def test_bench_prints_the_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--stories", "50", "--corpus", str(tmp_path / "corpus"),
         "--work", str(tmp_path), "--runs", "1", "--jobs", "2"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert "`python bench/run.py --stories 50 " in table  # the command that gave the table
    assert "| figure | measured | target | met? | × floor (2 processes) | × Hugo" in table
    for figure in FIGURES:
        row = next(line for line in table.splitlines() if line.startswith(f"| {figure}"))
        assert row.count("|") == 8, row
        assert row.split("|")[2].strip(), row  # a measured figure in every row
    hugo = next(line for line in table.splitlines() if line.startswith("| Hugo"))
    assert (" s |" in hugo) == bool(shutil.which("hugo")), hugo  # run when installed, else says so
    assert "nothing changed: stopped" in table and "Load average (1 minute)" in table
    one = next(line for line in table.splitlines() if line.startswith("| build after one story changed"))
    assert "% of clean" in one and "Markdown from the cache: 103 of 104 bodies" in one, one
    # no built site is left behind, and the stories edited for the rebuild steps were restored
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("sisterlib-bench-")]
    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", "50", "--out", str(fresh)], check=True)
    for path in fresh.rglob("*.md"):
        assert (tmp_path / "corpus" / path.relative_to(fresh)).read_bytes() == path.read_bytes(), path.name


def test_table_without_hugo_says_so_and_compares_with_the_floor() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from measure import Measured
    from table import report

    rows = {key: Measured(key, seconds) for key, seconds in
            [("floor1", 6.0), ("floor", 4.0), ("clean", 4.1), ("again", 0.3), ("one", 0.5), ("search", 9.0), ("pagefind", 6.0)]}  # fmt: skip
    rows["floor"].label = "plain Python floor, 2 processes"
    rows["hugo"] = Measured("Hugo", note="not installed (apt-get install -y hugo): not run")
    table = report(rows, 10000, 60.0, "python bench/run.py --stories 10000")
    hugo = next(line for line in table.splitlines() if line.startswith("| Hugo"))
    assert "not run" in hugo and "not installed" in hugo
    clean = next(line for line in table.splitlines() if line.startswith("| clean build, no search"))
    assert "within 1.05 × the floor (Hugo absent)" in clean and "| yes |" in clean  # 4.1 / 4.0 = 1.025
    one = next(line for line in table.splitlines() if line.startswith("| build after one story changed"))
    assert "12.2% of clean" in one and "| yes |" in one
    # a Pagefind that ended between two memory samples (a tiny corpus) is said so, not left blank
    peak = next(line for line in table.splitlines() if line.startswith("| Pagefind's peak memory in the build"))
    assert "not caught" in peak.split("|")[2] and "| n/a |" in peak, peak


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
