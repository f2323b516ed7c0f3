"""When the search index of the previous build can be kept as it is.

Pagefind makes the same index from the same pages (search_stable.py makes it byte for byte
the same), so when no page it indexes changed, was added or removed since the index in the
output was built, running it again (about 14 s for 10,000 pages) would change nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..cache import fingerprint
from .pagefind import SECTIONS as ENTRY_SECTIONS

SECTIONS = tuple(f"{section}/" for section in ENTRY_SECTIONS)


def is_indexed(rel: str) -> bool:
    """The pages search.build_index gives Pagefind: `<section>/<slug>/index.html`."""
    parts = rel.split("/")
    return len(parts) == 3 and parts[2] == "index.html" and parts[0] + "/" in SECTIONS


def index_key(indexed: Iterable[str], language: str, rows: dict[str, int]) -> str:
    """What the index depends on besides the pages' bytes: which pages, the language, the
    indexer, and each page's row in the search lists (the index names pages by row)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{language}\0{fingerprint.code_fingerprint()}\0".encode())  # our code and Pagefind's version
    for rel in indexed:
        h.update(rel.encode() + b"\0")
    for url, row in sorted(rows.items()):
        h.update(f"{url}\0{row}\0".encode())
    return h.hexdigest()


def current_files(root: Path, rels: Iterable[str]) -> dict[str, list[int]]:
    """[size, mtime_ns, is_link] of each file, as buildstamp.manifest records them."""
    out = {}
    for rel in rels:
        try:
            st = os.lstat(root / rel)
        except OSError:
            out[rel] = []
            continue
        out[rel] = [st.st_size, st.st_mtime_ns, int(os.path.islink(root / rel))]
    return out
