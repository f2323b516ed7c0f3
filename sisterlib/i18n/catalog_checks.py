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

from babel.messages.pofile import PoFileError, read_po

from ..config import Config
from ..errors import ContentError
from .catalogs import DOMAIN, po_path

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
MARKUP = re.compile(r"<[a-zA-Z/!]|&[a-zA-Z#]\w*;")


def catalog_problems(config: Config) -> list[ContentError]:
    """Every problem of every language's catalog; a catalog is read again only when it changed
    (the preview asks on every save: parsing both catalogs takes about 50 ms)."""
    problems: list[ContentError] = []
    for lang in config.languages[1:]:
        path = po_path(config.locale_dir, lang)
        try:
            st = path.stat()
        except OSError:
            continue
        problems += _problems(path, lang, (st.st_mtime_ns, st.st_size))
    return problems


@lru_cache(maxsize=16)
def _problems(path: Path, lang: str, stamp: tuple[int, int]) -> list[ContentError]:  # stamp: the file's (mtime, size)
    problems: list[ContentError] = []
    try:
        with path.open("rb") as file:
            catalog = read_po(file, locale=lang, domain=DOMAIN, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        problems.append(ContentError(str(path), getattr(exc, "lineno", 1) or 1, f"the catalog cannot be read: {exc}",
                                     "compare it with locale/messages.pot; python build.py translations rewrites it"))  # fmt: skip
        return problems
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
