"""The site in its partners' languages (issue 19): every page in English, Bulgarian and Spanish,
translations beside their entries, links between the languages, escaped catalogs, search."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import MINI_SITE, ROOT, make_project, run_cli

LANGUAGES = ("en", "bg", "es")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.is_relative_to(site / "pagefind"))


def url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


class Head(HTMLParser):
    """The alternates, the <html lang> and the lang of every element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.langs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"] or ""] = a.get("href") or ""
        if "lang" in a and tag != "html":
            self.langs.append(a["lang"] or "")


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_page_exists_in_every_language_with_its_html_lang(bundled_site: Path) -> None:
    english = [p for p in pages(bundled_site) if p.relative_to(bundled_site).parts[0] not in LANGUAGES[1:]]
    assert len(english) > 50
    for page in english:
        rel = page.relative_to(bundled_site)
        assert head_of(page).lang == "en", rel
        for lang in LANGUAGES[1:]:
            other = bundled_site / lang / rel
            assert other.is_file(), f"{rel} has no {lang} page"
            assert head_of(other).lang == lang, other


def test_hreflang_alternates_are_reciprocal_on_every_page(bundled_site: Path) -> None:
    problems = []
    for page in pages(bundled_site):
        url = url_of(bundled_site, page)
        alternates = head_of(page).alternates
        if set(alternates) != {*LANGUAGES, "x-default"}:
            problems.append(f"{url}: alternates {sorted(alternates)}")
            continue
        if alternates[head_of(page).lang] != url:
            problems.append(f"{url}: its own alternate is {alternates[head_of(page).lang]}")
        for lang, href in alternates.items():
            target = bundled_site / (href.lstrip("/") + ("index.html" if href.endswith("/") else ""))
            if not target.is_file():
                problems.append(f"{url}: {lang} alternate {href} does not exist")
            elif head_of(target).alternates != alternates:
                problems.append(f"{url}: {href} does not link back the same alternates")
    assert not problems, "\n".join(problems[:20])


def test_a_translated_story_shows_its_translation_and_links_both_ways(bundled_site: Path) -> None:
    english = (bundled_site / "stories/razgrad-reading-marathon/index.html").read_text(encoding="utf-8")
    bulgarian = (bundled_site / "bg/stories/razgrad-reading-marathon/index.html").read_text(encoding="utf-8")
    source = (ROOT / "content/stories/razgrad-reading-marathon.bg.md").read_text(encoding="utf-8")
    title = re.search(r"^title: *(.+)$", source, re.M).group(1).strip().strip('"')  # type: ignore[union-attr]
    assert f">{title}</h1>" in bulgarian and f">{title}</h1>" not in english
    assert 'class="notice untranslated"' not in bulgarian  # it is written in Bulgarian: no notice
    # the switcher keeps the visitor on the same story, both ways
    assert '<a href="/bg/stories/razgrad-reading-marathon/" hreflang="bg" lang="bg">Български</a>' in english
    assert '<a href="/stories/razgrad-reading-marathon/" hreflang="en" lang="en">English</a>' in bulgarian
    # its wiki links lead to the pages in Bulgarian
    body = bulgarian[bulgarian.index('class="body"') :]
    links = re.findall(r'class="wikilink" href="([^"]+)"', body)
    assert links and all(link.startswith("/bg/") for link in links), links


