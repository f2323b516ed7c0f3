"""The benchmark: every build we care about, and the plain-Python floor, measured in one run.

    python bench/run.py --stories 10000

Generates the corpus (bench/generate.py) unless it is there already, then measures, each in
its own process: the floor (bench/floor.py: read, split front matter, markdown-it-py, one
Jinja template, write) in one process and in one per core; a clean full build (no output,
no cache) with the search index and without it; a second build with nothing changed; a
build after one story changed; the preview's first build and one-story rebuild; Pagefind's own
command-line program over the same pages. Prints a Markdown table with the seconds, the
ratios to the floor and the peak memory, then the targets of issue 8 with the measured
figure beside each. Nothing here is a pass/fail test: timings depend on the machine.

Peak memory is measured two ways: the largest single process of the build (its maximum
resident set, from wait4), and the whole process tree sampled every 0.1 s as the sum of
proportional set sizes (PSS: pages shared by forked workers are counted once).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

OTHER_TOOLS = {
    "Hugo": "hugo",
    "Eleventy": "eleventy",
    "MkDocs": "mkdocs",
    "Pelican": "pelican",
    "Zola": "zola",
    "Jekyll": "jekyll",
}
# The reference figures, same corpus size, another 2-core machine (median of several runs).
REFERENCE = {"Hugo 0.111": 7.1, "Eleventy 3": 12.4, "MkDocs 1.6": 31.8, "Pelican 4.12": 40.2, "Pagefind CLI": 14.0}


@dataclass
class Measured:
    label: str
    seconds: float | None = None
    rss_mb: float | None = None  # largest single process
    pss_mb: float | None = None  # sum over the process tree, sampled (Pagefind's processes apart)
    indexer_mb: float | None = None  # Pagefind's processes in the tree
    note: str = ""
    data: dict = field(default_factory=dict)


# --- measuring one command ----------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _tree_pss_kb(root: int) -> tuple[int, int]:
    """PSS of the process tree under `root`: (our processes, Pagefind's)."""
    kids = _children_map()
    ours, indexer, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        try:
            with open(f"/proc/{pid}/comm") as f:
                is_indexer = f.read().startswith("pagefind")
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        kb = int(line.split()[1])
                        if is_indexer:
                            indexer += kb
                        else:
                            ours += kb
                        break
        except OSError:
            pass
    return ours, indexer


def settle() -> None:
    """Write dirty pages out before a measurement, so a step does not pay for the previous one's I/O."""
    os.sync()
    time.sleep(1)


def measure(label: str, cmd: list[str], cwd: Path | None = None) -> Measured:
    """Run `cmd`; wall seconds, peak RSS of its largest process, peak PSS of its process tree."""
    settle()
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd or CODE, stdout=out, stderr=err)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            ours, indexer = _tree_pss_kb(proc.pid)
            peak[0], peak[1] = max(peak[0], ours), max(peak[1], indexer)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/smaps_rollup").exists():
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{label}: {' '.join(cmd)} failed ({proc.returncode}):\n{stdout}\n{stderr}")
    result = Measured(label, seconds, usage.ru_maxrss / 1024, peak[0] / 1024 if peak[0] else None)
    result.indexer_mb = peak[1] / 1024 if peak[1] else None
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if lines:
        result.data = json.loads(lines[-1])
    return result


# --- child modes: one build, one preview rebuild (run as subprocesses of the benchmark) -------


def child_build(args: argparse.Namespace) -> None:
    from sisterlib import pipeline
    from sisterlib.config import load_config

    report = pipeline.build(load_config(None), args.content, args.out, search=not args.no_search, jobs=args.jobs)
    print(json.dumps({"timings": report.timings, "pages": report.pages, "files": report.files,
                      "unchanged": report.unchanged, "markdown_cache": report.markdown_cache}))  # fmt: skip


