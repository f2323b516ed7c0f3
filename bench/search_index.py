"""The search index step alone: its time and peak memory, against Pagefind's CLI on the same pages.

    python bench/search_index.py --stories 10000 20000 40000

For each size: generates the corpus (bench/generate.py) and builds it without the index
(once; both kept in the work folder, put it on tmpfs: --work /dev/shm/x), then measures, each in its own process and one at a time:

- Pagefind's command-line program alone over the full entry pages, in one run (what the
  build did before: the baseline);
- the build's index step (sisterlib/search/pagefind.py: lean copies, parts, runs in
  parallel within the memory budget), over the same pages: its own time and processor time
  (the child process first reads the corpus for the pages' rows, which the build already has).

Memory is the peak of the sum of all Pagefind processes alive at once (resident memory,
sampled every 0.1 s), which is what a runner must hold. Prints a Markdown table; the targets (issue 17: 30%
less time at 10,000 stories, under 2 GB at any size) are in the last columns. Run one at a
time on a quiet machine: each figure is one run.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import measure as tools  # noqa: E402  (wall time and the process tree's memory)
import run as bench  # noqa: E402  (the corpus)

LIMIT_MB = 2048


def measure(label: str, cmd: list[str]) -> tools.Measured:
    """Wall time, processor time (the process and all it started) and the peak of the summed
    resident memory of all Pagefind processes alive at once, sampled every 0.1 s from
    /proc/<pid>/status (cheap to read: bench.measure's PSS sampling slowed the runs it measured)."""
    tools.settle()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], _indexer_rss_kb(proc.pid))

    threading.Thread(target=sample, daemon=True).start()
    code = proc.wait()
    seconds = time.perf_counter() - started
    done.set()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    out.seek(0)
    text = out.read().decode(errors="replace")
    if code != 0:
        raise SystemExit(f"{label} failed ({code}):\n{text}")
    m = tools.Measured(label, seconds)
    m.indexer_mb = peak[0] / 1024
    lines = [line for line in text.splitlines() if line.startswith("{")]
    m.data = json.loads(lines[-1]) if lines else {}
    m.data.setdefault("cpu", (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return m


def _indexer_rss_kb(root: int) -> int:
    kids = tools._children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        try:
            with open(f"/proc/{pid}/status") as f:
                status = f.read()
        except OSError:
            continue
        if status.startswith("Name:\tpagefind"):
            total += int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0
    return total


def child(args: argparse.Namespace) -> None:
    """The build's index step over a built site, as the build runs it."""
    from sisterlib.config import load_config
    from sisterlib.parallel import default_jobs
    from sisterlib.pipeline import load_site
    from sisterlib.search.listings import listings
    from sisterlib.search.pagefind import build_index

    rows = listings(load_site(load_config(None), args.content)).row_of  # the build has them: not measured
    before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    seconds = build_index(args.site, "en", rows, args.jobs or default_jobs())
    after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
    parts = json.loads((args.site / "pagefind" / "parts.json").read_text())["parts"]
    print(json.dumps({"seconds": seconds, "cpu": cpu, "parts": parts, "pages": len(rows)}))


def prepare(stories: int, work: Path) -> tuple[Path, Path]:
    corpus = work / f"corpus-{stories}"
    bench.ensure_corpus(stories, corpus)
    site = work / f"site-{stories}"
    if not (site / "search" / "index.html").is_file():
        cmd = [sys.executable, str(ROOT / "build.py"), "build", "--no-search", "--no-git-dates", "--no-cache",
               "--content", str(corpus), "--out", str(site)]  # fmt: skip
        subprocess.run(cmd, check=True, capture_output=True)
    return corpus, site


def main() -> int:
    argv = sys.argv[1:]
    if argv and argv[0] == "_index":
        parser = argparse.ArgumentParser()
        parser.add_argument("--content", type=Path, required=True)
        parser.add_argument("--site", type=Path, required=True)
        parser.add_argument("--jobs", type=int, default=None)
        child(parser.parse_args(argv[1:]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[10000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sisterlib-search-bench")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--runs", type=int, default=1, help="runs of each measurement; the best time is kept")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    from sisterlib.search.pagefind import SECTIONS, pagefind_binary

    lines = [
        "| stories | indexed pages | Pagefind CLI alone: s (CPU s) | its peak MB | index step: s (CPU s) "
        f"| its peak MB (all runs in flight) | parts | time vs CLI (target ≤ 0.70) | peak < {LIMIT_MB} MB? |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for stories in args.stories:
        corpus, site = prepare(stories, args.work)
        sections = ",".join(SECTIONS)
        cli, ours = None, None
        for _ in range(args.runs):
            out = args.work / "cli-bundle"
            shutil.rmtree(out, ignore_errors=True)
            cmd = [str(pagefind_binary()), "--site", str(site), "--output-path", str(out),
                   "--glob", f"{{{sections}}}/*/index.html", "--force-language", "en", "--quiet"]  # fmt: skip
            m = measure("Pagefind CLI alone", cmd)
            m.pss_mb = m.indexer_mb
            cli = m if cli is None or m.seconds < cli.seconds else cli
            shutil.rmtree(out, ignore_errors=True)
            cmd = [sys.executable, str(Path(__file__).resolve()), "_index", "--content", str(corpus), "--site", str(site)]
            cmd += ["--jobs", str(args.jobs)] if args.jobs else []
            m = measure("index step", cmd)
            m.seconds = m.data["seconds"]  # the step itself, as the build runs it (not the reading of the corpus)
            ours = m if ours is None or m.seconds < ours.seconds else ours
        assert cli and ours
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        ratio = ours.seconds / cli.seconds
        lines.append(
            f"| {stories:,} | {ours.data['pages']:,} | {cli.seconds:.1f} ({cli.data['cpu']:.1f}) | {cli.indexer_mb or 0:.0f} "
            f"| {ours.seconds:.1f} ({ours.data['cpu']:.1f}) "
            f"| {ours.indexer_mb or 0:.0f} | {ours.data['parts']} | {ratio:.2f} | {'yes' if (ours.indexer_mb or 0) < LIMIT_MB else 'NO'} |"
        )
        print(lines[-1], file=sys.stderr)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
