"""Make assets/site-image.png (every page's og:image) from design/site-image.svg with Chromium.

    python design/site_image.py

The PNG is committed; run this again only after changing the SVG. Its size and the alt text
(`image_alt` in sisterlib.toml) must still describe it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
SVG = HERE / "site-image.svg"
PNG = HERE.parent / "assets" / "site-image.png"
WIDTH, HEIGHT = 1200, 630  # the size Open Graph consumers show best (1.91:1)


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Chromium is not installed: run `apt-get install -y chromium`")
    html = f"<!doctype html><html><body style='margin:0'>{SVG.read_text(encoding='utf-8')}</body></html>"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(html)
        page.screenshot(path=str(PNG), type="png", clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()
    print(f"wrote {PNG.relative_to(HERE.parent)} ({PNG.stat().st_size} bytes, {WIDTH}x{HEIGHT})")


if __name__ == "__main__":
    main()
