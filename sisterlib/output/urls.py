"""Every URL of the site is decided here, and nowhere else (the plan and the wiki links use it)."""

from __future__ import annotations

SECTION = {
    "library": "libraries",
    "partnership": "partnerships",
    "story": "stories",
    "activity": "activities",
    "guide": "guides",
}
KIND_OF_SECTION = {section: kind for kind, section in SECTION.items()}


def entry_url(kind: str, slug: str) -> str:
    return f"/{SECTION[kind]}/{slug}/"


def section_url(kind: str) -> str:
    return f"/{SECTION[kind]}/"


def country_url(code: str) -> str:
    return f"/countries/{code.lower()}/"


def paged_url(first: str, number: int) -> str:
    """Page 1 of a listing is its own URL; the others are `<url>page/<n>/`."""
    return first if number == 1 else f"{first}page/{number}/"


def output_path(url: str) -> str:
    """`/stories/x/` -> `stories/x/index.html`; `/feed.xml` -> `feed.xml`."""
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path
