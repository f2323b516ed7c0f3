"""The fast build (issue 8): parallel rendering, the Markdown cache, unchanged files left alone,
a build with nothing changed that does nothing, and the previous site kept on failure."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sisterlib.cache.folder import cache_dir_for
from sisterlib.cache.markdown import FILE, TABLE
from sisterlib.cache.record import BuildRecord, manifest

from conftest import MINI_SITE, ROOT, file_digests, make_project, run_cli


def cached_bodies(content: Path) -> int:
    with sqlite3.connect(cache_dir_for(content) / FILE) as db:
        (count,) = db.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
    db.close()
    return count


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file: (sha256, inode, mtime_ns)."""
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def build(project: Path, *extra: str, out: str = "site") -> str:
    result = run_cli("build", "--content", "content", "--out", out, "--no-git-dates", "--no-search", *extra, cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus big enough (300 stories, ~450 pages) for the build to use worker processes."""
    project = tmp_path_factory.mktemp("corpus")
    gen = [sys.executable, str(ROOT / "bench" / "generate.py"), "--stories", "300", "--out", str(project / "content")]
    subprocess.run(gen, check=True, capture_output=True)
    return project


def test_parallel_build_is_byte_identical_to_a_serial_one(corpus: Path) -> None:
    build(corpus, "--jobs", "2", "--no-cache", out="parallel")
    env_seed = {"PYTHONHASHSEED": "7"}
    result = run_cli(
        "build", "--content", "content", "--out", "serial", "--no-git-dates", "--no-search", "--jobs", "1", "--no-cache",
        cwd=corpus, env=env_seed,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    parallel, serial = file_digests(corpus / "parallel"), file_digests(corpus / "serial")
    assert len(parallel) > 400
    assert parallel == serial
    assert not (cache_dir_for(corpus / "content")).exists()  # --no-cache reads and writes nothing in the cache


def test_cached_build_equals_uncached_and_cache_is_safe_to_delete(corpus: Path) -> None:
    build(corpus, "--no-cache", out="reference")
    build(corpus, out="cached")  # fills the cache
    assert cached_bodies(corpus / "content") > 300
    shutil.rmtree(corpus / "cached")
    out = build(corpus, out="cached")  # Markdown from the cache
    assert "texts: 0 rendered, " in out
    assert file_digests(corpus / "cached") == file_digests(corpus / "reference")
    shutil.rmtree(cache_dir_for(corpus / "content"))
    shutil.rmtree(corpus / "cached")
    build(corpus, out="cached")
    assert file_digests(corpus / "cached") == file_digests(corpus / "reference")


def test_second_build_with_nothing_changed_does_nothing(mini_site: Path) -> None:
    build(mini_site)
    before = snapshot(mini_site / "site")
    out = build(mini_site)
    assert "nothing changed since the last build" in out
    assert snapshot(mini_site / "site") == before


def test_output_edited_by_hand_is_repaired(mini_site: Path) -> None:
    build(mini_site)
    before = file_digests(mini_site / "site")
    (mini_site / "site" / "stories" / "first-visit" / "index.html").write_text("broken by hand")
    (mini_site / "site" / "libraries" / "alpha-library" / "index.html").unlink()
    (mini_site / "site" / "extra.html").write_text("not made by the build")
    out = build(mini_site)
    assert "nothing changed" not in out
    assert file_digests(mini_site / "site") == before


def test_a_change_rewrites_only_the_files_that_differ(mini_site: Path) -> None:
    build(mini_site)
    before = snapshot(mini_site / "site")
    story = mini_site / "content" / "stories" / "first-visit.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    out = build(mini_site)
    assert "texts: 1 rendered, 5 from the cache" in out
    after = snapshot(mini_site / "site")
    assert set(after) == set(before)
    changed = sorted(rel for rel in after if after[rel] != before[rel])
    assert "stories/first-visit/index.html" in changed
    assert f"({len(changed)} files written;" in out
    for rel in set(after) - set(changed):  # the same file: not rewritten, not even touched
        assert after[rel] == before[rel]
    assert len(changed) < len(after) // 2


def test_removed_entry_pages_are_deleted(mini_site: Path) -> None:
    build(mini_site)
    assert (mini_site / "site" / "guides" / "why-partner" / "index.html").is_file()
    (mini_site / "content" / "pages" / "why-partner.md").unlink()
    build(mini_site)
    assert not (mini_site / "site" / "guides" / "why-partner").exists()
    assert not [p for p in mini_site.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


def test_the_record_lists_exactly_the_files_the_output_holds(mini_site: Path) -> None:
    """The record's manifest is made from the files the build produced, not by walking the
    output: it must be what a walk finds, after a first build and after one that adds, changes
    and deletes files (and removes one planted by hand)."""

    def recorded() -> dict:
        stamp = BuildRecord(cache_dir_for(mini_site / "content"), mini_site / "site").load()
        assert stamp is not None
        return stamp.files

    build(mini_site)
    assert recorded() == manifest(mini_site / "site")
    story = mini_site / "content" / "stories" / "first-visit.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    (mini_site / "content" / "pages" / "why-partner.md").unlink()
    (mini_site / "site" / "planted.html").write_text("not made by the build")
    (mini_site / "site" / "planted" / "deep").mkdir(parents=True)  # folders the build does not make go too
    (mini_site / "site" / "planted" / "deep" / "index.html").write_text("not made by the build")
    (mini_site / "site" / "empty").mkdir()
    guide = next(p.parent for p in (mini_site / "site").rglob("index.html") if p.parent.name == "why-partner")
    build(mini_site)
    assert "planted.html" not in recorded()
    assert not guide.exists() and guide.parent.is_dir()  # the deleted page's folder, not its section's
    assert not (mini_site / "site" / "planted").exists() and not (mini_site / "site" / "empty").exists()
    assert recorded() == manifest(mini_site / "site")
    assert "nothing changed since the last build" in build(mini_site)


def test_cached_body_follows_a_renamed_link_target(mini_site: Path) -> None:
    """The story links [[beta-library|Beta]]; the partnership body links [[Alpha Library]]. The
    cache is keyed by the body's text, so it must notice that a linked entry changed."""
    build(mini_site)
    lib = mini_site / "content" / "libraries" / "alpha-library.md"
    lib.write_text(lib.read_text(encoding="utf-8").replace("name: Alpha Library", "name: Alpha City Library"), encoding="utf-8")
    partnership = mini_site / "content" / "partnerships" / "alpha-beta.md"
    partnership.write_text(partnership.read_text(encoding="utf-8").replace("[[Alpha Library]]", "[[alpha-library]]"))
    build(mini_site)
    html = (mini_site / "site" / "partnerships" / "alpha-beta" / "index.html").read_text(encoding="utf-8")
    assert ">Alpha City Library</a>" in html
    # the same body text, now resolving to another title: rendered again, not taken from the cache
    lib.write_text(lib.read_text(encoding="utf-8").replace("name: Alpha City Library", "name: Alpha Town Library"))
    build(mini_site)
    html = (mini_site / "site" / "partnerships" / "alpha-beta" / "index.html").read_text(encoding="utf-8")
    assert ">Alpha Town Library</a>" in html and "Alpha City Library" not in html
    shutil.rmtree(cache_dir_for(mini_site / "content"))
    before = file_digests(mini_site / "site")
    shutil.rmtree(mini_site / "site")
    build(mini_site)
    assert file_digests(mini_site / "site") == before


def test_failed_build_keeps_site_and_next_good_build_is_complete(mini_site: Path) -> None:
    build(mini_site)
    before = snapshot(mini_site / "site")
    bad = mini_site / "content" / "stories" / "bad.md"
    bad.write_text("---\ntitle: Bad\ndate: 2020-01-01\npartnership: alpha-beta\n---\nSee [[no-such-entry]].\n")
    result = run_cli("build", "--content", "content", "--out", "site", "--no-git-dates", "--no-search", cwd=mini_site)
    assert result.returncode == 1
    assert snapshot(mini_site / "site") == before
    bad.unlink()
    assert "nothing changed" in build(mini_site)  # the content is back to what the site was built from


def test_link_planted_in_the_output_is_removed_not_followed(mini_site: Path, tmp_path: Path) -> None:
    build(mini_site)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    stories = mini_site / "site" / "stories"
    shutil.rmtree(stories)
    os.symlink(outside, stories)
    build(mini_site)
    assert not stories.is_symlink() and (stories / "first-visit" / "index.html").is_file()
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


def test_search_index_is_kept_when_no_indexed_page_changed(tmp_path: Path) -> None:
    project = make_project(tmp_path, MINI_SITE)
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "assets", project / "assets")
    (project / "sisterlib.toml").write_text((ROOT / "sisterlib.toml").read_text(encoding="utf-8"), encoding="utf-8")
    args = ("build", "--content", "content", "--out", "site", "--no-git-dates")
    assert run_cli(*args, cwd=project).returncode == 0
    bundle = project / "site" / "pagefind"
    before = snapshot(bundle)
    assert "pagefind.js" in before
    css = project / "assets" / "style.css"  # changes the asset only, no indexed page
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a change */\n", encoding="utf-8")
    no_indexer = {"PAGEFIND_BINARY_PATH": str(tmp_path / "no-such-pagefind")}  # running the indexer would fail
    result = run_cli(*args, cwd=project, env=no_indexer)
    assert result.returncode == 0, result.stderr
    assert snapshot(bundle) == before  # kept as it was
    story = project / "content" / "stories" / "first-visit.md"
    story.write_text(story.read_text(encoding="utf-8").replace("visited.", "visited twice."), encoding="utf-8")
    result = run_cli(*args, cwd=project, env=no_indexer)
    assert result.returncode == 1 and "search" in result.stderr  # an indexed page changed: the index must be rebuilt
    assert snapshot(bundle) == before
    assert run_cli(*args, cwd=project).returncode == 0
    after = snapshot(bundle)
    assert after != before and "pagefind.js" in after


