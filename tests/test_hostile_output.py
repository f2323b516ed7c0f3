"""Output you can trust: a failed build changes nothing; the same content gives the same bytes.

- A build that fails (content errors) leaves the previous output byte-identical, with the
  same modification times, and no staging folder behind.
- The bundled content plus the hostile fixture, built from two different folders with two
  different PYTHONHASHSEED values (search index included), gives identical trees (`diff -r`).
- Timestamps come from content (or SOURCE_DATE_EPOCH), never from the clock: no output holds
  today's date, the build machine's name or the build folder's path, and gzip headers carry
  no build time.
"""

from __future__ import annotations

import datetime
import filecmp
import gzip
import hashlib
import shutil
import socket
import time
from pathlib import Path

from conftest import MINI_SITE, ROOT, make_project, run_cli
from hostile_site import HOSTILE_SITE


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """relative path -> (sha256, mtime_ns) of every file."""
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failed_build_leaves_the_previous_site_byte_identical(tmp_path: Path) -> None:
    root = make_project(tmp_path, HOSTILE_SITE)
    build = ("build", "--content", "content", "--out", "site")
    assert run_cli(*build, cwd=root).returncode == 0
    before = snapshot(root / "site")
    time.sleep(0.05)  # a rewrite would show in the modification times
    make_project(root, {"content/stories/broken.md": "---\ntitle: Broken\ndate: 2020-02-30\nlibraries: [alpha-library]\n---\n"})
    (root / "content/libraries/hostile-library.md").write_text("---\nname: [\n---\n", encoding="utf-8")
    result = run_cli(*build, cwd=root)
    assert result.returncode == 1
    assert "content/stories/broken.md:3: date: 2020-02-30 is not a real date" in result.stderr
    assert "content/libraries/hostile-library.md:" in result.stderr
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site"]


def _copy_corpus(dest: Path) -> Path:
    """The bundled content with the hostile fixture on top, in `dest/<name>/content`."""
    shutil.copytree(ROOT / "content", dest / "content")
    make_project(dest, HOSTILE_SITE)
    return dest / "content"


def test_two_builds_from_different_folders_and_hash_seeds_are_identical(tmp_path: Path) -> None:
    outs = []
    for name, seed in (("first-checkout", "1"), ("a/much/deeper/second", "4242")):
        content = _copy_corpus(tmp_path / name)
        out = tmp_path / name / "published"
        result = run_cli("build", "--content", str(content), "--out", str(out), cwd=content.parent, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outs.append(out)
    differences = _diff_tree(*outs)
    assert differences == []
    assert (outs[0] / "pagefind").is_dir() and len(list(outs[0].rglob("*"))) > 100


def _diff_tree(a: Path, b: Path) -> list[str]:
    """Like `diff -r`: files only on one side, and files whose bytes differ."""
    out = []
    cmp = filecmp.dircmp(a, b)
    out += [f"only in {a}: {n}" for n in cmp.left_only] + [f"only in {b}: {n}" for n in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    out += [f"differs: {a / n}" for n in mismatch + errors]
    for sub in cmp.common_dirs:
        out += _diff_tree(a / sub, b / sub)
    return out


def test_no_output_holds_the_clock_the_machine_or_the_folder(tmp_path: Path) -> None:
    content = _copy_corpus(tmp_path / "project-folder-7d1c")
    out = tmp_path / "project-folder-7d1c" / "out"
    started = time.time()
    result = run_cli("build", "--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stderr
    today = datetime.date.today()
    clock = {
        today.isoformat(),
        f"{today.day} {today:%B} {today.year}",
        f"{today:%d %b %Y}",
        f"{today:%B} {today.day}, {today.year}",
        f"{today:%a, %d %b %Y}",
    }
    host = socket.gethostname()
    leaks = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip: the header's mtime must not be the build time
            mtime = int.from_bytes(data[4:8], "little")
            if mtime >= started - 86400:
                leaks.append(f"{path}: gzip header time {mtime}")
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        leaks += [f"{path}: {word}" for word in clock if word in text]
        leaks += [f"{path}: build folder" for word in (str(tmp_path), "project-folder-7d1c") if word in text]
        if len(host) >= 6 and host in text:
            leaks.append(f"{path}: host name {host}")
    assert leaks == []


def test_timestamps_come_from_content(tmp_path: Path) -> None:
    """The feed's <updated> is the newest story's date, whatever SOURCE_DATE_EPOCH or the clock says."""
    root = make_project(tmp_path, MINI_SITE)
    result = run_cli(
        "build", "--no-search", "--content", "content", "--out", "out", cwd=root, env={"SOURCE_DATE_EPOCH": "1700000000"}
    )
    assert result.returncode == 0, result.stderr
    feed = (root / "out/feed.xml").read_text(encoding="utf-8")
    assert "<updated>2020-05-03" in feed
    assert "2023-11-14" not in feed  # SOURCE_DATE_EPOCH's day: content dates win where there are some
