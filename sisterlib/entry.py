"""The command line's entry point (build.py, the `sisterlib` script): cli.main, then the exit."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from .cli import main

# Commands that load the whole Site. Python frees every object one by one when it exits: after
# a build at 10,000 stories that took 0.8 s, 7% of a one-story rebuild (bench/run.py).
_WHOLE_SITE = ("build", "check")


def run() -> None:
    """The command line (build.py, the `sisterlib` script): `main`, then, after a build or a
    check, the process ends at once (`exit_now`)."""
    argv = sys.argv[1:]
    code = main(argv)
    if (argv[0] if argv and not argv[0].startswith("-") else "build") in _WHOLE_SITE:
        exit_now(code)
    raise SystemExit(code)


def exit_now(code: int) -> NoReturn:
    """End the process without freeing its objects. Everything is written and closed by then
    (the output, the caches, the workers, the threads joined); only the streams are flushed here."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
