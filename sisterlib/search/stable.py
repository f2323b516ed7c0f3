"""Make Pagefind's output byte-for-byte reproducible (SECURITY-NOTES R14).

Pagefind 1.5.2 writes the same pages, words and fragments on every run, but the values
inside each filter file, and the list of filters in the `.pf_meta` file, come out of a Rust
hash map in a different order each time (Pagefind/pagefind#638: fragments were made stable
in 1.3, "other files will still change"). Since the file names are content hashes, the
names change too, and so does `pagefind-entry.json`.

The fix here: decode those files (gzip + a `pagefind_dcd` signature + CBOR), sort the
lists, encode them again, and rename each file after a hash of its new content. Search
reads the same data: only the order of map entries changes. The decoder understands the
CBOR subset Pagefind writes; before changing anything it checks that decoding and encoding
a file gives back its exact bytes, so a future Pagefind format fails the build loudly
instead of being rewritten wrong.

It also renames every page of the index after its row in the search lists
(search/listings.py), `<tag>/<row in base 36>`, so the browser reads a result's row from its
id. The tag is a hash of all the part's pages: when any page changes, every name changes, so
a browser cache never serves a page under a row that now names another. Pagefind named each
page by a hash of its own; 2.5 bytes of a page's entry in the meta index, a third of it, is
that hash (the meta index is fetched before any search).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class UnexpectedFormat(Exception):
    pass


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise UnexpectedFormat(f"number too large: {n}")


def encode(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    raise UnexpectedFormat(f"cannot encode {type(value).__name__}")


def decode(data: bytes, pos: int = 0) -> tuple[Any, int]:
    first = data[pos]
    major, extra = first >> 5, first & 31
    pos += 1
    if major == 7 and extra in (20, 21, 22):
        return {20: False, 21: True, 22: None}[extra], pos
    if extra < 24:
        n = extra
    elif extra <= 27:
        size = 1 << (extra - 24)
        n = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise UnexpectedFormat(f"CBOR item {first:#x} is not supported")
    if major == 0:
        return n, pos
    if major == 1:
        return -1 - n, pos
    if major == 2:
        return data[pos : pos + n], pos + n
    if major == 3:
        return data[pos : pos + n].decode("utf-8"), pos + n
    if major == 4:
        items = []
        for _ in range(n):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    raise UnexpectedFormat(f"CBOR major type {major} is not supported")


def read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnexpectedFormat(f"{path.name}: no Pagefind signature")
    value, end = decode(raw, len(SIGNATURE))
    if end != len(raw) or SIGNATURE + encode(value) != raw:
        raise UnexpectedFormat(f"{path.name}: does not round-trip through the CBOR codec")
    return value


def write(folder: Path, prefix: str, hash_length: int, suffix: str, value: Any) -> str:
    """Write a value as Pagefind does and return its new hash name (`en_1a2b3c4`)."""
    raw = SIGNATURE + encode(value)
    name = f"{prefix}_{hashlib.sha256(raw).hexdigest()[:hash_length]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def stabilise(bundle: Path, row_of: Callable[[str], int | None] | None = None) -> None:
    """Rewrite the filter files and meta index of every language in a Pagefind bundle in place;
    with `row_of` (page path -> row), name every page after its row."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = read(meta_path)
        # [version, pages, index chunks, [[filter name, file hash], ...], sorts, meta fields]
        if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list) and isinstance(meta[1], list)):
            raise UnexpectedFormat(f"{meta_path.name}: unexpected layout")
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read(old_path)  # [name, [[value, [page numbers]], ...]]
            old_path.unlink()
            prefix, _, digest = old_hash.rpartition("_")
            new_hash = write(bundle / "filter", prefix, len(digest), ".pf_filter", [filter_name, sorted(values)])
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        if len(meta) >= 5 and isinstance(meta[4], list):  # [[sort name, [page numbers]], ...]
            meta[4] = sorted(meta[4], key=lambda sort: sort[0])
        if row_of is not None:
            names = _page_names(bundle, [page[0] for page in meta[1]], row_of)
            meta[1] = [[name, *rest] for name, (_, *rest) in zip(names, meta[1], strict=True)]
        meta_path.unlink()
        prefix, _, digest = language["hash"].rpartition("_")
        language["hash"] = write(bundle, f"pagefind.{prefix}", len(digest), ".pf_meta", meta).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


def _page_names(bundle: Path, hashes: list[str], row_of: Callable[[str], int | None]) -> list[str]:
    """Move every page's fragment to fragment/<tag>/<row>.pf_fragment; returns the new names."""
    folder = bundle / "fragment"
    found = []
    for page_hash in hashes:
        data = (folder / f"{page_hash}.pf_fragment").read_bytes()
        url = _fragment_url(data, page_hash)
        row = row_of(url)
        if row is None:
            raise UnexpectedFormat(f"{page_hash}.pf_fragment: {url} is not an entry page")
        found.append((row, page_hash, data))
    digest = hashlib.sha256()
    for row, _, data in sorted(found):
        digest.update(f"{row}:{len(data)}:".encode() + data)
    tag = digest.hexdigest()[:6]
    (folder / tag).mkdir()
    names = []
    for row, page_hash, _ in found:
        names.append(f"{tag}/{_base36(row)}")
        (folder / f"{page_hash}.pf_fragment").rename(folder / f"{names[-1]}.pf_fragment")
    return names


_URL_FIRST = re.compile(rb'\{"url":("(?:[^"\\]|\\.)*")')


def _fragment_url(data: bytes, name: str) -> str:
    """The page address a fragment holds; Pagefind writes it first, so only the start is unpacked."""
    head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 4096)
    if not head.startswith(SIGNATURE):
        raise UnexpectedFormat(f"{name}.pf_fragment: no Pagefind signature")
    match = _URL_FIRST.match(head, len(SIGNATURE))
    return json.loads(match.group(1)) if match else json.loads(gzip.decompress(data)[len(SIGNATURE) :])["url"]


def _base36(n: int) -> str:
    digits = ""
    while True:
        n, d = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
        if n == 0:
            return digits
