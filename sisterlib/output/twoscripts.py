"""Names in two scripts on the pages: a Cyrillic name also shows its Latin form, and the
directory sorts and filters on both (Силистра with Silistra). The conversions are
content/scripts.py's (the Streamlined System with its word-final rule); nothing here adds a table."""

from __future__ import annotations

from collections.abc import Iterable

from ..content.model import Library
from ..content.scripts import has_cyrillic, latin_key, to_cyrillic, to_latin


def latin_form(text: str) -> str:
    """The Latin form of a text with Cyrillic in it ('Силистра' -> 'Silistra'); '' for any other."""
    return to_latin(text) if has_cyrillic(text) else ""


def sort_key(text: str) -> str:
    """Sorts names of both scripts together: Силистра beside Silistra."""
    return latin_key(text)


def match_keys(library: Library) -> str:
    """What the directory's name filter matches a typed text against, lowercased and without
    accents: the library's names and town as written, in Latin and in Cyrillic letters."""
    keys: dict[str, None] = {}
    for text in (library.name, library.city, *library.aliases):
        for form in (text, latin_key(text), to_cyrillic(text)):
            keys[form.casefold()] = None
    return " | ".join(keys)


def by_latin_name(libraries: Iterable[Library]) -> list[Library]:
    return sorted(libraries, key=lambda lib: (sort_key(lib.name), lib.slug))
