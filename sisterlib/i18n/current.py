"""The interface language of the text Python makes for a page (a meeting time, a health line,
a page title): `use(lang)` before rendering a page, `_()` and `ngettext()` while making it.

Worker processes render one page at a time, so one module-level setting is enough.
Texts in tables (made at import) are marked with `N_` and translated where they are shown.
The returned text is plain `str`: templates escape it like any other value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.support import NullTranslations

from .catalogs import translations

_state: dict[str, object] = {"lang": "en", "dir": None, "catalog": NullTranslations()}
# Each language's catalog once read, until the next read of the site (reading.read_site calls
# `forget_catalogs`: a .po may have changed): planning a page in a language other than the one
# before stat-ed its .po again, 24,000 times at 2,000 stories.
_known: dict[tuple[Path, str], NullTranslations] = {}


def forget_catalogs() -> None:
    _known.clear()


def use(locale_dir: Path, lang: str, catalog: NullTranslations | None = None) -> None:
    """Make `lang` the language of the text made from now on in this process (`catalog`: its
    translations, when the caller holds them already; else they are read)."""
    if _state["lang"] != lang or _state["dir"] != locale_dir:
        if catalog is None:
            catalog = _known.get((locale_dir, lang))
            if catalog is None:
                catalog = _known[locale_dir, lang] = translations(locale_dir, lang)
        _state.update(lang=lang, dir=locale_dir, catalog=catalog)


@contextmanager
def using(locale_dir: Path, lang: str, catalog: NullTranslations | None = None) -> Iterator[None]:
    """`use(lang)` for a while: the language before is back afterwards (planning pages in each
    language must not change the language `check` prints its own lines in)."""
    before = dict(_state)
    use(locale_dir, lang, catalog)
    try:
        yield
    finally:
        _state.update(before)


def current_lang() -> str:
    return str(_state["lang"])


def _(message: str, **variables: object) -> str:
    text = _state["catalog"].gettext(message)  # type: ignore[attr-defined]
    return text % variables if variables else text


def ngettext(singular: str, plural: str, number: int, **variables: object) -> str:
    text = _state["catalog"].ngettext(singular, plural, number)  # type: ignore[attr-defined]
    return text % {"num": number, **variables}


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark for extraction, translate later")
    return message
