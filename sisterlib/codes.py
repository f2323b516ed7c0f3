"""Country (ISO 3166-1 alpha-2) and language (ISO 639-1) codes, and their names, via pycountry."""

from __future__ import annotations

import difflib
from functools import cache

import pycountry


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


@cache
def country_code_for(text: str) -> str | None:
    """The code of a country written out ('Bulgaria', 'bulgarie', 'BGR'), for hints."""
    try:
        return pycountry.countries.lookup(text.strip()).alpha_2
    except LookupError:
        pass
    names = {c.name.casefold(): c.alpha_2 for c in pycountry.countries}
    names.update({getattr(c, "common_name", c.name).casefold(): c.alpha_2 for c in pycountry.countries})
    close = difflib.get_close_matches(text.strip().casefold(), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


@cache
def language_code_for(text: str) -> str | None:
    """The two-letter code of a language written out ('Bulgarian', 'bul'), for hints."""
    try:
        language = pycountry.languages.lookup(text.strip())
    except LookupError:
        return None
    return getattr(language, "alpha_2", None)
