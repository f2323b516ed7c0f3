"""The browser scripts' messages (sisterlib/i18n/browser.py and the t()/tn() helpers of
assets/*.js): every message is found, a hostile translation stays data, plural rules pick the
same form as gettext does in Python, and a script shows the translation in Chromium."""

from __future__ import annotations

import gettext
import io
import re
import textwrap
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from sisterlib.i18n.browser import messages_script, plural_function, script_messages

from conftest import ROOT

ASSETS = ROOT / "assets"
HOSTILE = "</script><img src=x onerror=\"document.title='owned'\"> & \u2028\u2029 -->"
STRING = r'"((?:[^"\\\n]|\\.)*)"'
CALL = re.compile(r"(?<![\w.$])(tn?)\(")


def js_string(literal: str) -> str:
    return literal.encode().decode("unicode_escape") if "\\" in literal else literal


def literal_calls(source: str) -> list[str | tuple[str, str]]:
    """Every t()/tn() call of a script, read with a regular expression (not Babel's lexer);
    a call whose first argument is not a string literal fails the test."""
    found: list[str | tuple[str, str]] = []
    for match in CALL.finditer(source):
        if source[max(0, match.start() - 9) : match.start()].endswith("function "):
            continue  # the helper's own definition
        rest = source[match.end() :]
        if match.group(1) == "t":
            one = re.match(r"\s*" + STRING, rest)
            assert one, f"t( without a literal: {rest[:60]!r}"
            found.append(js_string(one.group(1)))
        else:
            two = re.match(r"\s*" + STRING + r",\s*" + STRING, rest)
            assert two, f"tn( without two literals: {rest[:60]!r}"
            found.append((js_string(two.group(1)), js_string(two.group(2))))
    return found


def test_every_literal_of_the_scripts_is_extracted() -> None:
    by_regex = [m for path in sorted(ASSETS.glob("*.js")) for m in literal_calls(path.read_text(encoding="utf-8"))]
    assert len(by_regex) > 40  # the scripts' messages are wrapped
    assert set(script_messages(ASSETS)) == set(by_regex)
    for message in by_regex:
        for text in [message] if isinstance(message, str) else message:
            assert "<" not in text and ">" not in text, text  # no markup in a message


def helper_block(source: str) -> str:
    """From the contract's comment to the end of tn(), without the indentation."""
    lines = source.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "// Interface text in the page's language" in line)
    last = next(i for i, line in enumerate(lines) if "return fillIn(typeof form" in line) + 1
    return textwrap.dedent("".join(lines[start : last + 1]))


def test_every_script_with_messages_has_the_same_helpers() -> None:
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(ASSETS.glob("*.js"))}
    with_messages = {name: s for name, s in sources.items() if literal_calls(s)}
    assert {"search.js", "directory.js", "partners.js", "checklist.js", "contribute.js"} <= set(with_messages)
    first = helper_block(with_messages["search.js"])
    for name, source in with_messages.items():
        assert helper_block(source) == first, name
        assert "innerHTML" not in source, name


def bg_catalog() -> Catalog:
    catalog = Catalog(locale="bg")
    catalog.add("Searching…", HOSTILE)
    catalog.add(("%(num)s library shown", "%(num)s libraries shown"), ("%(num)s библиотека", "%(num)s библиотеки"))
    catalog.add("Try removing a filter.", "Махнете филтър.", flags=["fuzzy"])  # not confirmed: English
    catalog.add(("%(num)s result.", "%(num)s results."), ("%(num)s резултат.", ""))  # incomplete: English
    return catalog


MESSAGES = [
    "Searching…",
    "Try removing a filter.",
    "No results.",
    ("%(num)s library shown", "%(num)s libraries shown"),
    ("%(num)s result.", "%(num)s results."),
]


def test_a_hostile_translation_stays_data() -> None:
    script = messages_script(bg_catalog(), MESSAGES).decode()
    assert not re.search("[<>&\u2028\u2029]", script)
    assert script.startswith("window.SISTERLIB_MESSAGES = {") and "window.SISTERLIB_PLURAL = function (n)" in script


