"""The content model as tables: for each kind, every field with its checker, whether it is
required, an example, help and the values allowed.

These tables drive `check` (content/validate.py), the skeletons of `new` (scaffold.py), the
/contribute/ form (output/contribute.py) and the field tables of CONTRIBUTING.md (kept equal
by a test).
"""

from __future__ import annotations

from dataclasses import dataclass

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
from .hours import DEFAULT_HOURS, opening_hours, timezone
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


def _media(what: str) -> dict[str, Field]:
    """The photo and video fields, the same for every kind that has them."""
    return {
        "image": Field(
            photo_file,
            example="photo.jpg",
            help=f"a photo of the {what}, shown on its page, its cards and in link previews",
            allowed="the file name of a JPEG, PNG or WebP photo beside index.md, in the entry's own folder",
        ),
        "image_alt": Field(
            text,
            example="Children's drawings from Aurora on display in Silistra",
            help="what the photo shows, for people who cannot see it (required with image)",
        ),
        "video": Field(
            video,
            example="{url: https://www.youtube.com/watch?v=M7lc1UVf-VE, title: The director reads a fairy tale}",
            help=f"a video about the {what}, shown as a link",
            allowed="the address of a YouTube or Vimeo video, and its title",
        ),
    }


# What a skeleton from `python build.py new` holds where the contributor must write something.
# `check` refuses any value or body that still contains it, so a skeleton is never published.
PLACEHOLDER = "FILL-IN"


