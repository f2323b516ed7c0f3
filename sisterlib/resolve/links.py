"""Resolve: the name index, `[[wiki links]]`, and the references between entries.

An entry can be named by its slug (`silistra-aurora`), by `section/slug` when two kinds
share a slug (`libraries/aurora`), or, ignoring case, by a library's name or alias or any
entry's title. A name that matches nothing, or two different entries, is an error.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Collection, Iterable

from ..content.model import Entry, Library, Partnership, Story
from ..errors import ContentError, show
from ..output.urls import KIND_OF_SECTION, entry_url
from .markdown import WikiTarget

Key = tuple[str, str]


class WikiIndex:
    """Looks names up; picklable, so bodies can be rendered in worker processes."""

    def __init__(self, entries: Iterable[Entry], base_path: str = ""):
        self.base_path = base_path
        self.titles: dict[Key, str] = {}
        self.names: dict[str, set[Key]] = {}
        self.spelled: dict[str, str] = {}  # folded name -> as first written, for "did you mean"
        for entry in entries:
            self.titles[entry.key] = entry.title
            names = [entry.slug, f"{_section(entry.kind)}/{entry.slug}", entry.title]
            if isinstance(entry, Library):
                names += [entry.name, *entry.aliases]
            for name in names:
                if name:
                    self.names.setdefault(name.casefold(), set()).add(entry.key)
                    self.spelled.setdefault(name.casefold(), name)

    def __call__(self, text: str) -> WikiTarget | tuple[str, str]:
        keys = self.names.get(" ".join(text.split()).casefold(), set())
        if len(keys) == 1:
            key = next(iter(keys))
            return WikiTarget(self.base_path + entry_url(*key), self.titles[key], key)
        if keys:
            choices = ", ".join(f"[[{_section(k)}/{s}]]" for k, s in sorted(keys))
            return (f"the wiki link [[{show(text)}]] matches more than one entry", f"write one of {choices}")
        close = difflib.get_close_matches(text.casefold(), list(self.names), n=1, cutoff=0.7)
        hint = (
            f"did you mean [[{self.spelled.get(close[0], close[0])}]]?"
            if close
            else "use an entry's file name without .md, a library's name or a title"
        )
        return (f"the wiki link [[{show(text)}]] does not match any entry", hint)


def _section(kind: str) -> str:
    return {v: k for k, v in KIND_OF_SECTION.items()}[kind]


def check_references(
    entries: dict[Key, Entry], only: Collection[Key] | None = None
) -> tuple[dict[Key, Entry], list[ContentError]]:
    """Check every slug-valued field names an entry of the right kind; fill default titles.

    Slugs are only ever looked up in `entries`, never joined into a path (R11). With `only`,
    just those entries are checked (the preview server after a story edit); all of `entries`
    can still be named.
    """
    errors: list[ContentError] = []
    slugs = {kind: {slug for k, slug in entries if k == kind} for kind in ("library", "partnership", "activity")}

    def need(entry: Entry, kind: str, slug: str, *at: str | int) -> None:
        if slug in slugs[kind]:
            return
        close = difflib.get_close_matches(slug, sorted(slugs[kind]), n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"create content/{_section(kind) if kind != 'guide' else 'pages'}/{slug}.md first, or check the spelling"
        )
        errors.append(ContentError(entry.path, entry.line(*at), f"there is no {kind} '{show(slug)}'", hint))

    out = dict(entries)
    for key in entries if only is None else only:
        entry = entries[key]
        if isinstance(entry, Partnership):
            for i, slug in enumerate(entry.libraries):
                need(entry, "library", slug, "libraries", i)
            if len(entry.libraries) < 2:
                errors.append(
                    ContentError(
                        entry.path,
                        entry.line("libraries"),
                        "a partnership needs at least two libraries",
                        "list both library slugs",
                    )
                )
            for i, slug in enumerate(entry.activities):
                need(entry, "activity", slug, "activities", i)
            if not entry.title and all(s in slugs["library"] for s in entry.libraries):
                cities = [entries[("library", s)].city for s in entry.libraries]  # type: ignore[attr-defined]
                out[key] = dataclasses.replace(entry, title=" – ".join(cities))
        elif isinstance(entry, Story):
            if entry.partnership:
                need(entry, "partnership", entry.partnership, "partnership")
            for i, slug in enumerate(entry.libraries):
                need(entry, "library", slug, "libraries", i)
            for i, slug in enumerate(entry.activities):
                need(entry, "activity", slug, "activities", i)
        elif isinstance(entry, Library) and entry.seeking:
            for i, slug in enumerate(entry.seeking.interests):
                need(entry, "activity", slug, "seeking", "interests", i)
    return out, errors


def front_matter_refs(entry: Entry) -> list[Key]:
    """The entries an entry's front matter refers to (for "What links here")."""
    refs: list[Key] = []
    if isinstance(entry, Partnership):
        refs += [("library", s) for s in entry.libraries]
        refs += [("activity", s) for s in entry.activities]
    elif isinstance(entry, Story):
        if entry.partnership:
            refs.append(("partnership", entry.partnership))
        refs += [("library", s) for s in entry.libraries]
        refs += [("activity", s) for s in entry.activities]
    elif isinstance(entry, Library) and entry.seeking:
        refs += [("activity", s) for s in entry.seeking.interests]
    return refs
