"""What a batch of changed files is (content files as the loader names them, templates, assets,
or something else: the config file), and what a rebuild did about it.

Everything under the content folder is content, photos and entries' own folders included
(content/kinds.py: `<slug>.md` or `<slug>/index.md` with its photos): the loader reads again the
files it knows, and walks the folder again for anything else (a new, changed or deleted photo).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import ContentError


@dataclass
class Changes:
    content: set[str] = field(default_factory=set)  # paths as the loader writes them: content/stories/x.md
    templates: bool = False
    assets: bool = False
    other: bool = False


def real(path: Path) -> Path:
    """The real path of a file's folder, plus its name (the file itself may be a link, or gone)."""
    return Path(os.path.realpath(path.parent), path.name)


def classify(changed: Iterable[Path], content_dir: Path, config: Config) -> Changes:
    content_root = real(content_dir)
    out = Changes()
    for path in changed:
        path = real(Path(path))
        if path.is_relative_to(content_root):
            out.content.add(os.path.join(str(content_dir), *path.relative_to(content_root).parts))
        elif path.is_relative_to(real(config.templates_dir)):
            out.templates = True
        elif path.is_relative_to(real(config.assets_dir)):
            out.assets = True
        else:
            out.other = True
    return out


@dataclass
class RebuildReport:
    pages_rendered: int
    files_written: int
    files_deleted: int
    seconds: float
    errors: list[ContentError]
    full: bool
