"""Processed photos, kept so that an unchanged photo is never processed again.

The files live in the cache folder (cache/folder.py: outside the checkout, so a pull request
cannot plant them), in a sub-folder named by the code fingerprint (fingerprint.py: the whole
package and every library's version, Pillow's included): code that changed never reuses
another version's output, and the folders of other versions are deleted. Inside, each photo's
sizes are named as they are published (`<name>-<width>.webp`, `.jpg`; the name is a hash of
the photo's bytes and the settings, output/imaging.py), written to a temporary name and
renamed, and `<name>.json` is written last: a photo is in the cache only once every file of
it is. Worker processes write their own photos' files; nothing is ever read back as code.

Without a cache folder (`--no-cache`, `check`), a temporary folder holds the files for one
build and is removed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..output.imaging import Processed
from . import fingerprint

FORMAT = 1


class ImageCache:
    def __init__(self, folder: Path | None):
        self.temporary = folder is None
        if folder is None:
            self.dir = Path(tempfile.mkdtemp(prefix="sisterlib-images-"))
        else:
            self.root = folder
            self.dir = folder / f"images-{FORMAT}-{fingerprint.code_fingerprint()[:16]}"

    def file(self, name: str, width: int, suffix: str) -> str:
        return str(self.dir / f"{name}-{width}.{suffix}")

    def has(self, name: str, sizes: tuple[tuple[int, int], ...]) -> bool:
        """Whether every size of the photo `name` is here, as `process` made them."""
        try:
            stored = json.loads((self.dir / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if stored != [list(size) for size in sizes]:
            return False
        return all(os.path.isfile(self.file(name, w, s)) for w, _ in sizes for s in ("webp", "jpg"))

    def store(self, name: str, processed: Processed) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            for width, _height, suffix, data in processed.files:
                _write(Path(self.file(name, width, suffix)), data)
            sizes = sorted({(w, h) for w, h, _, _ in processed.files})
            _write(self.dir / f"{name}.json", json.dumps([list(size) for size in sizes]).encode())
        except OSError:
            pass  # a full or read-only cache: the photo is processed again next time

    def prune(self, used: set[str]) -> None:
        """Forget the photos no build uses any more (when they outnumber the used ones), and the
        folders of other code versions."""
        if self.temporary:
            return
        try:
            for other in self.root.glob("images-*"):
                if other != self.dir and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
            stored = [p for p in self.dir.glob("*.json")] if self.dir.is_dir() else []
            if len(stored) > 2 * len(used):
                for meta in stored:
                    name = meta.name[: -len(".json")]
                    if name not in used:
                        meta.unlink(missing_ok=True)
                        for path in self.dir.glob(f"{name}-*"):
                            path.unlink(missing_ok=True)
        except OSError:
            pass

    def close(self) -> None:
        if self.temporary:
            shutil.rmtree(self.dir, ignore_errors=True)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
