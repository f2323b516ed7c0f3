"""Slugs and transliteration: turning any name into lowercase ASCII `a-z0-9-`."""

from __future__ import annotations

import re
import unicodedata

# Bulgarian Streamlined System (used on Bulgarian road signs and passports), plus the
# Russian, Ukrainian and Serbian/Macedonian letters it lacks: Cyrillic is the script our
# contributors most often write names in.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ё": "yo", "ы": "y", "э": "e", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c",
    "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
_OTHER = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ð": "d", "ı": "i"}


def transliteration_table() -> dict[str, str]:
    """Lowercase letter -> Latin, for the browser's copy of `suggest_slug` (assets/contribute.js)."""
    return {**_CYRILLIC, **_OTHER}


def transliterate(text: str) -> str:
    """Latin transliteration of `text`, case kept (Силистра -> Silistra)."""
    out = []
    for ch in text:
        low = ch.lower()
        latin = _CYRILLIC.get(low) or _OTHER.get(low)
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch != low else latin)
    # strip accents: é -> e, č -> c
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def suggest_slug(text: str) -> str:
    """A valid slug for any text: 'Библиотека Русе' -> 'biblioteka-ruse'."""
    ascii_text = transliterate(text).lower().encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "untitled"
