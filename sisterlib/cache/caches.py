"""Every cache one `build` uses, opened together from the cache folder of its content folder
(cache/folder.py), or none of them with `--no-cache` (photos then go to a temporary folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from .entries import EntryCache
from .images import ImageCache
from .markdown import MarkdownCache
from .pages import PageMemo, compiled_templates, render_key
from .record import BuildRecord, Stamp


@dataclass
class BuildCaches:
    record: BuildRecord | None  # the last build into the output folder ("nothing changed")
    markdown: MarkdownCache
    entries: EntryCache
    images: ImageCache
    memo: PageMemo | None  # what each page was rendered from
    compiled: Path | None  # the templates' compiled code

    @classmethod
    def open(cls, folder: Path | None, config: Config, out_dir: Path, options: dict[str, object]) -> BuildCaches:
        if folder is None:
            return cls(None, MarkdownCache(None), EntryCache(None), ImageCache(None), None, None)
        key = render_key(config, options)
        return cls(
            BuildRecord(folder, out_dir), MarkdownCache(folder), EntryCache(folder), ImageCache(folder),
            PageMemo(folder, out_dir, key), compiled_templates(folder, key),
        )  # fmt: skip

    def pages_from(self, previous: Stamp | None, out_dir: Path) -> PageMemo | None:
        """The page memo for this build, with the pages the previous output holds; None for a first
        build into an empty folder (a fresh checkout, CI), which remembers nothing: recording what
        each page reads costs about 20% of the render stage, for a next build it may never have."""
        if self.memo is None or previous is None or not out_dir.is_dir():
            return None
        self.memo.load(previous.inputs, previous.files, out_dir)
        return self.memo
