"""Names and dates in an interface language, from the libraries' own locale data: country and
language names from pycountry's translations (the iso3166-1 and iso639-3 catalogs it ships),
dates from Babel's CLDR data. Never a hand-written table."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from babel import Locale
from babel.dates import format_date

from ..content import codes
from ..content.model import ContentDate


@cache
def _catalog(domain: str, lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@cache
def country_name(code: str, lang: str) -> str:
    """'BG' in Bulgarian: 'България'; an unknown code as it is."""
    english = codes.country_name(code)
    if english is None:
        return code
    if lang == "en":
        return english
    country = pycountry.countries.get(alpha_2=code.upper())
    # pycountry's catalogs translate the ISO name (common_name is often missing from them)
    for name in (getattr(country, "common_name", None), country.name):  # type: ignore[union-attr]
        if name and (translated := _catalog("iso3166-1", lang).gettext(name)) != name:
            return translated
    return english


@cache
def language_in_sentence(code: str, lang: str) -> str:
    """'bg' inside a Spanish sentence: 'búlgaro' (Babel's CLDR names, in the case running text
    uses; pycountry's are titles: 'Búlgaro'); pycountry's name when CLDR has none."""
    return Locale.parse(lang).languages.get(code.lower()) or language_name(code, lang)


def language_name(code: str, lang: str) -> str:
    """'bg' in Spanish: 'búlgaro'."""
    english = codes.language_name(code)
    if english is None:
        return code
    return _catalog("iso639-3", lang).gettext(english)


@cache
def self_name(lang: str) -> str:
    """A language named in itself, as a language switcher shows it: English, Български, Español."""
    name = Locale.parse(lang).display_name or lang
    return name[:1].upper() + name[1:]


@cache
def date_text(value: ContentDate, lang: str) -> str:
    """A date known to the day, the month or the year, written as `lang` writes it."""
    if lang == "en":
        return value.display
    if not value.month:
        return str(value.year)
    return _formatted(value, lang)


@cache  # Babel takes 15 µs a date; listings show each story's date on many pages
def _formatted(value: ContentDate, lang: str) -> str:
    return format_date(value.first_day, format="long" if value.day else "LLLL y", locale=lang)
