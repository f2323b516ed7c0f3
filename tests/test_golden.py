"""The build's output equals the golden copy in tests/golden/, byte for byte (see tests/golden.py).

A failure names every file that differs and shows the start of each text file's diff. When
the change is meant, refresh the golden copy with `python tests/golden.py` in a commit of its
own that says why the output changed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from golden import GOLDEN, SITES, GoldenSite, build, is_text, manifest, read_manifest

MAX_DIFF_LINES = 40


@pytest.mark.parametrize("site", SITES, ids=lambda s: s.name)
def test_output_equals_the_golden_copy(site: GoldenSite, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(site, out)
    expected = read_manifest(GOLDEN / site.name)
    actual = manifest(out)
    problems = []
    for rel in sorted(expected.keys() - actual.keys()):
        problems.append(f"missing: {rel}")
    for rel in sorted(actual.keys() - expected.keys()):
        problems.append(f"new file: {rel}")
    for rel in sorted(expected.keys() & actual.keys()):
        if expected[rel] == actual[rel]:
            continue
        problems.append(f"differs: {rel}")
        if is_text(rel):
            old = (GOLDEN / site.name / "files" / rel).read_text(encoding="utf-8").splitlines()
            new = (out / rel).read_text(encoding="utf-8").splitlines()
            diff = list(difflib.unified_diff(old, new, "golden/" + rel, "built/" + rel, lineterm="", n=1))
            problems += ["    " + line for line in diff[:MAX_DIFF_LINES]]
    assert not problems, (
        f"the output of the {site.name} build differs from tests/golden/{site.name}/"
        " (if the change is meant: python tests/golden.py, in its own commit, saying why):\n" + "\n".join(problems)
    )


def test_the_golden_copy_holds_every_text_file() -> None:
    """The text copies are what reviewers read: each one matches its manifest line."""
    import hashlib

    for site in SITES:
        folder = GOLDEN / site.name
        for rel, value in read_manifest(folder).items():
            if is_text(rel):
                data = (folder / "files" / rel).read_bytes()
                assert value == f"{len(data)} {hashlib.sha256(data).hexdigest()}", rel
