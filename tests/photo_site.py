"""A fixture site with photos beside its stories, and photos made here with Pillow (no file from
elsewhere): a camera-like JPEG with private metadata, and pictures that must be refused."""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageDraw

from conftest import MINI_SITE

SERIAL = "SERIAL-7731-XQ"  # a camera serial number that must never be published
OWNER = "Maria Petrova, photographer"


def camera_jpeg(size: tuple[int, int] = (2400, 1600), orientation: int = 6) -> bytes:
    """A JPEG as a camera writes it: EXIF with GPS position, serial, owner and an orientation
    flag, an XMP packet, an ICC profile and a comment. Its left half is red, so after turning it
    upright (orientation 6: a quarter turn clockwise) the top half is red."""
    img = Image.new("RGB", size, (40, 110, 200))
    ImageDraw.Draw(img).rectangle((0, 0, size[0] // 2, size[1]), fill=(220, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F], exif[0x0110] = "ExampleCam", "EC-1"  # make, model
    exif[0x013B] = OWNER  # artist
    exif[0xA431] = SERIAL  # body serial number
    exif[0x8825] = {1: "N", 2: (44.0, 7.0, 3.0), 3: "E", 4: (27.0, 15.0, 4.0)}  # GPS
    xmp = (
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>{OWNER} {SERIAL}</rdf:Description></rdf:RDF></x:xmpmeta>'
    )
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif.tobytes(), xmp=xmp.encode(), icc_profile=icc, comment=f"by {OWNER}")
    data = out.getvalue()
    # IPTC (Photoshop's APP13 segment, which Pillow does not write): the by-line, as news cameras add it
    byline = b"\x1c\x02\x50" + len(OWNER).to_bytes(2, "big") + OWNER.encode()
    resource = b"8BIM\x04\x04\x00\x00" + len(byline).to_bytes(4, "big") + byline
    payload = b"Photoshop 3.0\x00" + resource
    app13 = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    return data[:2] + app13 + data[2:]


def picture(fmt: str = "PNG", size: tuple[int, int] = (1200, 900), color: tuple[int, int, int] = (60, 140, 90)) -> bytes:
    img = Image.new("RGB", size, color)
    ImageDraw.Draw(img).ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(250, 220, 90))
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def bomb(side: int = 10_000) -> bytes:
    """A PNG of `side` x `side` pixels that weighs a few kilobytes: decoded, it would take gigabytes."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


PHOTO_STORY = """
    ---
    title: Drawings travel from Aurora to Silistra
    date: 2021-04-02
    partnership: alpha-beta
    summary: Children's drawings from Beta were shown in Alpha's reading room.
    image: drawings.jpg
    image_alt: Children's drawings pinned on a wall in the reading room
    video: {url: "https://youtu.be/M7lc1UVf-VE", title: The opening of the exhibition}
    ---
    The drawings came by post.

    ![A girl points at her drawing of a lighthouse](lighthouse.png)

    And a second look: ![The whole wall of drawings](drawings.jpg)
    """

PHOTO_SITE: dict[str, str | bytes] = {
    **MINI_SITE,
    "content/stories/drawings-travel/index.md": PHOTO_STORY,
    "content/stories/drawings-travel/drawings.jpg": camera_jpeg(),
    "content/stories/drawings-travel/lighthouse.png": picture(),
    "content/stories/second-parcel/index.md": """
        ---
        title: A second parcel of books
        date: 2022-09-10
        partnership: alpha-beta
        ---
        ![Two boxes of picture books on a library counter](boxes.webp)
        """,
    "content/stories/second-parcel/boxes.webp": picture("WEBP", (800, 600), (150, 80, 40)),
}
