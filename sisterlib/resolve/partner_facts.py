"""Checks of a partnership's fields that need its libraries: a `contacts` key must be one of
its libraries and each name a person in that library's own `contacts`; a `celebrates`
holiday must be one that the `holidays` package has for one of the two countries, with
`country` when both have it (Bulgaria and the US each have an Independence Day).

Run over every partnership on every read (there are few, and a library's change can make a
partnership wrong), after the reference checks: an unknown library is reported there.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..content import codes
from ..content.model import Entry, Library, Partnership
from ..errors import ContentError, show
from .holidays import has_country, names_of

Key = tuple[str, str]


def partnership_facts(entries: Mapping[Key, Entry]) -> list[ContentError]:
    errors: list[ContentError] = []
    for entry in entries.values():
        if isinstance(entry, Partnership) and (entry.contacts or entry.celebrates):
            libraries = [entries.get(("library", s)) for s in entry.libraries]
            known = [lib for lib in libraries if isinstance(lib, Library)]
            if len(known) == len(libraries):
                errors += _contacts(entry, known) + _celebrates(entry, known)
    return errors


def _contacts(p: Partnership, libraries: list[Library]) -> list[ContentError]:
    errors = []
    by_slug = {lib.slug: lib for lib in libraries}
    for people in p.contacts:
        library = by_slug.get(people.library)
        if library is None:
            close = difflib.get_close_matches(people.library, list(by_slug), n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(by_slug)}"
            errors.append(
                ContentError(
                    p.path,
                    _line(p, "contacts", people.library),
                    f"contacts: '{show(people.library)}' is not a library of this partnership",
                    hint,
                )
            )
            continue
        names = [c.name for c in library.contacts]
        for role in ("primary", "secondary"):
            name = getattr(people, role)
            if name and name not in names:
                if names:
                    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    hint += f"the contacts of {library.name} are: {', '.join(names)}"
                else:
                    hint = f"{library.name} lists no contacts: add the person to its file first, contacts: [{{name: {name}, role: Librarian}}]"
                errors.append(
                    ContentError(
                        p.path,
                        _line(p, "contacts", people.library, role),
                        f"contacts: {role} '{show(name)}' is not in the contacts of {library.name}",
                        hint,
                    )
                )
    return errors


def _celebrates(p: Partnership, libraries: list[Library]) -> list[ContentError]:
    errors = []
    countries = list(dict.fromkeys(lib.country for lib in libraries))
    for i, day in enumerate(p.celebrates):
        if day.date:
            if day.country not in countries:
                errors.append(_not_theirs(p, i, day.country, countries))
            continue
        if day.country and day.country not in countries:
            errors.append(_not_theirs(p, i, day.country, countries))
            continue
        where = [day.country] if day.country else countries
        having = [code for code in where if day.name in names_of(code)]
        if not having:
            errors.append(_unknown_holiday(p, i, day.name, where))
        elif len(having) > 1:
            names = " or ".join(f"{{holiday: {day.name}, country: {code}}}" for code in having)
            errors.append(
                ContentError(
                    p.path,
                    _line(p, "celebrates", i),
                    f"celebrates: both {' and '.join(codes.country_name(c) or c for c in having)} have a holiday called '{show(day.name)}'",
                    f"say which country's: {names}",
                )
            )
    return errors


def _line(p: Partnership, *at: str | int) -> int:
    """The line of the most precise key of `at` that the file has."""
    for n in range(len(at), 0, -1):
        if tuple(at[:n]) in p.lines:
            return p.lines[tuple(at[:n])]
    return p.line()


def _not_theirs(p: Partnership, i: int, code: str, countries: list[str]) -> ContentError:
    return ContentError(
        p.path,
        _line(p, "celebrates", i),
        f"celebrates: {code} is not the country of a library of this partnership",
        f"use {' or '.join(countries)}",
    )


def _unknown_holiday(p: Partnership, i: int, name: str, where: list[str]) -> ContentError:
    every = sorted({n for code in where for n in names_of(code)})
    close = difflib.get_close_matches(name, every, n=3, cutoff=0.5)
    missing = [code for code in where if not has_country(code)]
    if close:
        hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    elif missing and len(missing) == len(where):
        hint = f"the holidays package has no holidays of {', '.join(missing)}: write it as {{name: {name}, date: MM-DD, country: {where[0]}}}"
    else:
        hint = f"for a day the package does not have, write {{name: {name}, date: MM-DD, country: {where[0]}}}"
    places = " or ".join(codes.country_name(c) or c for c in where)
    return ContentError(
        p.path, _line(p, "celebrates", i), f"celebrates: '{show(name)}' is not a public holiday of {places}", hint
    )
