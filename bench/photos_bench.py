"""The photo benchmark: what processing contributors' photos costs, clean and with the cache.

    python bench/photos_bench.py --photos 200 --jobs 2

Generates (once, into bench/corpus-photos-<N>/) a site of N stories, each in its own folder
with one camera-sized photo: 4000 x 3000 pixels, 3-5 MB of JPEG at quality 95, drawn with
Pillow from gradients and thousands of shapes (not noise, so the compressed sizes mean
something), with an EXIF block (every fourth one turned by its orientation flag). Then, each
build in this process with a fresh cache folder:

- a clean build (no output, no cache): the photo stage's seconds (every photo read, checked,
  turned upright, resized to 480/960/1600 px, encoded in WebP and JPEG) and the whole build's;
- a build after one story's text changed, with the cache: the photo stage again (every photo
  only stat'ed, read, hashed and found in the cache; its files compared with the output);
- the preview's rebuild after one new photo is added (one process, as `serve` runs it);
- the published bytes per photo (every size, both formats).

Prints a Markdown table with the figures extrapolated to 1,000 photos (times scale with the
number of photos), and the target: the rebuild's photo stage under 5% of the clean one.
Nothing here is a pass/fail test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (4000, 3000)
SITE = {
    "libraries/alpha-library.md": "---\nname: Alpha Library\ncity: Silistra\ncountry: BG\ntype: public\n---\nAlpha.\n",
    "libraries/beta-library.md": "---\nname: Beta Library\ncity: Aurora\ncountry: US\ntype: public\n---\nBeta.\n",
    "partnerships/alpha-beta.md": "---\nlibraries: [alpha-library, beta-library]\nstatus: active\n---\nTogether.\n",
}


def photo(seed: int, size: tuple[int, int] = SIZE) -> bytes:
    """A photo-like JPEG: a sky-to-ground gradient, thousands of shapes, an EXIF block."""
    from PIL import Image, ImageDraw, ImageFilter

    rnd = random.Random(seed)
    w, h = size
    top, bottom = [rnd.randrange(256) for _ in range(3)], [rnd.randrange(256) for _ in range(3)]
    gradient = Image.linear_gradient("L").resize((w, h))
    img = Image.composite(Image.new("RGB", size, tuple(bottom)), Image.new("RGB", size, tuple(top)), gradient)
    draw = ImageDraw.Draw(img)
    for i in range(7000):
        x, y, r = rnd.randrange(w), rnd.randrange(h), rnd.randrange(4, 90)
        color = tuple(rnd.randrange(256) for _ in range(3))
        if i % 3 == 0:
            draw.ellipse((x, y, x + r, y + r * 0.7), fill=color)
        elif i % 3 == 1:
            draw.rectangle((x, y, x + r, y + r // 2), fill=color, outline=(20, 20, 20))
        else:
            angle = rnd.random() * math.pi
            draw.line((x, y, x + r * 3 * math.cos(angle), y + r * 3 * math.sin(angle)), fill=color, width=2)
    img = img.filter(ImageFilter.GaussianBlur(0.6))  # a lens, not pixel-sharp vectors
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 4 == 0 else 1  # orientation
    exif[0x010F], exif[0xA431] = "BenchCam", f"SN-{seed:06d}"  # make, body serial
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def story(n: int) -> str:
    return (
        f"---\ntitle: Photo story {n}\ndate: 2020-01-{n % 28 + 1:02d}\npartnership: alpha-beta\n"
        f"image: photo-{n}.jpg\nimage_alt: The photo of story {n}\n---\nWhat happened in story {n}.\n"
    )


def ensure_corpus(photos: int, corpus: Path, jobs: int) -> str:
    marker = corpus / ".generated"
    want = f"photos={photos} size={SIZE} seed=20"
    if marker.is_file() and marker.read_text().strip() == want:
        return "reused"
    shutil.rmtree(corpus, ignore_errors=True)
    for rel, text in SITE.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text, encoding="utf-8")
    from sisterlib.parallel import map_chunks

    def task(part: list[int]) -> list[None]:
        for n in part:
            folder = corpus / "stories" / f"photo-story-{n}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"photo-{n}.jpg").write_bytes(photo(n))
            (folder / "index.md").write_text(story(n), encoding="utf-8")
        return [None]

    numbers = list(range(photos))
    map_chunks(task, [numbers[i::jobs] for i in range(jobs)], jobs)
    marker.write_text(want + "\n")
    return "generated"


def run(args: argparse.Namespace) -> dict[str, float]:
    corpus = (args.corpus or ROOT / "bench" / f"corpus-photos-{args.photos}").resolve()
    how = ensure_corpus(args.photos, corpus, args.jobs)
    sizes = [p.stat().st_size for p in corpus.glob("stories/*/*.jpg")]
    work = Path(tempfile.mkdtemp(prefix="sisterlib-photo-bench-"))
    os.environ["SISTERLIB_CACHE_DIR"] = str(work / "cache")
    from sisterlib import pipeline
    from sisterlib.config import load_config
    from sisterlib.preview.state import Preview

    config, site = load_config(None), work / "site"
    print(f"corpus: {corpus} ({how}); {len(sizes)} photos, {sum(sizes) / len(sizes) / 1e6:.1f} MB each", file=sys.stderr)
    try:
        clean = pipeline.build(config, corpus, site, search=False, git_dates=False, jobs=args.jobs)
        assert clean.photos == (0, len(sizes)), clean.photos
        children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        edited = corpus / "stories/photo-story-1/index.md"
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + b"\nOne more sentence, for the benchmark.\n")
            again = pipeline.build(config, corpus, site, search=False, git_dates=False, jobs=args.jobs)
        finally:
            edited.write_bytes(original)
        assert again.photos == (len(sizes), 0), again.photos
        published = sum(p.stat().st_size for p in (site / "images").iterdir())
        preview = Preview(config, corpus, work / "preview", git_dates=False, jobs=args.jobs)
        preview.full_build()
        folder = corpus / "stories/photo-story-0"
        new = folder / "new-photo.jpg"
        try:
            new.write_bytes(photo(10_000))
            (folder / "index.md").write_text(story(0) + "\n![One more photo](new-photo.jpg)\n", encoding="utf-8")
            started = time.perf_counter()
            report = preview.rebuild({new, folder / "index.md"})
            preview_seconds = time.perf_counter() - started
            assert not report.errors, report.errors
        finally:
            new.unlink(missing_ok=True)
            (folder / "index.md").write_text(story(0), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "photos": len(sizes),
        "source_mb": sum(sizes) / len(sizes) / 1e6,
        "clean_photos": clean.timings["photos"],
        "clean_total": clean.timings["total"],
        "cached_photos": again.timings["photos"],
        "cached_total": again.timings["total"],
        "published_bytes": published / len(sizes),
        "preview_new_photo": preview_seconds,
        "worker_rss_mb": children_mb,
    }


def report(m: dict[str, float], jobs: int) -> str:
    scale = 1000 / m["photos"]
    ratio = m["cached_photos"] / m["clean_photos"]
    rows = [
        ("clean build: photo stage", m["clean_photos"], m["clean_photos"] * scale, "s"),
        ("clean build: whole build", m["clean_total"], m["clean_total"] * scale, "s"),
        ("one story edited, with the cache: photo stage", m["cached_photos"], m["cached_photos"] * scale, "s"),
        ("one story edited, with the cache: whole build", m["cached_total"], m["cached_total"] * scale, "s"),
        ("published bytes per photo (3 sizes × WebP + JPEG)", m["published_bytes"] / 1e3, m["published_bytes"] / 1e3, "KB"),
        ("published bytes, all photos", m["published_bytes"] * m["photos"] / 1e6, m["published_bytes"] * 1000 / 1e6, "MB"),
        ("preview: rebuild after one new photo (1 process)", m["preview_new_photo"], m["preview_new_photo"], "s"),
        ("largest worker process (max RSS)", m["worker_rss_mb"], m["worker_rss_mb"], "MB"),
    ]
    lines = [
        f"## sisterlib photo benchmark: {m['photos']:.0f} photos of {SIZE[0]} × {SIZE[1]} px, {m['source_mb']:.1f} MB each, {jobs} processes",
        "",
        f"`python bench/photos_bench.py --photos {m['photos']:.0f} --jobs {jobs}`",
        "",
        f"| step | {m['photos']:.0f} photos | 1,000 photos (extrapolated) | unit |",
        "| --- | ---: | ---: | --- |",
        *(f"| {label} | {a:.2f} | {b:.2f} | {unit} |" for label, a, b, unit in rows),
        "",
        f"Target: the rebuild's photo stage under 5% of the clean one: {ratio:.1%} ({'met' if ratio < 0.05 else 'NOT met'}).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    print(report(run(args), args.jobs))


if __name__ == "__main__":
    main()
