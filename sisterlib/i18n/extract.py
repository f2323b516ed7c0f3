"""`python build.py translations`: every interface message of the templates, the browser
scripts and the Python that makes visitor or contributor text, gathered with Babel into
locale/messages.pot, and each language's catalog updated from it (new messages added
untranslated, removed ones marked obsolete), as `pybabel extract` and `pybabel update` do.

Where messages come from (the keywords are gettext's):
- templates/*.html: `_()`, `ngettext()` (jinja2.ext.i18n, newstyle);
- assets/*.js: `t("...")` and `tn("one", "many", n)`;
- sisterlib/**/*.py: `_()`, `ngettext()` and `N_()` (i18n/current.py).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..config import PACKAGE_ROOT, Config
from .browser import KEYWORDS as SCRIPT_KEYWORDS
from .catalogs import DOMAIN, po_path

METHODS = [
    ("templates/**.html", "jinja2"),
    ("templates/**.xml", "jinja2"),
    ("assets/**.js", "javascript"),
    ("sisterlib/**.py", "python"),
]
KEYWORDS = {**DEFAULT_KEYWORDS, **SCRIPT_KEYWORDS}
JINJA = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", "trim_blocks": "true", "lstrip_blocks": "true"}
OPTIONS = {"templates/**.html": JINJA, "templates/**.xml": JINJA}
# A fixed date in the headers: the files change only when their messages do.
STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def template(config: Config) -> Catalog:
    """Every message, with where it is used."""
    catalog = Catalog(project="sisterlib", domain=DOMAIN, creation_date=STAMP, revision_date=STAMP, charset="utf-8")
    roots = [(config.project_root, m) for m in METHODS[:3]] + [(PACKAGE_ROOT, METHODS[3])]
    for root, (pattern, method) in roots:
        for filename, lineno, message, comments, context in extract_from_dir(
            root,
            [(pattern, method)],
            {pattern: OPTIONS.get(pattern, {})},
            KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        ):
            catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, ignore_obsolete=True, include_previous=False)
    return buffer.getvalue()


def update(config: Config) -> list[Path]:
    """Write locale/messages.pot and bring every language's .po up to date; the files changed."""
    pot = template(config)
    changed = []
    outputs = {config.locale_dir / f"{DOMAIN}.pot": _bytes(pot)}
    for lang in config.languages[1:]:
        path = po_path(config.locale_dir, lang)
        if path.is_file():
            with path.open("rb") as file:
                catalog = read_po(file, locale=lang, domain=DOMAIN)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, creation_date=STAMP, revision_date=STAMP, charset="utf-8")
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.revision_date = STAMP
        catalog.creation_date = STAMP
        outputs[path] = _bytes(catalog)
    for path, data in outputs.items():
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(path)
    return changed
