"""The preview's builds (sisterlib/preview/state.py): the build's stages run again on what changed.

The main guarantee: after any single-file edit, the incremental output equals a clean full
build byte for byte, and a content error leaves the output as it was and reports exactly
what `check` reports. The rest shows that a change re-renders the pages that depend on it
and not the others.
"""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
from pathlib import Path

import pytest

from sisterlib import pipeline
from sisterlib.config import Config, load_config
from sisterlib.content.translations import translation_name
from sisterlib.errors import BuildFailed
from sisterlib.output.pages import plan
from sisterlib.preview.state import Preview
from sisterlib.resolve.site import TRANSLATED, build_site

from conftest import ROOT, file_digests, run_cli

ACTIVITIES = sorted(p.stem for p in (ROOT / "content" / "activities").glob("*.md"))
PARTNERSHIPS = sorted(p.stem for p in (ROOT / "content" / "partnerships").glob("*.md"))


def fixture_site(tmp_path: Path, extra_stories: int = 45) -> Path:
    """The bundled content plus generated stories: enough for a second /stories/ page and a
    partnership with more stories than fit on its page."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for folder in ("templates", "assets"):  # a private copy: others may be editing the real ones
        shutil.copytree(ROOT / folder, tmp_path / folder)
    rnd = random.Random(7)
    for i in range(extra_stories):
        partnership = "silistra-aurora" if i % 3 == 0 else rnd.choice(PARTNERSHIPS)
        (content / "stories" / f"generated-{i}.md").write_text(
            f"---\ntitle: Generated story {i}\ndate: {rnd.randint(1995, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}\n"
            f"partnership: {partnership}\nactivities: [{rnd.choice(ACTIVITIES)}]\n---\n"
            f"Story {i} is about [[{partnership}]].\n",
            encoding="utf-8",
        )
    return content


def set_field(text: str, key: str, value: str | None) -> str:
    """Set (or with None remove) a top-level front-matter field."""
    head, sep, body = text[4:].partition("\n---\n")
    lines = [line for line in head.split("\n") if not re.match(rf"{key}:", line)]
    if value is not None:
        lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + sep + body


def drop_field(text: str, key: str) -> str:
    """Remove a top-level field with the indented or `- item` lines under it."""
    return re.sub(rf"^{key}:.*\n(?:(?:[ \t]+|- ).*\n)*", "", text, count=1, flags=re.M)


def get_field(text: str, key: str) -> str | None:
    m = re.search(rf"^{key}: (.*)$", text.split("\n---\n", 1)[0], re.M)
    return m.group(1) if m else None


def originals(folder: Path) -> list[Path]:
    """The entries' own files, not their translations (x.bg.md: tests/test_languages.py edits those)."""
    return sorted(p for p in folder.glob("*.md") if not translation_name(p.name))


class RandomEditor:
    """Random single-file edits, as contributors make them. A mistake is usually fixed by the
    next edit, so most steps compare two good builds and some compare two error lists."""

    def __init__(self, seed: int, content: Path):
        self.rnd = random.Random(seed)
        self.content = content
        self.added = 0
        self.broken: tuple[Path, str] | None = None  # a file with a mistake and its good text

    def __call__(self) -> Path:
        rnd = self.rnd
        if self.broken and rnd.random() < 0.8:
            path, text = self.broken
            self.broken = None
            path.write_text(text, encoding="utf-8")
            return path
        kind = rnd.choice(["stories"] * 6 + ["libraries"] * 2 + ["partnerships", "activities", "pages"])
        path = rnd.choice(originals(self.content / kind))
        text = path.read_text(encoding="utf-8")
        section = rnd.choice(["libraries", "stories", "partnerships", "activities"])
        others = sorted(p.stem for p in originals(self.content / section))
        action = rnd.randrange(12)
        if action == 0 and kind == "stories" and path.stem.startswith(("generated-", "added-")):  # nothing links to these
            path.unlink()
            return path
        if action == 1:
            self.added += 1
            new = self.content / kind / f"added-{self.added}.md"
            field = {"libraries": "name", "partnerships": None}.get(kind, "title")
            if kind == "libraries":  # another library: not the same website or other names (that would be an error)
                text = drop_field(drop_field(text, "website"), "aliases")
            new.write_text(set_field(text, field, f"Added entry {self.added}") if field else text, encoding="utf-8")
            return new
        if action == 2:
            text += f"\nSee also [[{rnd.choice(others)}]].\n"
        elif action == 3:
            text += "\nAnother paragraph about the partnership.\n"
        elif action == 4 and kind != "libraries":
            text = set_field(text, "title", f"A new title {rnd.randrange(1000)}")
        elif action == 5 and kind == "stories":
            text = set_field(text, "date", f"{rnd.randint(1990, 2026)}-{rnd.randint(1, 12):02d}")
        elif action == 6 and kind == "stories":
            text = set_field(text, "partnership", rnd.choice(PARTNERSHIPS))
        elif action == 7 and kind == "libraries":
            text = set_field(text, "name", f"Renamed Library {rnd.randrange(1000)}")
        elif action == 8 and kind == "libraries":
            text = set_field(text, "country", rnd.choice(["BG", "US", "NO", "IT", "GB"]))
        elif action == 9:
            text = set_field(text, "summary", f"A changed summary {rnd.randrange(1000)}.")
        elif action == 10:  # a mistake; one in a library or a partnership leaves a placeholder that others still name
            self.broken = (path, text)
            mistakes = [set_field(text, "colour", "blue"), text + "\n[[no-such-entry]]\n"]
            if kind == "libraries":
                mistakes += [set_field(text, "country", "Bulgria"), text.replace("\ncity: ", "\ncity:", 1)]
            if kind == "partnerships":
                mistakes.append(set_field(text, "status", "activ"))
            text = rnd.choice(mistakes)
        elif action == 11 and kind == "stories":
            text = set_field(text, "activities", f"[{rnd.choice(ACTIVITIES)}]")
        else:  # a small change in the body
            head, sep, body = text[4:].partition("\n---\n")
            text = "---\n" + head + sep + body.replace("library", "Library", 1) + "\n"
        path.write_text(text, encoding="utf-8")
        return path


