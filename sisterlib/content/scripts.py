"""Names in two scripts: Cyrillic to Latin and Latin to Bulgarian Cyrillic, never a mix.

The one place that turns a name from one script into the other: slugs (`new` suggests
`sofia` for София), search (every name indexed in both scripts, so `Аврора` and `Silistra`
find their libraries whichever script the visitor types in), and any later feature that
shows, sorts or filters names in both scripts (`latin_key`).

Cyrillic to Latin is Bulgaria's Streamlined System, the Transliteration Act of 2009 (ДВ бр.
19/13.03.2009): Art. 4 is one table, letter by letter (дж, дз, ьо and йо need no rule of
their own); Art. 5 writes "ия" at the end of a word as "ia" (София -> Sofia, inside a word
the table holds: Сияна -> Siyana); Art. 6 keeps the state's name as Bulgaria, a fixed
exception. The Act says nothing of capitals: a word written all in capitals stays so
(СОФИЯ -> SOFIA), otherwise a capital letter gives a capitalised group (Щ -> Sht). Letters
of other Cyrillic alphabets (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Kazakh),
which the Act does not cover, get their usual Latin forms, so no Cyrillic letter is ever
left.

Latin to Cyrillic has no official system and cannot give the spellings Bulgarians use
(Aurora is Аврора, Newton is Нютън): those belong in the content as aliases. This is a
search key, the reverse of the Streamlined table plus rules for the letters Bulgarian lacks
(w, q, x, j, c, y), so that a visitor who writes a Latin name in Cyrillic letters finds it
(Шетланд -> Shetland). It never leaves a Latin letter (cyrtranslit gives Неwтон).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Art. 4 of the Act, lowercase (capitals follow the rule above).
STREAMLINED = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip
# Letters of other Cyrillic alphabets the Act has no word for: their common Latin forms.
OTHER_CYRILLIC = {
    "ё": "yo", "ы": "y", "э": "e", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj",
    "ѕ": "dz", "ә": "a", "ғ": "g", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "ҙ": "z", "ҡ": "k", "ҫ": "s", "ӏ": "", "ѣ": "ya", "ѫ": "a", "ѭ": "ya",
    "ѳ": "f", "ѵ": "i", "ѝ": "i",
}  # fmt: skip
WORD_FINAL = {"ия": "ia"}  # Art. 5
WHOLE_WORDS = {"българия": "bulgaria"}  # Art. 6: the name of the state, in any case

# Latin to Bulgarian Cyrillic, longest first: the Streamlined digraphs (so a name written in
# the Streamlined System comes back as it was), English digraphs, then single letters.
TO_CYRILLIC = {
    "sht": "щ", "dzh": "дж", "zh": "ж", "ch": "ч", "sh": "ш", "ts": "ц", "yu": "ю", "ya": "я",
    "yo": "йо", "tch": "ч", "ck": "к", "kh": "х", "ph": "ф", "th": "т", "gh": "г", "wh": "у",
    "qu": "кв", "ee": "и", "oo": "у", "ea": "и", "ou": "ау", "ce": "се", "ci": "си", "cy": "си",
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "у", "x": "кс", "y": "й", "z": "з",
}  # fmt: skip
# Latin letters that are not a-z once their accents are gone.
LATIN_FOLD = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ð": "d", "ı": "i", "ŋ": "ng"}

_TO_LATIN = {**OTHER_CYRILLIC, **STREAMLINED}
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters: hyphens, digits and punctuation end a word
_LATIN_RULE = re.compile("|".join(sorted(map(re.escape, TO_CYRILLIC), key=len, reverse=True)))
_VOWELS = set("aeiouy")


def is_cyrillic(ch: str) -> bool:
    """A Cyrillic letter (signs and combining marks of the block are not letters)."""
    return ch.isalpha() and (
        "\u0400" <= ch <= "\u052f" or "\u1c80" <= ch <= "\u1c8f" or "\u2de0" <= ch <= "\u2dff" or "\ua640" <= ch <= "\ua69f"
    )


def is_latin(ch: str) -> bool:
    """A Latin letter, with or without accents."""
    return ch.isalpha() and ("LATIN" in unicodedata.name(ch, "") or ch.isascii())


def has_cyrillic(text: str) -> bool:
    return any(is_cyrillic(ch) for ch in text)


def has_latin(text: str) -> bool:
    return any(is_latin(ch) for ch in text)


def _case(source: str, latin: str, all_caps: bool) -> str:
    if all_caps:
        return latin.upper()
    return latin[:1].upper() + latin[1:] if source.isupper() else latin


def _cyrillic_letter(ch: str) -> str:
    low = ch.lower()
    if low in _TO_LATIN:
        return _TO_LATIN[low]
    base = unicodedata.normalize("NFD", low)[0]  # ѐ -> е, ӣ -> и
    return _TO_LATIN.get(base, "")  # a letter no alphabet above has: left out rather than left Cyrillic


@lru_cache(maxsize=1 << 16)  # names repeat: a library's name is on each of its stories
def _latin_word(word: str) -> str:
    if not has_cyrillic(word):
        return word
    low = word.lower()
    all_caps = len(word) > 1 and word.isupper()
    if low in WHOLE_WORDS:
        return _case(word[0], WHOLE_WORDS[low], all_caps)
    out = []
    for i, ch in enumerate(word):
        if not is_cyrillic(ch):
            out.append(ch)
            continue
        latin = _cyrillic_letter(ch)
        if i == len(word) - 1 and i > 0 and low[i - 1 :] in WORD_FINAL:
            out[-1] = ""  # Art. 5: the pair is written together
            latin = WORD_FINAL[low[i - 1 :]]
            ch = word[i - 1]
        out.append(_case(ch, latin, all_caps))
    return "".join(out)


def to_latin(text: str) -> str:
    """Cyrillic in `text` in Latin letters (Streamlined System); Latin and other text unchanged."""
    return _WORD.sub(lambda m: _latin_word(m.group(0)), text)


def fold_latin(text: str) -> str:
    """Latin letters without accents, and the few that have no accent to drop (ß, ø, ł)."""
    out = []
    for ch in text:
        folded = LATIN_FOLD.get(ch.lower())
        out.append(ch if folded is None else folded.capitalize() if ch.isupper() else folded)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _cyrillic_run(run: str) -> str:
    """A run of Latin letters in Cyrillic ones."""
    low = "".join(ch for ch in fold_latin(run).lower() if "a" <= ch <= "z")  # IPA and the like: left out
    out, i, end = [], 0, len(low)
    whole = {latin: cyrillic for cyrillic, latin in WHOLE_WORDS.items()}.get(low)
    final = "" if whole else next((c for c, lat in WORD_FINAL.items() if low.endswith(lat) and len(low) > len(lat)), "")
    if whole:
        out, end = [whole], 0  # Bulgaria -> България, the way back of Art. 6
    elif final:
        end -= len(WORD_FINAL[final])  # Sofia -> София, the way back of Art. 5
    while i < end:
        match = _LATIN_RULE.match(low, i, end)
        assert match is not None  # every letter a-z is a rule of its own
        token = match.group(0)
        cyrillic = TO_CYRILLIC[token]
        if token == "y" and i > 0 and low[i - 1] not in _VOWELS:
            cyrillic = "и"  # after a consonant: Quincy -> Квинси; else й: Yuriy -> Юрий
        out.append(cyrillic)
        i += len(token)
    text = "".join(out) + final
    if len(run) > 1 and run.isupper():
        return text.upper()
    return text[:1].upper() + text[1:] if run[:1].isupper() else text


@lru_cache(maxsize=1 << 16)
def _cyrillic_word(word: str) -> str:
    """A word (letters only) with its runs of Latin letters in Cyrillic."""
    out, run = [], ""
    for ch in word:
        if is_latin(ch):
            run += ch
            continue
        if run:
            out.append(_cyrillic_run(run))
            run = ""
        out.append(ch)
    if run:
        out.append(_cyrillic_run(run))
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Latin letters in `text` in Bulgarian Cyrillic ones (a search key); other text unchanged."""
    return _WORD.sub(lambda m: _cyrillic_word(m.group(0)) if has_latin(m.group(0)) else m.group(0), text)


@lru_cache(maxsize=1 << 16)  # every story page asks again for the names of its libraries and towns
def other_scripts(name: str) -> tuple[str, ...]:
    """The forms of a name in the scripts it is not written in: Силистра -> (Silistra,),
    Aurora -> (Аурора,); a name mixing both gets both forms; a name with no letters, none."""
    forms = []
    if has_cyrillic(name):
        forms.append(to_latin(name))
    if has_latin(name):
        forms.append(to_cyrillic(name))
    return tuple(form for form in dict.fromkeys(forms) if form != name)


def latin_key(text: str) -> str:
    """A key to sort or match names of both scripts together: Latin, no accents, casefolded."""
    return fold_latin(to_latin(text)).casefold()
