"""Write: pages into a staging folder next to the output, swapped in only when all succeeded.

The previous output stays untouched until the swap (SECURITY-NOTES R13); every path is
checked to stay inside the staging folder just before writing (R12).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class UnsafePath(Exception):
    pass


class Staging:
    """`with Staging(out) as stage: stage.write(...)`; swapped in on success, removed on error."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        self.dir = self.out_dir.parent / f"{self.out_dir.name}.tmp-{os.getpid()}"
        self.written = 0

    def __enter__(self) -> Staging:
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.out_dir)
        self.dir.mkdir()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._swap()
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def path_for(self, rel: str) -> Path:
        dest = (self.dir / rel).resolve()
        if not dest.is_relative_to(self.dir) or dest == self.dir:
            raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
        return dest

    def write(self, rel: str, data: bytes) -> None:
        dest = self.path_for(rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        self.written += 1

    def copy_tree(self, src: Path, rel: str) -> None:
        """Copy a trusted folder (assets) into the staging folder; symlinks are not followed."""
        for path in sorted(src.rglob("*")):
            if path.is_file() and not path.is_symlink():
                self.write(f"{rel}/{path.relative_to(src).as_posix()}", path.read_bytes())

    def _swap(self) -> None:
        # os.replace cannot replace a non-empty folder: two renames, a gap of microseconds.
        old = self.out_dir.parent / f"{self.out_dir.name}.old-{os.getpid()}"
        if self.out_dir.exists():
            os.rename(self.out_dir, old)
        os.rename(self.dir, self.out_dir)
        shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(out_dir: Path) -> None:
    """Staging and old folders left by a build that was killed."""
    for path in out_dir.parent.glob(f"{out_dir.name}.tmp-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in out_dir.parent.glob(f"{out_dir.name}.old-*"):
        shutil.rmtree(path, ignore_errors=True)
