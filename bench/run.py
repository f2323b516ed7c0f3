"""The benchmark: every figure of issue 17, each beside its target, with Hugo and the plain-Python
floors measured in the same run.

    python bench/run.py --stories 10000 [--runs 2]

Generates the corpus (bench/generate.py) unless it is there already, then measures, each in
its own process: the floor (bench/floor.py: read, split front matter, markdown-it-py, one
Jinja template, write) in one process and in one per core; Hugo with minimal layouts over the
same stories (bench/hugo.py; when it is installed, else the table says so); a clean full build
(no output, no cache) with the search index and without it; Pagefind's own command-line program
over the same pages; a second build with nothing changed; a build after one story changed; the
preview's first build and one-story rebuild. The floor in N processes, Hugo and the clean build
without search, the figures compared with each other, run in turns (`--runs` rounds of the
three), and each gives its best run. Prints one Markdown table (bench/table.py). Nothing here
is a pass/fail test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import hugo  # noqa: E402  (bench/ is not a package)
from measure import Measured, best, measure, settle  # noqa: E402
from table import report  # noqa: E402

# --- child modes: one build, one preview rebuild (run as subprocesses of the benchmark) -------


def child_build(args: argparse.Namespace) -> None:
    from dataclasses import replace

    from sisterlib import pipeline
    from sisterlib.config import load_config

    config = load_config(None)
    if args.languages:  # the languages issue's comparison: the same site in fewer interface languages
        config = replace(config, languages=tuple(args.languages.split(",")))
    report = pipeline.build(config, args.content, args.out, search=not args.no_search, jobs=args.jobs)
    print(json.dumps({"timings": report.timings, "pages": report.pages, "files": report.files,
                      "unchanged": report.unchanged, "markdown_cache": report.markdown_cache,
                      "entries_cache": getattr(report, "entries_cache", (0, 0)),
                      "pages_memo": getattr(report, "pages_memo", None)}))  # fmt: skip


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
    result = measure("Pagefind's CLI alone, same pages", cmd, CODE)
    result.pss_mb = result.indexer_mb
    return result


CODE = ROOT  # where the measured sisterlib is: a snapshot taken when the benchmark starts


def snapshot_code(work: Path) -> Path:
    """Copy the code, templates and assets, so edits made in the checkout while the benchmark
    runs (a team shares it) do not change what is measured half way through."""
    code = work / "code"
    for name in ("sisterlib", "templates", "assets", "bench"):
        shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("corpus-*", "__pycache__", ".cache"))
    for name in ("sisterlib.toml", "build.py", "pyproject.toml"):
        shutil.copy2(ROOT / name, code / name)
    return code


def build_cmd(content: Path, out: Path, search: bool, jobs: int | None, languages: str = "") -> list[str]:
    cmd = [sys.executable, str(CODE / "bench" / "run.py"), "_build", "--content", str(content), "--out", str(out)]
    cmd += [] if search else ["--no-search"]
    cmd += ["--languages", languages] if languages else []
    cmd += ["--jobs", str(jobs)] if jobs else []
    return cmd


def edit_one_story(content: Path, which: int = 0) -> tuple[Path, bytes]:
    stories = sorted((content / "stories").glob("*.md"))
    story = stories[len(stories) // 3 + which]
    original = story.read_bytes()
    story.write_bytes(original + b"\nAnother sentence, added for the benchmark.\n")
    return story, original


def run(args: argparse.Namespace) -> dict[str, Measured]:
    from sisterlib.cache.folder import cache_dir_for
    from sisterlib.parallel import default_jobs

    global CODE
    corpus = (args.corpus or BENCH / f"corpus-{args.stories}").resolve()
    how = ensure_corpus(args.stories, corpus)
    if args.work:
        Path(args.work).mkdir(parents=True, exist_ok=True)  # a folder named for the bench (a tmpfs) may not exist yet
    work = Path(tempfile.mkdtemp(prefix="sisterlib-bench-", dir=args.work))
    CODE = snapshot_code(work)
    cache = cache_dir_for(corpus)
    jobs = args.jobs or default_jobs()
    rows: dict[str, Measured] = {}
    print(f"corpus: {corpus} ({how}); {jobs} processes; work folder {work}", file=sys.stderr)

    def step(key: str, m: Measured) -> Measured:
        rows[key] = m
        print(f"  {m.label}: {m.seconds:.2f} s" if m.seconds is not None else f"  {m.label}: {m.note}", file=sys.stderr)
        return m

    def clean(out: Path) -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        settle()

    try:
        floor_cmd = [sys.executable, str(CODE / "bench" / "floor.py"), str(corpus)]
        step("floor1", measure("plain Python floor, 1 process", [*floor_cmd, str(work / "floor1"), "--processes", "1"], CODE))
        hugo_site = work / "hugo-site"
        if hugo.hugo_binary():
            hugo.make_site(corpus, hugo_site)
        site = work / "site"
        rounds: dict[str, list[Measured]] = {"floor": [], "hugo": [], "clean": []}
        for _ in range(max(1, args.runs)):  # in turns: a slow spell of the machine hits all three alike
            shutil.rmtree(work / "floorN", ignore_errors=True)
            rounds["floor"].append(measure(f"plain Python floor, {jobs} processes", [*floor_cmd, str(work / "floorN"),
                                                                                   "--processes", str(jobs)], CODE))  # fmt: skip
            if hugo.hugo_binary():
                shutil.rmtree(work / "hugo-out", ignore_errors=True)
                shutil.rmtree(hugo_site / ".hugo-cache", ignore_errors=True)
                rounds["hugo"].append(
                    measure("Hugo, minimal layouts, same stories", hugo.build_cmd(hugo_site, work / "hugo-out"), CODE)
                )
            clean(site)
            rounds["clean"].append(measure("clean build, no search", build_cmd(corpus, site, False, args.jobs), CODE))
        step("floor", best(rounds["floor"]))
        if rounds["hugo"]:
            step("hugo", best(rounds["hugo"]))
        else:
            step("hugo", Measured("Hugo, minimal layouts, same stories", note="not installed (apt-get install -y hugo): not run"))
        step("clean", best(rounds["clean"]))
        clean(site)  # the same build in the default interface language alone (issue 19: pages grow with languages)
        step(
            "clean_one",
            measure("clean build, no search, one interface language", build_cmd(corpus, site, False, args.jobs, "en"), CODE),
        )
        clean(site)
        again_clean = "clean build, no search (again: the output the next steps reuse)"
        measure(again_clean, build_cmd(corpus, site, False, args.jobs), CODE)
        again = step("again", measure("second build, nothing changed", build_cmd(corpus, site, False, args.jobs), CODE))
        if again.data.get("unchanged"):
            again.note = "nothing changed: stopped after checking inputs and output"
        # A contributor's rebuild follows their last build over the same folder, which remembered
        # what each page read (a first build into an empty folder remembers nothing): so one edit
        # first, as that last build, then the edit measured.
        story, original = edit_one_story(corpus)
        try:
            first = measure(
                "build after one story changed, the first over the last build", build_cmd(corpus, site, False, args.jobs), CODE
            )
            story.write_bytes(original)
            story, original = edit_one_story(corpus, 1)
            one = step("one", measure("build after one story changed (CLI)", build_cmd(corpus, site, False, args.jobs), CODE))
            one.data["first_over"] = first.seconds
        finally:
            story.write_bytes(original)
        clean(site)
        step("search", measure("clean build, with search", build_cmd(corpus, site, True, args.jobs), CODE))
        step("pagefind", pagefind_cli(site, work))
        clean(work / "preview")  # the preview's first build starts cold, like the clean build it is compared with
        preview = measure("preview: one-story rebuild", [sys.executable, str(CODE / "bench" / "run.py"), "_preview",
                                                         "--content", str(corpus), "--out", str(work / "preview" / "site")], CODE)  # fmt: skip
        if preview.data.get("available"):
            d = preview.data
            step("preview_first", Measured("preview: first build, as serve runs it", seconds=d["full_build"]))
            stages = ", ".join(f"{k} {v * 1000:.0f}" for k, v in d["stages"].items())
            preview.note = (
                f"median of 3 edits: the open page ready for the reload ({stages} ms);"
                f" the complete rebuild {d['complete_ms']:.0f} ms"
            )
            preview.seconds = d["reload_ms"] / 1000
            preview.rss_mb = preview.pss_mb = None
            step("preview", preview)
        partners = measure("partner suggestions, 10,000 libraries (bench/partners.py)",
                           [sys.executable, str(CODE / "bench" / "partners.py")], CODE)  # fmt: skip
        partners.seconds = partners.data.get("suggestion_seconds")
        partners.note = "{seeking:,} seeking a partner; matcher data {matcher_data_gzip_bytes:,} B with gzip".format(
            **partners.data
        )
        step("partners", partners)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("_build", "_preview"):
        child = argparse.ArgumentParser()
        child.add_argument("--content", type=Path, required=True)
        child.add_argument("--out", type=Path, required=True)
        child.add_argument("--no-search", action="store_true")
        child.add_argument("--jobs", type=int, default=None)
        child.add_argument("--languages", default="", help="interface languages, comma-separated (default: the config's)")
        args = child.parse_args(argv[1:])
        if argv[0] == "_build":
            from sisterlib.entry import exit_now

            child_build(args)
            exit_now(0)  # as the command line ends after a build (entry.run)
        child_preview(args)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=10000, help="stories in the corpus (default 10000)")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default bench/corpus-<stories>)")
    parser.add_argument("--work", type=Path, default=None, help="where to put the built sites (default: a temporary folder)")
    parser.add_argument("--jobs", type=int, default=None, help="processes for the builds and the floor (default: one per core)")
    parser.add_argument(
        "--runs", type=int, default=2, help="rounds of floor, Hugo and clean build; each gives its best (default 2)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    args = parser.parse_args(argv)
    started, load = time.perf_counter(), os.getloadavg()[0]
    rows = run(args)
    command = " ".join(["python bench/run.py", *argv])
    print(report(rows, args.stories, time.perf_counter() - started, command, hugo.version(), (load, os.getloadavg()[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