def test_an_untranslated_entry_is_shown_as_written_marked_with_its_lang(bundled_site: Path) -> None:
    page = bundled_site / "bg/stories/crandall-shared-understanding/index.html"
    assert not (ROOT / "content/stories/crandall-shared-understanding.bg.md").exists()
    html = page.read_text(encoding="utf-8")
    assert head_of(page).lang == "bg" and "en" in head_of(page).langs
    assert re.search(r'<article class="[^"]*"[^>]* lang="en"', html), "the story's own text is not marked as English"
    notice = re.search(r'<p class="notice untranslated"[^>]*>([^<]+)</p>', html)
    assert notice and "английски" in notice.group(1).lower(), "the notice does not say, in Bulgarian, which language"


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (ROOT / f"locale/{lang}/LC_MESSAGES/messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def _visitor_message(locations: list[tuple[str, int | None]]) -> bool:
    """Interface text of the site: templates, browser scripts, and Python outside the contributor tools."""
    return any(not path.startswith(("sisterlib/content/", "sisterlib/cli.py", "sisterlib/errors.py")) for path, _ in locations)


def test_catalogs_are_current_and_complete_for_every_visitor_message(tmp_path: Path) -> None:
    from sisterlib.config import load_config
    from sisterlib.i18n.extract import template

    pot = template(load_config(ROOT / "sisterlib.toml"))
    wanted = {m.id for m in pot if m.id and _visitor_message(m.locations)}
    assert len(wanted) > 300
    for lang in LANGUAGES[1:]:
        catalog = _catalog(lang)
        translated = {
            m.id for m in catalog if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
        }
        missing = sorted(str(m) for m in wanted - translated)
        assert not missing, (
            f"{lang}: {len(missing)} messages not translated (python build.py translations, then translate): {missing[:10]}"
        )


def test_no_message_holds_markup_and_placeholders_match() -> None:
    from sisterlib.config import load_config
    from sisterlib.i18n.extract import template

    tag = re.compile(r"<[a-zA-Z/!]|&[a-zA-Z#]")
    for message in template(load_config(ROOT / "sisterlib.toml")):
        if not _visitor_message(message.locations):
            continue  # printed in a terminal, never into a page
        for text in message.id if isinstance(message.id, tuple) else [message.id]:
            assert not (text and tag.search(text)), f"markup in a message: {text!r} ({message.locations[0]})"
    from sisterlib.i18n.catalog_checks import catalog_problems

    assert catalog_problems(load_config(ROOT / "sisterlib.toml")) == []  # the bundled catalogs, as check reads them


class Text(HTMLParser):
    """The interface text of a page: its text outside the elements marked with another language,
    hidden data (search filters) and code (field names, values as they are written in files)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.page_lang, self.stack, self.texts = lang, [], []  # type: ignore[var-annotated]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        a = dict(attrs)
        inherited = self.stack[-1][1] if self.stack else self.page_lang
        data = "hidden" in a or tag == "code" or inherited == ""
        self.stack.append((tag, "" if data else a.get("lang", inherited)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        inside = self.stack[-1] if self.stack else ("", self.page_lang)
        if inside[1] == self.page_lang and inside[0] not in ("script", "style") and data.strip():
            self.texts.append(" ".join(data.split()))


def test_no_english_interface_text_on_bulgarian_pages(bundled_site: Path) -> None:
    """No English interface message is left as it is on a /bg/ page (content is not interface:
    an entry's own text is marked with its language, and names are the contributors')."""
    catalog = _catalog("bg")
    english = {m.id: m.string for m in catalog if isinstance(m.id, str) and m.string and m.string != m.id}
    plain = {text for text in english if "%(" not in text and len(text) > 3}
    problems = []
    for page in pages(bundled_site / "bg"):
        parser = Text("bg")
        parser.feed(page.read_text(encoding="utf-8"))
        left = sorted(plain.intersection(parser.texts))
        problems += [f"{page.relative_to(bundled_site)}: {text!r}" for text in left]
    assert not problems, "\n".join(problems[:30])


HOSTILE_PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    'msgid "Libraries"\nmsgstr "<img src=x onerror=alert(1)>Библиотеки"\n\n'
    'msgid "%(num)s story"\nmsgid_plural "%(num)s stories"\nmsgstr[0] "<b>%(num)s</b> история"\nmsgstr[1] "<script>alert(2)</script>%(num)s истории"\n\n'
    'msgid "Page %(number)s of %(count)s"\nmsgstr "Страница %(number)s от %(count)s %(secret)s"\n'
)


def _hostile_project(tmp_path: Path) -> Path:
    import shutil

    project = make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": '[site]\nlanguages = ["en", "bg"]\n'})
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "assets", project / "assets")
    po = project / "locale/bg/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(HOSTILE_PO, encoding="utf-8")
    return project


def test_check_refuses_markup_and_unknown_placeholders_in_a_catalog(tmp_path: Path) -> None:
    """A catalog is edited by pull request like a story: `check` names the line and the fix."""
    project = _hostile_project(tmp_path)
    result = run_cli("check", cwd=project)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    po = "locale/bg/LC_MESSAGES/messages.po"
    assert f"{po}:6: the translation of “Libraries” holds markup, which would be shown as text; write the words only" in out, out
    assert f"{po}:9: the translation of “%(num)s story” holds markup" in out, out
    assert (
        f"{po}:14: the translation of “Page %(number)s of %(count)s” has %(secret)s, which the English text does not have" in out
    )
    assert not (project / "site").exists()


def test_translations_are_printed_escaped(tmp_path: Path) -> None:
    """Even a catalog that got past `check`: every translation reaches the page escaped
    (SECURITY-NOTES §11), in `_()` and in `ngettext()`, and markup passed in a placeholder stays."""
    from sisterlib.config import load_config
    from sisterlib.output.render import make_environment

    project = _hostile_project(tmp_path)
    env = make_environment(load_config(project / "sisterlib.toml"), "bg")
    html = env.from_string(
        "{% set link %}<a href=\"/x/\">x</a>{% endset %}{{ _('Libraries') }}|{{ ngettext('%(num)s story', '%(num)s stories', 1) }}|"
        "{{ ngettext('%(num)s story', '%(num)s stories', 5) }}|{{ _('Content is shared under %(license)s.', license=link) }}"
    ).render()
    assert html.startswith("&lt;img src=x onerror=alert(1)&gt;Библиотеки|&lt;b&gt;1&lt;/b&gt; история|&lt;script&gt;")
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert html.endswith('|Content is shared under <a href="/x/">x</a>.')  # the source text and its markup placeholder
    blocks = env.from_string(  # {% trans %} blocks call the same functions
        "{% trans %}Libraries{% endtrans %}|{% trans num=5 %}{{ num }} story{% pluralize %}{{ num }} stories{% endtrans %}"
    ).render()
    assert blocks.startswith("&lt;img src=x onerror=alert(1)&gt;Библиотеки|&lt;script&gt;") and "<" not in blocks


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "content/stories/no-such-story.bg.md",
            "---\ntitle: Х\n---\nТекст.\n",
            "content/stories/no-such-story.bg.md:1: this translates stories/no-such-story.md, which does not exist;"
            " name it after the file it translates: stories/<slug>.bg.md",
        ),
        (
            "content/stories/first-visit.de.md",
            "---\ntitle: X\n---\nText.\n",
            "content/stories/first-visit.de.md:1: 'de' is not one of the site's languages (en, bg, es); name the file"
            " <slug>.<language>.md with one of bg, es, or ask the maintainers to add the language to languages in sisterlib.toml",
        ),
        (
            "content/stories/first-visit.bg.md",
            "---\ntitle: Първото посещение\ndate: 2021-05-03\n---\nТекст.\n",
            "content/stories/first-visit.bg.md:3: 'date' differs from content/stories/first-visit.md: it is a shared fact,"
            " written once in the original; remove 'date' from this translation (or correct it in content/stories/first-visit.md)",
        ),
        (
            "content/stories/first-visit.bg.md",
            "---\ntitle: Първото посещение\nlibrary: alpha-library\n---\nТекст.\n",
            "content/stories/first-visit.bg.md:3: unknown field 'library' for a story; a translation has only title,"
            " summary, image_alt and its text; the other fields are the original's",
        ),
    ],
)
def test_bad_translation_files_get_path_line_errors(tmp_path: Path, name: str, text: str, expected: str) -> None:
    project = make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": '[site]\nlanguages = ["en", "bg", "es"]\n', name: text})
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert expected in result.stdout + result.stderr, result.stdout + result.stderr


def test_two_files_for_one_language_of_one_entry(tmp_path: Path) -> None:
    files = {
        **MINI_SITE,
        "sisterlib.toml": '[site]\nlanguages = ["en", "bg"]\n',
        "content/pages/why-partner.bg.md": "---\ntitle: Защо\n---\nТекст.\n",
    }
    files["content/pages/why-partner/index.md"] = files.pop("content/pages/why-partner.md")
    files["content/pages/why-partner/index.bg.md"] = "---\ntitle: Защо\n---\nДруг текст.\n"
    result = run_cli("check", cwd=make_project(tmp_path, files))
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "is already the bg translation of this guide; keep one of the two files: one translation per language" in out, out


def test_the_old_single_language_setting_still_builds_one_language(tmp_path: Path) -> None:
    project = make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": '[site]\nlanguage = "en"\n'})
    result = run_cli("build", "--no-search", "--no-git-dates", "--out", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site/bg").exists()
    assert "hreflang" not in (project / "site/index.html").read_text(encoding="utf-8").replace('hreflang="en"', "")


@pytest.mark.browser
def test_search_from_the_bulgarian_page_finds_english_only_and_bulgarian_text(page, bundled_site: Path, serve_dir) -> None:  # type: ignore[no-untyped-def]
    """One index: an English-only story is found from /bg/search/ and leads to its /bg/ page; a
    word written only in a Bulgarian translation finds its entry from both search pages."""
    from playwright.sync_api import expect

    base = serve_dir(bundled_site)
    status = page.locator("[data-search-status]")
    page.goto(base + "/bg/search/?q=Crandall")
    expect(page.locator('.search-result a[href="/bg/stories/crandall-shared-understanding/"]')).to_be_visible(timeout=15000)
    expect(page.locator('.search-result a[href^="/stories/"]')).to_have_count(0)
    assert "Crandall" in status.inner_text() and "results" not in status.inner_text()  # the status speaks Bulgarian
    for prefix in ("", "/bg"):
        page.goto(base + prefix + "/search/?q=камера")  # only in the Bulgarian text of the Razgrad story
        found = page.locator(f'.search-result a[href="{prefix}/stories/razgrad-reading-marathon/"]')
        expect(found).to_be_visible(timeout=15000)
        title = (
            (ROOT / "content/stories/razgrad-reading-marathon.bg.md").read_text(encoding="utf-8").split("\n")[1][len("title: ") :]
        )
        if prefix:  # the Bulgarian search page shows the story's Bulgarian title
            expect(found).to_have_text(title)
        else:
            expect(found).not_to_have_text(title)


def test_the_preview_updates_a_page_when_its_translation_is_edited(tmp_path: Path) -> None:
    """serve: saving x.bg.md renders /bg/x/ again (and its English page stays as it was)."""
    from sisterlib.config import load_config
    from sisterlib.preview.state import Preview

    files = {
        **MINI_SITE,
        "content/stories/first-visit.bg.md": "---\ntitle: Първото посещение\n---\nБиблиотекар от [[beta-library|Бета]] дойде.\n",
    }
    project = make_project(tmp_path, {**files, "sisterlib.toml": '[site]\nlanguages = ["en", "bg"]\n'})
    preview = Preview(load_config(project / "sisterlib.toml"), project / "content", tmp_path / "out", git_dates=False)
    assert preview.full_build().errors == []
    page, english = tmp_path / "out/bg/stories/first-visit/index.html", tmp_path / "out/stories/first-visit/index.html"
    before = english.read_bytes()
    assert ">Първото посещение</h1>" in page.read_text(encoding="utf-8")
    translation = project / "content/stories/first-visit.bg.md"
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("Първото посещение", "Първата среща"), encoding="utf-8"
    )
    assert preview.rebuild({translation}).errors == []
    assert ">Първата среща</h1>" in page.read_text(encoding="utf-8")
    assert english.read_bytes() == before
    translation.write_text("---\ntitle: X\ndate: 1999\n---\nТекст.\n", encoding="utf-8")  # a changed shared fact
    report = preview.rebuild({translation})
    assert [e.line for e in report.errors] == [3] and ">Първата среща</h1>" in page.read_text(encoding="utf-8")
    # Deleted, then an edit of another file: the page shows the original again (the list of
    # translation files is kept between saves only while no translation comes or goes).
    translation.unlink()
    assert preview.rebuild({translation}).errors == []
    original = project / "content/stories/first-visit.md"
    original.write_text(original.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert preview.rebuild({original}).errors == []
    assert "Първата среща" not in page.read_text(encoding="utf-8")
    assert "One more line." in page.read_text(encoding="utf-8")
    other = project / "content/pages/why-partner.bg.md"  # a new translation
    other.write_text("---\ntitle: Защо партньорство\n---\nТекст.\n", encoding="utf-8")
    assert preview.rebuild({other}).errors == []
    assert ">Защо партньорство</h1>" in (tmp_path / "out/bg/guides/why-partner/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["bg", "es"])
def test_check_says_ok_in_the_contributors_language(tmp_path: Path, lang: str) -> None:
    """The summary line too: planning each language's pages must not switch `check` back to English."""
    project = make_project(tmp_path, {**MINI_SITE, "sisterlib.toml": '[site]\nlanguages = ["en", "bg", "es"]\n'})
    result = run_cli("check", "--lang", lang, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert not line.startswith("ok:") and ("6" in line), line
    assert re.search("[а-я]" if lang == "bg" else "[a-zñ]", line), line
