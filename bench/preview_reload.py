"""Save-to-reload time of `python build.py serve`, measured in a real browser.

    python bench/preview_reload.py [--content content] [--edits 10]

Copies the content folder to a temporary folder, starts the preview server on it, opens a
story's page in Chromium (Playwright), then saves the story with a new title again and again
and measures the time from the file write until the browser shows the new title (the server
waits 100 ms for more saves first, on purpose). Numbers, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--story", default=None, help="file name in stories/ (default: the first)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-reload-"))
    shutil.copytree(args.content, work / "content")
    story = work / "content" / "stories" / (args.story or sorted(os.listdir(work / "content" / "stories"))[0])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--content", "content"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stdout or ()), daemon=True).start()
    try:
        while not any("Serving the preview" in line for line in lines):
            assert server.poll() is None, "".join(lines)
            time.sleep(0.1)
        print(f"server ready in {time.perf_counter() - started:.1f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/stories/{story.stem}/")
            text = story.read_text(encoding="utf-8")
            times = []
            for n in range(args.edits):
                page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol")
                page.wait_for_timeout(500)
                title = f"Reload test number {n}"
                t0 = time.perf_counter()
                story.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")
                page.wait_for_function(
                    "t => document.querySelector('h1') && document.querySelector('h1').textContent === t",
                    arg=title,
                    timeout=60_000,
                )
                times.append((time.perf_counter() - t0) * 1000)
                print(f"  save -> new title in the browser: {times[-1]:.0f} ms")
            print(
                f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms over {len(times)} saves"
            )
            server_ms = [
                float(m.group(1)) for line in lines for m in [re.search(r"reloading the open pages (\d+) ms", line)] if m
            ]
            if server_ms:
                print(
                    f"of which the server, from the batch of changes to the reload message: median {statistics.median(server_ms):.0f} ms"
                )
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
