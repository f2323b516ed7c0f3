"""Load and validate every content file once, in parallel across the cores.

The folder walk and the file-name checks run here (load.load_content with a `read` that
only collects the files); reading, parsing the front matter and checking it against the
content model run in worker processes, a contiguous run of files each. Only the results
come back: the entry, or the source of a file that failed (its body is still checked).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import ContentError
from ..parallel import chunks, map_chunks
from .load import Source, load_content, load_file
from .model import Entry
from .validate import validate_source

Loaded = tuple[Entry | None, Source | None, list[ContentError]]


def _load_one(path: Path, kind: str) -> Loaded:
    source, errors = load_file(path, kind)
    if source is None:
        return None, None, errors
    entry, problems = validate_source(source)
    return entry, (None if entry is not None else source), errors + problems


def load_and_validate(content_dir: Path, jobs: int) -> tuple[list[Entry], list[Source], list[ContentError]]:
    """Like `validate(load_content(dir))`: the valid entries, the failed sources, every error."""
    files: list[tuple[Path, str]] = []

    def collect(path: Path, kind: str) -> tuple[Source | None, list[ContentError]]:
        files.append((path, kind))
        return None, []

    _, errors = load_content(content_dir, read=collect)

    def task(part: Sequence[tuple[Path, str]]) -> list[Loaded]:
        return [_load_one(path, kind) for path, kind in part]

    entries: list[Entry] = []
    failed: list[Source] = []
    for results in map_chunks(task, chunks(files, jobs), jobs):
        for entry, source, problems in results:
            errors += problems
            if entry is not None:
                entries.append(entry)
            elif source is not None:
                failed.append(source)
    return entries, failed, errors
