"""Checkers for the photo and video fields: a photo is a file name beside the entry's index.md
(never an address: no hotlinks, SECURITY-NOTES §11), a video an address on YouTube or Vimeo,
kept in one canonical form so the page links it without loading anything from the host.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..errors import show
from .checks import Invalid, _sub, _unknown, describe, text
from .filenames import photo_name_problem
from .model import Video

ADD_THE_FILE = "add the photo to the entry's own folder, beside its index.md, and write its file name: image: photo.jpg"


def photo_file(value: Any) -> str:
    """A photo's file name, beside the entry's index.md; whether it is there is checked once
    the folder is known (resolve/images.py)."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected a file name, found {describe(value)}", ADD_THE_FILE)
    value = value.strip().removeprefix("./")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", value):
        raise Invalid(
            f"the photo '{show(value[:80])}' is on another website: every visitor's browser would contact that site",
            "download the photo (with its owner's permission), then " + ADD_THE_FILE,
        )
    problem = photo_name_problem(value)
    if problem:
        raise Invalid(*problem)
    return value


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{6,12}$")


def video_url(value: Any) -> tuple[str, str]:
    """(the canonical address, the host's name) of a YouTube or Vimeo video."""
    parts = urlsplit(value.strip()) if isinstance(value, str) else None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.") if parts and parts.scheme in ("http", "https") else ""
    path = [p for p in parts.path.split("/") if p] if parts else []
    found = ""
    if host in ("youtube.com", "youtube-nocookie.com") and parts is not None:
        query = dict(q.split("=", 1) for q in parts.query.split("&") if "=" in q)
        if path == ["watch"]:
            found = query.get("v", "")
        elif len(path) == 2 and path[0] in ("shorts", "embed", "live"):
            found = path[1]
        if _YOUTUBE_ID.match(found):
            return f"https://www.youtube.com/watch?v={found}", "YouTube"
    elif host == "youtu.be" and len(path) == 1 and _YOUTUBE_ID.match(path[0]):
        return f"https://www.youtube.com/watch?v={path[0]}", "YouTube"
    elif host in ("vimeo.com", "player.vimeo.com"):
        number = path[-1] if path and (host == "vimeo.com" and len(path) == 1 or path[:1] == ["video"]) else ""
        if _VIMEO_ID.match(number):
            return f"https://vimeo.com/{number}", "Vimeo"
    raise Invalid(
        f"'{show(str(value))}' is not the address of a YouTube or Vimeo video",
        "copy the address of the video's page, for example https://www.youtube.com/watch?v=... or https://vimeo.com/123456789",
        ("url",),
    )


def video(value: Any) -> Video:
    if not isinstance(value, dict) or "url" not in value or "title" not in value:
        raise Invalid(
            "a video needs a url and a title", "write video: {url: https://www.youtube.com/watch?v=..., title: The reading}"
        )
    _unknown(value, ("url", "title"))
    url, host = video_url(value["url"])
    return Video(url, _sub(value, "title", text), host)


video.parts = {"title": text}  # type: ignore[attr-defined]  # free text: a lost ` #` comment is found (validate.py)
