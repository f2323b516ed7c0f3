"""An output folder kept equal to a set of files, touching only the files that changed.

For the preview server (SECURITY-NOTES §7, point 4): a file whose bytes did not change is not
rewritten, a changed file is written to a temporary name and moved over the old one (so the
server never sends half a file), and files that are no longer produced are deleted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..output.write import UnsafePath


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class OutputFolder:
    def __init__(self, root: Path):
        root.mkdir(parents=True, exist_ok=True)
        self.root = root.resolve()
        self.digests: dict[str, bytes] = {}  # relative path -> digest of the bytes on disk

    def path_for(self, rel: str) -> Path:
        dest = (self.root / rel).resolve()
        if not dest.is_relative_to(self.root) or dest == self.root:
            raise UnsafePath(f"refusing to write outside the output folder: {rel!r}")
        return dest

    def put(self, rel: str, data: bytes) -> bool:
        """Write `data` to `rel` unless the file already holds exactly it; True when written."""
        digest = _digest(data)
        known = self.digests.get(rel)
        if known == digest:
            return False
        dest = self.path_for(rel)
        if known is None and dest.is_file() and dest.read_bytes() == data:  # left by an earlier run
            self.digests[rel] = digest
            return False
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
        self.digests[rel] = digest
        return True

    def remove(self, rel: str) -> bool:
        self.digests.pop(rel, None)
        dest = self.path_for(rel)
        try:
            dest.unlink()
        except FileNotFoundError:
            return False
        parent = dest.parent
        while parent != self.root:  # drop folders the page leaves empty
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
        return True

    def prune(self, keep: set[str]) -> int:
        """Delete every file under the folder that is not in `keep`; return how many."""
        stale = []
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                rel = Path(folder, name).relative_to(self.root).as_posix()
                if rel not in keep:
                    stale.append(rel)
        return sum(self.remove(rel) for rel in stale)
