"""How long "Last updated" costs: one `git log` pass (sisterlib/gitdates.py) against `git log -1` per file.

    python bench/gitdates_bench.py [--files 10000] [--sample 20]

Makes a throwaway repository in a temporary folder: FILES story files added in 100 commits,
then 300 commits that each change one file (so history is longer than the file list).
Prints both times and their ratio; the per-file time is measured on SAMPLE files and scaled.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sisterlib.content.gitdates import last_updated  # noqa: E402


def git(cwd: Path, *args: str, day: int = 1) -> None:
    when = f"@{1577836800 + day * 86400} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    env |= {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@x"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def make_repo(root: Path, files: int) -> list[str]:
    stories = root / "content" / "stories"
    stories.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    names = [f"story-{i:05d}.md" for i in range(files)]
    per = max(1, files // 100)
    day = 0
    for start in range(0, files, per):
        for name in names[start : start + per]:
            (stories / name).write_text(f"---\ntitle: {name}\ndate: 2020-01-01\n---\nText.\n")
        day += 1
        git(root, "add", "content")
        git(root, "commit", "-q", "-m", f"add {start}", day=day)
    rng = random.Random(1)
    for n in range(300):
        name = rng.choice(names)
        with open(stories / name, "a") as f:
            f.write(f"Edit {n}.\n")
        day += 1
        git(root, "commit", "-q", "-am", f"edit {name}", day=day)
    git(root, "gc", "-q")  # packed, like a fresh clone on CI
    return names


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        names = make_repo(root, args.files)
        print(f"repository: {args.files} files, 400 commits, made in {time.perf_counter() - t:.1f} s")
        content = root / "content"

        t = time.perf_counter()
        dates = last_updated(content)
        one_pass = time.perf_counter() - t
        assert len(dates) == args.files, len(dates)

        sample = random.Random(2).sample(names, min(args.sample, len(names)))
        t = time.perf_counter()
        for name in sample:
            rel = f"content/stories/{name}"
            out = subprocess.run(
                ["git", "log", "-1", "--format=%cs", "--", rel], cwd=root, capture_output=True, text=True, check=True
            )
            assert out.stdout.strip() == dates[str(content / "stories" / name)], name
        per_file = (time.perf_counter() - t) / len(sample) * args.files

        print(f"one git log pass (gitdates.py):  {one_pass:.2f} s")
        print(f"git log -1 per file (scaled from {len(sample)}): {per_file:.1f} s")
        print(f"ratio: {per_file / one_pass:.0f}x")


if __name__ == "__main__":
    main()