def child_preview(args: argparse.Namespace) -> None:
    """As `serve` does it: a full build, then for each edit the open page first (the reload),
    the rest later; and the same edit as one complete rebuild. Median of three edits."""
    try:
        from sisterlib.preview.state import Preview
    except ImportError:
        print(json.dumps({"available": False}))
        return
    import gc
    import statistics

    from sisterlib.config import load_config

    stories = sorted((args.content / "stories").glob("*.md"))
    preview = Preview(load_config(None), args.content, args.out, git_dates=False)
    t = time.perf_counter()
    full = preview.full_build()
    full_seconds = time.perf_counter() - t
    if full.errors:
        raise SystemExit(f"the preview's full build failed: {full.errors[:3]}")
    gc.collect()
    gc.freeze()  # as serve does after a whole build
    reload_ms, complete_ms, pages, stages = [], [], [], []
    for n, story in enumerate(stories[len(stories) // 4 :: len(stories) // 4][:3]):
        original = story.read_bytes()
        try:
            story.write_bytes(original + f"\nOne more sentence for the benchmark ({n}).\n".encode())
            report = preview.rebuild({story}, defer_discovery=True, priority_urls={f"/stories/{story.stem}/"})
            reload_ms.append(report.seconds * 1000)
            stages.append(dict(preview.last_timings))
            pages.append(report.pages_rendered)
            preview.flush()
            story.write_bytes(original + f"\nAnother sentence for the benchmark ({n}).\n".encode())
            complete_ms.append(preview.rebuild({story}).seconds * 1000)
        finally:
            story.write_bytes(original)
        preview.rebuild({story})
    print(json.dumps({"available": True, "full_build": full_seconds, "reload_ms": statistics.median(reload_ms),
                      "complete_ms": statistics.median(complete_ms), "pages": statistics.median(pages),
                      "stages": stages[len(stages) // 2]}))  # fmt: skip


# --- the benchmark ---------------------------------------------------------------------------


def ensure_corpus(stories: int, corpus: Path) -> str:
    marker = corpus / ".generated"
    want = f"stories={stories} seed=8"
    if marker.is_file() and marker.read_text().strip() == want:
        return "reused"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--stories", str(stories), "--out", str(corpus)], check=True)
    marker.write_text(want + "\n")  # a dot file: the loader skips it
    return "generated"


def pagefind_cli(site: Path, work: Path) -> Measured:
    from sisterlib.search.pagefind import SECTIONS, pagefind_binary

    sections = ",".join(SECTIONS)
    bundle = work / "pagefind-cli"
    shutil.rmtree(bundle, ignore_errors=True)
    cmd = [str(pagefind_binary()), "--site", str(site), "--output-path", str(bundle),
           "--glob", f"{{{sections}}}/*/index.html", "--force-language", "en", "--quiet"]  # fmt: skip
    result = measure("Pagefind's CLI alone, same pages", cmd)
    result.pss_mb = result.indexer_mb
    return result


CODE = ROOT  # where the measured sisterlib is: a snapshot taken when the benchmark starts


def snapshot_code(work: Path) -> Path:
    """Copy the code, templates and assets, so edits made in the checkout while the benchmark
    runs (a team shares it) do not change what is measured half way through."""
    code = work / "code"
    for name in ("sisterlib", "templates", "assets", "bench"):
        shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("corpus-*", "__pycache__", ".cache"))
    for name in ("sisterlib.toml", "build.py"):
        shutil.copy2(ROOT / name, code / name)
    return code


def build_cmd(content: Path, out: Path, search: bool, jobs: int | None) -> list[str]:
    cmd = [sys.executable, str(CODE / "bench" / "run.py"), "_build", "--content", str(content), "--out", str(out)]
    cmd += [] if search else ["--no-search"]
    cmd += ["--jobs", str(jobs)] if jobs else []
    return cmd


def edit_one_story(content: Path) -> tuple[Path, bytes]:
    stories = sorted((content / "stories").glob("*.md"))
    story = stories[len(stories) // 3]
    original = story.read_bytes()
    story.write_bytes(original + b"\nAnother sentence, added for the benchmark.\n")
    return story, original


def run(args: argparse.Namespace) -> list[Measured]:
    from sisterlib.cache.folder import cache_dir_for
    from sisterlib.parallel import default_jobs

    global CODE
    corpus = (args.corpus or BENCH / f"corpus-{args.stories}").resolve()
    how = ensure_corpus(args.stories, corpus)
    work = Path(tempfile.mkdtemp(prefix="sisterlib-bench-", dir=args.work))
    CODE = snapshot_code(work)
    cache = cache_dir_for(corpus)
    jobs = args.jobs or default_jobs()
    rows: list[Measured] = []
    print(f"corpus: {corpus} ({how}); {jobs} processes; work folder {work}", file=sys.stderr)

    def step(m: Measured) -> Measured:
        rows.append(m)
        print(f"  {m.label}: {m.seconds:.2f} s" if m.seconds is not None else f"  {m.label}: {m.note}", file=sys.stderr)
        return m

    def clean(out: Path) -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        settle()

    try:
        floor_cmd = [sys.executable, str(CODE / "bench" / "floor.py"), str(corpus)]
        step(measure("floor: plain loop, 1 process", [*floor_cmd, str(work / "floor1"), "--processes", "1"]))
        step(measure(f"floor: plain loop, {jobs} processes", [*floor_cmd, str(work / "floor2"), "--processes", str(jobs)]))
        site = work / "site"
        clean(site)
        with_search = step(measure("clean full build, with search index", build_cmd(corpus, site, True, args.jobs)))
        step(pagefind_cli(site, work))
        clean(site)
        no_search = step(measure("clean full build, no search index", build_cmd(corpus, site, False, args.jobs)))
        again = step(measure("second build, nothing changed", build_cmd(corpus, site, False, args.jobs)))
        story, original = edit_one_story(corpus)
        try:
            one = step(measure("build after one story changed (CLI)", build_cmd(corpus, site, False, args.jobs)))
        finally:
            story.write_bytes(original)
        one.note = "Markdown from the cache: {} of {} bodies".format(*_hits(one))
        clean(work / "preview")  # the preview's first build starts cold, like the clean build it is compared with
        preview = measure("preview: one-story rebuild", [sys.executable, str(CODE / "bench" / "run.py"), "_preview",
                                                         "--content", str(corpus), "--out", str(work / "preview" / "site")])  # fmt: skip
        if preview.data.get("available"):
            d = preview.data
            step(Measured("preview: first build, as serve runs it", seconds=d["full_build"],
                          note=f"{d['full_build'] / no_search.seconds:.2f} × the clean build without search"))  # fmt: skip
            stages = ", ".join(f"{k} {v * 1000:.0f}" for k, v in d["stages"].items())
            preview.note = (
                f"median of 3 edits, as `serve` runs it: the open page ready for the reload ({stages} ms);"
                f" the complete rebuild (feeds, sitemap, open data too) {d['complete_ms']:.0f} ms;"
                f" the preview's own full build {d['full_build']:.1f} s"
            )
            preview.seconds = d["reload_ms"] / 1000
            preview.rss_mb = preview.pss_mb = None
        else:
            preview = Measured("preview: one-story rebuild", note="not available (no sisterlib/preview/state.py)")
        step(preview)
        partners = measure("partner suggestions, 10,000 libraries (bench/partners.py)", [sys.executable, str(CODE / "bench" / "partners.py")])  # fmt: skip
        partners.seconds = partners.data.get("suggestion_seconds")
        partners.note = "{seeking:,} seeking a partner; matcher data {matcher_data_gzip_bytes:,} B with gzip".format(
            **partners.data
        )
        step(partners)
        for name, exe in OTHER_TOOLS.items():
            found = shutil.which(exe)
            step(Measured(name, note=f"installed at {found}, not benchmarked" if found else "not installed"))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)

    no_search.note = _phases(no_search)
    t = with_search.data["timings"]
    with_search.note = (
        f"search step {t.get('search', 0):.1f} s (of which Pagefind and search_stable {t.get('search_index', 0):.1f} s);"
        f" Pagefind's process {_fmt(with_search.indexer_mb, 0)} MB (PSS, not in the column); " + _phases(with_search)
    )
    again.note = "nothing changed: stopped after checking inputs and output" if again.data.get("unchanged") else _phases(again)
    return rows


def _partner_targets(m: Measured | None) -> list[tuple[str, float | None, float, str]]:
    """Issue 14: suggestions for 10,000 libraries under 2 s; the matcher's data under 300 KB with gzip."""
    if m is None:
        return []
    size = m.data.get("matcher_data_gzip_bytes")
    return [
        ("partner suggestions for 10,000 libraries < 2 s", m.seconds, 2.0, "s"),
        ("matcher data file at 10,000 libraries < 300 KB with gzip", size / 1024 if size else None, 300, "KB"),
    ]


def _hits(m: Measured) -> tuple[int, int]:
    hits, misses = m.data.get("markdown_cache", (0, 0))
    return hits, hits + misses


def _phases(m: Measured) -> str:
    t = m.data.get("timings", {})
    names = ("read", "markdown", "plan", "render", "sync")
    return ", ".join(f"{n} {t[n]:.1f}" for n in names if n in t)


def _fmt(x: float | None, digits: int = 2) -> str:
    return "" if x is None else f"{x:.{digits}f}"


def report(rows: list[Measured], stories: int, started: float) -> str:
    by = {r.label: r for r in rows}
    floor1 = next(r for r in rows if r.label.startswith("floor: plain loop, 1 "))
    floor2 = next(r for r in rows if r.label.startswith("floor") and r is not floor1)
    lines = [
        f"## sisterlib benchmark: {stories:,} stories, {os.cpu_count()} cores",
        "",
        f"`python bench/run.py --stories {stories}`",
        "",
        f"| step | seconds | × floor (1 process) | × floor ({floor2.label.split(', ')[1]}) | peak MB, largest process | peak MB, all processes (PSS; Pagefind apart) | notes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        r1 = r.seconds / floor1.seconds if r.seconds and floor1.seconds else None
        r2 = r.seconds / floor2.seconds if r.seconds and floor2.seconds else None
        lines.append(
            f"| {r.label} | {_fmt(r.seconds)} | {_fmt(r1)} | {_fmt(r2)} | {_fmt(r.rss_mb, 0)} | {_fmt(r.pss_mb, 0)} | {r.note} |"
        )
    clean = by["clean full build, no search index"]
    with_search = by["clean full build, with search index"]
    again = by["second build, nothing changed"]
    preview = by["preview: one-story rebuild"]
    first = by.get("preview: first build, as serve runs it")
    pagefind = by["Pagefind's CLI alone, same pages"]
    search_step = with_search.data.get("timings", {}).get("search")
    added = with_search.seconds - clean.seconds if with_search.seconds and clean.seconds else None
    targets = [
        ("clean full build without search ≤ 1.2 × the 2-process floor", clean.seconds / floor2.seconds, 1.2, "×"),
        ("second build, nothing changed < 15% of the clean build", again.seconds / clean.seconds, 0.15, "×"),
        (
            "one-story edit in the preview, open page ready < 150 ms",
            preview.seconds * 1000 if preview.seconds else None,
            150,
            "ms",
        ),
        (
            "the preview's first build ≤ 1.15 × the clean build without search",
            first.seconds / clean.seconds if first and first.seconds and clean.seconds else None,
            1.15,
            "×",
        ),
        ("peak memory < 500 MB: clean build without search (all processes, PSS)", clean.pss_mb, 500, "MB"),
        ("peak memory < 500 MB: clean build with search, Pagefind apart (all processes, PSS)", with_search.pss_mb, 500, "MB"),
        (
            "search step (Pagefind + our work around it) ≤ Pagefind's CLI alone",
            search_step / pagefind.seconds if search_step else None,
            1.0,
            "×",
        ),
        (
            "what the search index adds to a clean build ≤ Pagefind's CLI alone",
            added / pagefind.seconds if added else None,
            1.0,
            "×",
        ),
        (
            "indexing 30% cheaper: the search step ≤ 0.7 × Pagefind's CLI alone",
            search_step / pagefind.seconds if search_step else None,
            0.7,
            "×",
        ),
        ("indexing peak memory < 2 GB (all Pagefind runs in flight, PSS)", with_search.indexer_mb, 2048, "MB"),
        *_partner_targets(by.get("partner suggestions, 10,000 libraries (bench/partners.py)")),
    ]
    lines += ["", "| target | measured | met? |", "| --- | ---: | --- |"]
    for name, value, limit, unit in targets:
        met = "n/a" if value is None else ("yes" if value <= limit else "NO")
        lines.append(f"| {name} | {_fmt(value)} {unit if value is not None else ''} | {met} |")
    lines += [
        "",
        f"Reference (issue 8, another machine): {', '.join(f'{k} {v} s' for k, v in REFERENCE.items())}.",
        f"Whole benchmark: {time.perf_counter() - started:.0f} s.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("_build", "_preview"):
        child = argparse.ArgumentParser()
        child.add_argument("--content", type=Path, required=True)
        child.add_argument("--out", type=Path, required=True)
        child.add_argument("--no-search", action="store_true")
        child.add_argument("--jobs", type=int, default=None)
        args = child.parse_args(argv[1:])
        (child_build if argv[0] == "_build" else child_preview)(args)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10000, help="stories in the corpus (default 10000)")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default bench/corpus-<stories>)")
    parser.add_argument("--work", type=Path, default=None, help="where to put the built sites (default: a temporary folder)")
    parser.add_argument("--jobs", type=int, default=None, help="processes for the builds and the floor (default: one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args)
    print(report(rows, args.stories, started))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
