"""Bytes that lie: encodings, line ends, control and invisible characters, empty and oversized files.

Accepted: a UTF-8 BOM, CRLF and lone CR line ends (the line numbers stay right). Everything else
is refused with `path:line: message`, with invisible characters shown escaped.
The size limit is 1 MiB per file (sisterlib.content.read.MAX_FILE_BYTES).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sisterlib.content.read import MAX_FILE_BYTES

from conftest import MINI_SITE, make_project, run_cli
from hostile_site import check_errors
from html_tree import parse_file

LIB = "---\nname: A library\ncity: Town\ncountry: BG\ntype: public\n"  # lines 1-5
STORY = "---\ntitle: A story\ndate: 2020-01-01\nlibraries: [alpha-library]\n---\n"  # lines 1-5; body from 6
BROKEN_LINK = STORY + "First line.\n[[no-such-entry]]\n"  # the broken link is on line 7

CASES: dict[str, tuple[str, bytes, list[tuple[int, str]]]] = {
    "bom_keeps_lines": ("stories/bom.md", b"\xef\xbb\xbf" + BROKEN_LINK.encode(), [(7, "[[no-such-entry]]")]),
    "crlf_keeps_lines": ("stories/crlf.md", BROKEN_LINK.replace("\n", "\r\n").encode(), [(7, "[[no-such-entry]]")]),
    "lone_cr_keeps_lines": ("stories/cr.md", BROKEN_LINK.replace("\n", "\r").encode(), [(7, "[[no-such-entry]]")]),
    "latin1": (
        "libraries/latin1.md",
        (LIB + "region: Skåne\n---\n").encode("latin-1"),
        [(6, "the file is not UTF-8 text (byte 0xE5); save it as UTF-8")],
    ),
    "utf16_with_bom": ("libraries/utf16.md", (LIB + "---\n").encode("utf-16"), [(1, "the file is saved as UTF-16")]),
    "utf16_without_bom": ("libraries/utf16be.md", (LIB + "---\n").encode("utf-16-be"), [(1, "the file is saved as UTF-16")]),
    "nul_in_body": (
        "stories/nul-byte.md",
        (STORY + "Text\x00here.\n").encode(),
        [(6, "the file contains the control character \\x00")],
    ),
    "nul_in_front_matter": (
        "libraries/nul-fm.md",
        (LIB + "region: a\x00b\n---\n").encode(),
        [(6, "the file contains the control character \\x00")],
    ),
    "escape_in_front_matter": (
        "libraries/esc.md",
        (LIB + "region: \x1b[31mred\n---\n").encode(),
        [(6, "the file contains the control character \\x1b")],
    ),
    "control_by_yaml_escape": (
        "libraries/bell.md",
        (LIB + 'region: "ring\\a"\n---\n').encode(),
        [(6, "the value contains the control character \\x07")],
    ),
    "c1_control": ("libraries/c1.md", (LIB + "region: a\x9bb\n---\n").encode(), [(6, "the control character \\x9b")]),
    "next_line_control": ("libraries/nel.md", (LIB + "region: a\x85b\n---\n").encode(), [(6, "the control character \\x85")]),
    "non_character": ("stories/nonchar.md", (STORY + "a\ufffeb\n").encode(), [(6, "the control character \\ufffe")]),
    "bidi_override": (
        "libraries/bidi.md",
        "---\nname: Library\u202e yrarbil\ncity: Town\ncountry: BG\ntype: public\n---\n".encode(),
        [(2, "the front matter contains the text-direction control \\u202e")],
    ),
    "bidi_isolate": (
        "libraries/bidi-isolate.md",
        (LIB + "region: \u2066x\u2069\n---\n").encode(),
        [(6, "the text-direction control \\u2066")],
    ),
    "line_separator": (
        "libraries/line-separator.md",
        "---\nname: A\u2028library\ncity: Town\ncountry: BG\ntype: public\n---\n".encode(),
        [(2, "the invisible line separator \\u2028")],
    ),
    "no_break_space_indent": (
        "libraries/nbsp.md",
        (LIB + "aliases:\n\u00a0 - Other\n---\n").encode(),
        [(7, "the line starts with the special space \\xa0")],
    ),
    "zero_width_in_key": (
        "libraries/zwsp-key.md",
        (LIB + "regi\u200bon: North\n---\n").encode(),
        [(6, "unknown field 'regi\\u200bon' for a library; did you mean 'region'?")],
    ),
    "bom_inside_key": (
        "libraries/bom-key.md",
        (LIB + "\ufeffregion: North\n---\n").encode(),
        [(6, "the front matter contains the invisible character \\ufeff (a byte order mark); delete it")],
    ),
    "zero_width_in_value": (
        "libraries/zwsp-value.md",
        "---\nname: A library\ncity: Town\ncountry: B\u200bG\ntype: public\n---\n".encode(),
        [(4, "country: 'B\\u200bG' is not a country code")],
    ),
    "empty_file": ("libraries/empty.md", b"", [(1, "the file is empty")]),
    "blank_file": ("libraries/blank.md", b" \n\n\t\n", [(1, "the file is empty")]),
    "no_front_matter": ("stories/no-front-matter.md", b"Just a story.\n", [(1, "the file does not start with front matter")]),
    "unclosed_front_matter": (
        "libraries/unclosed.md",
        (LIB + "\nAbout the library.\n").encode(),
        [(1, "the front matter starting on line 1 is never closed; add a line with only --- after line 5")],
    ),
    "over_the_size_limit": (
        "stories/huge.md",
        STORY.encode() + b"word " * (MAX_FILE_BYTES // 5 + 1),
        [(1, f"over the limit of {MAX_FILE_BYTES:,}")],
    ),
}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    # each library in its own town: two files for one library (same name and city) would be an error of its own
    files = {f"content/{path}": _own_town(data, i) for i, (path, data, _) in enumerate(CASES.values())}
    root = make_project(tmp_path_factory.mktemp("hostile-bytes"), {**MINI_SITE, **files})
    errors, _ = check_errors(root, run_cli)
    return errors


def _own_town(data: bytes, i: int) -> bytes:
    for encoding in ("utf-8", "latin-1", "utf-16", "utf-16-be"):
        town = "\ncity: Town\n".encode(encoding)
        if town in data:
            return data.replace(town, f"\ncity: Town {i}\n".encode(encoding))
    return data


@pytest.mark.parametrize("case", sorted(CASES))
def test_lying_bytes_are_reported_with_their_line(reported: dict[str, list[tuple[int, str]]], case: str) -> None:
    path, data, expected = CASES[case]
    got = reported.get(f"content/{path}", [])
    assert sorted({line for line, _ in got}) == sorted({line for line, _ in expected}), got
    for line, part in expected:
        assert any(n == line and part in message for n, message in got), f"{path}:{line}: no '{part}' in {got}"


def test_messages_show_invisible_characters_escaped(reported: dict[str, list[tuple[int, str]]]) -> None:
    messages = [m for errors in reported.values() for _, m in errors]
    for invisible in ("\u200b", "\ufeff", "\u202e", "\u2066", "\u2028", "\x00", "\x1b", "\x07", "\x9b", "\xa0"):
        assert not [m for m in messages if invisible in m], repr(invisible)


def test_bom_crlf_and_lone_cr_files_build_with_clean_values(tmp_path: Path) -> None:
    story = "---\ntitle: {title}\ndate: 2020-01-01\nlibraries: [alpha-library]\n---\nFirst line.\nSecond line.\n"
    files = {
        "content/stories/with-bom.md": b"\xef\xbb\xbf" + story.format(title="BOM story").encode(),
        "content/stories/with-crlf.md": story.format(title="CRLF story").replace("\n", "\r\n").encode(),
        "content/stories/with-cr.md": story.format(title="CR story").replace("\n", "\r").encode(),
    }
    root = make_project(tmp_path, {**MINI_SITE, **files})
    result = run_cli("build", "--no-search", "--content", "content", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    for slug, title in (("with-bom", "BOM story"), ("with-crlf", "CRLF story"), ("with-cr", "CR story")):
        page = parse_file(root / "out/stories" / slug / "index.html")
        assert page.find("h1").text == title
        paragraph = page.find("div", class_="body").find("p")
        assert "".join(c for c in paragraph.children if isinstance(c, str)) == "First line.\nSecond line."
