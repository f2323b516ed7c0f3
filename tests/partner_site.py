"""A small site for the partnership features (issue 15): one partnership with every field, one
with most left out, libraries in Bulgaria, the US and Italy, and a fixed "today"."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import make_project

TODAY = {"SOURCE_DATE_EPOCH": "1796083200"}  # 2026-12-01 00:00 UTC

LIBRARIES = {
    "content/libraries/silistra-public-library.md": """
        ---
        name: Silistra Public Library
        city: Silistra
        country: BG
        type: public
        location: {lat: 44.12, lon: 27.26}
        contacts:
          - {name: Neli Stoilova, role: Director}
          - {name: Krassi Njagolova, role: Librarian}
        ---
        A library on the Danube.
    """,
    "content/libraries/aurora-public-library.md": """
        ---
        name: Aurora Public Library
        city: Aurora
        country: US
        type: public
        location: {lat: 39.73, lon: -104.83}
        hours: Mo-Fr 09:00-17:00; Sa 10:00-13:00
        contacts:
          - {name: Ann Reader, role: Outreach librarian}
          - {name: Bob Shelver, role: Branch manager}
        ---
        A library in Colorado.
    """,
    "content/libraries/rome-library.md": """
        ---
        name: Biblioteca di Roma
        city: Rome
        country: IT
        type: public
        timezone: Europe/Rome
        ---
        A library in Rome.
    """,
}

FULL = """
    ---
    libraries: [silistra-public-library, aurora-public-library]
    status: active
    since: 2008-06-14
    formal: true
    via: Colorado-Bulgarian Library Project
    activities: [share-cultural-events]
    goals:
      - Children learn about the other country
      - Staff share ideas for programs
    benefits:
      - A teen volunteer group in Silistra
    contacts:
      silistra-public-library: {primary: Krassi Njagolova, secondary: Neli Stoilova}
      aurora-public-library: {primary: Ann Reader, secondary: Bob Shelver}
    celebrates:
      - Thanksgiving Day
      - {holiday: Independence Day, country: US}
      - {name: Martenitsa, date: 03-01, country: BG}
    ---
    Books for each other's holidays.
"""

SPARSE = """
    ---
    libraries: [silistra-public-library, rome-library]
    status: dormant
    ---
    They met once.
"""

OTHERS = {
    "content/activities/share-cultural-events.md": "---\ntitle: Share cultural events\n---\nHolidays.\n",
    "content/stories/holiday-books.md": """
        ---
        title: Holiday books for the children
        date: 2019-05-03
        partnership: silistra-aurora
        ---
        Books went both ways.
    """,
}


def partner_site(tmp_path: Path, full: str = FULL, extra: dict[str, str] | None = None) -> Path:
    files = {**LIBRARIES, **OTHERS, "content/partnerships/silistra-aurora.md": full}
    files["content/partnerships/silistra-rome.md"] = SPARSE
    return make_project(tmp_path, {**files, **(extra or {})})


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF that Chromium wrote: its page objects (`/Type /Page`, not `/Pages`)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))
