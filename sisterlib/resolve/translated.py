"""The translations of entries in the Site: each one's entry as a page in its language shows
it, and its linked body. Bodies of translations are parsed and linked like the originals'
(their ids are `(kind, slug, lang)`), so their wiki links, errors and cache are the same."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from typing import Any

from ..content.translations import Translation
from .bodies import RenderedBody

Owner = tuple[Hashable, str, str, int]  # (body id, path, Markdown, first line), as reading.read_site lists bodies


def translation_owners(translations: list[Translation]) -> list[Owner]:
    return [((t.kind, t.slug, t.lang), t.path, t.entry.body, t.body_line) for t in translations]


def translated_views(translations: list[Translation], bodies: dict[Hashable, RenderedBody], keep_sources: bool) -> dict[str, Any]:
    """The Site's `translations` ((key, lang) -> the entry in that language) and `translated_bodies`."""
    entries = {
        (t.key, t.lang): t.entry if keep_sources else dataclasses.replace(t.entry, body="", lines={}) for t in translations
    }
    return {
        "translations": entries,
        "translated_bodies": {(t.key, t.lang): bodies[(t.kind, t.slug, t.lang)] for t in translations},
    }
