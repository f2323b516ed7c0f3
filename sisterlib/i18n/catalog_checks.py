"""The translation catalogs checked like content: they are edited by pull request too.

A translation with a placeholder its English text does not have would stop the build when a
page is rendered (the value is missing), and markup in a translation would be shown as text
(catalogs.py escapes every translation); both are `path:line:` errors of `check` and of every
build, with the fix.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError

from ..config import Config
from ..errors import ContentError
from .catalogs import po_path, read_catalog

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
MARKUP = re.compile(r"<[a-zA-Z/!]|&[a-zA-Z#]\w*;")


def catalog_problems(config: Config) -> list[ContentError]:
    """Every problem of every language's catalog (read once while its bytes stay the same:
    the preview asks on every save)."""
    problems: list[ContentError] = []
    for lang in config.languages[1:]:
        path = po_path(config.locale_dir, lang)
        try:
            catalog = read_catalog(config.locale_dir, lang)
        except (PoFileError, ValueError, UnicodeDecodeError) as exc:
            problems.append(ContentError(str(path), getattr(exc, "lineno", 1) or 1, f"the catalog cannot be read: {exc}",
                                         "compare it with locale/messages.pot; python build.py translations rewrites it"))  # fmt: skip
            continue
        if catalog is not None:
            problems += _problems(path, catalog)
    return problems


@lru_cache(maxsize=16)
def _problems(path: Path, catalog: Catalog) -> list[ContentError]:
    problems: list[ContentError] = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        known = {name for source in sources for name in PLACEHOLDER.findall(source)}
        known |= {"num"} if isinstance(message.id, tuple) else set()
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            extra = sorted(set(PLACEHOLDER.findall(text)) - known)
            where = str(path), message.lineno or 1
            if extra:
                shown = ", ".join(f"%({name})s" for name in extra)
                problems.append(ContentError(*where, f"the translation of “{sources[0]}” has {shown}, which the English text does not have",
                                             "keep the placeholders %(...)s exactly as in msgid"))  # fmt: skip
            if MARKUP.search(text) and not any(MARKUP.search(source) for source in sources):
                problems.append(ContentError(*where, f"the translation of “{sources[0]}” holds markup, which would be shown as text",
                                             "write the words only: links and emphasis come from the page"))  # fmt: skip
    return problems
