"""Two files for one library: the same name in the same city, or the same website.

One error, on the later file (in path order), naming the earlier one; on a pull request the
check moves it to the file the pull request changed (blame.py). Files with errors take part
(placeholders): a library is the same library whatever else is wrong with its file.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ..content.model import Entry, Library
from ..errors import ContentError, show
from .names import fold

Key = tuple[str, str]


def website_key(url: str) -> str:
    """`https://www.Lib.bg/` and `http://lib.bg` are one site."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "") if host else ""


def duplicate_libraries(entries: Mapping[Key, Entry]) -> list[ContentError]:
    libraries = sorted((e for e in entries.values() if isinstance(e, Library)), key=lambda e: e.path)
    errors = []
    by_name: dict[tuple[str, str], Library] = {}
    by_site: dict[str, Library] = {}
    for library in libraries:
        name = (fold(library.name), fold(library.city))
        if all(name):
            first = by_name.setdefault(name, library)
            if first is not library:
                errors.append(
                    ContentError(
                        library.path,
                        library.line("name"),
                        f"{first.path} is the same library: the same name and city ({show(library.name)}, {show(library.city)})",
                        "keep one of the two files, and change the other files to use its file name",
                        f"file:{first.path}",
                    )
                )
                continue
        site = website_key(library.website) if library.website else ""
        if site:
            first = by_site.setdefault(site, library)
            if first is not library:
                errors.append(
                    ContentError(
                        library.path,
                        library.line("website"),
                        f"{first.path} has the same website ({show(library.website)}): two files for one library?",
                        "keep one of the two files; if they are two libraries, give each its own page's address",
                        f"file:{first.path}",
                    )
                )
    return errors
