"""The golden output: what the build writes for the bundled content and for a small fixture site.

Each golden folder (`tests/golden/<name>/`) holds `MANIFEST` (the size and SHA-256 of every
file of the output, so the comparison is byte for byte) and a copy of every text file, so
that a change reads as a diff in review. Binary files (Pagefind's index, WebAssembly) and the
assets (copied from assets/ as they are) are in the manifest only.

A change that is meant to change the output refreshes the golden copy on purpose, in a
commit of its own that says why:

    python tests/golden.py            # rebuild every golden folder from the current code
    python tests/golden.py bundled    # or only one

The builds run the CLI as a user would, with no git dates (they change with every commit)
and a fixed SOURCE_DATE_EPOCH (the "today" of features that need one).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".txt", ".js", ".css", ".svg", ".geojson", ".ics", ""}


@dataclass(frozen=True)
class GoldenSite:
    name: str
    args: tuple[str, ...]  # build arguments besides --out


SITES = (
    GoldenSite("bundled", ()),
    GoldenSite("fixture", ("--content", "tests/golden-site/content", "--base-url", "https://example.org/sister/")),
)


def build(site: GoldenSite, out: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS",)}
    env.update(SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONHASHSEED="0")
    command = [sys.executable, str(ROOT / "build.py"), "build", *site.args, "--out", str(out), "--no-git-dates", "--no-cache"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"the golden build {site.name} failed:\n{result.stdout}\n{result.stderr}")


def is_text(rel: str) -> bool:
    """Kept as a copy to read in review; assets/ (copied as they are) and Pagefind's files only by hash."""
    return Path(rel).suffix in TEXT_SUFFIXES and not rel.startswith(("pagefind/", "assets/"))


def manifest(folder: Path) -> dict[str, str]:
    """Relative path -> "size sha256" of every file under `folder`."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(folder).as_posix()] = f"{len(data)} {hashlib.sha256(data).hexdigest()}"
    return out


def read_manifest(folder: Path) -> dict[str, str]:
    lines = (folder / "MANIFEST").read_text(encoding="utf-8").splitlines()
    return {rel: value for value, _, rel in (line.rpartition("  ") for line in lines if line)}


def refresh(site: GoldenSite) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build(site, out)
        target = GOLDEN / site.name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        files = manifest(out)
        (target / "MANIFEST").write_text("".join(f"{value}  {rel}\n" for rel, value in files.items()), encoding="utf-8")
        for rel in files:
            if is_text(rel):
                dest = target / "files" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(out / rel, dest)
    print(f"refreshed tests/golden/{site.name}/ ({len(files)} files)")


if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    unknown = wanted - {s.name for s in SITES}
    if unknown:
        raise SystemExit(f"unknown golden site {', '.join(sorted(unknown))}; the sites are {', '.join(s.name for s in SITES)}")
    for golden_site in SITES:
        if not wanted or golden_site.name in wanted:
            refresh(golden_site)
