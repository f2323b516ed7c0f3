"""Photos from content, with Pillow: checked from their bytes, then published in responsive sizes
with every metadata block left behind.

Photos are untrusted input (SECURITY-NOTES §11). `inspect` reads only a file's header: the
format is decided from the bytes (never the file name), SVG and other formats are refused,
and a picture over the byte or pixel limits is refused before a single pixel is decoded
(decompression bombs: Pillow only warns below twice its own limit). `process` decodes one
photo, turns it upright from its EXIF orientation, converts it to sRGB, and encodes each
width in WebP and JPEG *from the pixels alone*: nothing of the original file (EXIF with GPS
position and camera serial, XMP, IPTC, comments, embedded thumbnails, the ICC profile) can
reach the output, because no encoder is given anything but pixels.

Both are pure functions of the bytes and SETTINGS; a processed photo is named by a hash of
the two (`photo_name`), so an unchanged photo keeps its name and its cached files.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import PIL
from PIL import Image, ImageCms, ImageOps

FORMATS = ("JPEG", "PNG", "WEBP")  # the only decoders Pillow may try on content
MAX_BYTES = 20 * 1024 * 1024  # a camera photo is 3-8 MB; GitHub's web upload stops at 25 MB
MAX_PIXELS = 50_000_000  # a 48-megapixel phone photo passes; Pillow's own warning is at 89 million
MAX_SIDE = 12_000  # pixels on the longest side
WIDTHS = (480, 960, 1600)  # published widths, never more than the original's
ORIENTATION = 0x0112  # the EXIF tag

# Everything that changes the published bytes: part of every processed photo's name.
SETTINGS = {
    "version": 1,
    "widths": WIDTHS,
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
    "pillow": PIL.__version__,
}


class BadImage(Exception):
    """A photo that cannot be published: the message and the fix, for `path:line:`."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Inspected:
    """What the header says: the upright size, and the published sizes that follow from it."""

    width: int
    height: int
    sizes: tuple[tuple[int, int], ...]  # (width, height) of each published size, smallest first


def photo_name(data: bytes) -> str:
    """The name of a processed photo: a hash of its bytes and the settings."""
    h = hashlib.sha256(repr(sorted(SETTINGS.items())).encode())
    h.update(data)
    return h.hexdigest()[:20]


def published_sizes(width: int, height: int) -> tuple[tuple[int, int], ...]:
    widths = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    return tuple((w, max(1, round(height * w / width))) for w in sorted(set(widths)))


_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")
_SAVE_AS = "save or export it as JPEG (a photo) or PNG (a drawing), then add that file"


def _sniff(data: bytes) -> BadImage:
    """Why bytes that are not JPEG, PNG or WebP were refused, as precisely as the bytes say."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<svg" in data[:4096].lower() or head.startswith(b"<?xml"):
        return BadImage(
            "this is an SVG drawing: SVG can carry script and links to other sites, so it is not published",
            "export it as PNG and add the PNG instead",
        )
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return BadImage("this is a HEIC or AVIF photo (as iPhones save them), which browsers cannot all show", _SAVE_AS)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return BadImage("this is a GIF picture; only JPEG, PNG and WebP are published", _SAVE_AS)
    if head.startswith(b"%PDF"):
        return BadImage("this is a PDF document, not a picture", "export the page as PNG, or link to the document instead")
    if not data:
        return BadImage("the file is empty", "upload the photo again")
    try:
        data[:4096].decode("utf-8")
        looks = " (it holds text)" if b"\x00" not in data[:4096] else ""
    except UnicodeDecodeError:
        looks = ""
    return BadImage(f"the file is not a real JPEG, PNG or WebP picture{looks}", _SAVE_AS)


def _open(data: bytes) -> Image.Image:
    """Open (header only) with the three allowed decoders; a bomb is refused before decoding."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombWarning:  # over Pillow's limit: the header is still read, to say the size
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            raise _too_many_pixels(*Image.open(io.BytesIO(data), formats=FORMATS).size) from None
    except Image.DecompressionBombError:
        raise _too_many_pixels() from None
    except (OSError, ValueError, SyntaxError):
        raise _sniff(data) from None
    width, height = img.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise _too_many_pixels(width, height)
    if getattr(img, "n_frames", 1) > 1 and img.format != "MPO":  # MPO: a camera's JPEG with a second picture, not shown
        raise BadImage("this is an animated picture; only still pictures are published", "add a still photo instead")
    return img


