"""Sphere and plane for the map: great circles, the antimeridian split (RFC 7946 §3.1.9), the
projection (equirectangular, 1000 x 500 user units) and SVG path data.

Adapted from the stdlib prototype of the issue-14 research (topo_to_svg.py), with its tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

WIDTH, HEIGHT = 1000.0, 500.0  # the SVG viewBox: 360 x 180 degrees
LonLat = tuple[float, float]


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: (lon, lat) in degrees -> (x, y) in the viewBox, y down."""
    return (lon + 180.0) * WIDTH / 360.0, (90.0 - lat) * HEIGHT / 180.0


def number(v: float) -> str:
    """One decimal, no trailing .0, no -0."""
    s = f"{v:.1f}"
    s = s[:-2] if s.endswith(".0") else s
    return "0" if s == "-0" else s


def great_circle(a: LonLat, b: LonLat, n: int = 24) -> list[LonLat]:
    """n points (lon, lat) along the shorter great circle from a to b (spherical interpolation)."""

    def vec(lon: float, lat: float) -> tuple[float, float, float]:
        lo, la = math.radians(lon), math.radians(lat)
        return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))

    p, q = vec(*a), vec(*b)
    dot = max(-1.0, min(1.0, sum(i * j for i, j in zip(p, q, strict=True))))
    omega = math.acos(dot)
    if omega < 1e-12:
        return [a, b]
    so = math.sin(omega)
    points = []
    for k in range(n):
        t = k / (n - 1)
        s1, s2 = math.sin((1 - t) * omega) / so, math.sin(t * omega) / so
        x, y, z = (s1 * i + s2 * j for i, j in zip(p, q, strict=True))
        points.append((math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))))
    points[0], points[-1] = a, b  # exactly the two places
    return points


def split_antimeridian(coords: Sequence[LonLat]) -> list[list[LonLat]]:
    """A line cut where it crosses ±180 (a step of more than 180 degrees of longitude): its
    parts, each ending (or starting) on the antimeridian at the interpolated latitude."""
    parts: list[list[LonLat]] = [[tuple(coords[0])]]  # type: ignore[list-item]
    for (lon1, lat1), (lon2, lat2) in zip(coords, coords[1:], strict=False):
        d = lon2 - lon1
        if abs(d) > 180:
            edge = 180.0 if d < 0 else -180.0  # the side lon1 is on
            unwrapped = lon2 + (360.0 if d < 0 else -360.0)
            lat = lat1 + (edge - lon1) / (unwrapped - lon1) * (lat2 - lat1)
            parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append((lon2, lat2))
    return parts


def geojson_line(coords: Sequence[LonLat]) -> dict:
    """A LineString, or a MultiLineString when the line crosses the antimeridian."""
    parts = split_antimeridian(coords)
    rounded = [[[round(lon, 4), round(lat, 4)] for lon, lat in part] for part in parts]
    if len(rounded) == 1:
        return {"type": "LineString", "coordinates": rounded[0]}
    return {"type": "MultiLineString", "coordinates": rounded}


def polyline_points(part: Iterable[LonLat]) -> str:
    """SVG `points` of a line in the viewBox."""
    return " ".join(f"{number(x)},{number(y)}" for x, y in (project(lon, lat) for lon, lat in part))


def path_data(rings: Iterable[Sequence[LonLat]]) -> str:
    """SVG path data of closed rings: an absolute M, then relative l steps, one decimal."""
    out = []
    for ring in rings:
        points: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            q = (round(x, 1), round(y, 1))
            if not points or q != points[-1]:
                points.append(q)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()  # z closes it
        if len(points) < 3:
            continue
        steps, (px, py) = [], points[0]
        for x, y in points[1:]:
            dx, dy = round(x - px, 1), round(y - py, 1)
            steps.append(number(dx) + ("-" if dy < 0 else " ") + number(abs(dy)))
            px, py = x, y
        out.append(f"M{number(points[0][0])} {number(points[0][1])}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(out)
