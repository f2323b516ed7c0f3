"""Partner suggestions, explained: who could be a good partner for a library, and why.

The score of a library suggested to another is the sum of the weights of the reasons they
share. The reasons, their weights and words, and the size bands are in partner_scoring.json:
the one definition that the build (this module) and the browser (assets/partners.js, on
/find-a-partner/) both read; the build publishes it as /data/partner-scoring.json.

"You" is the library the suggestions are for, "it" a library suggested. Only libraries with
a `seeking` block are suggested (they asked for a partner); a library is never suggested to
itself, nor to a library it already has a partnership with; no reason, no suggestion.
`reasons()` is the definition, pair by pair; partner_index.py finds the best five for every
library without scoring every pair.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content import codes
from ..content.model import Library, Partnership
from ..content.scripts import latin_key

SCORING_FILE = Path(__file__).with_name("partner_scoring.json")
SCORING: dict = json.loads(SCORING_FILE.read_text(encoding="utf-8"))
REASONS: dict[str, dict] = SCORING["reasons"]
SUGGESTIONS: int = SCORING["suggestions"]


def weight(code: str) -> int:
    """A reason's weight; "type_and_size" weighs what its two parts weigh."""
    if code == "type_and_size":
        return REASONS["type"]["weight"] + REASONS["size"]["weight"]
    return REASONS[code]["weight"]


def size_band(population: int | None) -> int:
    """The index of the size band of a population in SCORING["sizes"]; -1 when unknown."""
    if not population:
        return -1
    for i, band in enumerate(SCORING["sizes"]):
        if band["below"] is None or population < band["below"]:
            return i
    return -1


def town_key(city: str, country: str) -> str:
    """One key for a town whichever script or accents it is written with: 'silistra|BG'."""
    return f"{latin_key(city)}|{country}"


@dataclass(frozen=True)
class Profile:
    """What scoring reads of a library (or of a visitor's answers on /find-a-partner/)."""

    key: str  # the library's slug; "" for a visitor
    country: str
    wants: tuple[str, ...] = ()  # seeking.countries
    languages: tuple[str, ...] = ()  # the first is the main one
    type: str = ""
    size: int = -1  # size_band()
    interests: tuple[str, ...] = ()  # activity slugs, sorted: seeking.interests and the partnerships' activities
    town: str = ""  # town_key()
    sister_towns: frozenset[str] = frozenset()


def profile(library: Library, partnerships: Iterable[Partnership] = ()) -> Profile:
    interests = set(library.seeking.interests if library.seeking else ())
    for partnership in partnerships:
        interests.update(partnership.activities)
    return Profile(
        key=library.slug,
        country=library.country,
        wants=library.seeking.countries if library.seeking else (),
        languages=library.languages,
        type=library.type,
        size=size_band(library.population_served),
        interests=tuple(sorted(interests)),
        town=town_key(library.city, library.country),
        sister_towns=frozenset(town_key(p.city, p.country) for p in library.sister_cities),
    )


@dataclass(frozen=True)
class Reason:
    code: str  # a key of SCORING["reasons"]
    text: str  # in plain words, in English (as the browser's finder says it)
    weight: int
    # The values the words are made from: country and language codes, a library type, a size
    # band's index, an activity's slug (i18n/reasons.py says the reason in a page's language).
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Suggestion:
    library: Library
    score: int
    reasons: tuple[Reason, ...]


class Words:
    """The names reasons are written with: countries and languages by pycountry, activities by their titles."""

    def __init__(self, activity_titles: Mapping[str, str]):
        self.activity_titles = activity_titles
        self._made: dict[tuple, Reason] = {}  # the same few reasons come back for thousands of pairs

    def reason(self, code: str, **values: str) -> Reason:
        key = (code, *values.items())
        made = self._made.get(key)
        if made is None:
            words = {name: self.word(name, value) for name, value in values.items()}
            text = REASONS[code]["text"].format(**words)
            made = self._made[key] = Reason(code, text, weight(code), tuple(values.items()))
        return made

    def word(self, name: str, value: str) -> str:
        """A reason's value in English words."""
        if name == "country":
            return self.country(value)
        if name == "language":
            return self.language(value)
        if name == "activity":
            return self.activity(value)
        if name == "size":
            return SCORING["sizes"][int(value)]["text"]
        return value  # a library type: its code is its English word

    def country(self, code: str) -> str:
        return codes.country_name(code) or code

    def language(self, code: str) -> str:
        return codes.language_name(code) or code

    def activity(self, slug: str) -> str:
        return self.activity_titles.get(slug, slug)


def reasons(you: Profile, it: Profile, words: Words) -> list[Reason]:
    """Every reason `it` is a good partner for `you`, in the order of the scoring table."""
    found: list[Reason] = []
    say: Callable[..., None] = lambda code, **values: found.append(words.reason(code, **values))  # noqa: E731
    if you.country in it.wants:
        say("it_wants_your_country", country=you.country)
    if it.country in you.wants:
        say("you_want_its_country", country=it.country)
    if it.town in you.sister_towns or you.town in it.sister_towns:
        say("sister_cities")
    for language in you.languages:
        if language in it.languages:
            mains = (language == you.languages[0]) + (language == it.languages[0])
            code = ("language", "language_main_one", "language_main_both")[mains]
            say(code, language=language)
    same_type = bool(you.type) and you.type == it.type
    same_size = you.size >= 0 and you.size == it.size
    size = str(you.size)
    if same_type and same_size:
        say("type_and_size", type=you.type, size=size)
    elif same_type:
        say("type", type=you.type)
    elif same_size:
        say("size", size=size)
    for interest in you.interests:
        if interest in it.interests:
            say("interest", activity=interest)
    return found


def score(you: Profile, it: Profile, words: Words) -> int:
    return sum(r.weight for r in reasons(you, it, words))
