"""Validate: `Source` -> typed model entries, with one checker table per kind.

Each field has a checker that converts the YAML value or raises `Invalid(message, hint)`.
References to other entries (slugs) are only checked for shape here; whether they name an
entry is decided in `links.py`, once every entry is known.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..errors import ContentError, show
from . import codes
from .load import SLUG_RE, Source
from .model import (
    KIND_OF_FOLDER,
    LIBRARY_TYPES,
    STATUSES,
    Activity,
    Contact,
    ContentDate,
    Entry,
    Guide,
    Library,
    Partnership,
    Seeking,
    Story,
)
from .slugs import suggest_slug

MAX_TEXT = 300  # one-line fields; a longer value is almost always a missing closing quote


class Invalid(Exception):
    def __init__(self, message: str, hint: str = "", at: tuple = ()):
        super().__init__(message)
        self.message, self.hint, self.at = message, hint, at


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False
    example: str = ""  # a valid value, written as in the file: shown in hints and by `new`
    help: str = ""  # what the field is, in a few plain words: shown by `new` and CONTRIBUTING.md
    allowed: str = ""  # the values accepted, when the example alone does not say it


# What a skeleton from `python build.py new` holds where the contributor must write something.
# `check` refuses any value or body that still contains it, so a skeleton is never published.
PLACEHOLDER = "FILL-IN"


# --- checkers -------------------------------------------------------------------------


def text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise Invalid(f"expected text, found {_describe(value)}", "write the text after the colon")
    if isinstance(value, float):
        raise Invalid("this number would lose its exact digits", "put it in double quotes")
    value = str(value).strip()
    if not value:
        raise Invalid("the text is empty", "write the text after the colon")
    if len(value) > MAX_TEXT or "\n" in value:
        raise Invalid(
            f"the text is too long for this field (over {MAX_TEXT} characters or several lines)",
            "keep it to one line; long text belongs in the body",
        )
    return value


def long_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected text, found {_describe(value)}", "write the text after the colon")
    if len(value) > 2000:
        raise Invalid("the text is longer than 2,000 characters", "move the details into the body")
    return " ".join(value.split())


def listing(item: Check) -> Check:
    def check(value: Any) -> tuple:
        if isinstance(value, str):
            value = [value]  # a single value is a list of one
        if not isinstance(value, list):
            raise Invalid(f"expected a list, found {_describe(value)}", "write it as [a, b] or as '- item' lines")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except Invalid as exc:
                raise Invalid(exc.message, exc.hint, (i, *exc.at)) from None
        return tuple(dict.fromkeys(out))  # drop repeats, keep order

    return check


def one_of(*allowed: str) -> Check:
    def check(value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise Invalid(f"'{show(str(value))}' is not allowed here", f"{hint}use one of: {', '.join(allowed)}")

    return check


def slug(value: Any) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        text = str(value)
        if isinstance(value, str) and "," in value:
            items = ", ".join(suggest_slug(v) for v in value.split(",") if v.strip())
            raise Invalid(f"'{show(text)}' is one text, not a list", f"put the list in square brackets: [{items}]")
        if isinstance(value, str) and value.removesuffix(".md") != value and SLUG_RE.match(value.removesuffix(".md")):
            raise Invalid(f"'{show(text)}' ends with .md", f"write the file name without .md: {value.removesuffix('.md')}")
        example = suggest_slug(text) if isinstance(value, str) and suggest_slug(text) != "untitled" else "silistra-aurora"
        raise Invalid(
            f"'{show(text)}' is not a file name of an entry",
            f"write the entry's file name without .md, for example {example}",
        )
    return value


def country(value: Any) -> str:
    if isinstance(value, str) and len(value) == 2 and codes.country_name(value.upper()):
        return value.upper()
    if isinstance(value, bool):
        raise Invalid("expected a country code, found true/false", "write a two-letter code such as NO")
    code = codes.country_code_for(str(value)) if isinstance(value, str) and value else None
    if code:
        what = "an ISO country code" if len(str(value).strip()) == 2 else "a two-letter country code"
        raise Invalid(f"'{show(str(value))}' is not {what}", f"use the two-letter code {code} for {codes.country_name(code)}")
    raise Invalid(f"'{show(str(value))}' is not a country code", "use an ISO 3166-1 two-letter code such as BG, US, GB or IT")


def language(value: Any) -> str:
    if isinstance(value, str) and len(value) == 2 and codes.language_name(value.lower()):
        return value.lower()
    code = codes.language_code_for(str(value)) if isinstance(value, str) and value else None
    if code:
        raise Invalid(f"'{show(str(value))}' is not a two-letter language code", f"use {code} for {codes.language_name(code)}")
    raise Invalid(f"'{show(str(value))}' is not a language code", "use an ISO 639-1 two-letter code such as bg, en or it")


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def content_date(value: Any) -> ContentDate:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid(f"expected a date, found {_describe(value)}", "write it as YYYY-MM-DD, for example 2019-05-03")
    m = _DATE.match(value.strip())
    if not m:
        raise Invalid(f"'{show(value)}' is not a date in the form YYYY-MM-DD", _date_hint(value.strip()))
    year, month, day = (int(g) if g else 0 for g in m.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise Invalid(f"{value} is not a real date", "check the month (01-12) and the day of the month") from None
    if not 1000 <= year <= 2100:
        raise Invalid(f"the year {year} is out of range", "use a year between 1000 and 2100")
    return ContentDate(year, month, day)


_YMD = re.compile(r"^(\d{4})[./ _](\d{1,2})[./ _](\d{1,2})$")
_MONTHS = {name.lower(): i for i in range(1, 13) for name in (calendar.month_name[i], calendar.month_abbr[i])}
_WORDS = re.compile(r"[a-z]+|\d+")


def _date_hint(value: str) -> str:
    """Guess what a date written another way means, without guessing between day and month."""
    dmy = _DMY.match(value)
    if dmy:
        d, mo, y = (int(g) for g in dmy.groups())
        return f"write it as YYYY-MM-DD: {y}-{mo:02d}-{d:02d} if you mean day {d} of month {mo}"
    ymd = _YMD.match(value)
    if ymd:
        y, mo, d = (int(g) for g in ymd.groups())
        return f"write it as YYYY-MM-DD: {y}-{mo:02d}-{d:02d}"
    words = _WORDS.findall(value.lower())  # "May 3, 2019", "3 May 2019", "May 2019"
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(months) == 1 and len(years) == 1 and len(words) == len(days) + 2 and len(days) <= 1:
        found = f"{years[0]}-{months[0]:02d}" + (f"-{days[0]:02d}" if days else "")
        return f"write it as YYYY-MM-DD: {found}"
    return "write it as YYYY-MM-DD, for example 2019-05-03"


def year(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2100:
        return value
    raise Invalid(f"'{show(str(value))}' is not a year", "write a four-digit year, for example 2008")


def integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise Invalid(f"expected a whole number, found {_describe(value)}", "write digits only, for example 45000")


def order(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10000:
        return value
    raise Invalid(f"expected a whole number, found {_describe(value)}", "write a number such as 1, 2 or 3")


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"expected true or false, found {_describe(value)}", "write true or false")


def web_url(value: Any) -> str:
    if not isinstance(value, str) or any(c.isspace() for c in value.strip()):
        raise Invalid(
            f"'{show(str(value))}' is not a web address", "write the full address, for example https://www.example.org/"
        )
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Invalid(f"'{show(value)}' is not an http or https address", "write the full address starting with https://")
    return value


def location(value: Any) -> tuple[float, float]:
    if not isinstance(value, dict) or set(value) != {"lat", "lon"}:
        raise Invalid("location needs exactly lat and lon", "write location: {lat: 44.12, lon: 27.26}")
    out = []
    for key, limit in (("lat", 90), ("lon", 180)):
        v = value[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not -limit <= v <= limit:
            raise Invalid(
                f"{key} must be a decimal number between -{limit} and {limit}",
                "write degrees as a decimal, for example 44.12",
                (key,),
            )
        out.append(float(v))
    return (out[0], out[1])


def contact(value: Any) -> Contact:
    if isinstance(value, str):
        return Contact(text(value))
    if not isinstance(value, dict) or "name" not in value:
        raise Invalid("a contact needs a name", "write - {name: Neli Stoilova, role: Director}")
    _unknown(value, ("name", "role"))
    role = value.get("role")
    return Contact(_sub(value, "name", text), _sub(value, "role", text) if role is not None else "")


def seeking(value: Any) -> Seeking:
    if not isinstance(value, dict):
        raise Invalid("seeking must be a block of countries, languages, interests and note", "see CONTRIBUTING.md for an example")
    _unknown(value, ("countries", "languages", "interests", "note"))
    return Seeking(
        countries=_sub(value, "countries", listing(country), ()),
        languages=_sub(value, "languages", listing(language), ()),
        interests=_sub(value, "interests", listing(slug), ()),
        note=_sub(value, "note", long_text, ""),
    )


def _sub(mapping: dict, key: str, check: Check, default: Any = ...) -> Any:
    if key not in mapping or mapping[key] is None:
        if default is ...:
            raise Invalid(f"'{key}' is missing", "add it")
        return default
    try:
        return check(mapping[key])
    except Invalid as exc:
        raise Invalid(exc.message, exc.hint, (key, *exc.at)) from None


def _unknown(mapping: dict, allowed: tuple[str, ...]) -> None:
    for key in mapping:
        if key not in allowed:
            raise Invalid(f"unknown key '{show(str(key))}'", _did_you_mean(str(key), allowed), (key,))


def _did_you_mean(key: str, allowed: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"the allowed keys are: {', '.join(allowed)}"


def _placeholder_at(value: Any, at: tuple = ()) -> tuple | None:
    """Where in a value the skeleton's placeholder is left, or None."""
    if isinstance(value, str):
        return at if PLACEHOLDER in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for k, v in items:
        found = _placeholder_at(v, (*at, k))
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return f"'{show(str(value))}'"


