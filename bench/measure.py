"""Measuring one command of the benchmark: wall seconds, the peak memory of its largest process
(from wait4) and of its whole process tree (sampled every 0.1 s as the sum of proportional set
sizes: pages shared by forked workers are counted once; Pagefind's processes apart).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measured:
    label: str
    seconds: float | None = None
    rss_mb: float | None = None  # largest single process
    pss_mb: float | None = None  # sum over the process tree, sampled (Pagefind's processes apart)
    indexer_mb: float | None = None  # Pagefind's processes in the tree
    note: str = ""
    data: dict = field(default_factory=dict)


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


def measure(label: str, cmd: list[str], cwd: Path) -> Measured:
    """Run `cmd`; wall seconds, peak RSS of its largest process, peak PSS of its process tree."""
    settle()
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
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


def best(runs: list[Measured]) -> Measured:
    """The fastest of several runs of one step (the machine is shared: the others waited on it),
    with the largest peak memory of them all."""
    fastest = min(runs, key=lambda m: m.seconds or 0.0)
    for name in ("rss_mb", "pss_mb", "indexer_mb"):
        values = [v for m in runs if (v := getattr(m, name)) is not None]
        setattr(fastest, name, max(values) if values else None)
    if len(runs) > 1:
        fastest.note = f"best of {len(runs)}" + (f"; {fastest.note}" if fastest.note else "")
    return fastest
