"""The one table of content kinds: where each kind's files live, its URL section, its template,
its word on the command line, its model class and its rank in search listings.

Everything that needs a list of kinds (the folder walk, validation, URLs, `new`, search,
links) reads it from here, so adding a kind is one line.

The layout of one entry is here too: a single file `<folder>/<slug>.md`, or (to keep photos
beside it) a folder `<folder>/<slug>/` holding `index.md` and the photos: Hugo's leaf page
bundles, Zola's asset colocation. Both give the same entry and the same page.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Activity, Entry, Guide, Library, Partnership, Story


@dataclass(frozen=True)
class Kind:
    name: str  # the entry kind, as in Entry.kind: "story"
    folder: str  # content/<folder>/*.md
    section: str  # pages at /<section>/<slug>/, the listing at /<section>/
    word: str  # python build.py new <word> SLUG
    cls: type[Entry]
    about: str  # what one file is, for skeletons
    search_rank: int  # kinds are listed in this order by a search with no words

    @property
    def template(self) -> str:
        return f"{self.name}.html"

    def source(self, slug: str, bundle: bool = False) -> str:
        """The entry's file, relative to the content folder: stories/x.md or stories/x/index.md."""
        return f"{self.folder}/{slug}/{BUNDLE_INDEX}" if bundle else f"{self.folder}/{slug}.md"


BUNDLE_INDEX = "index.md"  # the text of an entry kept in its own folder, beside its photos


def is_bundle(path: str) -> bool:
    """Whether an entry's file (as the loader names it) is the index.md of an entry's folder."""
    return path.replace("\\", "/").rsplit("/", 1)[-1] == BUNDLE_INDEX


KINDS: tuple[Kind, ...] = (
    Kind("library", "libraries", "libraries", "library", Library, "One library.", 1),
    Kind("partnership", "partnerships", "partnerships", "partnership", Partnership, "Two or more libraries working together.", 2),
    Kind("story", "stories", "stories", "story", Story, "A success story: something partner libraries did together.", 3),
    Kind("activity", "activities", "activities", "activity", Activity, "A kind of cooperation, with ideas for doing it.", 4),
    Kind("guide", "pages", "guides", "page", Guide, "A guide page.", 5),
)
KIND = {kind.name: kind for kind in KINDS}
BY_FOLDER = {kind.folder: kind for kind in KINDS}
BY_SECTION = {kind.section: kind for kind in KINDS}
BY_WORD = {kind.word: kind for kind in KINDS}
FOLDERS = tuple(kind.folder for kind in KINDS)