# --- the tables: the content model, one per kind ----------------------------------------

FIELDS: dict[str, dict[str, Field]] = {
    "library": {
        "name": Field(
            text, True, "Silistra Public Library", "the library's name, as the library writes it in English or in Latin letters"
        ),
        "city": Field(text, True, "Silistra", "the town or city"),
        "country": Field(country, True, "BG", "the country", "a two-letter ISO 3166 code such as BG, US, GB, IT or NO"),
        "type": Field(one_of(*LIBRARY_TYPES), True, "public", "the kind of library", "one of " + ", ".join(LIBRARY_TYPES)),
        "region": Field(text, example="Silistra Province", help="the region, province, state or county"),
        "languages": Field(
            listing(language),
            example="[bg, en]",
            help="languages the library works in, the main one first",
            allowed="two-letter ISO 639-1 codes such as bg, en or it",
        ),
        "website": Field(
            web_url,
            example="https://www.example.org/",
            help="the library's website",
            allowed="a full address starting with https:// or http://",
        ),
        "location": Field(
            location,
            example="{lat: 44.12, lon: 27.26}",
            help="where it is on a map",
            allowed="latitude and longitude in decimal degrees",
        ),
        "population_served": Field(
            integer, example="45000", help="how many people the library serves", allowed="a whole number, digits only"
        ),
        "aliases": Field(
            listing(text),
            example="[Библиотека Силистра]",
            help="other names, for example in the local language, so [[links]] find the library",
        ),
        "contacts": Field(
            listing(contact),
            example="[{name: Neli Stoilova, role: Director}]",
            help="the people to contact about the partnership",
        ),
        "seeking": Field(
            seeking,
            example="{countries: [US], languages: [en], interests: [share-training], note: We would like a partner for a summer reading project.}",
            help="only if the library is looking for a partner: what kind of partner",
            allowed="any of countries, languages, interests (activity file names) and note",
        ),
        "last_confirmed": Field(
            content_date, example="2026-01-15", help="when someone last checked these details", allowed="a date YYYY-MM-DD"
        ),
    },
    "partnership": {
        "libraries": Field(
            listing(slug),
            True,
            "[silistra-public-library, aurora-public-library]",
            "the libraries in the partnership",
            "two or more library file names, without .md",
        ),
        "status": Field(one_of(*STATUSES), True, "active", "is the partnership still working?", "one of " + ", ".join(STATUSES)),
        "title": Field(text, example="Silistra – Aurora", help="a short name; without it the cities of the libraries are used"),
        "summary": Field(
            long_text, example="Two public libraries that exchange books and visits.", help="one sentence about the partnership"
        ),
        "since": Field(year, example="2008", help="the year it started", allowed="a four-digit year"),
        "formal": Field(boolean, example="true", help="was an agreement signed?", allowed="true or false"),
        "via": Field(text, example="Sister Cities", help="who brought the libraries together"),
        "activities": Field(
            listing(slug),
            example="[share-cultural-events, personal-contacts]",
            help="what the libraries do together",
            allowed="activity file names, without .md",
        ),
    },
    "story": {
        "title": Field(text, True, "Teenagers run the library's volunteer program", "the title of the story"),
        "date": Field(
            content_date, True, "2019-05-03", "when it happened", "YYYY-MM-DD, or YYYY-MM or YYYY when only that is known"
        ),
        "partnership": Field(
            slug,
            example="silistra-aurora",
            help="the partnership the story is about (or leave it out and list libraries)",
            allowed="a partnership file name, without .md",
        ),
        "libraries": Field(
            listing(slug),
            example="[kazanlak-public-library]",
            help="the libraries the story is about, when it is not about one partnership",
            allowed="library file names, without .md",
        ),
        "activities": Field(
            listing(slug),
            example="[share-programs-and-exhibits]",
            help="the kinds of activity in the story",
            allowed="activity file names, without .md",
        ),
        "summary": Field(
            long_text,
            example="Teenagers started a volunteer group after a visit to Aurora.",
            help="one sentence that says what happened",
        ),
        "lang": Field(
            language,
            example="en",
            help="the language the story is written in, when it is not English",
            allowed="a two-letter ISO 639-1 code",
        ),
    },
    "activity": {
        "title": Field(text, True, "Share cultural events", "the name of the kind of activity"),
        "summary": Field(long_text, example="Celebrate each other's holidays and festivals.", help="one sentence about it"),
        "order": Field(
            order, example="5", help="its place in the list of activities", allowed="a whole number; smaller numbers come first"
        ),
    },
    "guide": {
        "title": Field(text, True, "Ten tips", "the title of the guide"),
        "summary": Field(long_text, example="Ten tips for a partnership that lasts.", help="one sentence about the guide"),
        "order": Field(
            order, example="5", help="its place in the list of guides", allowed="a whole number; smaller numbers come first"
        ),
    },
}

