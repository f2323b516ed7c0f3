"""YAML that lies: every trap of YAML 1.1 and PyYAML reaches the contributor as `path:line: message`.

One content folder holds one file per class; `check` runs once over all of them (which also
shows that every error of a build is reported together), and each test reads its own file's
lines. A value that YAML 1.1 would silently change (NO -> False, 01234 -> 668, 1:20 -> 80) is
either kept as the text that was written or refused; never changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_SITE, make_project, run_cli
from hostile_site import check_errors

LIB = "---\nname: A library\ncity: Town\ncountry: BG\ntype: public\n"  # lines 1-5
STORY = "---\ntitle: A story\nlibraries: [alpha-library]\n"  # lines 1-3
MARKER = Path("/tmp/sisterlib-hostile-yaml-ran-code")

# class -> (file, text, [(line, part of the message)]): exactly these lines are reported for the file.
CASES: dict[str, tuple[str, str, list[tuple[int, str]]]] = {
    "yaml11_booleans": (
        "partnerships/yes-on.md",
        "---\nlibraries: [alpha-library, beta-library]\nstatus: on\nformal: yes\n---\n",
        [(3, "status: 'on' is not allowed here"), (4, "formal: expected true or false, found 'yes'")],
    ),
    "sexagesimal_numbers": (
        "libraries/sexagesimal.md",
        LIB + "population_served: 1:20\nlocation: {lat: 44:39:41, lon: 27.26}\n---\n",
        [(6, "population_served: expected a whole number, found '1:20'"), (7, "location: lat must be a decimal number")],
    ),
    "octal_looking_numbers": (
        "libraries/octal.md",
        LIB + "population_served: 01234\n---\n",
        [(6, "population_served: expected a whole number, found '01234'")],
    ),
    "impossible_dates": (
        "stories/impossible-date.md",
        STORY + "date: 2019-02-30\n---\n",
        [(4, "date: 2019-02-30 is not a real date")],
    ),
    "other_date_formats": (
        "stories/other-date.md",
        STORY + "date: 03/05/2019\n---\n",
        [(4, "date: '03/05/2019' is not a date in the form YYYY-MM-DD; write it as YYYY-MM-DD: 2019-05-03")],
    ),
    "date_with_time": (
        "libraries/date-time.md",
        LIB + "last_confirmed: 2019-05-03T10:00:00+02:00\n---\n",
        [(6, "last_confirmed: '2019-05-03T10:00:00+02:00' is not a date in the form YYYY-MM-DD")],
    ),
    "duplicate_keys": (
        "libraries/duplicate.md",
        LIB + "name: Another name\n---\n",
        [(6, "the key 'name' appears twice (first on line 2)")],
    ),
    "anchors_and_aliases": (
        "libraries/alias.md",
        "---\nname: &n A library\ncity: *n\ncountry: BG\ntype: public\n---\n",
        [(2, "YAML anchors and aliases (&name, *name) are not supported"), (3, "YAML anchors and aliases")],
    ),
    "billion_laughs": (
        "libraries/laughs.md",
        LIB  # 9 levels of 9 aliases: 9**9 strings if expanded
        + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True))
        + "---\n",
        [(n, "YAML anchors and aliases") for n in range(6, 15)],  # every &anchor's line and every *alias's
    ),
    "self_reference": (
        "libraries/self-reference.md",
        LIB + "aliases: &a [*a]\n---\n",
        [(6, "YAML anchors and aliases")],
    ),
    "merge_keys": (
        "libraries/merge.md",
        LIB + "seeking:\n  <<: {note: hello}\n---\n",
        [(7, "YAML merge keys (<<) are not supported")],
    ),
    "python_tags": (
        "libraries/python-tag.md",
        LIB + f"region: !!python/object/apply:os.system ['touch {MARKER}']\n---\n",
        [(6, "the YAML tag !!python/object/apply:os.system is not allowed")],
    ),
    "other_tags": (
        "libraries/other-tags.md",
        LIB + "region: !!binary aGVsbG8=\naliases: !!set {a, b}\nlast_confirmed: !!timestamp 2020-01-01\nwebsite: !Ref x\n---\n",
        [
            (6, "the YAML tag !!binary is not allowed"),
            (7, "the YAML tag !!set is not allowed"),
            (8, "the YAML tag !!timestamp is not allowed"),
            (9, "the YAML tag !Ref is not allowed"),
        ],
    ),
    "tab_indentation": (
        "libraries/tabs.md",
        LIB + "aliases:\n\t- Other name\n---\n",
        [(7, "a tab character is used for indentation; indent with spaces")],
    ),
    "unquoted_colon": (
        "stories/colon.md",
        "---\ntitle: Silistra: how we met\ndate: 2019-05-03\nlibraries: [alpha-library]\n---\n",
        [(2, "a value contains ': ' (colon and space)")],
    ),
    "deep_flow_nesting": (
        "libraries/deep-flow.md",
        LIB + "aliases: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        [(6, "the front matter is nested too deeply")],
    ),
    "deep_block_nesting": (
        "libraries/deep-block.md",
        LIB + "seeking:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)) + "---\n",
        [(27, "the front matter is nested too deeply")],
    ),
    "huge_integer": (
        "libraries/huge-int.md",
        LIB + "population_served: " + "9" * 5000 + "\n---\n",
        [(6, "the number 99999999999999999999... is too long")],
    ),
    "huge_float": (
        "libraries/huge-float.md",
        LIB + "location: {lat: " + "9" * 5000 + ".5, lon: 1.5}\n---\n",
        [(6, "location: lat must be a decimal number between -90 and 90")],
    ),
    "non_string_keys": (
        "libraries/keys.md",
        LIB + "? [a, b]\n: c\n{x: y}: z\n---\n",
        [(6, "a key must be plain text"), (8, "a key must be plain text")],
    ),
    "number_and_bool_keys": (
        "libraries/number-keys.md",
        LIB + "1: one\nyes: 2\nnull: 3\n---\n",
        [(6, "unknown field '1' for a library"), (7, "unknown field 'yes' for a library"), (8, "unknown field 'null'")],
    ),
    "library_internal_keys": (
        "stories/content-key.md",
        STORY + "date: 2020\ncontent: text\nhandler: yaml\n---\n",
        [(5, "unknown field 'content' for a story"), (6, "unknown field 'handler' for a story")],
    ),
    "null_values": (
        "libraries/nulls.md",
        "---\nname: ~\ncity:\ncountry: null\ntype: public\n---\n",
        [(2, "'name' is empty"), (3, "'city' is empty"), (4, "'country' is empty")],
    ),
    "wrong_types": (
        "libraries/wrong-types.md",
        "---\nname: [a, b]\ncity: {a: b}\ncountry: 12\ntype: true\nwebsite: javascript:alert(1)\nlanguages: 5\naliases: [{a: b}]\n---\n",
        [
            (2, "name: expected text, found a list"),
            (3, "city: expected text, found a block of keys"),
            (4, "country: '12' is not a country code"),
            (5, "type: 'True' is not allowed here"),
            (6, "website: 'javascript:alert(1)' is not an http or https address"),
            (7, "languages: expected a list, found the number 5"),
            (8, "aliases: expected text, found a block of keys"),
        ],
    ),
    "float_for_text": (
        "libraries/float-text.md",
        "---\nname: 1.10\ncity: Town\ncountry: BG\ntype: public\n---\n",
        [(2, "name: this number would lose its exact digits; put it in double quotes")],
    ),
    "front_matter_is_a_list": (
        "libraries/list.md",
        "---\n- name: A library\n- city: Town\n---\n",
        [(2, "the front matter must be a list of 'key: value' lines")],
    ),
    "front_matter_is_a_scalar": (
        "libraries/scalar.md",
        "---\njust some words\n---\n",
        [(2, "the front matter must be a list of 'key: value' lines")],
    ),
}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    MARKER.unlink(missing_ok=True)
    # each library in its own town: two files for one library (same name and city) would be an error of its own
    files = {
        f"content/{path}": text.replace("\ncity: Town\n", f"\ncity: Town {i}\n").encode()
        for i, (path, text, _) in enumerate(CASES.values())
    }
    root = make_project(tmp_path_factory.mktemp("hostile-yaml"), {**MINI_SITE, **files})
    errors, _ = check_errors(root, run_cli)
    return errors


@pytest.mark.parametrize("case", sorted(CASES))
def test_yaml_trap_is_reported_with_its_line(reported: dict[str, list[tuple[int, str]]], case: str) -> None:
    path, text, expected = CASES[case]
    got = reported.get(f"content/{path}", [])
    assert sorted({line for line, _ in got}) == sorted({line for line, _ in expected}), got
    for line, part in expected:
        assert any(n == line and part in message for n, message in got), f"{path}:{line}: no '{part}' in {got}"
    assert all(1 <= n <= text.count("\n") for n, _ in got)


def test_no_yaml_tag_ran_code(reported: dict[str, list[tuple[int, str]]]) -> None:
    assert "content/libraries/python-tag.md" in reported
    assert not MARKER.exists()


def test_every_bad_file_is_reported_in_one_run(reported: dict[str, list[tuple[int, str]]]) -> None:
    assert sorted(reported) == sorted(f"content/{path}" for path, _, _ in CASES.values())
