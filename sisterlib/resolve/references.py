"""References between entries: every slug-valued field must name an entry of the right kind.

Slugs are only ever looked up among the entries, never joined into a path (SECURITY-NOTES
R11). A partnership without a title is named after its libraries' cities here, once every
library is known.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping

from ..content.filenames import SLUG_RE
from ..content.kinds import KIND
from ..content.model import Entry, Library, Partnership, Story
from ..errors import ContentError, show

Key = tuple[str, str]


def front_matter_refs(entry: Entry) -> list[Key]:
    """The entries an entry's front matter refers to, with the field each one is in."""
    return [key for key, _ in _refs(entry)]


def _refs(entry: Entry) -> list[tuple[Key, tuple]]:
    """(referenced key, where in the front matter) for every slug-valued field."""
    refs: list[tuple[Key, tuple]] = []
    if isinstance(entry, Partnership):
        refs += [(("library", s), ("libraries", i)) for i, s in enumerate(entry.libraries)]
        refs += [(("activity", s), ("activities", i)) for i, s in enumerate(entry.activities)]
    elif isinstance(entry, Story):
        if entry.partnership:
            refs.append((("partnership", entry.partnership), ("partnership",)))
        refs += [(("library", s), ("libraries", i)) for i, s in enumerate(entry.libraries)]
        refs += [(("activity", s), ("activities", i)) for i, s in enumerate(entry.activities)]
    elif isinstance(entry, Library) and entry.seeking:
        refs += [(("activity", s), ("seeking", "interests", i)) for i, s in enumerate(entry.seeking.interests)]
    return refs


class ReferenceChecks:
    """The reference errors of every entry, kept between calls (the preview keeps them): while
    the same entries exist, only the entries that changed, and those that had errors (their
    hints name other entries' titles), are checked again."""

    def __init__(self) -> None:
        self.entries: dict[Key, Entry] = {}
        self.errors: dict[Key, list[ContentError]] = {}

    def check(self, entries: Mapping[Key, Entry]) -> list[ContentError]:
        if entries.keys() != self.entries.keys():
            self.errors = {}
        todo = [e for k, e in entries.items() if self.errors.get(k, True) or self.entries.get(k) is not e]
        if todo:
            names = _Names(entries)
            for entry in todo:
                self.errors[entry.key] = check_references({entry.key: entry}, entries, names)
        self.entries = dict(entries)
        return [e for errors in self.errors.values() for e in errors]


def check_references(
    entries: Mapping[Key, Entry], known: Mapping[Key, Entry] | None = None, names: _Names | None = None
) -> list[ContentError]:
    """An error for every reference of `entries` to an entry that is not `known` (default: among
    themselves), with a hint that names only entries that exist."""
    known = entries if known is None else known
    names = names or _Names(known)
    errors: list[ContentError] = []
    for entry in entries.values():
        for (kind, slug), at in _refs(entry):
            if (kind, slug) not in known:
                message, hint = names.missing(kind, slug, at[0])
                errors.append(ContentError(entry.path, entry.line(*at), message, hint, f"entry:{kind}/{slug}"))
    return errors


class _Names:
    """What a reference that names no entry may have meant: a file name close to it, or the
    entry whose title or name it is (a partnership written as `Ruse – Glens Falls`)."""

    def __init__(self, known: Mapping[Key, Entry]):
        self.known = known
        self._slugs: dict[str, list[str]] = {}
        self._titles: dict[str, dict[str, list[str]]] = {}

    def slugs(self, kind: str) -> list[str]:
        if kind not in self._slugs:
            self._slugs[kind] = sorted(s for k, s in self.known if k == kind)
        return self._slugs[kind]

    def titles(self, kind: str) -> dict[str, list[str]]:
        """Folded title, name or alias -> the slugs of the entries of `kind` that have it."""
        if kind not in self._titles:
            found: dict[str, list[str]] = {}
            for key in sorted(self.known):
                if key[0] == kind:
                    entry = self.known[key]
                    for name in {entry.title, getattr(entry, "name", ""), *getattr(entry, "aliases", ())}:
                        if name:
                            found.setdefault(_fold(name), []).append(key[1])
            self._titles[kind] = found
        return self._titles[kind]

    def missing(self, kind: str, written: str, field: str) -> tuple[str, str]:
        folder = KIND[kind].folder
        if SLUG_RE.match(written):
            close = difflib.get_close_matches(written, self.slugs(kind), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?" if close else f"create content/{folder}/{written}.md first, or check the spelling"
            )
            return f"there is no {kind} '{show(written)}'", hint
        titles = self.titles(kind)
        slugs = titles.get(_fold(written), [])
        if not slugs:
            close = difflib.get_close_matches(_fold(written), list(titles), n=1, cutoff=0.75)
            slugs = titles[close[0]] if close else []
        a = "an" if kind[0] in "aeiou" else "a"
        message = f"{field}: '{show(written)}' is not the file name of {a} {kind}"
        if len(slugs) == 1:
            return message, f"write the file name of the {kind} it names, without .md: {slugs[0]}"
        if slugs:
            return message, f"write the file name of one of these, without .md: {', '.join(slugs)}"
        return message, f"write {a} {kind}'s file name without .md, as in content/{folder}/"


def _fold(name: str) -> str:
    return " ".join(name.replace("\u2013", "-").replace("\u2014", "-").split()).casefold()


TitleMemo = dict[Key, tuple[Entry, Entry]]  # key -> (the entry as validated, the same entry titled)


def with_default_titles(entries: Mapping[Key, Entry], memo: TitleMemo) -> dict[Key, Entry]:
    """The entries, with each untitled partnership named after its libraries' cities ("Silistra – Aurora").

    `memo` is kept between calls (the preview keeps it): a partnership whose file and title did
    not change keeps its titled object, so nothing after this sees a change.
    """
    out = dict(entries)
    for key, entry in entries.items():
        if not isinstance(entry, Partnership) or entry.title:
            continue
        libraries = [entries.get(("library", s)) for s in entry.libraries]
        if not all(lib is not None and lib.city for lib in libraries):
            continue  # an unknown library (check_references reports it), or one whose city could not be read
        title = " – ".join(lib.city for lib in libraries)  # type: ignore[union-attr]
        source, titled = memo.get(key, (None, None))
        if source is not entry or titled is None or titled.title != title:
            titled = dataclasses.replace(entry, title=title)
            memo[key] = (entry, titled)
        out[key] = titled
    for key in memo.keys() - out.keys():
        del memo[key]
    return out
