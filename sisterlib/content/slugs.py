"""Slugs: turning any name into lowercase ASCII `a-z0-9-` (Cyrillic by content/scripts.py)."""

from __future__ import annotations

import re

from . import scripts


def transliteration_table() -> dict[str, object]:
    """The rules of `transliterate`, for the browser's copy of `suggest_slug` (assets/contribute.js):
    lowercase letter -> Latin, and the Act's two rules on whole words (София -> sofia)."""
    letters = {**scripts.OTHER_CYRILLIC, **scripts.STREAMLINED, **scripts.LATIN_FOLD}
    return {"letters": letters, "word_final": scripts.WORD_FINAL, "whole_words": scripts.WHOLE_WORDS}


def transliterate(text: str) -> str:
    """Latin transliteration of `text`, case kept, accents dropped (Силистра -> Silistra, София -> Sofia)."""
    return scripts.fold_latin(scripts.to_latin(text))


def has_cyrillic(text: str) -> bool:
    return scripts.has_cyrillic(text)


def suggest_slug(text: str) -> str:
    """A valid slug for any text: 'Библиотека Русе' -> 'biblioteka-ruse'."""
    ascii_text = transliterate(text).lower().encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "untitled"
