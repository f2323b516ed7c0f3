"""Names shown to visitors for the enumerated values of the content (a partnership's status, a
library's type, an entry's kind), marked for extraction here and translated where they are
shown, in the language of the page being rendered (i18n/current.py).

Templates call the globals `register` adds: `status_name(p.status)`, `library_type_name(lib.type)`,
`kind_name(entry.kind)`. A value with no name here (a new one added to the model) is shown as
it is written, so a missing name is visible rather than an error.
"""

from __future__ import annotations

import jinja2

from ..content.model import LIBRARY_TYPES, STATUSES
from .current import N_, _

STATUS_NAMES = {
    # Translators: a partnership's status, as a label ("Status: Active"; a filter "Active (3)")
    "active": N_("Active"),
    # Translators: a partnership's status: the libraries no longer work together, for now
    "dormant": N_("Dormant"),
    # Translators: a partnership's status: the partnership is over
    "ended": N_("Ended"),
}

LIBRARY_TYPE_NAMES = {
    # Translators: a library's type, as a label (a choice in a list of types)
    "public": N_("Public"),
    # Translators: a library's type: a university's or college's library
    "academic": N_("Academic"),
    # Translators: a library's type: a school's library
    "school": N_("School"),
    # Translators: a library's type: a country's national library
    "national": N_("National"),
    # Translators: a library's type: a special library (of a company, a museum, a hospital...)
    "special": N_("Special"),
}

KIND_NAMES = {
    # Translators: a kind of page, in lower case, after a link to one: "Razgrad (library)"
    "library": N_("library"),
    # Translators: a kind of page, in lower case, after a link to one
    "partnership": N_("partnership"),
    # Translators: a kind of page, in lower case, after a link to one
    "story": N_("story"),
    # Translators: a kind of page, in lower case, after a link to one
    "activity": N_("activity"),
    # Translators: a kind of page, in lower case, after a link to one
    "guide": N_("guide"),
}

assert set(STATUS_NAMES) == set(STATUSES) and set(LIBRARY_TYPE_NAMES) == set(LIBRARY_TYPES)


def _named(table: dict[str, str], value: str) -> str:
    return _(table[value]) if value in table else value


def status_name(status: str) -> str:
    return _named(STATUS_NAMES, status)


def library_type_name(library_type: str) -> str:
    return _named(LIBRARY_TYPE_NAMES, library_type)


def kind_name(kind: str) -> str:
    return _named(KIND_NAMES, kind)


def register(env: jinja2.Environment) -> None:
    """Make the names available to every template of `env`."""
    env.globals.update(status_name=status_name, library_type_name=library_type_name, kind_name=kind_name)