FIELDS: dict[str, dict[str, Field]] = {
    "library": {
        "name": Field(
            text, True, "Silistra Public Library", "the library's name, as the library writes it in English or in Latin letters"
        ),
        "city": Field(text, True, "Silistra", "the town or city"),
        "country": Field(country, True, "BG", "the country", "a two-letter ISO 3166 code such as BG, US, GB, IT or NO"),
        "type": Field(one_of(*LIBRARY_TYPES), True, "public", "the kind of library", "one of " + ", ".join(LIBRARY_TYPES)),
        "region": Field(text, example="Silistra Province", help="the region, province, state or county"),
        "languages": Field(
            listing(language),
            example="[bg, en]",
            help="languages the library works in, the main one first",
            allowed="two-letter ISO 639-1 codes such as bg, en or it",
        ),
        "website": Field(
            web_url,
            example="https://www.example.org/",
            help="the library's website",
            allowed="a full address starting with https:// or http://",
        ),
        "location": Field(
            location,
            example="{lat: 44.12, lon: 27.26}",
            help="where it is on a map",
            allowed="latitude and longitude in decimal degrees",
        ),
        "population_served": Field(
            population,
            example="45000",
            help="how many people the library serves: partner suggestions compare libraries of a like size",
            allowed="a whole number above zero, digits only",
        ),
        "aliases": Field(
            listing(text),
            example="[Библиотека Силистра]",
            help="other names, for example in the local language, so [[links]] find the library",
        ),
        "contacts": Field(
            listing(contact),
            example="[{name: Neli Stoilova, role: Director}]",
            help="the people to contact about the partnership",
        ),
        "seeking": Field(
            seeking,
            example="{countries: [US], languages: [en], interests: [share-training], note: We would like a partner for a summer reading project.}",
            help="only if the library is looking for a partner: what kind of partner",
            allowed="any of countries, languages, interests (activity file names), note and last_confirmed (YYYY-MM-DD)",
        ),
        "last_confirmed": Field(
            full_date, example="2026-01-15", help="when someone last checked these details", allowed="a date YYYY-MM-DD"
        ),
        "timezone": Field(
            timezone,
            example="Europe/Sofia",
            help="the library's time zone, for meeting hours; without it, it is found from location",
            allowed="a name of the IANA time zone database, such as Europe/Sofia or America/Denver",
        ),
        "hours": Field(
            opening_hours,
            example="Mo-Fr 09:00-17:00; Sa 10:00-13:00",
            help=f"when the library is open, in its own time, for meeting hours; without it, {DEFAULT_HOURS}",
            allowed="days (Mo Tu We Th Fr Sa Su, ranges such as Mo-Fr) and 24-hour times HH:MM-HH:MM, rules separated by ;",
        ),
        **_media("library"),
        "sister_cities": Field(
            sister_cities,
            example='["Aurora, US", "Ruse, BG"]',
            help="the town's sister cities: a library in one of them is suggested as a partner",
            allowed='a list of "City, CC" in quotes (the town, a comma, its two-letter country code)',
        ),
    },
    "partnership": {
        "libraries": Field(
            listing(slug),
            True,
            "[silistra-public-library, aurora-public-library]",
            "the libraries in the partnership",
            "two or more library file names, without .md",
        ),
        "status": Field(one_of(*STATUSES), True, "active", "is the partnership still working?", "one of " + ", ".join(STATUSES)),
        "title": Field(text, example="Silistra – Aurora", help="a short name; without it the cities of the libraries are used"),
        "summary": Field(
            long_text, example="Two public libraries that exchange books and visits.", help="one sentence about the partnership"
        ),
        "since": Field(
            since,
            example="2008",
            help="when it started; with the whole date, the calendar shows its anniversary",
            allowed="a four-digit year, or a date YYYY-MM-DD",
        ),
        "formal": Field(boolean, example="true", help="was an agreement signed?", allowed="true or false"),
        "via": Field(text, example="Sister Cities", help="who brought the libraries together"),
        "activities": Field(
            listing(slug),
            example="[share-cultural-events, personal-contacts]",
            help="what the libraries do together",
            allowed="activity file names, without .md",
        ),
        "goals": Field(
            listing(text),
            example="[Children in both towns learn about the other country]",
            help="what the partnership wants to achieve, for the agreement",
        ),
        "benefits": Field(
            listing(text),
            example="[New ideas for library programs]",
            help="what each library expects to gain, for the agreement",
        ),
        "contacts": Field(
            partner_contacts,
            example="{silistra-public-library: {primary: Krassi Njagolova, secondary: Neli Stoilova}}",
            help="for each library, two people from its own contacts list: the primary and the secondary contact",
            allowed="library file names of this partnership, each with primary and secondary: names from that library's contacts",
        ),
        "celebrates": Field(
            listing(celebration),
            example="[Thanksgiving Day, {holiday: Independence Day, country: US}, {name: Martenitsa, date: 03-01, country: BG}]",
            help="the days the libraries celebrate together, shown in the partnership's calendar",
            allowed="a public holiday by its English name in the holidays package (with country when both countries have it),"
            " or {name, date: MM-DD, country} for any other day",
        ),
        **_media("partnership"),
    },
    "story": {
        "title": Field(text, True, "Teenagers run the library's volunteer program", "the title of the story"),
        "date": Field(
            content_date, True, "2019-05-03", "when it happened", "YYYY-MM-DD, or YYYY-MM or YYYY when only that is known"
        ),
        "partnership": Field(
            slug,
            example="silistra-aurora",
            help="the partnership the story is about (or leave it out and list libraries)",
            allowed="a partnership file name, without .md",
        ),
        "libraries": Field(
            listing(slug),
            example="[kazanlak-public-library]",
            help="the libraries the story is about, when it is not about one partnership",
            allowed="library file names, without .md",
        ),
        "activities": Field(
            listing(slug),
            example="[share-programs-and-exhibits]",
            help="the kinds of activity in the story",
            allowed="activity file names, without .md",
        ),
        "summary": Field(
            long_text,
            example="Teenagers started a volunteer group after a visit to Aurora.",
            help="one sentence that says what happened",
        ),
        "lang": Field(
            language,
            example="en",
            help="the language the story is written in, when it is not English",
            allowed="a two-letter ISO 639-1 code",
        ),
        **_media("story"),
    },
    "activity": {
        "title": Field(text, True, "Share cultural events", "the name of the kind of activity"),
        "summary": Field(long_text, example="Celebrate each other's holidays and festivals.", help="one sentence about it"),
        "order": Field(
            order, example="5", help="its place in the list of activities", allowed="a whole number; smaller numbers come first"
        ),
    },
    "guide": {
        "title": Field(text, True, "Ten tips", "the title of the guide"),
        "summary": Field(long_text, example="Ten tips for a partnership that lasts.", help="one sentence about the guide"),
        "order": Field(
            order, example="5", help="its place in the list of guides", allowed="a whole number; smaller numbers come first"
        ),
    },
}
