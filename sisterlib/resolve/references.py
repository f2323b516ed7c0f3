"""References between entries: every slug-valued field must name an entry of the right kind.

Slugs are only ever looked up among the entries, never joined into a path (SECURITY-NOTES
R11). A partnership without a title is named after its libraries' cities here, once every
library is known.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping

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
    the same entries exist, only the entries that changed are checked again."""

    def __init__(self) -> None:
        self.entries: dict[Key, Entry] = {}
        self.errors: dict[Key, list[ContentError]] = {}

    def check(self, entries: Mapping[Key, Entry]) -> list[ContentError]:
        if entries.keys() != self.entries.keys():
            self.errors = {}
        todo = [e for k, e in entries.items() if k not in self.errors or self.entries.get(k) is not e]
        for entry in todo:
            self.errors[entry.key] = check_references({entry.key: entry}, entries)
        self.entries = dict(entries)
        return [e for errors in self.errors.values() for e in errors]


def check_references(entries: Mapping[Key, Entry], known: Mapping[Key, Entry] | None = None) -> list[ContentError]:
    """An error for every reference of `entries` to an entry that is not `known` (default: among
    themselves), and for every partnership of fewer than two libraries."""
    known = entries if known is None else known
    errors: list[ContentError] = []
    slugs: dict[str, list[str]] = {}  # kind -> sorted slugs, made only for a "did you mean"
    for entry in entries.values():
        for (kind, slug), at in _refs(entry):
            if (kind, slug) in known:
                continue
            if kind not in slugs:
                slugs[kind] = sorted(s for k, s in known if k == kind)
            close = difflib.get_close_matches(slug, slugs[kind], n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"create content/{KIND[kind].folder}/{slug}.md first, or check the spelling"
            )
            errors.append(ContentError(entry.path, entry.line(*at), f"there is no {kind} '{show(slug)}'", hint))
        if isinstance(entry, Partnership) and len(entry.libraries) < 2:
            errors.append(
                ContentError(
                    entry.path, entry.line("libraries"), "a partnership needs at least two libraries", "list both library slugs"
                )
            )
    return errors


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
        if not all(libraries):
            continue  # an unknown library: check_references reports it
        title = " – ".join(lib.city for lib in libraries)  # type: ignore[union-attr]
        source, titled = memo.get(key, (None, None))
        if source is not entry or titled is None or titled.title != title:
            titled = dataclasses.replace(entry, title=title)
            memo[key] = (entry, titled)
        out[key] = titled
    for key in memo.keys() - out.keys():
        del memo[key]
    return out
