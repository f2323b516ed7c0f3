"""The one writer: every file of a build goes into a staging folder next to the output, and is
synced into the output only when all succeeded. `build` and the preview both write through it.

SECURITY-NOTES §7: nothing in the output folder changes until every page is rendered (and
the search index is built); a failed build leaves the previous site exactly as it was. Then
the output is *synced*, not swapped (§7 point 4): a page whose bytes did not change is not
touched at all (same file, same modification time, so a live-reload server or an upload
tool sees only what changed); a changed page was written into the staging folder and is
moved over the old one with `os.replace`, so nobody is ever served half a file; files the
build no longer makes are deleted. When there is no previous output, the staging folder is
simply renamed. Every path is checked to stay inside the output folder (R12).

`build` stages a whole site (`complete=True`: the sync deletes whatever it did not make); the
preview stages only what a change touched and names what goes (`remove`).
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Iterable
from pathlib import Path


class UnsafePath(Exception):
    pass


def check_rel(rel: str) -> str:
    """A relative output path that stays inside the folder: no `..`, no absolute path, no NUL.

    A lexical check (no `resolve()`, which costs one `lstat` per path component): the staging
    folder is ours and has no links, and `Staging` removes any link it finds in the output.
    """
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/") or posixpath.normpath(rel) != rel:
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    if rel == "." or rel == ".." or rel.startswith("../"):
        raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
    return rel


def same_bytes(path: str, data: bytes) -> bool:
    """True when the file at `path` holds exactly `data` (a size check first, then the bytes)."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False


def stage_file(stage_dir: str, out_dir: str, rel: str, data: bytes, made_dirs: set[str] | None = None) -> bool:
    """Put `data` for `rel` into the staging folder unless the output already holds it; True if staged."""
    check_rel(rel)
    if same_bytes(f"{out_dir}/{rel}", data):
        return False
    parent = posixpath.dirname(rel)
    if parent and (made_dirs is None or parent not in made_dirs):
        os.makedirs(f"{stage_dir}/{parent}", exist_ok=True)
        if made_dirs is not None:
            made_dirs.add(parent)
    with open(f"{stage_dir}/{rel}", "wb") as f:
        f.write(data)
    return True


