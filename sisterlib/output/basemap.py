"""The world basemap: Natural Earth's 1:110m countries (public domain), as the vendored
TopoJSON of world-atlas 2.0.2 (sisterlib/vendor/, with its version and licence), drawn at
build time as one SVG file that every map shares (/map/basemap.svg).

TopoJSON arcs are quantized and delta-encoded; rings are stitched from arcs (a negative index
~i is arc i reversed). world-atlas stitches rings across ±180 (d3 clips on the sphere), so the
few rings that cross it (Russia, Fiji, Antarctica) are unwrapped, closed along the pole when
they go round it, and clipped into [-180, 180] before they are drawn flat.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .geo import HEIGHT, WIDTH, LonLat, number, path_data

ATLAS = Path(__file__).resolve().parent.parent / "vendor" / "world-atlas-2.0.2"
TOPOLOGY = ATLAS / "countries-110m.json"
URL = "/map/basemap.svg"


def decode_arcs(topology: dict) -> list[list[LonLat]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(arcs: list[list[LonLat]], indices: list[int]) -> list[LonLat]:
    ring: list[LonLat] = []
    for i in indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def _clip(points: list[LonLat], edge: float, keep_left: bool) -> list[LonLat]:
    """Sutherland-Hodgman against one meridian."""
    out: list[LonLat] = []
    for i in range(len(points)):
        a, b = points[i - 1], points[i]
        a_in = a[0] <= edge if keep_left else a[0] >= edge
        b_in = b[0] <= edge if keep_left else b[0] >= edge
        if a_in != b_in:
            t = (edge - a[0]) / (b[0] - a[0])
            out.append((edge, a[1] + t * (b[1] - a[1])))
        if b_in:
            out.append(b)
    return out


def cut_ring(ring: list[LonLat]) -> list[list[LonLat]]:
    """A ring as rings within [-180, 180]."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        step = (lon - unwrapped[-1][0] + 180.0) % 360.0 - 180.0
        unwrapped.append((unwrapped[-1][0] + step, lat))
    if round((unwrapped[-1][0] - unwrapped[0][0]) / 360.0) == 0:
        unwrapped.pop()
    else:  # round a pole (Antarctica): closed along it
        pole = -90.0 if sum(p[1] for p in unwrapped) < 0 else 90.0
        unwrapped += [(unwrapped[-1][0], pole), (unwrapped[0][0], pole)]
    low, high = min(p[0] for p in unwrapped), max(p[0] for p in unwrapped)
    out = []
    for shift in (-360.0, 0.0, 360.0):
        if high + shift <= -180 or low + shift >= 180:
            continue
        copy = _clip([(x + shift, y) for x, y in unwrapped], 180.0, True)
        copy = _clip(copy, -180.0, False) if copy else copy
        if len(copy) >= 3:
            out.append(copy)
    return out


def country_rings(arcs: list[list[LonLat]], geometry: dict) -> list[list[LonLat]]:
    kind = geometry.get("type")
    polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"] if kind == "MultiPolygon" else []
    return [cut for polygon in polygons for ring in polygon for cut in cut_ring(stitch(arcs, ring))]


@cache
def basemap_svg() -> bytes:
    """The basemap file: an ocean, and one path per country (named, for a reader of the file)."""
    topology = json.loads(TOPOLOGY.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {number(WIDTH)} {number(HEIGHT)}">',
        "<title>World map: Natural Earth 1:110m countries (public domain), world-atlas 2.0.2</title>",
        f'<rect width="{number(WIDTH)}" height="{number(HEIGHT)}" fill="#e4eef5"/>',
        '<g fill="#d5d8d2" stroke="#ffffff" stroke-width=".4" fill-rule="evenodd">',
    ]
    for geometry in topology["objects"]["countries"]["geometries"]:
        d = path_data(country_rings(arcs, geometry))
        if d:
            name = (geometry.get("properties") or {}).get("name", "")
            lines.append(f"<path data-name={quoteattr(name)} d={quoteattr(d)}/>")
    lines += ["</g>", "</svg>", ""]
    return "\n".join(lines).encode("utf-8")
