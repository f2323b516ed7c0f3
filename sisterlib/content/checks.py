"""Checkers for front-matter values: each converts a YAML value or raises `Invalid(message, hint)`.

References to other entries (slugs) are only checked for shape here; whether they name an
entry is decided in resolve/references.py, once every entry is known.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..errors import show
from . import codes
from .filenames import SLUG_RE
from .model import Contact

MAX_TEXT = 300  # one-line fields; a longer value is almost always a missing closing quote


class Invalid(Exception):
    def __init__(self, message: str, hint: str = "", at: tuple = ()):
        super().__init__(message)
        self.message, self.hint, self.at = message, hint, at


Check = Callable[[Any], Any]


def text(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise Invalid(f"expected text, found {describe(value)}", "write the text after the colon")
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
        raise Invalid(f"expected text, found {describe(value)}", "write the text after the colon")
    if len(value) > 2000:
        raise Invalid("the text is longer than 2,000 characters", "move the details into the body")
    return " ".join(value.split())


text.free_text = True  # type: ignore[attr-defined]  # free text: a ` #` in it is a lost comment (validate.py)
long_text.free_text = True  # type: ignore[attr-defined]


def listing(item: Check) -> Check:
    def check(value: Any) -> tuple:
        if isinstance(value, str) and "," in value and item is not text:
            _comma_list(value, item)
        if isinstance(value, str):
            value = [value]  # a single value is a list of one
        if not isinstance(value, list):
            raise Invalid(f"expected a list, found {describe(value)}", "write it as [a, b] or as '- item' lines")
        out = []
        for i, v in enumerate(value):
            try:
                out.append(item(v))
            except Invalid as exc:
                raise Invalid(exc.message, exc.hint, (i, *exc.at)) from None
        return tuple(dict.fromkeys(out))  # drop repeats, keep order

    check.item = item  # type: ignore[attr-defined]
    return check


def _comma_list(value: str, item: Check) -> None:
    """`languages: bg, en` is one text to YAML: show the list it means, when every part is valid."""
    parts = [v.strip() for v in value.split(",") if v.strip()]
    try:
        items = [str(item(v)) for v in parts]
    except Invalid:
        items = parts
    raise Invalid(f"'{show(value)}' is one text, not a list", f"put the list in square brackets: [{', '.join(items)}]")


def one_of(*allowed: str) -> Check:
    def check(value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise Invalid(f"'{show(str(value))}' is not allowed here", f"{hint}use one of: {', '.join(allowed)}")

    return check


def slug(value: Any) -> str:
    """An entry's file name. Any other one-line text is kept as written: it may be the entry's
    title or name, and only resolve/references.py, which knows every entry, can say which
    file name it means (never an invented one). It never names an entry, so it is always
    reported there."""
    if isinstance(value, str) and SLUG_RE.match(value):
        return value
    text = str(value)
    if isinstance(value, str) and "," in value:
        raise Invalid(f"'{show(text)}' is one text, not a list", f"put the list in square brackets: [{', '.join(_parts(value))}]")
    if isinstance(value, str) and value.removesuffix(".md") != value and SLUG_RE.match(value.removesuffix(".md")):
        raise Invalid(f"'{show(text)}' ends with .md", f"write the file name without .md: {value.removesuffix('.md')}")
    if isinstance(value, str) and value.strip() and "\n" not in value and len(value) <= MAX_TEXT:
        return value.strip()
    raise Invalid(f"'{show(text)}' is not a file name of an entry", "write the entry's file name without .md")


def _parts(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


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


def year(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2100:
        return value
    raise Invalid(f"'{show(str(value))}' is not a year", "write a four-digit year, for example 2008")


def integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise Invalid(f"expected a whole number, found {describe(value)}", "write digits only, for example 45000")


def order(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10000:
        return value
    raise Invalid(f"expected a whole number, found {describe(value)}", "write a number such as 1, 2 or 3")


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"expected true or false, found {describe(value)}", "write true or false")


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


contact.parts = {"name": text, "role": text}  # type: ignore[attr-defined]


def free_text(check: Check, at: tuple) -> bool:
    """Is the value at `at` (inside a field with this checker) free text, such as a title or a note?"""
    for step in at:
        parts = getattr(check, "parts", {})
        check = getattr(check, "item", None) if isinstance(step, int) else parts.get(step)  # type: ignore[assignment]
        if check is None:
            return False
    return bool(getattr(check, "free_text", False))


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
            raise Invalid(f"unknown key '{show(str(key))}'", did_you_mean(str(key), allowed), (key,))


def did_you_mean(key: str, allowed: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"the allowed keys are: {', '.join(allowed)}"


def describe(value: Any) -> str:
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
