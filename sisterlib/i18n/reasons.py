"""The reasons of partner suggestions in the language of the page being made.

resolve/partners.py gives each reason its code and its raw values (country and language codes,
a library type, a size band, an activity's slug). partner_scoring.json keeps the English words,
which the build's English text and the browser's finder use. The messages below are those texts in
gettext's form (`{country}` becomes `%(country)s`). A test checks that they are the same, so the
JSON stays the one definition of what a reason says.
"""

from __future__ import annotations

from collections.abc import Mapping

from .current import N_, _

REASON_TEXTS = {
    # Translators: why a library is suggested as a partner ("it") to the visitor's library ("you")
    "it_wants_your_country": N_("wants a partner in %(country)s, and you are in %(country)s"),
    # Translators: why a library is suggested as a partner ("it") to the visitor's library ("you")
    "you_want_its_country": N_("you want a partner in %(country)s, and it is in %(country)s"),
    # Translators: why a library is suggested as a partner: the two towns are twinned already
    "sister_cities": N_("your towns are already sister cities"),
    # Translators: why a library is suggested as a partner; %(language)s is a language's name
    "language_main_both": N_("you both work mainly in %(language)s"),
    # Translators: why a library is suggested as a partner; %(language)s is a language's name
    "language_main_one": N_("you both speak %(language)s, the main language of one of you"),
    # Translators: why a library is suggested as a partner; %(language)s is a language's name
    "language": N_("you both speak %(language)s"),
    # Translators: why a library is suggested as a partner; %(type)s is a word of "library types (as in: public libraries)"
    "type": N_("both are %(type)s libraries"),
    # Translators: why a library is suggested as a partner; %(size)s is a size band, like "under 10,000 people"
    "size": N_("both serve %(size)s"),
    # Translators: why a library is suggested as a partner; %(type)s as in "both are %(type)s libraries"
    "type_and_size": N_("both are %(type)s libraries serving %(size)s"),
    # Translators: why a library is suggested as a partner; %(activity)s is an activity idea's title
    "interest": N_("you are both interested in %(activity)s"),
}

SIZE_TEXTS = (  # partner_scoring.json's "sizes", in their order
    # Translators: a band of people a library serves, after "serve" ("both serve under 10,000 people")
    N_("under 10,000 people"),
    # Translators: a band of people a library serves, after "serve"
    N_("about 10,000 to 50,000 people"),
    # Translators: a band of people a library serves, after "serve"
    N_("about 50,000 to 250,000 people"),
    # Translators: a band of people a library serves, after "serve"
    N_("over 250,000 people"),
)

TYPE_WORDS = {
    # Translators: library types (as in: public libraries), in "both are %(type)s libraries"
    "public": N_("public"),
    # Translators: library types (as in: public libraries): of universities and colleges
    "academic": N_("academic"),
    # Translators: library types (as in: public libraries): of schools
    "school": N_("school"),
    # Translators: library types (as in: public libraries): a country's national library
    "national": N_("national"),
    # Translators: library types (as in: public libraries): of companies, museums, hospitals
    "special": N_("special"),
}

GENERIC_WORDS = {  # the table on /find-a-partner/ that gives each reason's points
    # Translators: in the table of reasons: "wants a partner in a country, and you are in a country"
    "country": N_("a country"),
    # Translators: in the table of reasons: "you both speak a language"
    "language": N_("a language"),
    # Translators: in the table of reasons: "both are one type of libraries"
    "type": N_("one type of"),
    # Translators: in the table of reasons: "both serve one size band"
    "size": N_("one size band"),
    # Translators: in the table of reasons: "you are both interested in an activity"
    "activity": N_("an activity"),
}


def sentence(code: str, words: Mapping[str, str]) -> str:
    """A reason in the current language, with its values already in words."""
    return _(REASON_TEXTS[code], **words)


def size_text(band: int) -> str:
    return _(SIZE_TEXTS[band])


def type_word(library_type: str) -> str:
    return _(TYPE_WORDS[library_type]) if library_type in TYPE_WORDS else library_type


def generic(code: str) -> str:
    """A reason as the table of points shows it: "wants a partner in a country, and you are in a country"."""
    return sentence(code, {name: _(word) for name, word in GENERIC_WORDS.items()})
