"""/map/ and the country maps: the vendored basemap, great circles split at the antimeridian,
one arc per partnership with a location at both ends, every point a link to its library, the
same lines as GeoJSON (RFC 7946); then the map in Chromium: keyboard, names, same origin only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geojson
import pytest

from sisterlib.output import basemap
from sisterlib.output.geo import great_circle, project, split_antimeridian

from conftest import make_project, run_cli
from html_tree import parse_file

LIB = "---\nname: {name}\ncity: {city}\ncountry: {country}\ntype: public\n{location}---\nA library.\n"
PLACES = {  # slug: name, city, country, location
    "ruse": ("Ruse Library", "Ruse", "BG", "location: {lat: 43.85, lon: 25.97}\n"),
    "cleveland": ("Cleveland Library", "Cleveland", "US", "location: {lat: 41.5, lon: -81.69}\n"),
    "tokyo": ("Tokyo Library", "Tokyo", "JP", "location: {lat: 35.68, lon: 139.69}\n"),
    "san-francisco": ("San Francisco Library", "San Francisco", "US", "location: {lat: 37.77, lon: -122.42}\n"),
    "nowhere": ("Unplaced Library", "Somewhere", "NO", ""),
}
FILES = {
    f"content/libraries/{slug}.md": LIB.format(name=n, city=c, country=k, location=loc) for slug, (n, c, k, loc) in PLACES.items()
}
FILES |= {
    "content/partnerships/ruse-cleveland.md": "---\nlibraries: [ruse, cleveland]\nstatus: active\n---\nLetters.\n",
    "content/partnerships/tokyo-san-francisco.md": "---\nlibraries: [tokyo, san-francisco]\nstatus: active\n---\nAcross the Pacific.\n",
    "content/partnerships/ruse-nowhere.md": "---\nlibraries: [ruse, nowhere]\nstatus: dormant\n---\nNo location.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("map"), FILES)
    result = run_cli("build", "--out", "out", "--no-search", "--no-git-dates", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_the_basemap_is_vendored_with_its_version_and_licence() -> None:
    assert basemap.TOPOLOGY.is_file() and basemap.ATLAS.name == "world-atlas-2.0.2"
    assert "ISC" in (basemap.ATLAS / "LICENSE").read_text(encoding="utf-8") or "Permission to use" in (
        basemap.ATLAS / "LICENSE"
    ).read_text(encoding="utf-8")
    assert json.loads((basemap.ATLAS / "package.json").read_text(encoding="utf-8"))["version"] == "2.0.2"
    svg = basemap.basemap_svg().decode()
    assert svg.count("<path ") == 177 and 'data-name="Bulgaria"' in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing from another host


def test_no_ring_of_the_basemap_jumps_across_the_map() -> None:
    topology = json.loads(basemap.TOPOLOGY.read_text(encoding="utf-8"))
    arcs = basemap.decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        for ring in basemap.country_rings(arcs, geometry):
            assert all(-180 <= lon <= 180 for lon, _ in ring)
            jumps = [
                (a, b)
                for a, b in zip(ring, ring[1:], strict=False)
                if abs(b[0] - a[0]) > 180 and not (a[1] == b[1] and abs(a[1]) == 90)  # along a pole is no jump
            ]
            assert not jumps, geometry["properties"]["name"]


def test_great_circles_and_the_antimeridian() -> None:
    line = great_circle((27.26, 44.12), (-104.83, 39.73), 32)  # Silistra to Aurora
    assert line[0] == (27.26, 44.12) and line[-1] == (-104.83, 39.73) and max(lat for _, lat in line) > 60
    assert len(split_antimeridian(line)) == 1
    assert split_antimeridian([(170, 45), (-170, 45)]) == [[(170, 45), (180.0, 45.0)], [(-180.0, 45.0), (-170, 45)]]  # RFC 7946
    assert split_antimeridian([(-170, 10), (170, 20)]) == [[(-170, 10), (-180.0, 15.0)], [(180.0, 15.0), (170, 20)]]
    assert len(split_antimeridian(great_circle((139.69, 35.68), (-122.42, 37.77)))) == 2  # Tokyo to San Francisco
    assert project(-180, 90) == (0, 0) and project(180, -90) == (1000, 500)


def test_the_map_draws_one_arc_per_partnership_with_two_locations(built: Path) -> None:
    tree = parse_file(built / "map/index.html")
    lines = tree.find_all("polyline")
    by_partnership: dict[str, int] = {}
    for line in lines:
        by_partnership[line.attrs["data-partnership"]] = by_partnership.get(line.attrs["data-partnership"], 0) + 1
    assert by_partnership == {"ruse-cleveland": 1, "tokyo-san-francisco": 2}  # one arc; the Pacific one in two parts
    for line in lines:
        xs = [float(p.split(",")[0]) for p in line.attrs["points"].split()]
        assert max(xs) - min(xs) < 500  # no line drawn across the whole map
    unplaced = [p for p in tree.find_all("p") if p.text.startswith("Not on the map")]
    assert len(unplaced) == 1 and unplaced[0].find("a").attrs["href"] == "/partnerships/ruse-nowhere/"


def test_each_point_links_to_its_library_and_is_where_it_is(built: Path) -> None:
    tree = parse_file(built / "map/index.html")
    points = {a.attrs["data-library"]: a for a in tree.find("g", class_="map-points").find_all("a") if "data-library" in a.attrs}
    assert sorted(points) == ["cleveland", "ruse", "san-francisco", "tokyo"]  # every library with a location
    for slug, a in points.items():
        assert a.attrs["href"] == f"/libraries/{slug}/" and (built / f"libraries/{slug}/index.html").is_file()
        name, city, country, location = PLACES[slug]
        assert a.attrs["aria-label"].startswith(f"{name}, {city}, ")
        lat, lon = map(float, re.findall(r"-?\d+\.\d+", location))
        circle = a.find("circle")
        assert (float(circle.attrs["cx"]), float(circle.attrs["cy"])) == pytest.approx(project(lon, lat), abs=0.06)


def test_the_points_name_their_country_in_the_pages_language(tmp_path: Path) -> None:
    root = make_project(tmp_path, {**FILES, "sisterlib.toml": '[site]\nlanguages = ["en", "bg", "es"]\n'})
    result = run_cli("build", "--out", "out", "--no-search", "--no-git-dates", cwd=root)
    assert result.returncode == 0, result.stderr
    for page, bulgaria, japan in (
        ("map", "Bulgaria", "Japan"),
        ("bg/map", "България", "Япония"),
        ("es/map", "Bulgaria", "Japón"),
    ):
        points = {
            a.attrs["data-library"]: a
            for a in parse_file(root / "out" / page / "index.html").find("g", class_="map-points").find_all("a")
        }
        assert points["ruse"].attrs["aria-label"] == f"Ruse Library, Ruse, {bulgaria}", page
        assert points["tokyo"].find("title").text == f"Tokyo Library, Tokyo, {japan}", page


def test_the_basemap_is_one_shared_file(built: Path) -> None:
    assert (built / "map/basemap.svg").read_bytes() == basemap.basemap_svg()
    for page in ("map/index.html", "countries/bg/index.html"):
        html = (built / page).read_text(encoding="utf-8")
        assert '<image href="/map/basemap.svg"' in html and "data-name=" not in html  # referenced, not repeated


def test_each_country_page_maps_its_own_partnerships(built: Path) -> None:
    bg = parse_file(built / "countries/bg/index.html")
    assert [line.attrs["data-partnership"] for line in bg.find_all("polyline")] == ["ruse-cleveland"]
    jp = parse_file(built / "countries/jp/index.html")
    assert {line.attrs["data-partnership"] for line in jp.find_all("polyline")} == {"tokyo-san-francisco"}
    assert parse_file(built / "countries/no/index.html").find("svg", class_="map-svg") is None  # nothing to draw


def test_partnerships_geojson_follows_rfc_7946(built: Path) -> None:
    data = geojson.loads((built / "data/partnerships.geojson").read_text(encoding="utf-8"))
    assert data.is_valid, data.errors()
    kinds = {f["properties"]["partnership"]: f["geometry"]["type"] for f in data["features"]}
    assert kinds == {"ruse-cleveland": "LineString", "tokyo-san-francisco": "MultiLineString"}
    pacific = next(f for f in data["features"] if f["properties"]["partnership"] == "tokyo-san-francisco")
    first, second = pacific["geometry"]["coordinates"]
    assert first[-1][0] == 180 and second[0][0] == -180 and first[-1][1] == second[0][1]


@pytest.mark.browser
def test_the_map_by_keyboard_from_the_same_origin_only(built: Path, page, serve_dir) -> None:  # type: ignore[no-untyped-def]
    base = serve_dir(built)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/map/", wait_until="networkidle")
    page.evaluate(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective))"
    )
    assert any(url.endswith("/map/basemap.svg") for url in requests)
    assert all(url.startswith(base) for url in requests), requests
    names = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.closest('.map-points a') ? document.activeElement.getAttribute('aria-label') : null"
        )
        if focused:
            names.append(focused)
        elif names:
            break
    assert names == [
        "Cleveland Library, Cleveland, United States",
        "Ruse Library, Ruse, Bulgaria",
        "San Francisco Library, San Francisco, United States",
        "Tokyo Library, Tokyo, Japan",
    ]
    page.keyboard.press("Shift+Tab")  # back to the last point
    page.keyboard.press("Enter")
    page.wait_for_url("**/libraries/tokyo/")
    assert page.evaluate("window.__csp || []") == []


def test_a_keyboard_user_can_skip_the_maps_points(built: Path, page, serve_dir) -> None:  # type: ignore[no-untyped-def]
    """A map of 2,000 libraries is 2,000 tab stops: the first stop of the map skips them all, to the list in words."""
    page.goto(serve_dir(built) + "/map/")
    focused = ""
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent")
        if "Skip the map" in focused:
            break
    assert focused == "Skip the map's 4 links"
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().left >= 0")  # seen once focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate(
        "() => [!!document.activeElement.closest('.map-points'), !!document.activeElement.closest('.map-list')]"
    )
    assert after == [False, True]
