"""Photos beside the text and contributor trust together, through `check` as a contributor runs
it: an entry's folder, its index or a photo with a wrong name is read under the name it should
have (its other mistakes come out, no other file is blamed), a file with errors still has its
readable photos checked, and what cannot be read is never called "not shown"."""

from __future__ import annotations

from pathlib import Path

from conftest import MINI_SITE, make_project, run_cli
from photo_site import picture

STORY = """
    ---
    title: Drawings that travelled
    date: 2021-03-04
    partnership: alpha-beta
    image: board.jpg
    image_alt: The drawings on the library's notice board
    ---
    The drawings went from Silistra to Aurora.
    """
LINKING = {  # a story that names the entry by the slug it should have: never an error of its own
    "content/stories/first-visit.md": MINI_SITE["content/stories/first-visit.md"].replace(
        "visited.", "visited, and saw [[drawings-travel]]."
    )
}


def check(root: Path) -> list[str]:
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stdout == "", result.stderr
    *lines, count = result.stderr.splitlines()
    assert count.endswith(("file", "files")), count
    return lines


def test_a_badly_named_entry_folder_is_read_with_its_photos(tmp_path: Path) -> None:
    folder = "content/stories/Drawings Travel"
    body = STORY.replace("Aurora.", "Aurora.\n\n    ![Notes on the back](notes.jpg)")
    files = {f"{folder}/index.md": body, f"{folder}/board.jpg": picture("JPEG"), f"{folder}/notes.jpg": b"a text file\n"}
    lines = check(make_project(tmp_path, {**MINI_SITE, **LINKING, **files}))
    assert lines == [
        f"{folder}:1: the folder name 'Drawings Travel' is not allowed: use only lowercase letters a-z, digits 0-9"
        " and hyphens; rename it to drawings-travel",
        f"{folder}/index.md:10: the photo notes.jpg: the file is not a real JPEG, PNG or WebP picture (it holds text);"
        " save or export it as JPEG (a photo) or PNG (a drawing), then add that file",
    ]


def test_a_wrongly_named_index_is_read_and_its_photos_are_checked(tmp_path: Path) -> None:
    folder = "content/stories/drawings-travel"
    files = {f"{folder}/Index.md": STORY, f"{folder}/board.jpg": picture("JPEG"), f"{folder}/spare.png": picture()}
    lines = check(make_project(tmp_path, {**MINI_SITE, **LINKING, **files}))
    assert lines == [
        f"{folder}/Index.md:1: the file name 'Index.md' is not allowed: use only lowercase letters a-z, digits 0-9 and"
        " hyphens, then .md; rename it to index.md",
        f"{folder}/spare.png:1: this photo is not shown: every photo beside index.md needs its place and description;"
        f" show it with ![what it shows](spare.png) in {folder}/Index.md, or with image: spare.png and image_alt:;"
        " or delete it",
    ]


def test_photos_beside_a_file_whose_image_line_cannot_be_read_are_not_called_unshown(tmp_path: Path) -> None:
    folder = "content/stories/drawings-travel"
    text = STORY.replace("image: board.jpg", "image: [board.jpg").replace("2021-03-04", "2021-02-30")
    files = {f"{folder}/index.md": text, f"{folder}/board.jpg": picture("JPEG")}
    lines = check(make_project(tmp_path, {**MINI_SITE, **LINKING, **files}))
    assert [line.split(": ", 1)[0] for line in lines] == [f"{folder}/index.md:3", f"{folder}/index.md:5"]
    assert "not a real date" in lines[0] and "YAML syntax error" in lines[1]  # at the image line, not the next
    assert "not shown" not in "\n".join(lines)


def test_an_empty_description_is_no_description(tmp_path: Path) -> None:
    folder = "content/stories/drawings-travel"
    text = STORY.replace("image_alt: The drawings on the library's notice board", "image_alt:")
    files = {f"{folder}/index.md": text, f"{folder}/board.jpg": picture("JPEG")}
    assert check(make_project(tmp_path, {**MINI_SITE, **files})) == [
        f"{folder}/index.md:5: the photo has no description; add a line image_alt: what the photo shows,"
        " for people who cannot see it"
    ]


def test_a_wrongly_named_photo_is_never_offered_as_did_you_mean(tmp_path: Path) -> None:
    folder = "content/stories/drawings-travel"
    files = {f"{folder}/index.md": STORY.replace("board.jpg", "bord.jpg"), f"{folder}/Board (2).jpg": picture("JPEG")}
    lines = check(make_project(tmp_path, {**MINI_SITE, **files}))
    assert lines == [
        f"{folder}/Board (2).jpg:1: the photo's file name 'Board (2).jpg' is not allowed: use letters, digits, hyphens"
        " and underscores; rename the file to board-2.jpg",
        f"{folder}/index.md:5: there is no photo bord.jpg beside this file; add the photo to {folder}/"
        " (on GitHub: open the folder, then Add file, Upload files)",
    ]


def test_new_refuses_a_slug_another_kind_keeps_in_its_own_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path, {**MINI_SITE, "content/libraries/gamma/index.md": "---\nname: Gamma\n---\n"})
    result = run_cli("new", "story", "gamma", cwd=root)
    assert result.returncode == 1 and not (root / "content/stories/gamma.md").exists()
    assert "content/libraries/gamma/index.md already has the file name gamma" in result.stderr
