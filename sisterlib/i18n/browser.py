"""The browser scripts' messages in one language: `/assets/messages/<lang>.js`, loaded before
the page's scripts, sets what their `t()` and `tn()` helpers read (the contract is in the
comment at the top of assets/search.js):

    window.SISTERLIB_MESSAGES = {"English": "translation", "singular": ["form 0", "form 1"]};
    window.SISTERLIB_PLURAL = function (n) { return Number((n != 1)); };

Translations are untrusted text (SECURITY-NOTES §11). They are only ever data here: JSON
string values, with `<`, `>`, `&` and the line separators written as \\u escapes, so no
translation can end the script or be read as markup. The plural rule is code, so it is not
copied from the `.po` header as it stands: it is read token by token in gettext's grammar and
written back from those tokens only, or the build stops.

Why the catalog's own rule and not `babel.plural.to_javascript(Locale.plural_form)`: that one
returns CLDR category names ("one", "many", "other"), not the catalog's msgstr indices, and
the categories do not match the forms (Spanish has "many" in CLDR, two forms in gettext); for
Spanish it also refers to an undefined variable `e`.
"""

from __future__ import annotations

import gettext
import json
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from .catalogs import read_catalog

Message = str | tuple[str, str]  # a t() message, or a tn() message's (singular, plural)
KEYWORDS = {"t": None, "tn": (1, 2)}
ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# gettext's plural grammar (what GNU gettext accepts), less the arithmetic no language uses:
# `n`, numbers, comparisons, `!`, `&&`, `||`, `?:`, `%` and parentheses.
PLURAL_TOKEN = re.compile(r"\s*(n\b|[0-9]+\b|==|!=|<=|>=|&&|\|\||[<>!?:%()])")
ENGLISH_RULE = "(n != 1)"


def script_messages(assets_dir: Path) -> list[Message]:
    """Every message of assets/*.js, in the order of the files (by name) and their lines, once."""
    found: dict[Message, None] = {}
    for path in sorted(assets_dir.glob("*.js")):
        for _lineno, message, _comments, _context in extract_from_file("javascript", path, keywords=KEYWORDS):
            found.setdefault(message if isinstance(message, str) else (message[0], message[1]), None)
    return list(found)


def plural_function(expression: str) -> str:
    """A gettext plural expression ("(n%10==1 && n%100!=11 ? 0 : 1)") as a JavaScript function
    from n to the form's index, made only of the expression's tokens; ValueError otherwise."""
    tokens = []
    position = 0
    text = expression.strip()
    while position < len(text):
        match = PLURAL_TOKEN.match(text, position)
        if not match:
            raise ValueError(f"plural rule {expression!r}: unexpected text at {text[position:]!r}")
        tokens.append(match.group(1))
        position = match.end()
    gettext.c2py(" ".join(tokens))  # the grammar: balanced, every operator with its operands
    return "function (n) { return Number(" + " ".join(tokens) + "); }"


def _translation(catalog: Catalog, message: Message) -> str | list[str] | None:
    """The translation the scripts may use: None when it is missing, fuzzy or incomplete."""
    entry = catalog.get(message if isinstance(message, str) else message[0])
    if entry is None or entry.fuzzy or not entry.string:
        return None
    if isinstance(message, str):
        return entry.string if isinstance(entry.string, str) else None
    forms = entry.string
    if isinstance(forms, str) or len(forms) != catalog.num_plurals or not all(forms):
        return None
    return list(forms)


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: ESCAPES[m.group()], text)


def messages_script(catalog: Catalog | None, messages: Iterable[Message]) -> bytes:
    """The messages file of one language: the translations of `messages` (the source language,
    catalog None, has none) and its plural rule."""
    table: dict[str, str | list[str]] = {}
    if catalog is not None:
        for message in messages:
            found = _translation(catalog, message)
            if found is not None:
                table[message if isinstance(message, str) else message[0]] = found
    rule = plural_function(catalog.plural_expr if catalog is not None else ENGLISH_RULE)
    return f"window.SISTERLIB_MESSAGES = {_json(table)};\nwindow.SISTERLIB_PLURAL = {rule};\n".encode()


def messages_files(locale_dir: Path, languages: Iterable[str], assets_dir: Path) -> dict[str, bytes]:
    """`/assets/messages/<lang>.js` of each language, for the scripts in `assets_dir` (read once)."""
    messages = script_messages(assets_dir)
    return {f"/assets/messages/{lang}.js": messages_script(read_catalog(locale_dir, lang), messages) for lang in languages}
