"""Every page's og:image: the site image from assets/ with its real size and its alt text, as a full
address; an entry's own image can take its place through PageInfo.image; config mistakes are
refused with the fix."""

from __future__ import annotations

import dataclasses
import shutil
import struct
from pathlib import Path

from sisterlib.config import load_config
from sisterlib.output.pages import plan
from sisterlib.output.render import Renderer
from sisterlib.output.social import PageImage
from sisterlib.pipeline import load_site

from conftest import MINI_SITE, PUBLISHED_BASE, ROOT, make_project, run_cli
from html_tree import parse_file


def png_header_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def og(page, name: str) -> str:  # type: ignore[no-untyped-def]
    meta = page.find("meta", property=name)
    assert meta is not None, name
    return meta.attrs["content"]


def test_every_published_page_shares_the_site_image_or_its_own_photo(published_site: Path) -> None:
    """Every page names an image for link previews: its entry's own photo (issue 20) when it has
    one, else the site image."""
    config = load_config(None)
    image = published_site / "assets" / config.image
    width, height = png_header_size(image)
    assert (width, height) == (1200, 630)
    pages = sorted(
        p for p in published_site.rglob("*.html") if not p.relative_to(published_site).as_posix().startswith("pagefind/")
    )
    assert len(pages) > 50
    own = 0
    for path in pages:
        page = parse_file(path)
        assert page.find("meta", name="twitter:card").attrs["content"] == "summary_large_image"
        if og(page, "og:image").startswith(PUBLISHED_BASE + "images/"):  # the entry's photo: its largest JPEG
            own += 1
            assert og(page, "og:image").endswith(".jpg") and og(page, "og:image:alt"), path
            continue
        assert og(page, "og:image") == PUBLISHED_BASE + "assets/" + config.image, path
        assert (og(page, "og:image:width"), og(page, "og:image:height")) == (str(width), str(height)), path
        assert og(page, "og:image:alt") == config.image_alt, path
    assert own >= 1, "the bundled story with a photo shares it"


def test_a_site_path_build_has_no_og_image(bundled_site: Path) -> None:
    """Like og:url: Open Graph needs full addresses, so a build for "/" leaves them out."""
    page = parse_file(bundled_site / "stories/silistra-teen-volunteers/index.html")
    assert page.find("meta", property="og:image") is None and page.find("meta", property="og:url") is None
    assert page.find("meta", name="twitter:card").attrs["content"] == "summary"


def test_an_entry_page_can_carry_its_own_image(tmp_path: Path) -> None:
    """The way for an entry's own picture: another PageImage in its PageInfo; base.html is unchanged."""
    project = make_project(tmp_path, MINI_SITE)
    config = load_config(None, base_url=PUBLISHED_BASE)
    site = load_site(config, project / "content")
    pages, errors = plan(site)
    assert errors == []
    assert {p.context["page"].image for p in pages if p.path.endswith(".html")} == {
        PageImage("/assets/site-image.png", 1200, 630, config.image_alt)
    }
    story = next(p for p in pages if p.url == "/stories/first-visit/")
    own = PageImage("/stories/first-visit/visit.png", 800, 600, "Two librarians & a <b>map</b>")
    info = dataclasses.replace(story.context["page"], image=own)
    html = Renderer(config).render(story.template, {**story.context, "page": info}).decode()
    assert '<meta property="og:image" content="https://example.org/sister/stories/first-visit/visit.png">' in html
    assert '<meta property="og:image:width" content="800">' in html
    assert '<meta property="og:image:alt" content="Two librarians &amp; a &lt;b&gt;map&lt;/b&gt;">' in html
    assert "site-image.png" not in html


def project_with_config(tmp_path: Path, settings: str) -> Path:
    make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": "[site]\n" + settings})
    (tmp_path / "templates").symlink_to(ROOT / "templates")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path


def test_no_image_when_the_config_says_none(tmp_path: Path) -> None:
    project = project_with_config(tmp_path, 'image = ""\n')
    result = run_cli("build", "--out", "out", "--no-search", "--base-url", PUBLISHED_BASE, cwd=project)
    assert result.returncode == 0, result.stderr
    page = parse_file(project / "out/stories/first-visit/index.html")
    assert page.find("meta", property="og:image") is None
    assert page.find("meta", property="og:url") is not None


def test_a_missing_or_wrong_image_is_a_config_error_with_the_fix(tmp_path: Path) -> None:
    cases = {
        'image = "nope.png"\n': "image = 'nope.png' was not found in",
        'image = "../secret.png"\n': "must be a file name inside assets/",
        'image = "favicon.svg"\n': "is not a PNG file; use a PNG",
        'image_alt = " "\n': "image_alt is empty; describe the image",
    }
    for n, (settings, message) in enumerate(cases.items()):
        project = project_with_config(tmp_path / str(n), settings)
        result = run_cli("check", cwd=project)
        assert result.returncode == 2, settings
        assert message in result.stderr, (settings, result.stderr)
        assert "Traceback" not in result.stderr
