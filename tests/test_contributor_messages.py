"""The ten most likely contributor mistakes, each with the exact message `check` prints.

One fixture per case: the mini site plus one file written the way a librarian might write it.
The messages are the product here: a change in wording is a change a reviewer should see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_SITE, make_project, run_cli

GOOD_STORY = "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta\n---\nWe visited.\n"

CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "wrong date format": (
        {"content/stories/our-visit.md": "---\ntitle: Our visit\ndate: 15.06.2021\npartnership: alpha-beta\n---\nWe visited.\n"},
        [
            "content/stories/our-visit.md:3: date: '15.06.2021' is not a date in the form YYYY-MM-DD;"
            " write it as YYYY-MM-DD: 2021-06-15 if you mean day 15 of month 6"
        ],
    ),
    "country name instead of code": (
        {"content/libraries/ruse-library.md": "---\nname: Ruse Library\ncity: Ruse\ncountry: Bulgaria\ntype: public\n---\n"},
        [
            "content/libraries/ruse-library.md:4: country: 'Bulgaria' is not a two-letter country code; use the two-letter code BG for Bulgaria"
        ],
    ),
    "misspelled field": (
        {
            "content/stories/our-visit.md": "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta\nsumary: We went.\n---\n"
        },
        ["content/stories/our-visit.md:5: unknown field 'sumary' for a story; did you mean 'summary'?"],
    ),
    "unknown partnership slug": (
        {"content/stories/our-visit.md": "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-betta\n---\n"},
        ["content/stories/our-visit.md:4: there is no partnership 'alpha-betta'; did you mean 'alpha-beta'?"],
    ),
    "missing title": (
        {"content/stories/our-visit.md": "---\ndate: 2021-06-15\npartnership: alpha-beta\n---\nWe visited.\n"},
        [
            "content/stories/our-visit.md:2: the required field 'title' is missing; add a line title: Teenagers run the library's volunteer program"
        ],
    ),
    "tabs": (
        {
            "content/stories/our-visit.md": (
                "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta\nactivities:\n\t- share-cultural-events\n---\n"
            )
        },
        ["content/stories/our-visit.md:6: a tab character is used for indentation; indent with spaces, not tabs"],
    ),
    "unquoted colon": (
        {"content/stories/our-visit.md": "---\ntitle: Silistra: our visit\ndate: 2021-06-15\npartnership: alpha-beta\n---\n"},
        [
            "content/stories/our-visit.md:2: a value contains ': ' (colon and space), which YAML reads as a new key;"
            ' put the value in quotation marks: title: "Silistra: our visit"'
        ],
    ),
    "wrong file name": (
        {"content/stories/Our Visit.md": GOOD_STORY},
        [
            "content/stories/Our Visit.md:1: the file name 'Our Visit.md' is not allowed:"
            " use only lowercase letters a-z, digits 0-9 and hyphens, then .md; rename it to our-visit.md"
        ],
    ),
    "missing closing ---": (
        {"content/stories/our-visit.md": "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta\n\nWe visited.\n"},
        [
            "content/stories/our-visit.md:1: the front matter starting on line 1 is never closed; add a line with only --- after line 4, the last field"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_mistake_gives_exact_message(tmp_path: Path, case: str) -> None:
    files, expected = CASES[case]
    make_project(tmp_path, {**MINI_SITE, **files})
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    count = f"{len(expected)} error{'s' if len(expected) > 1 else ''} in 1 file"
    assert result.stderr.splitlines() == [*expected, count]
    assert result.stdout == ""  # no workflow annotations outside GitHub Actions


def test_bom_is_accepted_and_builds(tmp_path: Path) -> None:
    """Windows Notepad saves UTF-8 with a byte-order mark: that file must just work."""
    make_project(tmp_path, {**MINI_SITE, "content/stories/our-visit.md": "\ufeff".encode() + GOOD_STORY.encode()})
    check = run_cli("check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout == "ok: 7 entries checked, no problems found\n"
    build = run_cli("build", "--out", "out", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "out/partnerships/alpha-beta/index.html").read_text(encoding="utf-8")
    assert 'href="/stories/our-visit/">Our visit</a>' in page


def test_github_actions_gets_annotations_with_escaping(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {
            **MINI_SITE,
            "content/stories/50%,off.md": GOOD_STORY,
            "content/libraries/ruse-library.md": "---\nname: Ruse Library\ncity: Ruse\ncountry: UK\ntype: public\n---\n",
        },
    )
    result = run_cli("check", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/libraries/ruse-library.md,line=4::country: 'UK' is not an ISO country code;"
        " use the two-letter code GB for United Kingdom",
        "::error file=content/stories/50%25%2Coff.md,line=1::the file name '50%25,off.md' is not allowed:"
        " use only lowercase letters a-z, digits 0-9 and hyphens, then .md; rename it to 50-off.md",
    ]
    # the plain lines are still there for people reading the log
    assert result.stderr.splitlines()[0].startswith("content/libraries/ruse-library.md:4: country: 'UK'")


def test_misspelled_required_field_is_one_error_not_two(tmp_path: Path) -> None:
    make_project(
        tmp_path,
        {**MINI_SITE, "content/stories/our-visit.md": "---\nTitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta\n---\n"},
    )
    result = run_cli("check", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "content/stories/our-visit.md:2: unknown field 'Title' for a story; did you mean 'title'?",
        "1 error in 1 file",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("country: България", "country: 'България' is not a two-letter country code; use the two-letter code BG for Bulgaria"),
        (
            "country: Deutschland",
            "country: 'Deutschland' is not a two-letter country code; use the two-letter code DE for Germany",
        ),
        ("country: bgr", "country: 'bgr' is not a two-letter country code; use the two-letter code BG for Bulgaria"),
        ("country:BG", "there is no space after the colon; write country: BG"),
    ],
)
def test_country_written_other_ways(tmp_path: Path, line: str, expected: str) -> None:
    text = f"---\nname: Ruse Library\ncity: Ruse\ntype: public\n{line}\n---\n"
    make_project(tmp_path, {**MINI_SITE, "content/libraries/ruse-library.md": text})
    result = run_cli("check", cwd=tmp_path)
    assert result.stderr.splitlines()[0] == f"content/libraries/ruse-library.md:5: {expected}"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2021/06/15", "write it as YYYY-MM-DD: 2021-06-15"),
        ("June 15, 2021", "write it as YYYY-MM-DD: 2021-06-15"),
        ("15 June 2021", "write it as YYYY-MM-DD: 2021-06-15"),
        ("June 2021", "write it as YYYY-MM-DD: 2021-06"),
        ("last summer", "write it as YYYY-MM-DD, for example 2019-05-03"),
    ],
)
def test_dates_written_other_ways(tmp_path: Path, value: str, hint: str) -> None:
    text = f"---\ntitle: Our visit\ndate: {value}\npartnership: alpha-beta\n---\n"
    make_project(tmp_path, {**MINI_SITE, "content/stories/our-visit.md": text})
    result = run_cli("check", cwd=tmp_path)
    assert result.stderr.splitlines()[0] == (
        f"content/stories/our-visit.md:3: date: '{value}' is not a date in the form YYYY-MM-DD; {hint}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: 'It's ours'\ndate: 2021-06-15\npartnership: alpha-beta\n---\n",
            """2: the value is in quotation marks ('), and the ' inside it ends the text too early; write title: "It's ours\"""",
        ),
        (
            '---\ntitle: "Our visit\ndate: 2021-06-15\npartnership: alpha-beta\n---\n',
            "2: a quotation mark opened on this line is never closed; add the closing quotation mark at the end of the value",
        ),
        (
            "---\ntitle: Our visit\n date: 2021-06-15\npartnership: alpha-beta\n---\n",
            "3: this line starts with a space, so it is read as part of the line above; remove the spaces at the start of the line",
        ),
        (
            "---\ntitle: Our visit\ndate: 2021-06-15\nlibraries:\n- alpha-library\n-beta-library\n---\n",
            "6: a list item needs a space after the dash; write - beta-library",
        ),
        (
            "---\ntitle: Our visit\ndate: 2021-06-15\nlibraries: alpha-library, beta-library\n---\n",
            "4: libraries: 'alpha-library, beta-library' is one text, not a list; put the list in square brackets: [alpha-library, beta-library]",
        ),
        (
            "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta.md\n---\n",
            "4: partnership: 'alpha-beta.md' ends with .md; write the file name without .md: alpha-beta",
        ),
        (
            "---\ntitle: Our visit\ndate: 2021-06-15\npartnership: alpha-beta\n--\nWe visited.\n",
            "5: the front matter starting on line 1 is never closed; this line must be exactly three hyphens: ---",
        ),
    ],
)
def test_more_yaml_mistakes_point_at_the_line_to_fix(tmp_path: Path, text: str, expected: str) -> None:
    make_project(tmp_path, {**MINI_SITE, "content/stories/our-visit.md": text})
    result = run_cli("check", cwd=tmp_path)
    assert result.stderr.splitlines()[0] == f"content/stories/our-visit.md:{expected}"


def test_misnamed_folder_and_extension(tmp_path: Path) -> None:
    make_project(tmp_path, {**MINI_SITE, "content/story/our-visit.md": GOOD_STORY, "content/stories/our-visit.txt": GOOD_STORY})
    result = run_cli("check", cwd=tmp_path)
    assert result.stderr.splitlines()[:2] == [
        "content/stories/our-visit.txt:1: only Markdown files ending in .md are read here; rename it to our-visit.md",
        "content/story:1: this is not one of the content folders; did you mean content/stories/?"
        " put content in libraries, partnerships, stories, activities, pages",
    ]
