"""The content model as tables: for each kind, every field with its checker, whether it is
required, an example, help and the values allowed.

These tables drive `check` (content/validate.py), the skeletons of `new` (scaffold.py), the
/contribute/ form (output/contribute.py) and the field tables of CONTRIBUTING.md (kept equal
by a test).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.current import N_
from .checks import (
    Check,
    boolean,
    contact,
    country,
    language,
    listing,
    location,
    long_text,
    one_of,
    order,
    slug,
    text,
    web_url,
)
from .dates import content_date, full_date
from .hours import opening_hours, timezone
from .matching_checks import population, seeking, sister_cities
from .media import photo_file, video
from .model import LIBRARY_TYPES, STATUSES
from .partner_checks import celebration, partner_contacts, since


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False
    example: str = ""  # a valid value, written as in the file: shown in hints and by `new`
    help: str = ""  # what the field is, in a few plain words: shown by `new` and CONTRIBUTING.md
    allowed: str = ""  # the values accepted, when the example alone does not say it


# The media fields' help, one whole sentence per kind (for translation): image, video.
_MEDIA_HELP = {
    "library": (
        N_("a photo of the library, shown on its page, its cards and in link previews"),
        N_("a video about the library, shown as a link"),
    ),
    "partnership": (
        N_("a photo of the partnership, shown on its page, its cards and in link previews"),
        N_("a video about the partnership, shown as a link"),
    ),
    "story": (
        N_("a photo of the story, shown on its page, its cards and in link previews"),
        N_("a video about the story, shown as a link"),
    ),
}


def _media(what: str) -> dict[str, Field]:
    """The photo and video fields, the same for every kind that has them."""
    return {
        "image": Field(
            photo_file,
            example="photo.jpg",
            help=_MEDIA_HELP[what][0],
            allowed=N_("the file name of a JPEG, PNG or WebP photo beside index.md, in the entry's own folder"),
        ),
        "image_alt": Field(
            text,
            example="Children's drawings from Aurora on display in Silistra",
            help=N_("what the photo shows, for people who cannot see it (required with image)"),
        ),
        "video": Field(
            video,
            example="{url: https://www.youtube.com/watch?v=M7lc1UVf-VE, title: The director reads a fairy tale}",
            help=_MEDIA_HELP[what][1],
            allowed=N_("the address of a YouTube or Vimeo video, and its title"),
        ),
    }


# What a skeleton from `python build.py new` holds where the contributor must write something.
# `check` refuses any value or body that still contains it, so a skeleton is never published.
PLACEHOLDER = "FILL-IN"


FIELDS: dict[str, dict[str, Field]] = {
    "library": {
        "name": Field(
            text,
            True,
            "Silistra Public Library",
            N_("the library's name, as the library writes it in English or in Latin letters"),
        ),
        "city": Field(text, True, "Silistra", N_("the town or city")),
        "country": Field(country, True, "BG", N_("the country"), N_("a two-letter ISO 3166 code such as BG, US, GB, IT or NO")),
        "type": Field(one_of(*LIBRARY_TYPES), True, "public", N_("the kind of library"), "one of " + ", ".join(LIBRARY_TYPES)),
        "region": Field(text, example="Silistra Province", help=N_("the region, province, state or county")),
        "languages": Field(
            listing(language),
            example="[bg, en]",
            help=N_("languages the library works in, the main one first"),
            allowed=N_("two-letter ISO 639-1 codes such as bg, en or it"),
        ),
        "website": Field(
            web_url,
            example="https://www.example.org/",
            help=N_("the library's website"),
            allowed=N_("a full address starting with https:// or http://"),
        ),
        "location": Field(
            location,
            example="{lat: 44.12, lon: 27.26}",
            help=N_("where it is on a map"),
            allowed=N_("latitude and longitude in decimal degrees"),
        ),
        "population_served": Field(
            population,
            example="45000",
            help=N_("how many people the library serves: partner suggestions compare libraries of a like size"),
            allowed=N_("a whole number above zero, digits only"),
        ),
        "aliases": Field(
            listing(text),
            example="[Библиотека Силистра]",
            help=N_("other names, for example in the local language, so [[links]] find the library"),
        ),
        "contacts": Field(
            listing(contact),
            example="[{name: Neli Stoilova, role: Director}]",
            help=N_("the people to contact about the partnership"),
        ),
        "seeking": Field(
            seeking,
            example="{countries: [US], languages: [en], interests: [share-training], note: We would like a partner for a summer reading project.}",
            help=N_("only if the library is looking for a partner: what kind of partner"),
            allowed=N_("any of countries, languages, interests (activity file names), note and last_confirmed (YYYY-MM-DD)"),
        ),
        "last_confirmed": Field(
            full_date, example="2026-01-15", help=N_("when someone last checked these details"), allowed=N_("a date YYYY-MM-DD")
        ),
        "timezone": Field(
            timezone,
            example="Europe/Sofia",
            help=N_("the library's time zone, for meeting hours; without it, it is found from location"),
            allowed=N_("a name of the IANA time zone database, such as Europe/Sofia or America/Denver"),
        ),
        "hours": Field(
            opening_hours,
            example="Mo-Fr 09:00-17:00; Sa 10:00-13:00",
            help=N_(
                "when the library is open, in its own time, for meeting hours; without it, Mo-Fr 09:00-17:00"
            ),  # DEFAULT_HOURS
            allowed=N_("days (Mo Tu We Th Fr Sa Su, ranges such as Mo-Fr) and 24-hour times HH:MM-HH:MM, rules separated by ;"),
        ),
        **_media("library"),
        "sister_cities": Field(
            sister_cities,
            example='["Aurora, US", "Ruse, BG"]',
            help=N_("the town's sister cities: a library in one of them is suggested as a partner"),
            allowed=N_('a list of "City, CC" in quotes (the town, a comma, its two-letter country code)'),
        ),
    },
    "partnership": {
        "libraries": Field(
            listing(slug),
            True,
            "[silistra-public-library, aurora-public-library]",
            N_("the libraries in the partnership"),
            N_("two or more library file names, without .md"),
        ),
        "status": Field(
            one_of(*STATUSES), True, "active", N_("is the partnership still working?"), "one of " + ", ".join(STATUSES)
        ),
        "title": Field(
            text, example="Silistra – Aurora", help=N_("a short name; without it the cities of the libraries are used")
        ),
        "summary": Field(
            long_text,
            example="Two public libraries that exchange books and visits.",
            help=N_("one sentence about the partnership"),
        ),
        "since": Field(
            since,
            example="2008",
            help=N_("when it started; with the whole date, the calendar shows its anniversary"),
            allowed=N_("a four-digit year, or a date YYYY-MM-DD"),
        ),
        "formal": Field(boolean, example="true", help=N_("was an agreement signed?"), allowed=N_("true or false")),
        "via": Field(text, example="Sister Cities", help=N_("who brought the libraries together")),
        "activities": Field(
            listing(slug),
            example="[share-cultural-events, personal-contacts]",
            help=N_("what the libraries do together"),
            allowed=N_("activity file names, without .md"),
        ),
        "goals": Field(
            listing(text),
            example="[Children in both towns learn about the other country]",
            help=N_("what the partnership wants to achieve, for the agreement"),
        ),
        "benefits": Field(
            listing(text),
            example="[New ideas for library programs]",
            help=N_("what each library expects to gain, for the agreement"),
        ),
        "contacts": Field(
            partner_contacts,
            example="{silistra-public-library: {primary: Krassi Njagolova, secondary: Neli Stoilova}}",
            help=N_("for each library, two people from its own contacts list: the primary and the secondary contact"),
            allowed=N_(
                "library file names of this partnership, each with primary and secondary: names from that library's contacts"
            ),
        ),
        "celebrates": Field(
            listing(celebration),
            example="[Thanksgiving Day, {holiday: Independence Day, country: US}, {name: Martenitsa, date: 03-01, country: BG}]",
            help=N_("the days the libraries celebrate together, shown in the partnership's calendar"),
            allowed=N_(
                "a public holiday by its English name in the holidays package (with country when both countries have it),"
                " or {name, date: MM-DD, country} for any other day"
            ),
        ),
        **_media("partnership"),
    },
    "story": {
        "title": Field(text, True, "Teenagers run the library's volunteer program", N_("the title of the story")),
        "date": Field(
            content_date, True, "2019-05-03", N_("when it happened"), N_("YYYY-MM-DD, or YYYY-MM or YYYY when only that is known")
        ),
        "partnership": Field(
            slug,
            example="silistra-aurora",
            help=N_("the partnership the story is about (or leave it out and list libraries)"),
            allowed=N_("a partnership file name, without .md"),
        ),
        "libraries": Field(
            listing(slug),
            example="[kazanlak-public-library]",
            help=N_("the libraries the story is about, when it is not about one partnership"),
            allowed=N_("library file names, without .md"),
        ),
        "activities": Field(
            listing(slug),
            example="[share-programs-and-exhibits]",
            help=N_("the kinds of activity in the story"),
            allowed=N_("activity file names, without .md"),
        ),
        "summary": Field(
            long_text,
            example="Teenagers started a volunteer group after a visit to Aurora.",
            help=N_("one sentence that says what happened"),
        ),
        "lang": Field(
            language,
            example="en",
            help=N_("the language the story is written in, when it is not English"),
            allowed=N_("a two-letter ISO 639-1 code"),
        ),
        **_media("story"),
    },
    "activity": {
        "title": Field(text, True, "Share cultural events", N_("the name of the kind of activity")),
        "summary": Field(long_text, example="Celebrate each other's holidays and festivals.", help=N_("one sentence about it")),
        "order": Field(
            order,
            example="5",
            help=N_("its place in the list of activities"),
            allowed=N_("a whole number; smaller numbers come first"),
        ),
    },
    "guide": {
        "title": Field(text, True, "Ten tips", N_("the title of the guide")),
        "summary": Field(long_text, example="Ten tips for a partnership that lasts.", help=N_("one sentence about the guide")),
        "order": Field(
            order,
            example="5",
            help=N_("its place in the list of guides"),
            allowed=N_("a whole number; smaller numbers come first"),
        ),
    },
}
