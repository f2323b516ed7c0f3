"""The fingerprint of everything besides the content that can change the output.

Every cache (the record of the last build, the Markdown cache, the kept search index) mixes
this into its keys, so a change of code or of a library can never reuse a stale result:

- every file of the sisterlib package, recursively (code, and any data file or catalog kept
  in it), by name and bytes;
- the version of Python and of every installed distribution sisterlib depends on, found by
  walking the declared requirements transitively (a new dependency in pyproject.toml is
  covered without editing a list here; MarkupSafe, which does Jinja's escaping, is one);

The project's own folders that shape output (templates, assets) are hashed by the callers
that read them (cache/record.py), since they belong to a config, not to the code.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # sisterlib/
PYPROJECT = PACKAGE_DIR.parent / "pyproject.toml"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def hash_tree(h: Any, root: Path, label: str) -> None:
    """Names and bytes of every file under `root`, in a fixed order; links are named, not followed."""
    h.update(f"\0{label}\0".encode())
    if not root.is_dir():
        return
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in reversed(entries):  # sorted, depth first
            rel = prefix + entry.name
            if entry.name == "__pycache__":
                continue
            if entry.is_symlink():
                h.update(f"L{rel}\0{os.readlink(entry.path)}\0".encode("utf-8", "surrogateescape"))
            elif entry.is_dir():
                stack.append((entry.path, rel + "/"))
            else:
                with open(entry.path, "rb") as f:
                    data = f.read()
                h.update(f"F{rel}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
                h.update(data)


def _declared_requirements() -> list[str]:
    """sisterlib's own requirements: from pyproject.toml in a checkout, else from the installed metadata."""
    if PYPROJECT.is_file():
        project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        return list(project.get("dependencies", []))
    try:
        return [r for r in metadata.requires("sisterlib") or [] if not _EXTRA_MARKER.search(r)]
    except metadata.PackageNotFoundError:
        return []


def _parse(requirement: str) -> tuple[str, set[str]]:
    m = _NAME.match(requirement)
    if not m:
        return "", set()
    extras = {e.strip().lower() for e in (m.group(2) or "").split(",") if e.strip()}
    return m.group(1).lower().replace("_", "-"), extras


def dependency_versions() -> dict[str, str]:
    """Every distribution sisterlib needs at run time, transitively, with its installed version."""
    versions: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [_parse(r) for r in _declared_requirements()]
    while todo:
        name, extras = todo.pop()
        if not name or (name, frozenset(extras)) in seen:
            continue
        seen.add((name, frozenset(extras)))
        try:
            versions[name] = metadata.version(name)
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            versions[name] = "-"
            continue
        for requirement in requires:
            marker = _EXTRA_MARKER.search(requirement)
            if marker is None or marker.group(1).lower() in extras:
                todo.append(_parse(requirement))
    return dict(sorted(versions.items()))


@cache
def code_fingerprint() -> str:
    """A hash of the package's files, Python's version and every dependency's version."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    h.update(repr(dependency_versions()).encode())
    hash_tree(h, PACKAGE_DIR, "package")
    return h.hexdigest()