def project_config(content: Path) -> Config:
    """The config for a fixture_site: its own copy of the templates and assets."""
    return dataclasses.replace(load_config(None), project_root=content.parent)


def clean_build(content: Path, out: Path):  # type: ignore[no-untyped-def]
    """The reference: the normal pipeline, from scratch."""
    shutil.rmtree(out, ignore_errors=True)
    try:
        pipeline.build(project_config(content), content, out, search=False, git_dates=False)
    except BuildFailed as failed:
        return failed.errors
    return None


@pytest.mark.parametrize("seed, open_pages", [(1, None), (2, {"/", "/stories/generated-4/"})])
def test_random_edits_give_the_same_output_as_a_clean_build(tmp_path: Path, seed: int, open_pages: set | None) -> None:
    """With `open_pages`, as `serve` rebuilds: those pages first, the rest (the other languages'
    groups not planned yet, the feeds) when flushed."""
    content = fixture_site(tmp_path)
    out, reference = tmp_path / "preview", tmp_path / "reference"
    preview = Preview(project_config(content), content, out, git_dates=False)
    assert preview.full_build().errors == []
    good = file_digests(out)
    random_edit = RandomEditor(seed, content)
    for step in range(15):
        path = random_edit()
        if open_pages is None:
            report = preview.rebuild({path})
        else:
            report = preview.rebuild({path}, defer_discovery=True, priority_urls=open_pages)
            preview.flush()
        errors = clean_build(content, reference)
        what = f"step {step}: {path.name}"
        if errors is not None:
            assert report.errors == errors, what
            assert file_digests(out) == good, f"{what}: the last good output must stay"
            continue
        assert report.errors == [], what
        assert file_digests(out) == file_digests(reference), what
        good = file_digests(out)
        fresh = build_site(
            preview.config, preview.site.entries, preview.site.bodies, preview.site.updated, freshness=preview.site.freshness
        )
        fresh = dataclasses.replace(fresh, **{name: getattr(preview.site, name) for name in TRANSLATED})  # inputs, not views
        assert preview.site == fresh, f"{what}: the views brought up to date differ from views computed whole"


def test_many_random_edits_keep_every_view_equal_to_views_computed_whole(tmp_path: Path) -> None:
    """The views (resolve/views.py) are updated entry by entry in the preview: after each of
    many random edits they must equal the views the build computes from scratch."""
    content = fixture_site(tmp_path, extra_stories=60)
    preview = Preview(project_config(content), content, tmp_path / "preview", git_dates=False)
    assert preview.full_build().errors == []
    random_edit = RandomEditor(11, content)
    good_steps = 0
    for step in range(120):
        path = random_edit()
        report = preview.rebuild({path}, defer_discovery=True, priority_urls=())
        if report.errors:
            continue
        good_steps += 1
        assert preview.site is not None
        fresh = build_site(
            preview.config, preview.site.entries, preview.site.bodies, preview.site.updated, freshness=preview.site.freshness
        )
        fresh = dataclasses.replace(fresh, **{name: getattr(preview.site, name) for name in TRANSLATED})  # inputs, not views
        assert preview.site == fresh, f"step {step}: {path.name}"
    assert good_steps > 40


