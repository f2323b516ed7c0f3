"""Libraries with known partner suggestions (tests/test_partners.py, and the browser's matcher).

"Today" is 2026-05-28 (SOURCE_DATE_EPOCH below). Ruse and Cleveland want each other's
country and their towns are sister cities; Valencia's listing is out of date (confirmed in
2024); Cleveland and Valencia already have a (dormant) partnership, so neither is suggested
to the other; Ruse and Glens Falls partner (active), so Ruse is still seeking while
partnered; Bergen shares no reason with any library seeking a partner.
"""

from __future__ import annotations

TODAY = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28

FILES = {
    "content/activities/share-cultural-events.md": "---\ntitle: Share cultural events\n---\nHolidays.\n",
    "content/activities/share-training.md": "---\ntitle: Share training\n---\nCourses.\n",
    "content/activities/exchange-library-information.md": "---\ntitle: Exchange library information\n---\nNews.\n",
    "content/libraries/ruse-library.md": """\
        ---
        name: Ruse Regional Library
        city: Ruse
        country: BG
        type: public
        languages: [bg, en]
        population_served: 140000
        sister_cities: ["Cleveland, US"]
        seeking:
          countries: [US]
          interests: [share-cultural-events]
          last_confirmed: 2026-04-01
        ---
        On the Danube.
        """,
    "content/libraries/cleveland-library.md": """\
        ---
        name: Cleveland Public Library
        city: Cleveland
        country: US
        type: public
        languages: [en]
        population_served: 380000
        seeking:
          countries: [BG]
          interests: [share-cultural-events]
        last_confirmed: 2026-02-01
        ---
        On the lake.
        """,
    "content/libraries/glens-falls-library.md": """\
        ---
        name: Glens Falls Library
        city: Glens Falls
        country: US
        type: public
        languages: [en, es]
        population_served: 15000
        ---
        Upstate.
        """,
    "content/libraries/bergen-library.md": """\
        ---
        name: Bergen School Library
        city: Bergen
        country: NO
        type: school
        languages: [no]
        ---
        By the fjord.
        """,
    "content/libraries/valencia-library.md": """\
        ---
        name: Valencia Public Library
        city: Valencia
        country: ES
        type: public
        languages: [es, en]
        population_served: 120000
        seeking:
          countries: [US]
          interests: [share-training]
          last_confirmed: 2024-01-10
        ---
        By the sea.
        """,
    "content/partnerships/ruse-glens-falls.md": """\
        ---
        libraries: [ruse-library, glens-falls-library]
        status: active
        activities: [exchange-library-information]
        ---
        Letters.
        """,
    "content/partnerships/cleveland-valencia.md": """\
        ---
        libraries: [cleveland-library, valencia-library]
        status: dormant
        ---
        Quiet.
        """,
}

# library slug -> [(suggested slug, score, [reason codes])], best first
EXPECTED = {
    "ruse-library": [
        (
            "cleveland-library",
            15,
            ["it_wants_your_country", "you_want_its_country", "sister_cities", "language_main_one", "type", "interest"],
        ),
        ("valencia-library", 3, ["language", "type_and_size"]),
    ],
    "cleveland-library": [
        (
            "ruse-library",
            15,
            ["it_wants_your_country", "you_want_its_country", "sister_cities", "language_main_one", "type", "interest"],
        ),
    ],
    "glens-falls-library": [
        ("valencia-library", 9, ["it_wants_your_country", "language_main_one", "language_main_one", "type"]),
        ("cleveland-library", 4, ["language_main_both", "type"]),
    ],
    "valencia-library": [("ruse-library", 3, ["language", "type_and_size"])],
}

# a few reasons in words, as the pages show them
WORDS = {
    ("ruse-library", "cleveland-library"): [
        "wants a partner in Bulgaria, and you are in Bulgaria",
        "you want a partner in United States, and it is in United States",
        "your towns are already sister cities",
        "you both speak English, the main language of one of you",
        "both are public libraries",
        "you are both interested in Share cultural events",
    ],
    ("ruse-library", "valencia-library"): [
        "you both speak English",
        "both are public libraries serving about 50,000 to 250,000 people",
    ],
}
