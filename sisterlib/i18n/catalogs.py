"""Reading the translation catalogs, and the gettext callables templates and Python use.

Catalogs are `.po` files edited by pull request like stories, so a translation is untrusted
text (SECURITY-NOTES §11): Jinja's i18n extension prints what gettext returns as markup, so
every callable here returns the translation *escaped*. Interface strings therefore hold no
markup; a link inside a sentence is a placeholder filled with markup made in the template.

The `.po` files are read directly (no compiled `.mo` in the repository): Babel parses each
once per process while its bytes stay the same (`read_catalog`: the gettext callables, the
scripts' messages files and the catalog checks all read it from there).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

DOMAIN = "messages"


def po_path(locale_dir: Path, lang: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(locale_dir: Path, lang: str) -> Catalog | None:
    """A language's catalog, or None when it has no .po file (the source language). Raises
    PoFileError for a file Babel cannot read (catalog_checks.py reports it with its line)."""
    path = po_path(locale_dir, lang)
    try:
        st = path.stat()
    except OSError:
        return None
    return _parsed(path, lang, (st.st_mtime_ns, st.st_size))


@lru_cache(maxsize=16)
def _parsed(path: Path, lang: str, stamp: tuple[int, int]) -> Catalog:  # stamp: the file's (mtime, size)
    with path.open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN, abort_invalid=True)


def translations(locale_dir: Path, lang: str) -> NullTranslations:
    """The gettext translations of one language; the source language translates to itself.
    Fuzzy entries are left out: they show the English source until a translator confirms them."""
    catalog = read_catalog(locale_dir, lang)
    return NullTranslations() if catalog is None else _compiled(catalog)


@lru_cache(maxsize=16)
def _compiled(catalog: Catalog) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _trusted(text: str, *sources: str) -> Markup:
    """A message as markup: the source text itself (from a template, reviewed like code, with no
    markup in it: a test checks) is kept as it is, so the English pages stay byte for byte as
    they were (an apostrophe stays an apostrophe); a translation (untrusted) is escaped."""
    return Markup(text) if text in sources else escape(text)


def escaping_callables(catalog: NullTranslations) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """`_`/`gettext` and `ngettext` as templates call them: the translation escaped, then its
    placeholders filled, each value escaped unless it is markup itself.

    They do what jinja2.ext.i18n's newstyle wrappers do (always `%`, even with no values, so a
    literal percent sign is `%%`; ngettext gives `num` unless the template passes its own), as
    plain functions installed in place of the wrappers: those go through `Context.call` twice
    per message, which cost a fifth of rendering a page (10,000 stories: ~100,000 messages)."""

    plain: dict[str, Markup] = {}  # the messages without placeholders, as printed: most calls of a page

    def gettext(__message: str, **variables: object) -> Markup:
        if variables:
            return _trusted(catalog.gettext(__message), __message) % variables
        done = plain.get(__message)
        if done is None:
            done = plain[__message] = _trusted(catalog.gettext(__message), __message) % {}
        return done

    def ngettext(__singular: str, __plural: str, __num: int, **variables: object) -> Markup:
        variables.setdefault("num", __num)
        return _trusted(catalog.ngettext(__singular, __plural, __num), __singular, __plural) % variables

    return gettext, ngettext
