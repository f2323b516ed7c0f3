"""sitemap.xml and robots.txt: full addresses only, `lastmod` a full date (from the content when it
is known to the day, else from git), and no sitemap at all when base_url is not a full address.
(The sitemaps.org XML Schema itself is checked in test_validators.py.)"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from test_gitdates import git

from conftest import MINI_SITE, PUBLISHED_BASE, make_project, run_cli

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def html_urls(site: Path) -> set[str]:
    """The URL of every HTML page in a built site ('/', '/stories/x/', '/404.html'), Pagefind's aside."""
    urls = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith("pagefind/"):
            urls.add("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def read_sitemap(site: Path) -> dict[str, str]:
    """loc -> lastmod ("" when there is none)."""
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == SITEMAP + "urlset"
    return {u.findtext(SITEMAP + "loc"): u.findtext(SITEMAP + "lastmod") or "" for u in root.findall(SITEMAP + "url")}


def test_sitemap_lists_every_page_by_its_full_address(published_site: Path) -> None:
    urls = read_sitemap(published_site)
    base = PUBLISHED_BASE.rstrip("/")
    assert set(urls) == {base + url for url in html_urls(published_site) - {"/404.html"}}
    for lastmod in filter(None, urls.values()):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", lastmod), lastmod  # never a bare year or month
    robots = (published_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}/sitemap.xml" in robots.splitlines()


def test_no_sitemap_without_a_full_base_url_and_the_build_says_why(mini_site: Path) -> None:
    result = run_cli("build", "--out", "out", "--no-search", cwd=mini_site)
    assert result.returncode == 0, result.stderr
    assert "no sitemap.xml: base_url is not a full address" in result.stdout.splitlines()[-1]
    assert not (mini_site / "out/sitemap.xml").exists()
    robots = (mini_site / "out/robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and not re.search(r"(?im)^sitemap:", robots)
    assert "sitemap.xml" not in (mini_site / "out/index.html").read_text(encoding="utf-8")
    published = run_cli("build", "--out", "pub", "--no-search", "--base-url", PUBLISHED_BASE, cwd=mini_site)
    assert published.returncode == 0, published.stderr
    assert "sitemap" not in published.stdout
    assert (mini_site / "pub/sitemap.xml").is_file()


def test_lastmod_is_the_content_date_to_the_day_else_the_git_date_of_its_file(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            **MINI_SITE,
            "content/libraries/gamma-library.md": "---\nname: Gamma Library\ncity: Rome\ncountry: IT\ntype: public\n---\nG.\n",
            "content/stories/a-year-only.md": "---\ntitle: Only the year\ndate: 2014\nlibraries: [gamma-library]\n---\nY.\n",
            "content/stories/a-month-only.md": "---\ntitle: Only the month\ndate: 2013-06\nlibraries: [gamma-library]\n---\nM.\n",
        },
    )
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "content")
    git(project, "commit", "-q", "-m", "first")  # 2021-01-02
    year_story = project / "content/stories/a-year-only.md"
    year_story.write_text(year_story.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "edit", when="2023-03-04T12:00:00+00:00")

    result = run_cli("build", "--out", "out", "--no-search", "--base-url", PUBLISHED_BASE, cwd=project)
    assert result.returncode == 0, result.stderr
    lastmod = {loc.removeprefix(PUBLISHED_BASE.rstrip("/")): day for loc, day in read_sitemap(project / "out").items()}
    assert lastmod["/stories/first-visit/"] == "2020-05-03"  # the story's own date, known to the day
    assert lastmod["/stories/a-year-only/"] == "2023-03-04"  # `date: 2014`: the day its file last changed
    assert lastmod["/stories/a-month-only/"] == "2021-01-02"
    assert lastmod["/libraries/gamma-library/"] == "2023-03-04"  # its newest story is the 2014 one: that file's day
    assert lastmod["/libraries/alpha-library/"] == "2020-05-03"  # its newest story, known to the day
    assert lastmod["/countries/it/"] == "2023-03-04"
    assert lastmod["/guides/why-partner/"] == "2021-01-02"  # no date shown: the page's own file
    assert lastmod["/libraries/"] == ""  # a listing with no date of its own

    no_git = run_cli("build", "--out", "out-no-git", "--no-search", "--no-git-dates", "--base-url", PUBLISHED_BASE, cwd=project)
    assert no_git.returncode == 0, no_git.stderr
    lastmod = {loc.removeprefix(PUBLISHED_BASE.rstrip("/")): day for loc, day in read_sitemap(project / "out-no-git").items()}
    assert lastmod["/stories/first-visit/"] == "2020-05-03"
    assert lastmod["/stories/a-year-only/"] == lastmod["/guides/why-partner/"] == ""  # left out rather than guessed
