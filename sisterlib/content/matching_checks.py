"""Checkers for the fields partner matching reads: sister cities, the population served and
the `seeking` block (with its own `last_confirmed`)."""

from __future__ import annotations

from typing import Any

from ..errors import show
from . import codes
from .checks import Invalid, _sub, _unknown, country, describe, language, listing, long_text, slug, text
from .dates import full_date
from .model import Place, Seeking


def sister_city(value: Any) -> Place:
    """`Aurora, US`: a town, a comma and the two-letter code of its country."""
    if not isinstance(value, str) or "," not in value:
        found = describe(value) if not isinstance(value, str) else f"'{show(value)}'"
        raise Invalid(f"expected 'City, CC', found {found}", "write the town, a comma and its country code: Aurora, US")
    city, _, code = value.rpartition(",")
    city, code = city.strip(), code.strip()
    if not city:
        raise Invalid(f"'{show(value)}' names no town", "write the town before the comma: Aurora, US")
    if not (len(code) == 2 and codes.country_name(code.upper())):
        guess = codes.country_code_for(code) if code else None
        hint = f"write {city}, {guess}" if guess else "end with a two-letter ISO 3166 code such as US, BG or IT"
        raise Invalid(f"'{show(code)}' in '{show(value)}' is not a country code", hint)
    return Place(text(city), code.upper())


def sister_cities(value: Any) -> tuple[Place, ...]:
    """A list of `City, CC`; one written alone is a list of one. `[Aurora, US]` is two items
    to YAML (a town and a code), so that mistake gets the quoted form as its fix."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and any(isinstance(v, str) and "," not in v for v in value):
        pairs = [f'"{a}, {b}"' for a, b in zip(value[::2], value[1::2], strict=False) if isinstance(b, str) and len(b) == 2]
        if pairs and len(pairs) * 2 == len(value):
            raise Invalid(
                "in [ ] a comma separates items, so each town was read apart from its country code",
                f"put each in quotes: [{', '.join(pairs)}]",
            )
    return listing(sister_city)(value)


sister_cities.item = sister_city  # type: ignore[attr-defined]


def population(value: Any) -> int:
    """The number of people a library serves: a whole number above zero."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and ("," in value or " " in value) and value.replace(",", "").replace(" ", "").isdigit():
        digits = value.replace(",", "").replace(" ", "")
        raise Invalid(f"'{show(value)}' is not written as digits only", f"write {int(digits)}")
    if isinstance(value, int) and not isinstance(value, bool):
        raise Invalid(f"the number of people served must be above zero, found {value}", "write digits only, for example 45000")
    raise Invalid(f"expected a whole number, found {describe(value)}", "write digits only, for example 45000")


SEEKING_KEYS = ("countries", "languages", "interests", "note", "last_confirmed")


def seeking(value: Any) -> Seeking:
    if not isinstance(value, dict):
        raise Invalid("seeking must be a block of countries, languages, interests and note", "see CONTRIBUTING.md for an example")
    _unknown(value, SEEKING_KEYS)
    return Seeking(
        countries=_sub(value, "countries", listing(country), ()),
        languages=_sub(value, "languages", listing(language), ()),
        interests=_sub(value, "interests", listing(slug), ()),
        note=_sub(value, "note", long_text, ""),
        last_confirmed=_sub(value, "last_confirmed", full_date, None),
    )


seeking.parts = {"note": long_text}  # type: ignore[attr-defined]