class Staging:
    """`with Staging(out) as stage: stage.write(...)`; synced into `out` on success, removed on error.

    A whole build (`complete=True`) makes every file of the site: at the sync, any other file of
    the output is deleted. An update (the preview's rebuilds) writes only what changed and
    names what goes with `remove`. `stage.produced` is every file the build made;
    `stage.written` counts those that differ from the previous output (only those were written).
    """

    def __init__(self, out_dir: Path, complete: bool = True):
        self.out_dir = out_dir.resolve()
        self.dir = self.out_dir.parent / f"{self.out_dir.name}.tmp-{os.getpid()}"
        self.whole = complete
        self.produced: set[str] = set()  # every file of the new site, relative to the output
        self.staged: set[str] = set()  # the ones written into the staging folder (new or changed)
        self.removed: set[str] = set()  # files of the output an update deletes
        self.deleted = 0
        self._made_dirs: set[str] = set()

    @property
    def written(self) -> int:
        return len(self.staged)

    def __enter__(self) -> Staging:
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.out_dir)
        self.dir.mkdir()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._sync()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, rel: str, data: bytes) -> bool:
        """Stage one file (unless the output already holds these bytes); True when it changed."""
        changed = stage_file(str(self.dir), str(self.out_dir), rel, data, self._made_dirs)
        self.record(rel, changed)
        return changed

    def remove(self, rel: str) -> None:
        """A file of the output that the site no longer has (an update's deleted page)."""
        self.removed.add(check_rel(rel))
        self.produced.discard(rel)
        self.staged.discard(rel)

    def record(self, rel: str, changed: bool) -> None:
        """Note a file staged by a worker process with `stage_file`."""
        self.produced.add(rel)
        if changed:
            self.staged.add(rel)

    def copy_file(self, rel: str, src: str) -> bool:
        """Stage a copy of a trusted file (a processed photo) unless the output holds its bytes."""
        check_rel(rel)
        dest = self.out_dir / rel
        try:
            same = os.stat(dest).st_size == os.stat(src).st_size and same_file(Path(src), dest)
        except OSError:
            same = False
        if not same:
            parent = posixpath.dirname(rel)
            if parent and parent not in self._made_dirs:
                os.makedirs(self.dir / parent, exist_ok=True)
                self._made_dirs.add(parent)
            shutil.copyfile(src, self.dir / rel)
        self.record(rel, not same)
        return not same

    def copy_tree(self, src: Path, rel: str) -> None:
        """Copy a trusted folder (assets) into the site; symlinks are not followed."""
        for path in sorted(src.rglob("*")):
            if path.is_file() and not path.is_symlink():
                self.write(f"{rel}/{path.relative_to(src).as_posix()}", path.read_bytes())

    def keep(self, rels: Iterable[str]) -> None:
        """Files of the previous output that stay as they are (a search index that is still right)."""
        for rel in rels:
            self.produced.add(check_rel(rel))

    def complete(self, prefixes: tuple[str, ...] = ("",)) -> None:
        """Make the staging folder hold every produced file under `prefixes`, for a tool that reads
        the whole site (the search indexer): unchanged files are hard-linked from the output,
        which copies nothing and leaves them untouched."""
        for rel in sorted(self.produced - self.staged):
            if rel.startswith(prefixes):
                dest = self.dir / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(self.out_dir / rel, dest)
                except OSError:  # another file system, or links not allowed: copy
                    shutil.copy2(self.out_dir / rel, dest)

    def adopt(self, rel_dir: str) -> None:
        """Take into the site every file a tool wrote under `rel_dir` of the staging folder."""
        root = self.dir / check_rel(rel_dir)
        for folder, _dirs, files in os.walk(root):
            for name in files:
                rel = Path(folder, name).relative_to(self.dir).as_posix()
                self.record(rel, not same_file(self.dir / rel, self.out_dir / rel))

    def _sync(self) -> None:
        if not self.out_dir.exists():  # no previous site: the staging folder is the site
            os.rename(self.dir, self.out_dir)
            return
        # Stale files first (also links, which could lead a write outside the folder), so a
        # folder can take the place of a file, then the new and changed files.
        if self.whole:
            self.deleted = prune(self.out_dir, self.produced)
        else:
            self.deleted = sum(_remove_file(self.out_dir, rel) for rel in sorted(self.removed))
        for rel in sorted(self.staged):
            dest = self.out_dir / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.dir / rel, dest)


def same_file(a: Path, b: Path) -> bool:
    """Same bytes (or the very same file, linked)."""
    try:
        sa, sb = a.stat(), b.stat()
    except OSError:
        return False
    if (sa.st_ino, sa.st_dev) == (sb.st_ino, sb.st_dev):
        return True
    return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()


def prune(root: Path, keep: set[str]) -> int:
    """Delete every file and link under `root` that is not in `keep`, and the folders left empty."""
    return _prune(str(root), "", keep)[0]


def _prune(folder: str, prefix: str, keep: set[str]) -> tuple[int, int]:
    """(files deleted, entries left) under `folder`."""
    deleted = left = 0
    with os.scandir(folder) as it:
        entries = list(it)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            gone, inside = _prune(entry.path, f"{prefix}{entry.name}/", keep)
            deleted += gone
            if inside:  # not tried: 50,000 folders of pages that stay would each fail to go
                left += 1
                continue
            try:
                os.rmdir(entry.path)
            except OSError:  # something came into it meanwhile
                left += 1
        elif entry.is_symlink() or prefix + entry.name not in keep:  # never follow a link: it is stale
            os.unlink(entry.path)
            deleted += 1
        else:
            left += 1
    return deleted, left


def _remove_file(root: Path, rel: str) -> int:
    """Delete one file of the output (never following a link), and the folders it leaves empty."""
    path = root / rel
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    parent = path.parent
    while parent != root:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
    return 1


def remove_leftovers(out_dir: Path) -> None:
    """Staging folders left by a build that was killed."""
    for path in out_dir.parent.glob(f"{out_dir.name}.tmp-*"):
        shutil.rmtree(path, ignore_errors=True)
