"""The image a page shows where it is shared (Open Graph `og:image`, with its size and alt text).

Every page carries one in its PageInfo (`image`); base.html writes whatever it is given, with
the full address (only when base_url is one, like og:url). Today that is the site image, a
trusted PNG in assets/ named in sisterlib.toml (`image`, `image_alt`), whose size is read from
the file by config.py. An entry's own picture can take its place by planning the entry's
PageInfo with another PageImage; the template needs no change.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config


@dataclass(frozen=True)
class PageImage:
    url: str  # a site path (/assets/site-image.png); the template makes it a full address
    width: int  # pixels
    height: int
    alt: str  # what the image shows, for people who cannot see it (og:image:alt)


def site_image(config: Config) -> PageImage | None:
    """The site's own image, or None when sisterlib.toml sets `image = ""`."""
    if not config.image:
        return None
    width, height = config.image_size
    return PageImage(f"/assets/{config.image}", width, height, config.image_alt)