def test_full_build_equals_the_build_command(tmp_path: Path) -> None:
    out = tmp_path / "preview"
    preview = Preview(load_config(None), ROOT / "content", out)  # with git dates, as `build` has them
    report = preview.full_build()
    assert report.errors == [] and report.full
    result = run_cli("build", "--no-search", "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert file_digests(out) == file_digests(tmp_path / "site")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Preview, Path]:
    content = fixture_site(tmp_path)
    preview = Preview(project_config(content), content, tmp_path / "preview", git_dates=False)
    assert preview.full_build().errors == []
    return preview, content


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_story_edit_renders_the_pages_that_show_it_and_no_other(built: tuple[Preview, Path]) -> None:
    preview, content = built
    total = len(preview.pages)
    story = content / "stories" / "razgrad-reading-marathon.md"
    story.write_text(set_field(story.read_text(encoding="utf-8"), "summary", "A reading marathon for the whole town."))
    report = preview.rebuild({story})
    assert report.errors == []
    rendered = set(preview.last_rendered)
    must = {
        "/stories/razgrad-reading-marathon/",
        "/partnerships/razgrad-newton/",  # lists the story
        "/libraries/razgrad-public-library/",
        "/libraries/newton-public-library/",
        "/countries/bg/",
        "/countries/us/",
        "/stories/",  # the listing page that holds it
        "/feed.xml",
    }
    assert must <= rendered, must - rendered
    never = {
        "/stories/silistra-teen-volunteers/",
        "/libraries/shetland-library/",
        "/partnerships/silistra-aurora/",
        "/countries/gb/",
        "/guides/why-partner/",
        "/stories/page/2/",  # the story is on page 1
    }
    assert not (never & rendered), never & rendered
    assert report.pages_rendered == len(rendered) < total // 4
    page = preview.out_dir / "partnerships/razgrad-newton/index.html"
    assert "A reading marathon for the whole town." in page.read_text(encoding="utf-8")


def test_a_library_rename_updates_every_page_that_shows_its_name(built: tuple[Preview, Path]) -> None:
    preview, content = built
    edit(content / "libraries" / "newton-public-library.md", "name: Newton Public Library", "name: Newton Free Library")
    report = preview.rebuild({content / "libraries" / "newton-public-library.md"})
    assert report.errors == []
    for rel in [
        "libraries/newton-public-library/index.html",
        "partnerships/razgrad-newton/index.html",  # shows its libraries
        "libraries/index.html",  # the directory
        "countries/us/index.html",
        "stories/razgrad-reading-marathon/index.html",  # lists its libraries
    ]:
        html = (preview.out_dir / rel).read_text(encoding="utf-8")
        assert "Newton Free Library" in html, rel
    assert "/libraries/shetland-library/" not in preview.last_rendered


def test_the_map_and_the_structured_data_follow_a_moved_and_renamed_library(built: tuple[Preview, Path], tmp_path: Path) -> None:
    """Both are worked out once per Site (resolve/per_site.py): after an edit, the preview and
    a second build in the same process show the new values in every language, never the last Site's."""
    preview, content = built
    library = content / "libraries" / "aurora-public-library.md"
    edit(library, "location: {lat: 39.73, lon: -104.83}", "location: {lat: 47.61, lon: -122.33}")
    edit(library, "name: Aurora Public Library", "name: Aurora Central Library")
    assert preview.rebuild({library}).errors == []
    assert clean_build(content, tmp_path / "reference") is None
    assert file_digests(preview.out_dir) == file_digests(tmp_path / "reference")
    for out in (preview.out_dir, tmp_path / "reference"):
        geojson = (out / "data" / "partnerships.geojson").read_text(encoding="utf-8")
        assert "-122.33" in geojson and "-104.83" not in geojson
        for prefix in ("", "bg/", "es/"):
            page = (out / prefix / "map" / "index.html").read_text(encoding="utf-8")
            assert "Aurora Central Library" in page and "Aurora Public Library" not in page, prefix
            story = (out / prefix / "stories" / "silistra-teen-volunteers" / "index.html").read_text(encoding="utf-8")
            jsonld = story.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
            assert '"name": "Aurora Central Library"' in jsonld, prefix


def test_unchanged_files_are_not_rewritten(built: tuple[Preview, Path]) -> None:
    preview, content = built
    before = {p: p.stat().st_mtime_ns for p in preview.out_dir.rglob("*") if p.is_file()}
    story = content / "stories" / "generated-1.md"
    story.write_text(story.read_text(encoding="utf-8"), encoding="utf-8")  # saved, not changed
    report = preview.rebuild({story})
    assert (report.pages_rendered, report.files_written, report.files_deleted) == (0, 0, 0)
    edit(story, "Story 1 is about", "Story one is about")
    report = preview.rebuild({story})
    changed = [p for p, t in before.items() if p.stat().st_mtime_ns != t]
    assert 0 < report.files_written == len(changed) <= report.pages_rendered


def test_a_deleted_story_deletes_its_page(built: tuple[Preview, Path]) -> None:
    preview, content = built
    story = content / "stories" / "generated-5.md"  # no other page links to it
    story.unlink()
    report = preview.rebuild({story})
    assert report.errors == [] and report.files_deleted >= 1
    assert not (preview.out_dir / "stories/generated-5").exists()


def test_a_template_change_renders_every_page(built: tuple[Preview, Path], tmp_path: Path) -> None:
    preview, _content = built
    report = preview.rebuild({preview.config.templates_dir / "story.html"})
    assert report.pages_rendered == len(preview.pages)
    assert report.files_written == 0  # nothing really changed


def test_an_error_keeps_the_last_good_output_until_it_is_fixed(built: tuple[Preview, Path]) -> None:
    preview, content = built
    before = file_digests(preview.out_dir)
    story = content / "stories" / "generated-2.md"
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("title:", "titel:"), encoding="utf-8")
    report = preview.rebuild({story})
    assert [e.format() for e in report.errors] == [e.format() for e in clean_build(content, preview.out_dir.parent / "ref")]
    assert report.errors[0].path == str(story) and report.errors[0].line == 2
    assert file_digests(preview.out_dir) == before
    story.write_text(good.replace("Story 2 is about", "Story two is about"), encoding="utf-8")
    report = preview.rebuild({story})
    assert report.errors == []
    assert "Story two is about" in (preview.out_dir / "stories/generated-2/index.html").read_text(encoding="utf-8")


