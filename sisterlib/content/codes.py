"""Country (ISO 3166-1 alpha-2) and language (ISO 639-1) codes, and their names, via pycountry."""

from __future__ import annotations

import difflib
import gettext
import os
from functools import cache

import pycountry

from .slugs import transliterate


@cache
def country_name(code: str) -> str | None:
    """Common English name of a country code ('BO' -> 'Bolivia'), or None if unknown."""
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


@cache
def language_name(code: str) -> str | None:
    language = pycountry.languages.get(alpha_2=code.lower()) if len(code) == 2 else None
    return language.name if language else None


# Codes and names people write that ISO does not have: UK is GB; EL is the EU's code for Greece.
_NOT_ISO = {"uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "el": "GR"}


@cache
def country_code_for(text: str) -> str | None:
    """The code of a country written out ('Bulgaria', 'bulgarie', 'BGR', 'UK', 'България'), for hints."""
    text = text.strip()
    if text.casefold() in _NOT_ISO:
        return _NOT_ISO[text.casefold()]
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    local = _local_country_names().get(text.casefold())
    if local:
        return local
    names = {c.name.casefold(): c.alpha_2 for c in pycountry.countries}
    names.update({getattr(c, "common_name", c.name).casefold(): c.alpha_2 for c in pycountry.countries})
    latin = transliterate(text).casefold()  # България -> bulgaria
    close = difflib.get_close_matches(latin, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


@cache
def language_code_for(text: str) -> str | None:
    """The two-letter code of a language written out ('Bulgarian', 'bul'), for hints."""
    try:
        language = pycountry.languages.lookup(text.strip())
    except LookupError:
        return None
    return getattr(language, "alpha_2", None)


@cache
def _local_country_names() -> dict[str, str]:
    """Country names in every language pycountry has translations for ('Deutschland' -> DE).

    Built only when a hint needs it (about a second, once per run).
    """
    names: dict[str, str] = {}
    for locale in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for c in pycountry.countries:
            for name in (c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)):
                names.setdefault(translation.gettext(name).casefold(), c.alpha_2)
    return names
