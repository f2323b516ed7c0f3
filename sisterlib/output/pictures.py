"""The HTML of a photo: `<picture>` with WebP and JPEG `srcset`, `sizes` for where it sits,
`width` and `height` (nothing moves while it loads), lazy loading but for the first photo of a
page, and a link to its largest size. Bodies (resolve/bodies.py) and templates (the `picture`
global of render.py) both write photos with this one function.

Every value is escaped: the description is the contributor's text; the URLs come from
urls.image_url and the photo's name (a hash).
"""

from __future__ import annotations

from markupsafe import escape

from .urls import image_url

# How wide a photo is shown, for the browser to choose a size (assets/style.css).
SIZES = {
    "body": "(min-width: 42rem) 40rem, 100vw",  # the text column: 65ch
    "cover": "(min-width: 42rem) 40rem, 100vw",
    "card": "8rem",  # the thumbnail beside a card's text
    "gallery": "(min-width: 40rem) 16rem, 50vw",
}


def picture_html(picture: object, alt: str, base_path: str, where: str = "body", lazy: bool = True, link: bool = True) -> str:
    """A photo (resolve.images.Picture) with its description, as HTML."""
    name, sizes = picture.name, picture.sizes  # type: ignore[attr-defined]
    width, height = sizes[-1]

    def url(w: int, suffix: str) -> str:
        return str(escape(base_path + image_url(name, w, suffix)))

    def srcset(suffix: str) -> str:
        return ", ".join(f"{url(w, suffix)} {w}w" for w, _ in sizes)

    fallback = sizes[min(1, len(sizes) - 1)][0]  # 960 wide when there is one: any browser without srcset
    media = SIZES[where]
    loading = ' loading="lazy"' if lazy else ""
    img = (
        f'<img src="{url(fallback, "jpg")}" srcset="{srcset("jpg")}" sizes="{media}" width="{width}" height="{height}"'
        f' alt="{escape(alt)}"{loading} decoding="async">'
    )
    html = f'<picture class="photo photo-{where}"><source type="image/webp" srcset="{srcset("webp")}" sizes="{media}">{img}</picture>'
    return f'<a class="photo-link" href="{url(width, "jpg")}">{html}</a>' if link else html
