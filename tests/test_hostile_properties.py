"""Property tests: whatever a content file holds, `check` either succeeds or reports ContentErrors.

Random front matter (YAML-like text, structured values dumped by PyYAML, raw bytes) and random
Markdown bodies are added to a small valid site and checked in-process (the CLI's `check` does
the same: load_site, then plan_site). The only allowed outcomes are success, or BuildFailed whose
errors each name the file, a line inside it, and a one-line message. Any other exception, a
line outside the file or a message that spans lines fails the property.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sisterlib.config import load_config
from sisterlib.errors import BuildFailed, ContentError
from sisterlib.pipeline import load_site, plan_site

from conftest import MINI_SITE, make_project

SETTINGS = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "150")),
    deadline=None,
    database=None,  # no .hypothesis/ folder in the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FIELDS = ["name", "city", "country", "type", "title", "date", "libraries", "partnership", "activities", "summary", "aliases"]
FIELDS += [
    "contacts",
    "seeking",
    "location",
    "website",
    "since",
    "formal",
    "status",
    "via",
    "order",
    "lang",
    "content",
    "handler",
]
# Characters that matter to YAML, Markdown, HTML and our loader, plus invisible and control ones.
TRICKY = list("-:[]{},&*!|>'\"#%@`?~=<\\/()_. \t\n\r") + ["\x00", "\x07", "\x1b", "\x85", "\x9b", "\xa0", "\u200b"]
TRICKY += ["\u202e", "\u2066", "\u2028", "\ufeff", "\ufffe", "é", "й", "ß", "中", "😀"]
TEXT = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=40)
WORDS = st.sampled_from(
    ["yes", "NO", "on", "~", "null", "true", "01234", "1:20", "0x1F", "1e3", "2019-02-30", "2019-05-03", "03/05/2019",
     "alpha-library", "alpha-beta", "share-cultural-events", "../../etc/passwd", "/etc/passwd", "BG", "US", "public",
     "&a", "*a", "!!python/object/apply:os.system", "!!binary", "<<", "<script>alert(1)</script>", "{{ 7*7 }}",
     "9" * 30, "[" * 30, "{a: ", "- ", "  ", "\t", '"', "'", "|", ">"]
)  # fmt: skip
MARKDOWN_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "![", "[[", "]]", "|", "<", ">", "`", "```", "*", "_", "#", "## ", "- ", "1. ", "> ",
     "- [ ] ", "\n", "\n\n", "    ", "javascript:alert(1)", "vbscript:x", "data:image/png;base64,AA", "//evil.example",
     "https://example.org/", "https:evil", "mailto:a@b.c", "alpha-library", "Alpha Library", "beta-library|Beta",
     "[x]: ", "&#x61;", "&lt;", "<script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "| a | b |\n|--:|:-:|\n",
     "---", "\r\n", "\r", "\x00", "\u2028", "\u202e", "é", "й"]
)  # fmt: skip

STORY_FRONT = "---\ntitle: A story\ndate: 2020-01-01\nlibraries: [alpha-library]\n"
LIBRARY_FRONT = {"name": "A library", "city": "Town", "country": "BG", "type": "public"}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("properties"), MINI_SITE)


def check_file(site_dir: Path, rel: str, data: bytes) -> None:
    """Add one file to the site, run check in-process, assert the outcome is allowed; remove it."""
    path = site_dir / "content" / rel
    path.write_bytes(data)
    try:
        site = load_site(load_config(None), site_dir / "content")
        plan_site(site)
    except BuildFailed as failed:
        assert failed.errors
        text = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        last_line = max(1, text.count(b"\n") + 1)
        for error in failed.errors:
            assert isinstance(error, ContentError)
            assert error.message and "\n" not in error.format() and "\r" not in error.format(), error
            assert error.line >= 1, error
            if error.path == str(path):
                assert error.line <= last_line, (error, last_line)
            else:
                assert Path(error.path).is_relative_to(site_dir), error
    finally:
        path.unlink()
        shutil.rmtree(site_dir / ".cache", ignore_errors=True)


@SETTINGS
@given(lines=st.lists(st.tuples(st.sampled_from(FIELDS) | TEXT, st.lists(WORDS | TEXT, max_size=4)), max_size=8))
def test_random_yaml_like_front_matter(site_dir: Path, lines: list[tuple[str, list[str]]]) -> None:
    front = "".join(f"{key}: {' '.join(values)}\n" for key, values in lines)
    check_file(site_dir, "stories/random.md", (STORY_FRONT + front + "---\nBody.\n").encode("utf-8", "surrogatepass"))


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=300))
def test_random_text_as_front_matter(site_dir: Path, text: str) -> None:
    check_file(site_dir, "libraries/random.md", f"---\n{text}\n---\nBody.\n".encode())


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT | WORDS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT | st.sampled_from(FIELDS), children, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(values=st.dictionaries(st.sampled_from(FIELDS + ["region", "languages", "population_served"]), YAML_VALUES, max_size=5))
def test_random_structured_values_dumped_to_yaml(site_dir: Path, values: dict[str, object]) -> None:
    front = yaml.safe_dump({**LIBRARY_FRONT, **values}, allow_unicode=True, sort_keys=False)
    check_file(site_dir, "libraries/dumped.md", f"---\n{front}---\nBody.\n".encode())


@SETTINGS
@given(pieces=st.lists(MARKDOWN_PIECES | TEXT, max_size=40))
def test_random_markdown_bodies(site_dir: Path, pieces: list[str]) -> None:
    check_file(site_dir, "stories/markdown.md", (STORY_FRONT + "---\n" + "".join(pieces)).encode())


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes(site_dir: Path, data: bytes) -> None:
    check_file(site_dir, "pages/bytes.md", data)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_random_bytes_after_valid_front_matter(site_dir: Path, data: bytes) -> None:
    check_file(site_dir, "pages/tail.md", b"---\ntitle: Bytes\n---\n" + data)
