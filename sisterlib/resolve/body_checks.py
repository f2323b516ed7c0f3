"""What a body says that Markdown would publish differently from what the contributor meant.

- List lines typed with Word's dash or bullet (`– item`, `• item`) are joined into one
  paragraph: an error that names the character and shows `- item`.
- A link target with no scheme that looks like a host (`www.libruse.bg`) is a broken link
  relative to the page: an error with the `https://` form; an e-mail address without
  `mailto:` and a link to a `.md` file get their own fix.
- A link to a photo's file (`[the drawings](drawings.jpg)`) links to nothing that is
  published (photos are published under names of their own): shown with `![...](...)`, a
  photo links to its largest size.
- Any other address without a scheme names a page of the site: it is checked once every
  entry is known (pagelinks.py), so here it only becomes a page link.
"""

from __future__ import annotations

import re

import pycountry

from ..content.filenames import PHOTO_SUFFIXES
from ..content.kinds import BUNDLE_INDEX
from ..errors import show

# Characters Word and other editors start list lines with instead of "- ".
_BULLETS = {"\u2022": "a bullet", "\u25e6": "a white bullet", "\u2023": "a triangular bullet", "\u2043": "a hyphen bullet",
            "\u25aa": "a small square", "\u00b7": "a middle dot"}  # fmt: skip
_DASHES = {"\u2013": "an en dash", "\u2014": "an em dash", "\u2012": "a figure dash", "\u2212": "a minus sign"}
_LIST_LINE = re.compile(f"^[ \\t]*([{''.join(_BULLETS)}{''.join(_DASHES)}])[ \\t]+\\S")

_GENERIC_TLDS = {"com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "eu", "io", "app", "dev", "name", "pro",
                 "museum", "library", "online", "site", "website", "travel", "asia", "coop", "aero", "uk"}  # fmt: skip
_TLDS = _GENERIC_TLDS | {c.alpha_2.lower() for c in pycountry.countries}
_HOST = re.compile(r"^(www\d?\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,}))(?::\d+)?(?:[/?#]|$)", re.I)
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[a-z]{2,}$", re.I)


def word_list_problems(content: str, first_line: int) -> list[tuple[int, str, str]]:
    """A paragraph's lines that start with a bullet, or two or more that start with a dash (a
    single dash may open a line of dialogue)."""
    lines = content.split("\n")
    marked = [(i, m.group(1)) for i, line in enumerate(lines) for m in [_LIST_LINE.match(line)] if m]
    bullets = [(i, ch) for i, ch in marked if ch in _BULLETS]
    dashes = [(i, ch) for i, ch in marked if ch in _DASHES]
    found = bullets[:1] or (dashes[:1] if len(dashes) >= 2 else [])
    if not found:
        return []
    i, ch = found[0]
    name = _BULLETS.get(ch) or _DASHES[ch]
    return [
        (
            first_line + i,
            f"this line starts with '{ch}' (U+{ord(ch):04X}, {name}), which Markdown does not read as a list item:"
            " the lines are joined into one paragraph",
            "start each list item with a hyphen and a space: - item",
        )
    ]


def looks_like_host(target: str) -> bool:
    """Whether an address without a scheme starts with a host name (`www.libruse.bg/...`)."""
    host = _HOST.match(target.strip())
    return bool(host and (host.group(1) or (host.group(3).lower() in _TLDS and host.group(3).lower() != "md")))


def relative_link_problem(url: str) -> tuple[str, str] | None:
    """(message, hint) for a target without a scheme that is not a page address; None for a page address."""
    target = url.strip()
    if _EMAIL.match(target):
        return f"the link target '{show(target)}' is an e-mail address without mailto:", f"write it as mailto:{target}"
    if looks_like_host(target):
        return (
            f"the link target '{show(target[:80])}' has no https://, so it would be an address inside this site",
            f"write the full address: https://{target}",
        )
    steps = target.split("#", 1)[0].split("?", 1)[0].rstrip("/").split("/")
    name = steps[-1]
    stem, _, ext = name.rpartition(".")
    if stem and f".{ext.lower()}" in (*PHOTO_SUFFIXES, ".svg", ".gif"):
        return (
            f"the link target '{show(target[:80])}' is a photo's file, which is not published under that name",
            f"show the photo, beside the entry's index.md, with ![what it shows]({show(name)}):"
            " a photo shown links to its largest size by itself",
        )
    if name.lower().endswith(".md") and len(name) > 3:
        slug = steps[-2] if name.lower() == BUNDLE_INDEX and len(steps) > 1 else name[:-3]  # x/index.md: the entry x
        return f"the link target '{show(target[:80])}' is a file, not a page", f"to link to another entry, write [[{slug}]]"
    return None
