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
from ..i18n.current import _
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
        raise Invalid(_("expected text, found %(found)s", found=describe(value)), _("write the text after the colon"))
    if isinstance(value, float):
        raise Invalid(_("this number would lose its exact digits"), _("put it in double quotes"))
    value = str(value).strip()
    if not value:
        raise Invalid(_("the text is empty"), _("write the text after the colon"))
    if len(value) > MAX_TEXT or "\n" in value:
        raise Invalid(
            _("the text is too long for this field (over %(limit)s characters or several lines)", limit=MAX_TEXT),
            _("keep it to one line; long text belongs in the body"),
        )
    return value


def long_text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("expected text, found %(found)s", found=describe(value)), _("write the text after the colon"))
    if len(value) > 2000:
        raise Invalid(_("the text is longer than 2,000 characters"), _("move the details into the body"))
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
            raise Invalid(
                _("expected a list, found %(found)s", found=describe(value)), _("write it as [a, b] or as '- item' lines")
            )
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
    raise Invalid(_one_text(value), _square_brackets(items))


def _one_text(value: str) -> str:
    return _("'%(value)s' is one text, not a list", value=show(value))


def _square_brackets(items: list[str]) -> str:
    return _("put the list in square brackets: %(list)s", list=f"[{', '.join(items)}]")


def one_of(*allowed: str) -> Check:
    def check(value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        close = difflib.get_close_matches(str(value).lower(), allowed, n=1)
        values = ", ".join(allowed)
        hint = (
            _("did you mean '%(value)s'? use one of: %(values)s", value=close[0], values=values)
            if close
            else _("use one of: %(values)s", values=values)
        )
        raise Invalid(_("'%(value)s' is not allowed here", value=show(str(value))), hint)

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
        raise Invalid(_one_text(text), _square_brackets(_parts(value)))
    if isinstance(value, str) and value.removesuffix(".md") != value and SLUG_RE.match(value.removesuffix(".md")):
        raise Invalid(
            _("'%(value)s' ends with .md", value=show(text)),
            _("write the file name without .md: %(name)s", name=value.removesuffix(".md")),
        )
    if isinstance(value, str) and value.strip() and "\n" not in value and len(value) <= MAX_TEXT:
        return value.strip()
    raise Invalid(_("'%(value)s' is not a file name of an entry", value=show(text)), _("write the entry's file name without .md"))


def _parts(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def country(value: Any) -> str:
    if isinstance(value, str) and len(value) == 2 and codes.country_name(value.upper()):
        return value.upper()
    if isinstance(value, bool):
        raise Invalid(_("expected a country code, found true/false"), _("write a two-letter code such as NO"))
    code = codes.country_code_for(str(value)) if isinstance(value, str) and value else None
    if code:
        shown = show(str(value))
        message = (
            _("'%(value)s' is not an ISO country code", value=shown)
            if len(str(value).strip()) == 2
            else _("'%(value)s' is not a two-letter country code", value=shown)
        )
        raise Invalid(message, _("use the two-letter code %(code)s for %(country)s", code=code, country=codes.country_name(code)))
    raise Invalid(
        _("'%(value)s' is not a country code", value=show(str(value))),
        _("use an ISO 3166-1 two-letter code such as BG, US, GB or IT"),
    )


def language(value: Any) -> str:
    if isinstance(value, str) and len(value) == 2 and codes.language_name(value.lower()):
        return value.lower()
    code = codes.language_code_for(str(value)) if isinstance(value, str) and value else None
    if code:
        raise Invalid(
            _("'%(value)s' is not a two-letter language code", value=show(str(value))),
            _("use %(code)s for %(language)s", code=code, language=codes.language_name(code)),
        )
    raise Invalid(
        _("'%(value)s' is not a language code", value=show(str(value))),
        _("use an ISO 639-1 two-letter code such as bg, en or it"),
    )


def year(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2100:
        return value
    raise Invalid(_("'%(value)s' is not a year", value=show(str(value))), _("write a four-digit year, for example 2008"))


def integer(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise Invalid(_("expected a whole number, found %(found)s", found=describe(value)), _("write digits only, for example 45000"))


def order(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10000:
        return value
    raise Invalid(_("expected a whole number, found %(found)s", found=describe(value)), _("write a number such as 1, 2 or 3"))


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(_("expected true or false, found %(found)s", found=describe(value)), _("write true or false"))


def web_url(value: Any) -> str:
    if not isinstance(value, str) or any(c.isspace() for c in value.strip()):
        raise Invalid(
            _("'%(value)s' is not a web address", value=show(str(value))),
            _("write the full address, for example https://www.example.org/"),
        )
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise Invalid(
            _("'%(value)s' is not an http or https address", value=show(value)),
            _("write the full address starting with https://"),
        )
    return value


def location(value: Any) -> tuple[float, float]:
    if not isinstance(value, dict) or set(value) != {"lat", "lon"}:
        raise Invalid(_("location needs exactly lat and lon"), _("write location: {lat: 44.12, lon: 27.26}"))
    out = []
    for key, limit in (("lat", 90), ("lon", 180)):
        v = value[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not -limit <= v <= limit:
            raise Invalid(
                _("%(key)s must be a decimal number between -%(limit)s and %(limit)s", key=key, limit=limit),
                _("write degrees as a decimal, for example 44.12"),
                (key,),
            )
        out.append(float(v))
    return (out[0], out[1])


def contact(value: Any) -> Contact:
    if isinstance(value, str):
        return Contact(text(value))
    if not isinstance(value, dict) or "name" not in value:
        raise Invalid(_("a contact needs a name"), _("write - {name: Neli Stoilova, role: Director}"))
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
            raise Invalid(_("'%(key)s' is missing", key=key), _("add it"))
        return default
    try:
        return check(mapping[key])
    except Invalid as exc:
        raise Invalid(exc.message, exc.hint, (key, *exc.at)) from None


def _unknown(mapping: dict, allowed: tuple[str, ...]) -> None:
    for key in mapping:
        if key not in allowed:
            raise Invalid(_("unknown key '%(key)s'", key=show(str(key))), did_you_mean(str(key), allowed), (key,))


def did_you_mean(key: str, allowed: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
    if close:
        return meant_hint(close[0])
    return _("the allowed keys are: %(keys)s", keys=", ".join(allowed))


def meant_hint(key: str) -> str:
    """The hint of a mistyped key: "did you mean 'title'?"."""
    return _("did you mean '%(key)s'?", key=key)


def describe(value: Any) -> str:
    if value is None:
        # Translators: what a field holds, in "expected text, found %(found)s"
        return _("nothing")
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return _("the number %(number)s", number=value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a block of keys")
    return f"'{show(str(value))}'"
