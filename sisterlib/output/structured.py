"""Structured data (schema.org JSON-LD) for entry pages, so search engines know what a page is about.

Only plain dicts are built here; the templates write them with `|tojson`, which escapes
`<`, `>`, `&` and `'`, so content can never close the <script> element (SECURITY-NOTES R4).
"""

from __future__ import annotations

from typing import Any

from ..content.model import Entry, Library, Story
from ..resolve.per_site import per_entry
from ..resolve.site import Site
from .urls import absolute_url, entry_url, image_url

CONTEXT = "https://schema.org"


def library_data(site: Site, lib: Library, with_context: bool = True) -> dict[str, Any]:
    address = {"@type": "PostalAddress", "addressLocality": lib.city, "addressCountry": lib.country}
    if lib.region:
        address["addressRegion"] = lib.region
    data: dict[str, Any] = {
        "@type": "Library",
        "name": lib.name,
        "address": address,
        "url": absolute_url(site.config, entry_url("library", lib.slug)),
    }
    if with_context:
        data = {"@context": CONTEXT, **data}
    if lib.aliases:
        data["alternateName"] = list(lib.aliases)
    if lib.location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": lib.location[0], "longitude": lib.location[1]}
    if lib.website:
        data["sameAs"] = lib.website
    if lib.summary:
        data["description"] = lib.summary
    if with_context:
        _add_image(site, lib, data)
    return data


def _add_image(site: Site, entry: Entry, data: dict[str, Any]) -> None:
    """The entry's photo (its cover, else its body's first), as an ImageObject with a full address."""
    shown = site.bodies[entry.key].photos.shown
    if shown:
        picture = shown[0].picture
        url = absolute_url(site.config, image_url(picture.name, picture.width, "jpg"))
        data["image"] = {"@type": "ImageObject", "url": url, "width": picture.width, "height": picture.height}


def story_data(site: Site, story: Story) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": story.title,
        "datePublished": story.date.iso,
        "inLanguage": story.lang,
        "url": absolute_url(site.config, entry_url("story", story.slug)),
        "about": [library_data(site, lib, with_context=False) for lib in site.libraries_of[story.key]],
        "publisher": {"@type": "Organization", "name": site.config.title},
    }
    if story.summary:
        data["description"] = story.summary
    _add_image(site, story, data)
    return data


@per_entry  # the same in every language: an entry page in each asks for it
def structured_data(site: Site, entry: object) -> dict[str, Any] | None:
    """The JSON-LD of an entry page, or None for kinds that have none."""
    if isinstance(entry, Library):
        return library_data(site, entry)
    if isinstance(entry, Story):
        return story_data(site, entry)
    return None
