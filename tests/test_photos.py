"""Photos beside the Markdown, as a contributor and a visitor meet them: published stripped and
upright in responsive sizes, refused with their lines when they are bad, cached, and shown on
the story, its cards, its partnership's gallery and its social preview."""

from __future__ import annotations

import io
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image

from sisterlib import pipeline
from sisterlib.cache.folder import cache_dir_for
from sisterlib.config import load_config
from sisterlib.output import csp, imaging
from sisterlib.preview.state import Preview

from conftest import MINI_SITE, ROOT, make_project, run_cli
from html_tree import parse_file
from photo_site import OWNER, PHOTO_SITE, SERIAL, bomb, camera_jpeg, picture

BASE = "https://example.org/sister"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("photos"), PHOTO_SITE)
    result = run_cli("build", "--no-search", "--content", "content", "--out", "site", "--base-url", BASE + "/", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def story_page(site: Path, slug: str = "drawings-travel"):  # type: ignore[no-untyped-def]
    return parse_file(site / "stories" / slug / "index.html")


# --- what is published ---------------------------------------------------------------------


def test_published_photos_carry_no_metadata_and_are_upright(built: Path) -> None:
    files = sorted((built / "images").iterdir())
    names = {f.name.rsplit("-", 1)[0] for f in files}
    assert len(names) == 3  # drawings.jpg (shown twice), lighthouse.png, boxes.webp
    assert {f.suffix for f in files} == {".webp", ".jpg"}
    camera = [f for f in files if Image.open(f).size[1] > Image.open(f).size[0]]  # the only upright-tall photo
    assert {Image.open(f).size for f in camera} == {(480, 720), (960, 1440), (1600, 2400)}  # 2400 x 1600 turned a quarter
    for f in files:
        data = f.read_bytes()
        img = Image.open(io.BytesIO(data))
        assert not dict(img.getexif()), f.name
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & img.info.keys(), (f.name, img.info.keys())
        for secret in (SERIAL.encode(), OWNER.encode(), b"Exif\x00\x00", b"ExampleCam", b"adobe:ns:meta", b"Photoshop 3.0"):
            assert secret not in data, (f.name, secret)
    for f in camera:
        img = Image.open(f).convert("RGB")
        top, bottom = img.getpixel((img.width // 2, img.height // 8)), img.getpixel((img.width // 2, img.height * 7 // 8))
        assert top[0] > 180 and top[2] < 90, (f.name, top)  # red on top: the stored left half, turned upright
        assert bottom[2] > 150 and bottom[0] < 110, (f.name, bottom)


def test_every_img_has_srcset_sizes_width_height_and_only_the_first_is_eager(built: Path) -> None:
    page = story_page(built)
    images = [img for img in page.find_all("img")]
    assert len(images) == 3  # the cover, then two photos of the body
    for img in images:
        for attr in ("src", "srcset", "sizes", "width", "height", "alt"):
            assert img.attrs.get(attr), (attr, img.attrs)
        assert img.attrs["src"].startswith("/sister/images/") and img.attrs["src"].endswith("-960.jpg")
        assert [part.split()[1] for part in img.attrs["srcset"].split(", ")] in (
            ["480w", "960w", "1200w"],
            ["480w", "960w", "1600w"],
        )
    assert [img.attrs.get("loading") for img in images] == [None, "lazy", "lazy"]
    assert images[0].attrs["alt"] == "Children's drawings pinned on a wall in the reading room"
    assert (images[0].attrs["width"], images[0].attrs["height"]) == ("1600", "2400")
    webp = page.find_all("source")
    assert len(webp) == 3 and all(s.attrs["type"] == "image/webp" and "-480.webp 480w" in s.attrs["srcset"] for s in webp)
    largest = [a.attrs["href"] for a in page.find_all("a", class_="photo-link")]
    assert largest[0].endswith("-1600.jpg") and largest[1].endswith("-1200.jpg")  # each photo links its largest size
    for href in largest:
        assert (built / href.removeprefix("/sister/")).is_file()
    lone = story_page(built, "second-parcel").find_all("img")
    assert [img.attrs.get("loading") for img in lone] == [None]  # no cover: the body's first photo is the first


def test_social_preview_and_structured_data_use_full_addresses(built: Path) -> None:
    page = story_page(built)
    meta = {m.attrs.get("property"): m.attrs.get("content") for m in page.find_all("meta") if m.attrs.get("property")}
    assert re.fullmatch(re.escape(BASE) + r"/images/[0-9a-f]{20}-1600\.jpg", meta["og:image"])
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1600", "2400")
    assert meta["og:image:alt"] == "Children's drawings pinned on a wall in the reading room"
    [ld] = [s for s in page.find_all("script") if s.attrs.get("type") == "application/ld+json"]
    data = json.loads(ld.text)
    assert data["image"] == {"@type": "ImageObject", "url": meta["og:image"], "width": 1600, "height": 2400}
    assert (built / meta["og:image"].removeprefix(BASE + "/")).is_file()
    twitter = {m.attrs.get("name"): m.attrs.get("content") for m in page.find_all("meta") if m.attrs.get("name")}
    assert twitter["twitter:card"] == "summary_large_image"


def test_no_social_image_without_a_full_base_url(tmp_path: Path) -> None:
    root = make_project(tmp_path, PHOTO_SITE)
    assert run_cli("build", "--no-search", "--content", "content", "--out", "site", cwd=root).returncode == 0
    page = story_page(root / "site")
    assert not [m for m in page.find_all("meta") if (m.attrs.get("property") or "").startswith("og:image")]


def test_the_partnership_gallery_shows_its_stories_photos(built: Path) -> None:
    page = parse_file(built / "partnerships/alpha-beta/index.html")
    gallery = page.find("section", class_="gallery")
    assert gallery is not None and gallery.find("h2").text == "Photos"
    items = gallery.find_all("li")
    shown = [(li.find("img").attrs["alt"], li.find("figcaption").find("a").attrs["href"]) for li in items]
    assert shown == [  # newest story first; each photo once per story, its cover first
        ("Two boxes of picture books on a library counter", "/sister/stories/second-parcel/"),
        ("Children's drawings pinned on a wall in the reading room", "/sister/stories/drawings-travel/"),
        ("A girl points at her drawing of a lighthouse", "/sister/stories/drawings-travel/"),
    ]
    assert all(li.find("img").attrs["loading"] == "lazy" for li in items)
    assert all(li.find("a", class_="photo-link").attrs["href"].endswith(".jpg") for li in items)
    assert parse_file(built / "partnerships/index.html").find("section", class_="gallery") is None


def test_cards_in_listings_show_the_entrys_photo(built: Path) -> None:
    cards = parse_file(built / "stories/index.html").find_all("li", class_="card")
    with_photo = {c.find("a", class_="card-title").text: c.find("img") for c in cards}
    assert with_photo["The first visit"] is None and with_photo["A second parcel of books"] is None  # no `image` field
    cover = with_photo["Drawings travel from Aurora to Silistra"]
    assert cover.attrs["sizes"] == "8rem" and cover.attrs["loading"] == "lazy" and cover.attrs["width"]
    home = parse_file(built / "index.html")
    assert any(img.attrs["alt"].startswith("Children's drawings") for img in home.find_all("img"))


def test_the_video_is_a_card_with_a_plain_link(built: Path) -> None:
    page = story_page(built)
    card = page.find("aside", class_="video-card")
    assert "The opening of the exhibition" in card.text
    assert [a.attrs["href"] for a in card.find_all("a")] == ["https://www.youtube.com/watch?v=M7lc1UVf-VE"]
    assert not page.find_all("iframe") and not page.find_all("video")


def test_the_content_security_policy_allows_pictures_from_the_site_only() -> None:
    directives = dict(d.strip().split(" ", 1) for d in csp.POLICY.split(";"))
    assert directives["img-src"] == "'self' data:"


# --- what is refused ---------------------------------------------------------------------


BAD = {
    **MINI_SITE,
    "content/stories/bad-photos/index.md": """
        ---
        title: Bad photos
        date: 2021-01-01
        partnership: alpha-beta
        image: notes.jpg
        ---
        A bomb: ![A tiny file of a huge picture](bomb.png)

        ![Drawing in a vector format](logo.svg)
        ![From another site](https://example.org/photo.jpg)
        ![](real.png)
        ![Not there](missing.jpg)
        ![A typo](Real.PNG)
        """,
    "content/stories/bad-photos/notes.jpg": "These are my notes, not a photo.\n",
    "content/stories/bad-photos/bomb.png": bomb(),
    "content/stories/bad-photos/real.png": picture(),
    "content/stories/bad-photos/unused.png": picture(),
    "content/stories/bad-photos/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "content/stories/flat-story.md": """
        ---
        title: A single file
        date: 2021-01-01
        partnership: alpha-beta
        image: https://example.org/photo.jpg
        image_alt: A photo from elsewhere
        ---
        ![A photo](photo.jpg)
        """,
    "content/stories/stray.jpg": camera_jpeg((64, 48)),
}


def test_bad_photos_are_errors_with_their_lines_and_fixes(tmp_path: Path) -> None:
    root = make_project(tmp_path, BAD)
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    story, flat = "content/stories/bad-photos/index.md", "content/stories/flat-story.md"

    def error(path: str, line: int, text: str) -> str:
        found = [x for x in lines if x.startswith(f"{path}:{line}: ") and text in x]
        assert found, f"no {path}:{line}: ...{text}... in\n" + "\n".join(lines)
        return found[0]

    assert "(it holds text)" in error(story, 5, "the photo notes.jpg: the file is not a real JPEG, PNG or WebP picture")
    error(story, 5, "the photo has no description; add a line image_alt:")
    bomb_line = error(story, 7, "the photo bomb.png: the picture is too large (10,000 × 10,000 pixels)")
    assert "save a smaller copy" in bomb_line
    error(story, 9, "SVG drawings are not published: they can carry script")
    remote = error(story, 10, "the picture 'https://example.org/photo.jpg' is on another website")
    assert "download it (with its owner's permission), then put the photo in the entry's own folder" in remote
    error(story, 11, "the image has no description")
    error(story, 12, "there is no photo missing.jpg beside this file; add the photo to content/stories/bad-photos/")
    error(story, 13, "there is no photo Real.PNG beside this file; did you mean real.png?")
    error("content/stories/bad-photos/unused.png", 1, "this photo is not shown")
    error("content/stories/bad-photos/logo.svg", 1, "SVG drawings are not published")
    error(flat, 5, "the photo 'https://example.org/photo.jpg' is on another website")
    error(flat, 8, "the photo photo.jpg has no folder to be in")
    assert "move content/stories/flat-story.md to content/stories/flat-story/index.md" in error(flat, 8, "")
    error("content/stories/stray.jpg", 1, "photos are not read here")
    assert not [
        x for x in lines if x.startswith("content/stories/bad-photos/real.png") or "the photo real.png" in x
    ]  # a good photo


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bomb(10_000), "too large"),  # above Pillow's own warning: refused before decoding
        (bomb(8_000), "8,000 × 8,000 pixels"),  # 64 million: under Pillow's limit, over ours
        (b"GIF89a" + b"\x00" * 30, "GIF"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 30, "HEIC"),
        (b"<?xml version='1.0'?><svg/>", "SVG"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"", "empty"),
    ],
)
def test_photos_are_judged_by_their_bytes(data: bytes, message: str) -> None:
    with pytest.raises(imaging.BadImage) as caught:
        imaging.inspect(data)
    assert message in caught.value.message


def test_a_damaged_photo_is_refused_at_build_time(tmp_path: Path) -> None:
    cut = camera_jpeg()[:20_000]  # the header is whole, the pixels are not
    root = make_project(tmp_path, {**PHOTO_SITE, "content/stories/drawings-travel/drawings.jpg": cut})
    result = run_cli("build", "--no-search", "--content", "content", "--out", "site", cwd=root)
    assert result.returncode == 1
    assert (
        "content/stories/drawings-travel/index.md:6: the photo drawings.jpg: the picture is damaged or incomplete"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.youtube.com/watch?v=M7lc1UVf-VE", "https://www.youtube.com/watch?v=M7lc1UVf-VE"),
        ("https://youtu.be/M7lc1UVf-VE?t=30", "https://www.youtube.com/watch?v=M7lc1UVf-VE"),
        ("https://www.youtube.com/shorts/M7lc1UVf-VE", "https://www.youtube.com/watch?v=M7lc1UVf-VE"),
        ("https://vimeo.com/76979871", "https://vimeo.com/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://vimeo.com/76979871"),
    ],
)
def test_video_addresses_are_checked_and_made_canonical(url: str, canonical: str) -> None:
    from sisterlib.content.media import video

    assert video({"url": url, "title": "A reading"}).url == canonical


@pytest.mark.parametrize(
    "value",
    [
        '{url: "https://example.org/v.mp4", title: A reading}',
        '{url: "https://www.youtube.com/watch?v=x", title: A}',
        "{title: A}",
    ],
)
def test_a_video_that_is_not_on_youtube_or_vimeo_is_an_error(tmp_path: Path, value: str) -> None:
    story = MINI_SITE["content/stories/first-visit.md"].replace("activities:", f"video: {value}\n        activities:")
    root = make_project(tmp_path, {**MINI_SITE, "content/stories/first-visit.md": story})
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1
    assert "content/stories/first-visit.md:5: video:" in result.stderr


# --- the cache and the preview -----------------------------------------------------------


def test_an_unchanged_photo_is_never_processed_again(tmp_path: Path) -> None:
    root = make_project(tmp_path, PHOTO_SITE)
    content, out, config = root / "content", root / "site", load_config(None)
    first = pipeline.build(config, content, out, search=False, git_dates=False, jobs=1)
    assert first.photos == (0, 3)  # (from the cache, processed now)
    images = sorted(p.name for p in cache_dir_for(content).glob("images-*/*"))
    assert images and not (root / ".cache").exists()  # outside the checkout
    story = content / "stories/drawings-travel/index.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    second = pipeline.build(config, content, out, search=False, git_dates=False, jobs=1)
    assert second.photos == (3, 0) and second.files >= 1
    (content / "stories/second-parcel/boxes.webp").write_bytes(picture("WEBP", (800, 600), (10, 10, 200)))
    third = pipeline.build(config, content, out, search=False, git_dates=False, jobs=1)
    assert third.photos == (2, 1)  # only the changed photo
    nocache = pipeline.build(config, content, root / "site2", search=False, git_dates=False, jobs=1, cache=False)
    assert nocache.photos == (0, 3)
    assert sorted(p.name for p in (out / "images").iterdir()) == sorted(p.name for p in (root / "site2/images").iterdir())


def test_the_preview_shows_a_new_photo(tmp_path: Path) -> None:
    root = make_project(tmp_path, MINI_SITE)
    content = root / "content"
    preview = Preview(load_config(None), content, root / "out", git_dates=False, jobs=1)
    assert not preview.full_build().errors
    folder = content / "stories/first-visit"
    folder.mkdir()
    shutil.move(content / "stories/first-visit.md", folder / "index.md")
    (folder / "index.md").write_text((folder / "index.md").read_text(encoding="utf-8") + "\n![A new photo](new.jpg)\n")
    (folder / "new.jpg").write_bytes(camera_jpeg((4000, 3000), orientation=1))
    started = time.perf_counter()
    report = preview.rebuild({content / "stories/first-visit.md", folder / "index.md", folder / "new.jpg"})
    print(f"preview rebuild with a new 12-megapixel photo: {time.perf_counter() - started:.2f} s")
    assert not report.errors, report.errors
    page = parse_file(root / "out/stories/first-visit/index.html")
    [img] = page.find_all("img")
    assert img.attrs["alt"] == "A new photo" and (root / "out" / img.attrs["src"].lstrip("/")).is_file()
    gallery = parse_file(root / "out/partnerships/alpha-beta/index.html").find("section", class_="gallery")
    assert gallery is not None and gallery.find("img").attrs["alt"] == "A new photo"
    (folder / "new.jpg").unlink()  # gone: an error at its line, and the last good page stays
    report = preview.rebuild({folder / "new.jpg"})
    assert [(e.line, e.message) for e in report.errors] == [(9, "there is no photo new.jpg beside this file")]


# --- the layout, as every part of the project knows it -------------------------------------


def test_new_makes_an_entry_folder_for_photos(tmp_path: Path) -> None:
    root = make_project(tmp_path, MINI_SITE)
    result = run_cli("new", "story", "my-visit", "--photos", "--partnership", "alpha-beta", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "content/stories/my-visit/index.md").is_file() and "put the photos in" in result.stdout
    text = (root / "content/stories/my-visit/index.md").read_text(encoding="utf-8")
    assert "# image: FILL-IN" in text and "# image_alt: FILL-IN" in text and "# video: {url: FILL-IN, title: FILL-IN}" in text
    again = run_cli("new", "story", "my-visit", cwd=root)  # the same entry as a single file: refused
    assert again.returncode == 1 and "content/stories/my-visit/index.md already exists" in again.stderr


def test_an_entry_in_a_file_and_a_folder_is_an_error(tmp_path: Path) -> None:
    root = make_project(
        tmp_path, {**PHOTO_SITE, "content/stories/drawings-travel.md": MINI_SITE["content/stories/first-visit.md"]}
    )
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1
    assert "content/stories/drawings-travel.md:1: this entry is also content/stories/drawings-travel/index.md" in result.stderr


def test_the_guides_photo_example_passes_check(tmp_path: Path) -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    [line] = re.findall(r"^!\[.*\]\(drawings\.jpg\)$", guide, re.M)
    fields = re.search(r"^image: drawings\.jpg\nimage_alt: .*$", guide, re.M)
    video = re.search(r"^video: \{url: .*\}$", guide, re.M)
    assert fields and video
    story = f"---\ntitle: Drawings\ndate: 2021-04-02\npartnership: alpha-beta\n{fields.group()}\n{video.group()}\n---\n{line}\n"
    root = make_project(tmp_path, {**MINI_SITE, "content/stories/drawings/index.md": story})
    (root / "content/stories/drawings/drawings.jpg").write_bytes(camera_jpeg((800, 600)))
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 0, result.stderr


def test_a_photo_over_the_byte_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    heavy = picture() + b"\0" * (imaging.MAX_BYTES + 1)  # a real PNG with trailing bytes: refused by its size alone
    root = make_project(tmp_path, {**PHOTO_SITE, "content/stories/second-parcel/boxes.webp": heavy})
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1
    assert (
        "content/stories/second-parcel/index.md:6: the photo boxes.webp: the photo is 20.0 MB, over the limit of 20 MB"
        in result.stderr
    )


def test_photos_are_never_made_larger_than_they_are() -> None:
    assert imaging.published_sizes(300, 200) == ((300, 200),)
    assert imaging.published_sizes(1200, 900) == ((480, 360), (960, 720), (1200, 900))
    assert imaging.published_sizes(4000, 3000) == ((480, 360), (960, 720), (1600, 1200))
    assert imaging.inspect(picture("PNG", (300, 200))).sizes == ((300, 200),)