def _too_many_pixels(width: int = 0, height: int = 0) -> BadImage:
    size = f" ({width:,} × {height:,} pixels)" if width else ""
    return BadImage(
        f"the picture is too large{size}: at most {MAX_PIXELS // 1_000_000} million pixels and {MAX_SIDE:,} on a side",
        "save a smaller copy, for example 4000 pixels wide, and add that",
    )


def _orientation(img: Image.Image) -> int:
    try:
        return int(img.getexif().get(ORIENTATION, 1))
    except Exception:  # a damaged EXIF block: the picture is shown as stored
        return 1


def inspect(data: bytes) -> Inspected:
    """Check a photo from its header; raises BadImage."""
    if len(data) > MAX_BYTES:
        raise too_many_bytes(len(data))
    img = _open(data)
    width, height = img.size
    if _orientation(img) in (5, 6, 7, 8):  # turned a quarter: the upright picture is taller than wide
        width, height = height, width
    return Inspected(width, height, published_sizes(width, height))


def too_many_bytes(size: int) -> BadImage:
    return BadImage(
        f"the photo is {size / 1024 / 1024:.1f} MB, over the limit of {MAX_BYTES // 1024 // 1024} MB",
        "save a smaller copy, for example 4000 pixels wide at JPEG quality 85, and add that",
    )


_SRGB = ImageCms.createProfile("sRGB")


def _pixels(data: bytes) -> Image.Image:
    """The photo decoded, upright, in sRGB, at its largest published size, as a new image that
    carries nothing but pixels."""
    img = _open(data)
    largest = inspect(data).sizes[-1]
    stored = (largest[1], largest[0]) if _orientation(img) in (5, 6, 7, 8) else largest
    if img.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that is still large enough
        img.draft("RGB", stored)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise BadImage(f"the picture is damaged or incomplete ({exc})", "export or upload the photo again") from None
    icc = img.info.get("icc_profile")
    factor = min(img.width // stored[0], img.height // stored[1])
    if factor >= 2:  # a cheap box reduction first (a PNG cannot be decoded smaller): less memory below
        img.info = {**img.info}  # kept for exif_transpose and the profile
        reduced = img.reduce(factor)
        reduced.info = img.info
        img = reduced
    img = ImageOps.exif_transpose(img) or img
    alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
    img = img.convert("RGBA" if alpha else "RGB")
    if icc:
        try:
            img = ImageCms.profileToProfile(img, io.BytesIO(icc), _SRGB, outputMode=img.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels as they are
    if img.size != largest:
        img = img.resize(largest, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return Image.frombytes(img.mode, img.size, img.tobytes())  # pixels only: no info, no EXIF, no profile


@dataclass(frozen=True)
class Processed:
    width: int
    height: int
    files: tuple[tuple[int, int, str, bytes], ...]  # (width, height, "webp" or "jpg", bytes), smallest first


def process(data: bytes) -> Processed:
    """Every published size of a photo, in WebP and JPEG; raises BadImage."""
    sizes = inspect(data).sizes
    img = _pixels(data)
    files = []
    for width, height in reversed(sizes):  # largest first: each size is made from the one above it
        img = img.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0) if img.size != (width, height) else img
        files.append((width, height, "webp", _encode(img, "WEBP", SETTINGS["webp"])))
        flat = img
        if img.mode == "RGBA":  # JPEG has no transparency: on white
            flat = Image.new("RGB", img.size, (255, 255, 255))
            flat.paste(img, mask=img.getchannel("A"))
        files.append((width, height, "jpg", _encode(flat, "JPEG", SETTINGS["jpeg"])))
    files.sort(key=lambda f: (f[0], f[2]))
    return Processed(sizes[-1][0], sizes[-1][1], tuple(files))


def _encode(img: Image.Image, fmt: str, options: dict) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **options)  # no exif=, icc_profile=, xmp=: the encoders write pixels only
    return out.getvalue()
