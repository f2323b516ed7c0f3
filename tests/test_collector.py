"""The cyclic garbage collector during a build (sisterlib/collector.py): paused in the building
process, running in the render workers, and back on after the build, whether it failed or not."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from sisterlib import pipeline
from sisterlib.config import load_config
from sisterlib.errors import BuildFailed

from conftest import MINI_SITE, ROOT, make_project


def _collector_seen_by_plan(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    plan_site = pipeline.plan_site

    def spy(site):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return plan_site(site)

    monkeypatch.setattr(pipeline, "plan_site", spy)
    return seen


def test_a_build_pauses_the_collector_and_turns_it_back_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path, MINI_SITE)
    seen = _collector_seen_by_plan(monkeypatch)
    assert gc.isenabled()
    pipeline.build(load_config(None), root / "content", root / "site", search=False, git_dates=False, cache=False)
    assert seen == [False]
    assert gc.isenabled()
    assert (root / "site" / "index.html").is_file()


def test_a_failed_build_turns_the_collector_back_on(tmp_path: Path) -> None:
    files = {**MINI_SITE, "content/stories/broken.md": "---\ntitle: [unclosed\n---\nText.\n"}
    root = make_project(tmp_path, files)
    with pytest.raises(BuildFailed):
        pipeline.build(load_config(None), root / "content", root / "site", search=False, git_dates=False, cache=False)
    assert gc.isenabled()


def test_a_paused_collector_is_left_paused(tmp_path: Path) -> None:
    """The preview pauses it around its own rebuilds: a build inside one does not turn it on."""
    root = make_project(tmp_path, MINI_SITE)
    gc.disable()
    try:
        pipeline.build(load_config(None), root / "content", root / "site", search=False, git_dates=False, cache=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


WORKERS_CHECK = """
import gc
from sisterlib import parallel
def state(_chunk):
    return gc.isenabled()
gc.disable()
print(parallel.can_fork(), parallel.map_chunks(state, [1, 2, 3, 4], jobs=2))
"""


def test_render_workers_collect_while_the_parent_is_paused() -> None:
    # In a process of its own: a thread another test left running here would mean no workers.
    result = subprocess.run([sys.executable, "-c", WORKERS_CHECK], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "True [True, True, True, True]"