_CLASSES: dict[str, type[Entry]] = {
    "library": Library,
    "partnership": Partnership,
    "story": Story,
    "activity": Activity,
    "guide": Guide,
}


def validate(sources: list[Source]) -> tuple[list[Entry], list[Source], list[ContentError]]:
    """Return the valid entries, the sources that failed (their bodies are still checked), and the errors."""
    entries: list[Entry] = []
    failed: list[Source] = []
    errors: list[ContentError] = []
    for source in sources:
        entry, source_errors = validate_source(source)
        errors.extend(source_errors)
        if entry is not None:
            entries.append(entry)
        else:
            failed.append(source)
    return entries, failed, errors


def validate_source(source: Source) -> tuple[Entry | None, list[ContentError]]:
    kind = KIND_OF_FOLDER[source.kind]
    table = FIELDS[kind]
    errors: list[ContentError] = []
    values: dict[str, Any] = {}

    def error(at: tuple, message: str, hint: str) -> None:
        line = source.lines.get(at) or source.lines.get(at[:1]) or source.lines.get((), 1)
        errors.append(ContentError(source.path, line, message, hint))

    meant: set[str] = set()  # required fields a mistyped key stands for: no second "missing" error
    for key, value in source.meta.items():
        if key not in table:
            hint = _did_you_mean(key, list(table))
            meant.update(k for k in table if hint == f"did you mean '{k}'?")
            error((key,), f"unknown field '{show(key)}' for a {kind}", hint)
            continue
        spot = _placeholder_at(value)
        if spot is not None:
            spec = table[key]
            what = f"{spec.help}, for example: {key}: {spec.example}" if spec.help else f"for example: {key}: {spec.example}"
            error((key, *spot), f"'{key}' still says {PLACEHOLDER}", f"replace {PLACEHOLDER} with {what}")
            continue
        if value is None or value == "":
            if table[key].required:
                error((key,), f"'{key}' is empty", f"write the value after the colon, for example {key}: {table[key].example}")
            continue  # an empty optional field is the same as leaving it out
        try:
            values[key] = table[key].check(value)
        except Invalid as exc:
            error((key, *exc.at), f"{key}: {exc.message}", exc.hint)
    first_line = min(source.lines.values(), default=1)
    for key, spec in table.items():
        if spec.required and key not in source.meta and key not in meant:
            errors.append(
                ContentError(
                    source.path, first_line, f"the required field '{key}' is missing", f"add a line {key}: {spec.example}"
                )
            )
    for n, line in enumerate(source.body.split("\n"), source.body_line):
        if PLACEHOLDER in line:
            errors.append(
                ContentError(source.path, n, f"the text still says {PLACEHOLDER}", f"replace {PLACEHOLDER} with your own text")
            )
            break  # one reminder is enough
    if kind == "story" and "partnership" not in values and "libraries" not in values and not errors:
        errors.append(
            ContentError(
                source.path,
                first_line,
                "a story needs 'partnership' or 'libraries'",
                "add a line such as partnership: silistra-aurora (a partnership's file name without .md),"
                " or libraries: [kazanlak-public-library]",
            )
        )
    if errors:
        return None, errors
    common = {
        "kind": kind,
        "slug": source.slug,
        "path": source.path,
        "body": source.body,
        "body_line": source.body_line,
        "lines": source.lines,
    }
    if kind == "library":
        values["title"] = values["name"]
    if kind == "partnership":
        values.setdefault("title", "")  # filled from the libraries' cities in links.py
    return _CLASSES[kind](**common, **values), errors
