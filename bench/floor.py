"""The "floor": the least any Python generator must do for the same story files.

For each story: read the bytes, split the front matter and load it (PyYAML's C safe loader),
render the body with markdown-it-py's `js-default` preset, put it into one small Jinja
template, write the page. Nothing else: no wiki links, no indexes, no listings. Run in one
process or in several (fork; the files are split in contiguous chunks).

    python bench/floor.py CONTENT_DIR OUT_DIR [--processes 2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt

TEMPLATE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }} · Sister Libraries</title>
<meta name="description" content="{{ summary }}"></head>
<body><header><a href="/">Sister Libraries</a></header>
<main><article><h1>{{ title }}</h1><p>{{ date }}</p>{{ body | safe }}</article></main>
<footer>CC BY 4.0</footer></body></html>
"""


def render_files(files: list[Path], out_dir: Path) -> int:
    md = MarkdownIt("js-default")
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in files:
        text = path.read_text(encoding="utf-8")
        _, meta_text, body = text.split("---\n", 2)
        meta = yaml.load(meta_text, Loader=loader) or {}
        html = template.render(
            title=str(meta.get("title", "")),
            summary=str(meta.get("summary", "")),
            date=str(meta.get("date", "")),
            body=md.render(body),
        )
        dest = out_dir / path.stem / "index.html"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(html, encoding="utf-8")
    return len(files)


def _work(args: tuple[list[Path], Path]) -> int:
    return render_files(*args)


def run(content_dir: Path, out_dir: Path, processes: int = 1) -> float:
    """Render every story of `content_dir` into `out_dir`; return the seconds taken."""
    started = time.perf_counter()
    files = sorted((content_dir / "stories").glob("*.md"))
    out_dir.mkdir(parents=True, exist_ok=True)
    if processes <= 1:
        render_files(files, out_dir)
    else:
        size = -(-len(files) // processes)
        chunks = [(files[i : i + size], out_dir) for i in range(0, len(files), size)]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            pool.map(_work, chunks)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The plain Python loop over the story files.")
    parser.add_argument("content", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args(argv)
    seconds = run(args.content, args.out, args.processes)
    print(f"{seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    raise SystemExit(main())