def test_what_links_here_stays_short_on_a_popular_page(tmp_path: Path) -> None:
    """An activity tagged by thousands of stories must not list them all on its page."""
    files = dict(MINI_SITE)
    for i in range(130):
        files[f"content/stories/story-{i:03d}.md"] = f"""
            ---
            title: Story number {i:03d}
            date: 2020-01-01
            partnership: alpha-beta
            activities: [share-cultural-events]
            ---
            A story.
            """
    project = make_project(tmp_path, files)
    build(project)
    html = (project / "site" / "activities" / "share-cultural-events" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('class="backlinks"') : html.index("</section>", html.index('class="backlinks"'))]
    assert section.count("<li>") == 100
    assert "And 32 more pages." in section  # 131 stories and the partnership link here
    assert 'href="/activities/share-cultural-events/stories/">All 131 stories</a>' in section
    assert (project / "site" / "activities" / "share-cultural-events" / "stories" / "page" / "3" / "index.html").is_file()


def test_a_cache_planted_in_the_project_is_never_read(mini_site: Path) -> None:
    """Cached HTML is trusted output: a `.cache/` committed by a pull request must not reach pages."""
    build(mini_site)
    real = cache_dir_for(mini_site / "content")
    assert cached_bodies(mini_site / "content") > 0
    with sqlite3.connect(real / FILE) as db:  # poisoned: every cached body carries a script
        db.execute(f"UPDATE {TABLE} SET html = replace(html, '<p>', '<p><script>alert(''cache'')</script>')")
    db.close()
    shutil.rmtree(mini_site / "site")
    build(mini_site)  # the real cache is trusted: this is what a planted one would do
    assert [p for p in (mini_site / "site").rglob("*.html") if "alert('cache')" in p.read_text(encoding="utf-8")]
    planted = mini_site / ".cache"
    shutil.copytree(real, planted)
    shutil.rmtree(real)
    shutil.rmtree(mini_site / "site")
    build(mini_site)
    pages = [p.read_text(encoding="utf-8") for p in (mini_site / "site").rglob("*.html")]
    assert pages and not [p for p in pages if "alert('cache')" in p]