def test_deferred_discovery_files_follow_on_flush(built: tuple[Preview, Path]) -> None:
    preview, content = built
    story = content / "stories" / "generated-3.md"
    edit(story, "title: Generated story 3", "title: Story three, renamed")
    preview.rebuild({story}, defer_discovery=True)
    assert "Story three, renamed" not in (preview.out_dir / "data/stories.json").read_text(encoding="utf-8")
    assert preview.discovery_pending
    preview.flush()
    assert "Story three, renamed" in (preview.out_dir / "data/stories.json").read_text(encoding="utf-8")
    reference = preview.out_dir.parent / "reference"
    assert clean_build(content, reference) is None
    assert file_digests(preview.out_dir) == file_digests(reference)


def test_priority_urls_render_first_and_the_rest_on_demand(built: tuple[Preview, Path]) -> None:
    preview, content = built
    story = content / "stories" / "generated-4.md"
    edit(story, "title: Generated story 4", "title: Story four, renamed")
    report = preview.rebuild({story}, defer_discovery=True, priority_urls={"/stories/generated-4/"})
    assert preview.last_rendered == ["/stories/generated-4/"] and report.pages_rendered == 1
    assert "Story four, renamed" in (preview.out_dir / "stories/generated-4/index.html").read_text(encoding="utf-8")
    waiting = "stories/index.html" if preview.is_stale("stories/index.html") else "stories/page/2/index.html"
    assert preview.is_stale(waiting) and preview.is_stale("feed.xml")
    assert not preview.is_stale("guides/why-partner/index.html")
    # The other languages' groups are not even planned yet: their pages wait too.
    assert ("entry", ("story", "generated-4"), "bg") in preview.pending_groups
    bulgarian = "bg/stories/generated-4/index.html"
    assert preview.is_stale(bulgarian) and preview.is_stale("es/stories/index.html")
    assert "Story four, renamed" not in (preview.out_dir / bulgarian).read_text(encoding="utf-8")
    preview.render_pending([waiting, bulgarian])
    assert not preview.pending_groups
    assert not preview.is_stale(waiting) and not preview.is_stale(bulgarian)
    assert "Story four, renamed" in (preview.out_dir / waiting).read_text(encoding="utf-8")
    assert "Story four, renamed" in (preview.out_dir / bulgarian).read_text(encoding="utf-8")
    preview.flush()
    assert not preview.pending and not preview.discovery_pending
    reference = preview.out_dir.parent / "reference"
    assert clean_build(content, reference) is None
    assert file_digests(preview.out_dir) == file_digests(reference)


def test_the_groups_plan_exactly_the_pages_of_plan(built: tuple[Preview, Path]) -> None:
    """The preview plans pages group by group; together they must be what pages.plan() lists."""
    preview, _content = built
    assert preview.site is not None
    pages, errors = plan(preview.site)
    assert errors == []
    grouped = {path: page for path, (_group, page) in preview.pages.items()}
    assert sorted(p.path for p in pages) == sorted(grouped)
    for page in pages:
        other = grouped[page.path]
        assert (page.url, page.template) == (other.url, other.template)
        assert {k: v for k, v in page.context.items() if k != "site"} == {
            k: v for k, v in other.context.items() if k != "site"
        }, page.url
