"""The map's data: a point for every library with a location, a great-circle arc for every
pair of libraries of a partnership that both have one (drawn at build time into the page's
SVG, over the shared basemap), and the same arcs as /data/partnerships.geojson."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from ..content.model import Library, Partnership
from ..resolve.per_site import per_site
from ..resolve.site import Site
from . import urls
from .geo import geojson_line, great_circle, number, polyline_points, project, split_antimeridian

GEOJSON_URL = urls.data_url("partnerships", "geojson")


@dataclass(frozen=True)
class MapPoint:
    """A library on the map; its accessible name (name, city, country) is written by
    templates/_map.html, in the page's language."""

    library: Library
    x: str
    y: str


@dataclass(frozen=True)
class MapArc:
    partnership: Partnership
    ends: tuple[Library, Library]
    lines: tuple[str, ...]  # SVG polyline points, one per part (two when it crosses the antimeridian)
    coordinates: tuple[tuple[float, float], ...]  # (lon, lat) along the great circle


@dataclass(frozen=True)
class PartnerMap:
    points: tuple[MapPoint, ...]
    arcs: tuple[MapArc, ...]
    unplaced: tuple[Partnership, ...]  # partnerships with fewer than two libraries on the map


def arcs_of(site: Site, partnership: Partnership) -> list[MapArc]:
    located = [lib for lib in site.libraries_of[partnership.key] if lib.location is not None]
    arcs = []
    for a, b in combinations(located, 2):
        (lat1, lon1), (lat2, lon2) = a.location, b.location  # type: ignore[misc]
        line = great_circle((lon1, lat1), (lon2, lat2))
        parts = tuple(polyline_points(part) for part in split_antimeridian(line))
        arcs.append(MapArc(partnership, (a, b), parts, tuple(line)))
    return arcs


def partner_map(site: Site, partnerships: Sequence[Partnership], libraries: Iterable[Library] | None = None) -> PartnerMap:
    """The map of these partnerships; its points are `libraries` (default: the partnerships'
    libraries) that have a location, and the ends of every arc."""
    arcs = [arc for p in partnerships for arc in arcs_of(site, p)]
    chosen = list(libraries) if libraries is not None else [lib for p in partnerships for lib in site.libraries_of[p.key]]
    chosen += [end for arc in arcs for end in arc.ends]
    points = {}
    for lib in sorted(chosen, key=lambda lib: lib.title_order):
        if lib.location is not None and lib.slug not in points:
            x, y = project(lib.location[1], lib.location[0])
            points[lib.slug] = MapPoint(lib, number(x), number(y))
    on_map = {arc.partnership.slug for arc in arcs}
    return PartnerMap(tuple(points.values()), tuple(arcs), tuple(p for p in partnerships if p.slug not in on_map))


@per_site  # the same in every language, and the GeoJSON draws its arcs
def world_map(site: Site) -> PartnerMap:
    """/map/: every library with a location, every partnership that can be drawn."""
    return partner_map(site, site.partnerships, site.libraries)


def partnerships_geojson(site: Site) -> dict:
    features = []
    for arc in world_map(site).arcs:
        p = arc.partnership
        features.append(
            {
                "type": "Feature",
                "geometry": geojson_line(arc.coordinates),
                "properties": {
                    "partnership": p.slug,
                    "title": p.title,
                    "status": p.status,
                    "libraries": [lib.slug for lib in arc.ends],
                    "url": urls.absolute_url(site.config, urls.url_of(p)),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
