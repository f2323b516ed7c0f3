"""Time zones from the pinned `tzdata` package only, never the machine's /usr/share/zoneinfo:
two builds on two machines must agree on every daylight-saving change."""

from __future__ import annotations

import importlib.resources
from functools import cache
from zoneinfo import ZoneInfo


@cache
def zone_names() -> frozenset[str]:
    return frozenset(importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


@cache
def zone(name: str) -> ZoneInfo:
    """The zone of an IANA name (one of zone_names())."""
    path = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as f:
        return ZoneInfo.from_file(f, key=name)
