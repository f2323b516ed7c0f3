"""/find-a-partner/: the matcher for a library that is not listed yet, and its two data files.

The page's form asks what scoring reads (country, countries wanted, languages, type, size,
interests); assets/partners.js ranks the libraries seeking a partner in the browser with the
same definition as the build: /data/partner-scoring.json is resolve/partner_scoring.json as
it is, and /find-a-partner/libraries.json holds the candidates, in the build's tie-break
order, with exactly the values partners.Profile holds. Only this page loads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pycountry

from ..content import codes
from ..content.model import LIBRARY_TYPES
from ..i18n import current, names, reasons
from ..i18n.current import _
from ..resolve.partners import REASONS, SCORING, SCORING_FILE, weight
from ..resolve.site import Site
from ..resolve.suggestions import candidates, profiles
from . import urls

PAGE_URL = "/find-a-partner/"
DATA_URL = "/find-a-partner/libraries.json"
SCORING_URL = urls.data_url("partner-scoring", "json")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    word: str = ""  # a language's name inside a sentence ("на английски"), for the reasons


@dataclass(frozen=True)
class MatcherForm:
    countries: tuple[Choice, ...]
    languages: tuple[Choice, ...]
    types: tuple[str, ...]
    sizes: tuple[Choice, ...]
    activities: tuple[Choice, ...]
    reasons: tuple[tuple[str, int], ...]  # (words, weight), for the table that explains the score
    # The reasons' sentences (%(name)s placeholders), size bands and library types in the page's
    # language, for assets/partners.js (it takes country names and activity titles from the form).
    words: dict


def form(site: Site) -> MatcherForm:
    """The finder's form in the language of the page being planned (i18n/current.py)."""
    lang = current.current_lang()
    countries = sorted((Choice(c.alpha_2, names.country_name(c.alpha_2, lang)) for c in pycountry.countries), key=_label)
    languages = sorted(
        (
            Choice(code, names.language_name(code, lang), reason_word(code, lang))
            for code in (getattr(x, "alpha_2", "") for x in pycountry.languages)
            if code
        ),
        key=_label,
    )
    return MatcherForm(
        countries=tuple(countries),
        languages=tuple(languages),
        types=LIBRARY_TYPES,
        sizes=tuple(Choice(str(i), reasons.size_text(i)) for i in range(len(SCORING["sizes"]))),
        activities=tuple(Choice(a.slug, site.localized(a, lang).title) for a in site.activities),
        reasons=tuple((reasons.generic(code), weight(code)) for code in REASONS),
        words={
            "sentences": {code: _(text) for code, text in reasons.REASON_TEXTS.items()},
            "sizes": [reasons.size_text(i) for i in range(len(SCORING["sizes"]))],
            "types": {t: reasons.type_word(t) for t in LIBRARY_TYPES},
        },
    )


def reason_word(code: str, lang: str) -> str:
    """A language's name as a reason says it: pycountry's in English, CLDR's running-text form in others."""
    return names.language_name(code, lang) if lang == "en" else names.language_in_sentence(code, lang)


def _label(choice: Choice) -> str:
    return choice.label.casefold()


def libraries_json(site: Site) -> bytes:
    """The candidates as the browser scores them: one short row each (fields named once)."""
    pool = candidates(site.libraries, site.freshness)
    found = profiles(site.libraries, site.partnerships)
    rows = []
    for lib in pool:
        p = found[lib.slug]
        rows.append(
            [
                urls.site_url(site.config, urls.url_of(lib)), lib.name, lib.city, p.country, list(p.wants),
                list(p.languages), p.type, p.size, list(p.interests), site.freshness.stale(lib),
            ]
        )  # fmt: skip
    data = {
        "fields": ["url", "name", "city", "country", "wants", "languages", "type", "size", "interests", "stale"],
        "libraries": rows,
        "countries": {c.alpha_2: codes.country_name(c.alpha_2) or c.name for c in pycountry.countries},
        "languages": {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")},
        "activities": {a.slug: a.title for a in site.activities},
    }
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def scoring_json() -> bytes:
    return SCORING_FILE.read_bytes()
