"""Hugo over the same stories, with minimal layouts: the floor's page (title, date, summary, the
body) and nothing else (no home, section, taxonomy, feed or sitemap pages), so it does what
bench/floor.py does, in Go.

The stories are copied into a Hugo site once, before anything is timed. Their `date:` is
renamed `storydate:`, a plain parameter: our dates may be a year or a month alone (`2011`),
which Hugo's front-matter date does not accept.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CONFIG = """baseURL = "/"
title = "Sister Libraries"
disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

SINGLE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · Sister Libraries</title>
<meta name="description" content="{{ .Params.summary }}"></head>
<body><header><a href="/">Sister Libraries</a></header>
<main><article><h1>{{ .Title }}</h1><p>{{ .Params.storydate }}</p>{{ .Content }}</article></main>
<footer>CC BY 4.0</footer></body></html>
"""


def hugo_binary() -> str | None:
    return shutil.which("hugo")


def make_site(corpus: Path, site: Path) -> int:
    """A Hugo site in `site` with every story of `corpus` (the floor's files); returns how many."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    stories = site / "content" / "stories"
    stories.mkdir(parents=True)
    files = sorted((corpus / "stories").glob("*.md"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        (stories / path.name).write_text(text.replace("\ndate:", "\nstorydate:", 1), encoding="utf-8")
    return len(files)


def build_cmd(site: Path, out: Path) -> list[str]:
    """A clean build: nothing of an earlier run is reused (the output folder and Hugo's cache are
    removed before each run by the caller)."""
    return [hugo_binary() or "hugo", "--quiet", "--source", str(site), "--destination", str(out),
            "--cacheDir", str(site / ".hugo-cache"), "--noBuildLock"]  # fmt: skip


def version() -> str:
    """Hugo's own version line, shortened (`hugo v0.111.3+extended ...` -> `Hugo 0.111.3`)."""
    import subprocess

    found = hugo_binary()
    if not found:
        return "Hugo"
    out = subprocess.run([found, "version"], capture_output=True, text=True, check=False).stdout.split()
    return f"Hugo {out[1].lstrip('v').split('+')[0]}" if len(out) > 1 else "Hugo"
