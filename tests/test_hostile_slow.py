"""Slow input: shapes that are pathological for markdown-it-py or libyaml finish, in bounded memory.

Each case is one file (all within the 1 MiB limit) checked by the CLI in a subprocess with a
generous 60 s timeout and a 2 GiB address-space limit. Timings are not asserted (the machine is
shared); a hang, a crash or a blow-up fails the test. Three shapes failed before their fixes:
deep YAML nesting (PyYAML's C composer recursed until the process crashed with SIGSEGV),
50,000 equal headings (the anchors plugin's duplicate check was quadratic: 12 minutes) and
100,000 `[[` (the wiki-link rule searched to the end of the text for each: 75 s). `[` is
capped at 10,000 per body, because markdown-it-py spends about 0.3 ms on each unmatched one.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI_SITE, ROOT, make_project

TIMEOUT = 60  # seconds: generous; the slowest case here takes a few seconds
MEMORY = 2 << 30  # bytes of address space for the check process

GUIDE = "---\ntitle: Slow\norder: 9\n---\n"  # the body starts on line 5
LIB = "---\nname: Slow library\ncity: Town\ncountry: BG\ntype: public\n"

# case -> (file, text, expected: None for a clean check, else (line, part of the message))
CASES: dict[str, tuple[str, str, tuple[int, str] | None]] = {
    "image_openers_over_the_cap": (
        "pages/images.md",
        GUIDE + "![" * 40_000,
        (5, "the text has 40,000 '[' characters, more than the 10,000 a page may have"),
    ),
    "image_openers_under_the_cap": ("pages/images-under.md", GUIDE + "![" * 9_000, None),
    "wiki_link_openers": ("pages/wiki.md", GUIDE + "[[" * 100_000, (5, "'[' characters")),
    "unclosed_links": ("pages/links.md", GUIDE + "[a](" * 2_000, None),
    "equal_headings": ("pages/headings.md", GUIDE + "## a\n" * 50_000, None),
    "nested_quotes": ("pages/quotes.md", GUIDE + ">" * 100_000 + " x\n", None),
    "nested_lists_inline": ("pages/lists.md", GUIDE + "- " * 100_000 + "x\n", None),
    "nested_lists_indented": ("pages/indented.md", GUIDE + "".join("  " * i + "- a\n" for i in range(800)), None),
    "emphasis_runs": ("pages/emphasis.md", GUIDE + "*a **a " * 30_000, None),
    "backtick_runs": ("pages/backticks.md", GUIDE + "`" * 100_000 + "a" + "``" * 10_000, None),
    "html_comment_openers": ("pages/comments.md", GUIDE + "<!--" * 50_000, None),
    "autolink_openers": ("pages/autolinks.md", GUIDE + "<a" * 100_000, None),
    "entities": ("pages/entities.md", GUIDE + "&#x61;&amp;" * 50_000, None),
    "long_table": ("pages/table.md", GUIDE + "| a | b |\n|:-|-:|\n" + "| x | y |\n" * 40_000, None),
    "one_long_line": ("pages/line.md", GUIDE + "a" * 900_000, None),
    # 100,000 unclosed [ or nested "- " crashed PyYAML's C composer (segmentation fault) before the fix
    "yaml_deep_flow": ("libraries/deep.md", LIB + "aliases: " + "[" * 100_000 + "\n---\n", (6, "nested too deeply")),
    "yaml_deep_block": ("libraries/deep-block.md", LIB + "aliases:\n  " + "- " * 100_000 + "x\n---\n", (7, "nested too deeply")),
    "yaml_deep_mapping": ("libraries/deep-map.md", LIB + "seeking: " + "{a: " * 50_000 + "\n---\n", (6, "nested too deeply")),
    "yaml_many_keys": (
        "libraries/keys.md",
        LIB + "".join(f"k{i}: v\n" for i in range(20_000)) + "---\n",
        (6, "unknown field 'k0' for a library"),
    ),
    "yaml_long_list": ("libraries/list.md", LIB + "aliases: [" + ", ".join(["same"] * 100_000) + "]\n---\n", None),
    "yaml_long_string": (
        "libraries/string.md",
        LIB + 'region: "' + "x" * 900_000 + '"\n---\n',
        (6, "region: the text is too long"),
    ),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize("case", sorted(CASES))
def test_pathological_input_finishes(tmp_path: Path, case: str) -> None:
    path, text, expected = CASES[case]
    assert len(text.encode()) <= 1024 * 1024, "keep fixtures within the 1 MiB file limit"
    root = make_project(tmp_path, {**MINI_SITE, f"content/{path}": text.encode()})
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "--content", "content"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    if expected is None:
        assert result.returncode == 0, result.stderr[-2000:]
        return
    assert result.returncode == 1
    line, part = expected
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"content/{path}:{line}: ") and part in first, first
