"""The image a page shows where it is shared (Open Graph `og:image`, with its size and alt text).

Every page carries one in its PageInfo (`image`); base.html writes whatever it is given, with
the full address (only when base_url is one, like og:url). Today that is the site image, a
trusted PNG in assets/ named in sisterlib.toml (`image`, `image_alt`), whose size is read from
the file by config.py. An entry with a photo (issue 20) gets its own: the photo's largest JPEG.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..resolve.images import Shown
from .urls import image_url


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


def page_image(shown: Shown) -> PageImage:
    """An entry's own photo for link previews: its largest JPEG (every reader of Open Graph takes JPEG)."""
    picture = shown.picture
    return PageImage(image_url(picture.name, picture.width, "jpg"), picture.width, picture.height, shown.alt)
