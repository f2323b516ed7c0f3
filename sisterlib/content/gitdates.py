""" "Last updated" dates from git history: one `git log` pass for the whole content folder.

`git log -1 -- <file>` per file costs one process and one history walk each (minutes at
10,000 files). Instead we read `git log --name-only` once, newest commit first, and keep
the first date seen for each file; we stop reading as soon as every file has its date.

Outside a git checkout (or without git) there are no dates, so a build from a tarball stays
byte-for-byte the same. Files not committed yet have no date either.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .kinds import BUNDLE_INDEX

_MARK = "\x1esisterlib-commit "  # starts each commit's line in our --format; never a file name


def last_updated(content_dir: Path) -> dict[str, str]:
    """Map each committed file under `content_dir` to the day of its last commit, 'YYYY-MM-DD'.

    Keys are the paths as the loader builds them: `os.path.join(str(content_dir), kind, name)`.
    """
    git = shutil.which("git")
    if git is None or not content_dir.is_dir():
        return {}
    top = _toplevel(git, content_dir)
    if top is None:
        return {}
    wanted = _content_files(content_dir)  # repo-relative path -> loader path
    try:
        base = content_dir.resolve().relative_to(top)
    except ValueError:  # a symlink out of the checkout
        return {}
    rel_of = {(base / rel).as_posix(): path for rel, path in wanted.items()}
    if not rel_of:
        return {}
    dates: dict[str, str] = {}
    cmd = [
        git,
        "-c",
        "core.quotepath=off",
        "log",
        "--name-only",
        "--no-renames",
        f"--format={_MARK}%cs",
        "--",
        base.as_posix() or ".",
    ]
    with subprocess.Popen(
        cmd, cwd=top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace"
    ) as proc:
        assert proc.stdout is not None
        day = ""
        for line in proc.stdout:
            line = line.rstrip("\n")
            if line.startswith(_MARK):
                day = line[len(_MARK) :]
            elif line in rel_of and rel_of[line] not in dates:
                dates[rel_of[line]] = day
                if len(dates) == len(rel_of):
                    break  # every file has its newest date: the rest of history is not needed
        proc.kill()
    return dates


def _toplevel(git: str, folder: Path) -> Path | None:
    try:
        out = subprocess.run(
            [git, "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return Path(out.stdout.strip()).resolve()


def _content_files(content_dir: Path) -> dict[str, str]:
    """'stories/x.md' (or 'stories/x/index.md', an entry with its photos: kinds.py) -> the loader's
    path string for it, for every entry's file."""
    files: dict[str, str] = {}
    for kind in sorted(os.listdir(content_dir)):
        folder = content_dir / kind
        if kind.startswith(".") or not folder.is_dir():
            continue
        for name in os.listdir(folder):
            if name.endswith(".md"):
                files[f"{kind}/{name}"] = os.path.join(str(content_dir), kind, name)
            elif os.path.isfile(folder / name / BUNDLE_INDEX):
                files[f"{kind}/{name}/{BUNDLE_INDEX}"] = os.path.join(str(content_dir), kind, name, BUNDLE_INDEX)
    return files
