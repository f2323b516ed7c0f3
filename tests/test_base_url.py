"""A site published under a sub-path (GitHub Pages project site): every internal URL carries the base path."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import MINI_SITE, ROOT, make_project, run_cli

BASE = "https://owner.github.io/repo/"
HOST = "owner.github.io"
URL_ATTRS = {"href", "src", "action", "poster", "srcset", "formaction"}


class _Urls(HTMLParser):
    """Collects (tag, attribute, value) for every attribute that holds a URL or a site path."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in URL_ATTRS:
                urls = [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
                self.found += [(tag, name, url) for url in urls]
            elif (name.startswith("data-") or name == "content") and (value.startswith("/") or HOST in value):
                self.found.append((tag, name, value))


def _internal_path(url: str) -> str | None:
    """The path of a URL that points into this site, or None for other sites, mailto:, #anchors."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel") or url.startswith("#"):
        return None
    if parts.netloc:
        return parts.path if parts.netloc == HOST else None
    return parts.path


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("subpath")
    # enough stories for paginated listings and "all stories" links
    many = {
        f"content/stories/story-{i:02d}.md": f"---\ntitle: Story {i}\ndate: 2020-01-{i % 28 + 1:02d}\npartnership: alpha-beta\n---\nText.\n"
        for i in range(55)
    }
    make_project(root, {**MINI_SITE, **many})
    result = run_cli("build", "--base-url", BASE, "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_every_internal_url_in_html_starts_with_the_base_path(sub_path_site: Path) -> None:
    pages = sorted(sub_path_site.rglob("*.html"))
    assert len(pages) > 20
    wrong: list[str] = []
    checked = 0
    for page in pages:
        parser = _Urls()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attr, url in parser.found:
            path = _internal_path(url)
            if path is None:
                continue
            checked += 1
            if not path.startswith("/repo/"):
                wrong.append(f"{page.relative_to(sub_path_site)}: <{tag} {attr}={url!r}>")
    assert checked > 500
    assert wrong == []


def test_every_internal_link_reaches_a_file(sub_path_site: Path) -> None:
    missing: set[str] = set()
    for page in sorted(sub_path_site.rglob("*.html")):
        parser = _Urls()
        parser.feed(page.read_text(encoding="utf-8"))
        for _, attr, url in parser.found:
            path = _internal_path(url)
            if path is None or attr not in URL_ATTRS or not path.startswith("/repo/"):
                continue
            rel = unquote(path.removeprefix("/repo/"))
            target = sub_path_site / rel
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.add(path)
    assert sorted(missing) == []


def test_feeds_sitemap_and_css_use_the_base(sub_path_site: Path) -> None:
    for file in [*sub_path_site.rglob("*.xml"), *sub_path_site.rglob("*.txt")]:
        for url in re.findall(r"https?://[^\s\"'<>]+", file.read_text(encoding="utf-8")):
            if HOST in url:
                assert url.startswith(BASE), f"{file.name}: {url}"
    for css in sub_path_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            # stylesheet URLs must be relative (they resolve against the stylesheet) or carry the base
            assert not url.startswith("/") or url.startswith("/repo/"), f"{css.name}: {url}"


def test_base_url_from_the_config_file(tmp_path: Path) -> None:
    """sisterlib.toml's base_url works like --base-url (templates and assets next to the config file)."""
    make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": '[site]\nbase_url = "/sister/"\n'})
    for folder in ("templates", "assets"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    result = run_cli("build", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/stories/first-visit/index.html").read_text(encoding="utf-8")
    assert 'href="/sister/partnerships/alpha-beta/"' in html
    assert 'href="/sister/assets/style.css' in html
    override = run_cli("build", "--out", "out2", "--base-url", "/other/", cwd=tmp_path)
    assert override.returncode == 0, override.stderr
    html = (tmp_path / "out2/stories/first-visit/index.html").read_text(encoding="utf-8")
    assert 'href="/other/partnerships/alpha-beta/"' in html
    assert "/sister/" not in html
