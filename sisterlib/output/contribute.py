"""What the /contribute/ form needs from the site: choices, field help, existing file names.

The form (templates/contribute.html + assets/contribute.js) writes a content file in the
browser. Everything it must agree on with `check` comes from here, so the two cannot drift:
field help and examples from `validate.FIELDS`, the slug rules and transliteration table
from `slugs.py`, the allowed values from `model.py`, the country list from pycountry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pycountry

from ..content import codes, slugs
from ..content.checks import MAX_TEXT
from ..content.fields import FIELDS, PLACEHOLDER
from ..content.kinds import KIND
from ..content.model import LIBRARY_TYPES
from ..i18n.current import _
from ..resolve.site import Site


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FormData:
    partnerships: tuple[Choice, ...]
    libraries: tuple[Choice, ...]
    activities: tuple[Choice, ...]
    countries: tuple[Choice, ...]
    library_types: tuple[str, ...]
    fields: dict[str, dict[str, dict[str, Any]]]  # kind -> field -> help, example, allowed, required
    script: dict[str, Any]  # rendered with |tojson into a <script type="application/json"> for contribute.js


def form_data(site: Site) -> FormData:
    cfg = site.config
    libraries = tuple(
        Choice(lib.slug, f"{lib.name} ({lib.city}, {codes.country_name(lib.country) or lib.country})") for lib in site.libraries
    )
    partnerships = tuple(Choice(p.slug, p.title) for p in site.partnerships)
    countries = tuple(
        sorted((Choice(c.alpha_2, codes.country_name(c.alpha_2) or c.name) for c in pycountry.countries), key=lambda c: c.label)
    )
    fields = {
        kind: {
            key: {
                "help": _(f.help) if f.help else "",
                "example": f.example,
                "allowed": _(f.allowed) if f.allowed else "",
                "required": f.required,
            }
            for key, f in FIELDS[kind].items()
        }
        for kind in ("story", "library")
    }
    script = {
        "repo_url": cfg.repo_url,
        "branch": cfg.repo_branch,
        "folders": {kind: KIND[kind].folder for kind in ("story", "library")},
        # The form asks the site whether /stories/<slug>/ exists (a HEAD request) rather than
        # carry every file name: 10,000 story names would be half a megabyte on this page.
        "base_path": cfg.base_path,
        "sections": {kind: KIND[kind].section for kind in ("story", "library")},
        "order": {kind: list(FIELDS[kind]) for kind in ("story", "library")},  # keys in the file, as in the table
        "transliteration": slugs.transliteration_table(),
        "max_text": MAX_TEXT,
        "placeholder": PLACEHOLDER,
    }
    return FormData(
        partnerships=partnerships,
        libraries=libraries,
        activities=tuple(Choice(a.slug, a.title) for a in site.activities),
        countries=countries,
        library_types=LIBRARY_TYPES,
        fields=fields,
        script=script,
    )
