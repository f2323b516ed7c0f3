"""The names of entries, for `[[wiki links]]`: slug, `section/slug`, title, and a library's
name and aliases, ignoring case and repeated spaces.

A name that matches nothing, or two different entries, is an error at the link's line. The
index is updated entry by entry (`update`), so the preview keeps it between builds and a
build after one change touches only that entry's names; `update` says which names changed
meaning, so only the bodies that look one of them up are linked again.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from ..content.kinds import KIND
from ..content.model import Entry, Library
from ..errors import ContentError, show
from ..output.urls import entry_url

Key = tuple[str, str]


@dataclass(frozen=True)
class WikiTarget:
    """What a `[[...]]` names: its URL, the label to show, and its key (kind, slug)."""

    url: str
    label: str
    key: Key


def fold(name: str) -> str:
    """How names are compared: case and runs of spaces do not matter."""
    return " ".join(name.split()).casefold()


def names_of(entry: Entry) -> list[str]:
    names = [entry.slug, f"{KIND[entry.kind].section}/{entry.slug}", entry.title]
    if isinstance(entry, Library):
        names += [entry.name, *entry.aliases]
    return [name for name in names if name]


def country_name_token(code: str) -> str:
    """What a link to a country page looks up, among the names that can change: never a folded name."""
    return f"\x00country:{code}"


def section_link(key: Key) -> str:
    """`[[section/slug]]`: the form that names one entry when two kinds share a slug."""
    return f"[[{KIND[key[0]].section}/{key[1]}]]"


class NameIndex:
    """Folded name -> the entries it names (with the name as each one writes it)."""

    def __init__(self, base_path: str = ""):
        self.base_path = base_path
        self.names: dict[str, dict[Key, str]] = {}
        self.entries: dict[Key, Entry] = {}
        self.countries: dict[str, int] = {}  # country code -> its libraries: which country pages exist

    def has_country(self, code: str) -> bool:
        return self.countries.get(code, 0) > 0

    def update(self, entries: Mapping[Key, Entry]) -> set[str]:
        """Make the index hold exactly `entries`; return the folded names whose targets changed."""
        changed: set[str] = set()
        gone = self.entries.keys() - entries.keys()
        for key in [*gone, *(k for k, e in entries.items() if self.entries.get(k) is not e)]:
            old = self.entries.pop(key, None)
            if isinstance(old, Library) and old.country:
                self.countries[old.country] -= 1
                changed.add(country_name_token(old.country))
            if old is not None:
                for folded in {fold(name) for name in names_of(old)}:
                    named = self.names[folded]
                    named.pop(key, None)
                    if not named:
                        del self.names[folded]
                    changed.add(folded)
            new = entries.get(key)
            if isinstance(new, Library) and new.country:
                self.countries[new.country] = self.countries.get(new.country, 0) + 1
                changed.add(country_name_token(new.country))
            if new is not None:
                self.entries[key] = new
                for name in names_of(new):
                    folded = fold(name)
                    self.names.setdefault(folded, {}).setdefault(key, name)
                    changed.add(folded)
        return changed

    def __call__(self, text: str) -> WikiTarget | tuple[str, str]:
        """The entry a link names, or (message, hint) when it names none or several."""
        keys = self.names.get(fold(text), {})
        if len(keys) == 1:
            key = next(iter(keys))
            return WikiTarget(self.base_path + entry_url(*key), self.entries[key].title, key)
        if keys:
            folded = fold(text)
            if any(self._alias_only(k, folded) for k in keys):  # an alias clash: the error is at the alias, not here
                named = [k for k in sorted(keys) if not self._alias_only(k, folded)] or sorted(keys)
                return WikiTarget(self.base_path + entry_url(*named[0]), self.entries[named[0]].title, named[0])
            choices = ", ".join(section_link(k) for k in sorted(keys))
            return (f"the wiki link [[{show(text)}]] matches more than one entry", f"write one of {choices}")
        close = difflib.get_close_matches(text.casefold(), list(self.names), n=1, cutoff=0.7)
        hint = (
            f"did you mean [[{self.spelling(close[0])}]]?"
            if close
            else "use an entry's file name without .md, a library's name or a title"
        )
        return (f"the wiki link [[{show(text)}]] does not match any entry", hint)

    def _alias_only(self, key: Key, folded: str) -> bool:
        """Is `folded` one of the entry's aliases, and none of its other names?"""
        entry = self.entries[key]
        if not isinstance(entry, Library) or folded not in {fold(a) for a in entry.aliases}:
            return False
        return folded not in {fold(n) for n in (entry.slug, f"{KIND[entry.kind].section}/{entry.slug}", entry.title, entry.name)}

    def alias_clashes(self) -> list[ContentError]:
        """An error at each alias that is also a name of another entry (`[[alias]]` would match
        both): once, at the later file (in path order) when it is an alias of both."""
        errors = []
        for key, entry in self.entries.items():
            if not isinstance(entry, Library):
                continue
            for i, alias in enumerate(entry.aliases):
                folded = fold(alias)
                if not self._alias_only(key, folded):
                    continue
                others = [
                    self.entries[k].path
                    for k in sorted(self.names.get(folded, {}))
                    if k != key and (not self._alias_only(k, folded) or self.entries[k].path < entry.path)
                ]
                if others:
                    errors.append(
                        ContentError(
                            entry.path,
                            entry.line("aliases", i),
                            f"aliases: '{show(alias)}' is also a name of {', '.join(others)}, so [[{show(alias)}]] would match both",
                            "remove the alias, or make it name this library only",
                            f"file:{others[0]}",
                        )
                    )
        return errors

    def spelling(self, folded: str) -> str:
        """A name as written (by the first entry, in key order, that has it)."""
        named = self.names[folded]
        return named[min(named)]
