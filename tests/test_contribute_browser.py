"""/contribute/ in Chromium: fill the form as a librarian, take the file it makes, and `check` and `build` it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from sisterlib.content import strict_yaml as frontmatter_yaml
from sisterlib.content.read import split_front_matter
from sisterlib.content.slugs import suggest_slug

from conftest import MINI_SITE, ROOT, make_project, run_cli

pytestmark = pytest.mark.browser

REPO = "https://github.com/owner/sister-libraries"
# The policy a colleague adds to the published site: the form must work under it.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " object-src 'none'; base-uri 'none'; form-action 'none'"
)


def build_site(root: Path, repo_url: str) -> Path:
    config = f'[site]\nrepo_url = "{repo_url}"\nrepo_branch = "main"\n'
    make_project(root, {**MINI_SITE, "sisterlib.toml": config})
    for folder in ("templates", "assets"):
        (root / folder).symlink_to(ROOT / folder)
    result = run_cli("build", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "out"


def open_form(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open /contribute/ with the strict CSP sent as a header; return the list console errors go to."""
    problems: list[str] = []
    # The form asks for /stories/<file name>/ to see whether the name is taken: a 404 there is
    # the normal answer "free", which Chromium logs as a failed resource.
    free = "Failed to load resource: the server responded with a status of 404"
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and not m.text.startswith(free) else None)
    # (Chromium reports every HEAD request as "aborted", even a 200: those are the look-ups.)
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}") if r.method != "HEAD" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def with_csp(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": CSP}
        route.fulfill(status=response.status, headers=headers, body=response.body())

    page.route(f"{base}/contribute/", with_csp)  # the policy covers the document and all it loads
    page.goto(f"{base}/contribute/")
    return problems


@pytest.fixture
def site_with_repo(tmp_path: Path, serve_dir) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    out = build_site(tmp_path, REPO + "/")
    return tmp_path, serve_dir(out)