@pytest.mark.browser
def test_a_hostile_translation_is_inert_even_inline(page) -> None:  # type: ignore[no-untyped-def]
    script = messages_script(bg_catalog(), MESSAGES).decode()
    page.set_content(f"<title>t</title><script>{script}</script><p id=after>after</p>")
    messages = page.evaluate("window.SISTERLIB_MESSAGES")
    assert messages == {
        "Searching…": HOSTILE,
        "%(num)s library shown": ["%(num)s библиотека", "%(num)s библиотеки"],
    }  # the fuzzy and the incomplete entries are left out
    assert page.locator("img").count() == 0 and page.title() == "t"
    assert page.text_content("#after") == "after"  # the script element ended where it should


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "bg", "es", "ru", "ar"])
def test_plural_rules_pick_gettexts_form(page, lang: str) -> None:  # type: ignore[no-untyped-def]
    catalog = None if lang == "en" else Catalog(locale=lang)
    script = messages_script(catalog, [])
    page.set_content(f"<script>{script.decode()}</script>")
    numbers = list(range(0, 230)) + [1000, 1001, 1000000]
    forms = page.evaluate("(numbers) => numbers.map(window.SISTERLIB_PLURAL)", numbers)
    rule = gettext.c2py(Catalog(locale=lang).plural_expr)  # what Python's gettext uses in the templates
    assert forms == [rule(n) for n in numbers]
    if lang in ("en", "bg", "es"):
        assert forms[:3] == [1, 0, 1]


def test_a_plural_rule_that_is_not_gettexts_grammar_stops_the_build() -> None:
    header = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=alert(document.cookie);\\n"\n'
    catalog = read_po(io.StringIO(header), locale="bg")
    for rule in (catalog.plural_expr, "n; fetch(1)", "(n != 1", "n //", "n = 1", "constructor"):
        with pytest.raises(ValueError):
            plural_function(rule)


DIRECTORY = """<!doctype html><title>d</title>
<div data-directory><form data-directory-filters hidden><select name=country><option value=""></option></select>
<select name=type><option value=""></option></select></form><p data-directory-count></p>
<table><thead><tr><th data-sort=name>Name</th></tr></thead><tbody>{rows}</tbody></table></div>"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("catalog", "rows", "expected"),
    [
        (None, 1, "1 library shown"),
        (None, 3, "3 libraries shown"),
        ("bg", 1, "1 библиотека"),
        ("bg", 3, "3 библиотеки"),
        ("ru", 1, "1 библиотека"),
        ("ru", 3, "3 библиотеки"),
        ("ru", 5, "5 библиотек"),
        ("absent", 3, "3 libraries shown"),  # no messages file at all: as before issue 19
    ],
)
def test_a_script_shows_the_translation(page, catalog: str | None, rows: int, expected: str) -> None:  # type: ignore[no-untyped-def]
    head = ""
    if catalog != "absent":
        cat = None
        if catalog == "bg":
            cat = bg_catalog()
        elif catalog == "ru":
            cat = Catalog(locale="ru")
            cat.add(MESSAGES[3], ("%(num)s библиотека", "%(num)s библиотеки", "%(num)s библиотек"))
        head = f"<script>{messages_script(cat, script_messages(ASSETS)).decode()}</script>"
    body = "".join(f"<tr data-name=l{i}><td>Library {i}</td></tr>" for i in range(rows))
    page.set_content(head + DIRECTORY.format(rows=body))
    page.add_script_tag(content=(ASSETS / "directory.js").read_text(encoding="utf-8"))
    assert page.text_content("[data-directory-count]") == expected


def test_messages_file_of_the_source_language_is_empty(tmp_path: Path) -> None:
    from sisterlib.i18n.browser import messages_files

    assert messages_files(tmp_path, ["en"], ASSETS) == {
        "/assets/messages/en.js": b"window.SISTERLIB_MESSAGES = {};\nwindow.SISTERLIB_PLURAL = function (n) { return Number(( n != 1 )); };\n"
    }
