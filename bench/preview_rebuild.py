"""How long the preview server's incremental rebuild takes for one-story edits.

    python bench/generate.py --stories 10000 --out bench/corpus-10000   # once
    python bench/preview_rebuild.py bench/corpus-10000 [--edits 5] [--profile]

Copies the corpus to a temporary folder, builds it once with `Preview.full_build()`, then
edits one story at a time (its body, its title, its date) and times `Preview.rebuild()`:
first as the server runs it (the story's page, open in the browser, rendered first; the
other changed pages after the reload; feeds, sitemap and open data when asked for), then
as one complete update. Prints pages rendered, files written and the time of each stage.
Numbers, not a test: they depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import pstats
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sisterlib.config import load_config  # noqa: E402
from sisterlib.preview.state import Preview  # noqa: E402


def edit(path: Path, how: str, n: int) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text[4:].partition("\n---\n")
    if how == "body":
        body += f"\nOne more sentence, number {n}.\n"
    elif how == "title":
        head = re.sub(r"^title: .*$", f"title: A new title number {n}", head, count=1, flags=re.M)
    elif how == "date":
        head = re.sub(r"^date: .*$", f"date: {2000 + n % 25}-0{1 + n % 9}-1{n % 9}", head, count=1, flags=re.M)
    path.write_text("---\n" + head + sep + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind")
    parser.add_argument("--profile", action="store_true", help="cProfile one deferred rebuild")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    try:
        content = work / "content"
        shutil.copytree(args.corpus, content)
        config = dataclasses.replace(load_config(None, base_url="/"), preview=True)
        preview = Preview(config, content, work / "out", git_dates=False)
        t = time.perf_counter()
        report = preview.full_build()
        assert not report.errors, report.errors[:5]
        print(f"full build: {report.pages_rendered} pages, {report.files_written} files in {time.perf_counter() - t:.2f} s")
        gc.collect()
        gc.freeze()  # as `serve` does after a whole build (a full collection of this heap takes about a second)
        stories = sorted((content / "stories").glob("*.md"))
        rnd = random.Random(1)
        n = 0
        for how in ("body", "title", "date"):
            reload_ms, rest_ms, whole_ms, pages, all_pages = [], [], [], [], []
            for _ in range(args.edits):
                story = rnd.choice(stories)
                url = f"/stories/{story.stem}/"
                # as the server does it: the open page first, the rest after the reload
                n += 1
                edit(story, how, n)
                report = preview.rebuild({story}, defer_discovery=True, priority_urls={url})
                assert not report.errors, report.errors[:5]
                stages = ", ".join(f"{k} {v * 1000:.0f}" for k, v in preview.last_timings.items())
                reload_ms.append(report.seconds * 1000)
                rest = preview.render_pending()
                flushed = preview.flush()
                rest_ms.append(rest.seconds * 1000)
                pages.append(report.pages_rendered + rest.pages_rendered)
                # the same edit again, complete before returning (feeds, sitemap, open data included)
                n += 1
                edit(story, how, n)
                whole = preview.rebuild({story})
                whole_ms.append(whole.seconds * 1000)
                all_pages.append(whole.pages_rendered)
                print(
                    f"  {how:5} edit of {story.name}: open page ready in {reload_ms[-1]:.0f} ms ({stages}); "
                    f"{rest.pages_rendered} more pages {rest_ms[-1]:.0f} ms; feeds/sitemap/data {flushed.seconds * 1000:.0f} ms; "
                    f"complete rebuild {whole_ms[-1]:.0f} ms ({whole.pages_rendered} pages, {whole.files_written} files written)"
                )
            print(
                f"{how}: median {statistics.median(reload_ms):.0f} ms to the reload, "
                f"{statistics.median(pages):.0f} pages re-rendered in all ({statistics.median(rest_ms):.0f} ms after the reload); "
                f"complete rebuild median {statistics.median(whole_ms):.0f} ms ({statistics.median(all_pages):.0f} pages)"
            )
        if args.profile:
            story = stories[0]
            edit(story, "body", 9999)
            profile = cProfile.Profile()
            profile.enable()
            preview.rebuild({story}, defer_discovery=True)
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