def test_story_from_the_form_passes_check_and_appears_on_its_partnership(site_with_repo, page) -> None:  # type: ignore[no-untyped-def]
    root, base = site_with_repo
    problems = open_form(page, base)
    page.fill("#story-title", 'Посещение в Аврора: "our" visit')
    page.fill("#story-date", "2021-06-15")
    page.select_option("#story-partnership", "alpha-beta")
    page.check("input[name=activities][value=share-cultural-events]")
    page.fill("#story-summary", "Two librarians met # and talked")
    page.fill("#contribute-body", "We went to [[beta-library]].\r\n\r\nIt was good.   \n\n\n")

    assert page.input_value("#contribute-slug") == "poseshtenie-v-avrora-our-visit"
    assert page.text_content("#contribute-path") == "content/stories/poseshtenie-v-avrora-our-visit.md"
    text = page.input_value("#contribute-output")
    assert text == (
        "---\n"
        'title: "Посещение в Аврора: \\"our\\" visit"\n'
        "date: 2021-06-15\n"
        "partnership: alpha-beta\n"
        "activities: [share-cultural-events]\n"
        'summary: "Two librarians met # and talked"\n'
        "---\n"
        "We went to [[beta-library]].\n"
        "\n"
        "It was good.\n"
    )

    # The button opens GitHub's "new file" page: catch the new tab's request instead of going online.
    opened: list[str] = []
    page.context.route("https://github.com/**", lambda route: (opened.append(route.request.url), route.fulfill(body="ok")))
    with page.context.expect_page() as new_tab:
        page.click("#contribute-github")
    new_tab.value.wait_for_load_state()
    assert len(opened) == 1
    url = urlsplit(opened[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO}/new/main"
    query = parse_qs(url.query, keep_blank_values=True, strict_parsing=True)
    assert query == {"filename": ["content/stories/poseshtenie-v-avrora-our-visit.md"], "value": [text]}
    assert page.is_hidden("#contribute-errors")
    assert problems == []

    # The same bytes, saved into the content folder, are a valid story that builds onto its partnership page.
    (root / "content/stories/poseshtenie-v-avrora-our-visit.md").write_bytes(text.encode("utf-8"))
    check = run_cli("check", cwd=root)
    assert check.returncode == 0, check.stderr
    build = run_cli("build", "--out", "out2", cwd=root)
    assert build.returncode == 0, build.stderr
    html = (root / "out2/partnerships/alpha-beta/index.html").read_text(encoding="utf-8")
    assert (
        '<a class="card-title" href="/stories/poseshtenie-v-avrora-our-visit/">Посещение в Аврора: &#34;our&#34; visit</a>'
        in html
    )


def test_required_fields_are_checked_in_the_form_with_accessible_errors(site_with_repo, page) -> None:  # type: ignore[no-untyped-def]
    _, base = site_with_repo
    problems = open_form(page, base)
    opened: list[str] = []
    page.context.route("https://github.com/**", lambda route: (opened.append(route.request.url), route.fulfill(body="ok")))
    date = page.locator("#story-date")
    assert (date.get_attribute("placeholder"), date.get_attribute("inputmode")) == ("YYYY-MM-DD", "numeric")
    page.fill("#story-date", "15.06.2021")
    page.click("#contribute-github")

    summary = page.locator("#contribute-errors")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "contribute-errors"
    assert page.locator("#contribute-error-list li").all_inner_texts() == [
        "Write the title of the story.",
        "Write the date as YYYY-MM-DD, for example 2019-05-03. When you know only the month or the year, write YYYY-MM or YYYY.",
        "Choose the partnership, or at least one library.",
        "Write the story.",
        "Write a file name.",
    ]
    title = page.locator("#story-title")
    assert title.get_attribute("aria-invalid") == "true"
    assert title.get_attribute("aria-describedby") == "story-title-hint story-title-error"
    assert page.text_content("#story-title-error") == "Write the title of the story."

    # a link in the summary takes the keyboard to the field
    page.click("#contribute-error-list a >> nth=0")
    assert page.evaluate("document.activeElement.id") == "story-title"

    # errors follow the typing once shown; a taken file name is refused rather than overwritten
    page.fill("#story-title", "The first visit")
    assert title.get_attribute("aria-invalid") is None
    assert page.is_hidden("#story-title-error")
    assert page.input_value("#contribute-slug") == "the-first-visit"
    page.fill("#contribute-slug", "first-visit")  # the form asks the site whether /stories/first-visit/ exists
    expect(page.locator("#contribute-slug-error")).to_have_text(
        "There is already a story with this file name. Choose another file name."
    )
    page.fill("#contribute-slug", "Bad Name")
    assert page.text_content("#contribute-slug-error") == (
        "Use only lowercase letters a-z, digits and hyphens in the file name, for example bad-name."
    )
    assert opened == []  # nothing was opened while the form had errors
    assert problems == []


def test_library_without_repo_url_is_offered_as_a_download(tmp_path: Path, serve_dir, page) -> None:  # type: ignore[no-untyped-def]
    out = build_site(tmp_path, "")
    base = serve_dir(out)
    problems = open_form(page, base)
    assert page.locator("#contribute-github").count() == 0
    page.check("input[name=kind][value=library]")
    assert page.is_hidden("#story-title") and page.is_visible("#library-name")
    page.fill("#library-name", "Библиотека Русе")
    page.fill("#library-city", "Ruse")
    page.select_option("#library-country", "BG")
    page.select_option("#library-type", "public")
    page.fill("#library-website", "https://www.libruse.bg/")
    page.fill("#contribute-body", "The regional library of Ruse.")
    assert page.input_value("#contribute-slug") == "biblioteka-ruse"
    assert page.text_content("#contribute-path") == "content/libraries/biblioteka-ruse.md"

    with page.expect_download() as download:
        page.click("#contribute-download")
    assert download.value.suggested_filename == "biblioteka-ruse.md"
    data = Path(download.value.path()).read_bytes()
    assert data == page.input_value("#contribute-output").encode("utf-8")
    assert data.decode("utf-8") == (
        "---\nname: Библиотека Русе\ncity: Ruse\ncountry: BG\ntype: public\nwebsite: https://www.libruse.bg/\n---\n"
        "The regional library of Ruse.\n"
    )
    (tmp_path / "content/libraries/biblioteka-ruse.md").write_bytes(data)
    check = run_cli("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert problems == []


TRICKY_TITLES = [
    "true",
    "NO",
    "2019",
    "43.5",
    "null",
    "~",
    "- a dash first",
    "#1 in the county",
    "Silistra: a story",
    "100% fun",
    "[in brackets]",
    "{in braces}",
    "@the library",
    "`code`",
    "It's ours",
    "'quoted'",
    '"double"',
    "C:\\Users\\library",
    "a | b > c",
    "* star",
    "! bang",
    "& amp",
    "? question",
    "Zürich, Ελλάδα, 北京, 🙂",
    "tab\there",
    "zero\u200bwidth",
    "  spaces around  ",
    "line\u2028separator",
]


def test_tricky_titles_are_written_so_check_reads_them_back_exactly(tmp_path: Path, serve_dir, page) -> None:  # type: ignore[no-untyped-def]
    out = build_site(tmp_path, REPO)
    base = serve_dir(out)
    problems = open_form(page, base)
    page.select_option("#story-partnership", "alpha-beta")
    page.fill("#story-date", "2021")
    page.fill("#contribute-body", "Text.")
    for i, title in enumerate(TRICKY_TITLES):
        page.fill("#story-title", title)
        page.fill("#contribute-slug", f"tricky-{i}")
        text = page.input_value("#contribute-output")
        meta_text, _, _, _, error = split_front_matter("x.md", text)
        assert error is None, title
        parsed = frontmatter_yaml.parse(meta_text)
        assert parsed.problems == [], (title, meta_text)
        expected = title.replace("\u2028", " ").replace("\t", " ").strip()
        assert str(parsed.data["title"]) == expected, (title, meta_text)
        (tmp_path / f"content/stories/tricky-{i}.md").write_bytes(text.encode("utf-8"))
    check = run_cli("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert problems == []


def test_file_name_suggestion_matches_python(tmp_path: Path, serve_dir, page) -> None:  # type: ignore[no-untyped-def]
    out = build_site(tmp_path, "")
    problems = open_form(page, serve_dir(out))
    titles = [
        "Библиотека Русе",
        "Регионална библиотека „Любен Каравелов“",
        "Щастие и юнаци",
        "Київська бібліотека",
        "Đakovo i Łódź",
        "Straße der Bücher",
        "Crème brûlée at the Bibliothèque",
        "Ærø Øster",
        "Ђорђе и Џеј",
        "Библиотека в София, България",  # the Act's word-final rule and its exception: sofia, bulgaria
        "ИЛИЯ и Ия в СОФИЯ-ГРАД",
        "Ѐлена",
        "!!!",
        "  Many   spaces -- and dashes  ",
    ]
    for title in titles:
        page.fill("#story-title", title)
        assert page.input_value("#contribute-slug") == suggest_slug(title), title
    assert suggest_slug("Библиотека в София, България") == "biblioteka-v-sofia-bulgaria"
    assert problems == []


def test_a_story_with_a_photo_becomes_a_folder_and_says_where_to_upload_it(site_with_repo, page) -> None:  # type: ignore[no-untyped-def]
    from photo_site import camera_jpeg

    root, base = site_with_repo
    problems = open_form(page, base)
    page.fill("#story-title", "Drawings from Beta")
    page.fill("#story-date", "2021-06-15")
    page.select_option("#story-partnership", "alpha-beta")
    page.fill("#contribute-body", "The drawings arrived.\n\n![Drawings on the wall of the reading room](wall.jpg)\n")
    page.fill("#story-image", "IMG_2041.JPG")
    assert page.is_hidden("#contribute-errors")
    opened: list[str] = []
    page.context.route("https://github.com/**", lambda route: (opened.append(route.request.url), route.fulfill(body="ok")))
    page.click("#contribute-github")  # no description yet: refused in the form, with the words check uses
    expect(page.locator("#story-image_alt-error")).to_have_text("Describe what the photo shows, for people who cannot see it.")
    assert opened == []
    page.fill("#story-image_alt", "Children hold up their drawings")

    folder = "content/stories/drawings-from-beta/"
    assert page.text_content("#contribute-path") == folder + "index.md"
    upload = page.locator("#contribute-photos")
    expect(upload).to_be_visible()
    assert upload.locator("[data-photo-folder]").first.text_content() == folder
    assert upload.locator("[data-photo-names]").text_content() == "IMG_2041.JPG, wall.jpg"
    assert "Upload files" in upload.text_content()
    text = page.input_value("#contribute-output")
    assert "image: IMG_2041.JPG\nimage_alt: Children hold up their drawings\n" in text
    with page.context.expect_page() as new_tab:
        page.click("#contribute-github")
    new_tab.value.wait_for_load_state()
    query = parse_qs(urlsplit(opened[-1]).query, keep_blank_values=True, strict_parsing=True)
    assert query["filename"] == [folder + "index.md"]
    assert problems == []

    # The file, and the photos uploaded beside it as the page says: check passes, and the photo is published.
    make_project(
        root,
        {
            folder + "index.md": text.encode(),
            folder + "IMG_2041.JPG": camera_jpeg((800, 600)),
            folder + "wall.jpg": camera_jpeg((640, 480)),
        },
    )
    check = run_cli("check", cwd=root)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", "--no-search", "--out", "out3", cwd=root).returncode == 0
    assert (root / "out3/stories/drawings-from-beta/index.html").read_text(encoding="utf-8").count("<picture") == 2
