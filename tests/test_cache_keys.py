"""Every cache key covers everything besides the content that can change the output.

Cached results are reused when their key matches, so a key that misses an input (a module in
a sub-package, a library's version) would publish stale HTML after an upgrade or a refactor.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sisterlib.cache import fingerprint
from sisterlib.cache import markdown as mdcache
from sisterlib.cache import record as buildstamp
from sisterlib.config import load_config
from sisterlib.search import keep as searchkeep


def tree_hash(root: Path) -> str:
    h = hashlib.blake2b()
    fingerprint.hash_tree(h, root, "x")
    return h.hexdigest()


def test_the_tree_hash_covers_files_at_any_depth(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.py").write_text("x = 1\n")
    first = tree_hash(tmp_path)
    (tmp_path / "a" / "b" / "deep.py").write_text("x = 2\n")
    assert tree_hash(tmp_path) != first, "a change in a nested module"
    second = tree_hash(tmp_path)
    (tmp_path / "a" / "catalog.mo").write_bytes(b"\x00data")
    assert tree_hash(tmp_path) != second, "a new data file (a catalog, a vendored map)"
    third = tree_hash(tmp_path)
    (tmp_path / "a" / "__pycache__").mkdir()
    (tmp_path / "a" / "__pycache__" / "deep.cpython-311.pyc").write_bytes(b"compiled")
    assert tree_hash(tmp_path) == third, "compiled files are not inputs"


def test_the_code_fingerprint_hashes_the_whole_package() -> None:
    import sisterlib

    assert fingerprint.PACKAGE_DIR == Path(sisterlib.__file__).resolve().parent
    assert any(p.parent != fingerprint.PACKAGE_DIR for p in fingerprint.PACKAGE_DIR.rglob("*.py")), "sub-packages exist"


def test_dependencies_are_walked_transitively_with_extras() -> None:
    versions = fingerprint.dependency_versions()
    for name in ("jinja2", "markupsafe", "markdown-it-py", "mdurl", "pyyaml", "pycountry", "pagefind", "pagefind-bin"):
        assert versions.get(name, "-") != "-", name


@pytest.fixture
def other_code(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def switch(value: str) -> None:
        monkeypatch.setattr(fingerprint, "code_fingerprint", lambda: value)

    return switch


def test_every_cache_key_changes_with_the_code(other_code, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = load_config(None)
    content = tmp_path / "content"
    content.mkdir()
    keys = []
    for value in ("code-a", "code-b"):
        other_code(value)
        keys.append(
            (
                buildstamp.input_hash(config, content, {}),
                mdcache.MarkdownCache(tmp_path).key("Some *text*."),
                searchkeep.index_key(["stories/a/index.html"], "en", {"/stories/a/": 0}),
            )
        )
    for before, after, name in zip(keys[0], keys[1], ("build record", "Markdown cache", "search index"), strict=True):
        assert before != after, f"the {name} key ignores the code"
