"""Partner suggestions at scale: the suggestion step for 10,000 libraries, and the size of the
matcher's data file for the browser (issue 14's targets: under 2 s; under 300 KB with gzip).

    python bench/partners.py --libraries 10000

The libraries are generated in memory with bench/generate.py's countries, languages and
types (a share of them seeking a partner, with population, interests and sister cities), and
partnerships between them, then `resolve.suggestions.suggest` runs as the build runs it.
Prints a line of JSON last (bench/run.py reads it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from generate import COUNTRIES, TYPES  # noqa: E402

from sisterlib.config import Config  # noqa: E402
from sisterlib.content.model import Activity, ContentDate, Library, Partnership, Place, Seeking  # noqa: E402
from sisterlib.output.matcher import libraries_json  # noqa: E402
from sisterlib.resolve.freshness import Freshness  # noqa: E402
from sisterlib.resolve.suggestions import suggest  # noqa: E402

ACTIVITIES = [
    "assist-library-development", "exchange-library-information", "exchange-library-resources", "personal-contacts",
    "publicity", "share-cultural-events", "share-programs-and-exhibits", "share-training",
]  # fmt: skip


def corpus(count: int, seeking_share: float, seed: int = 14) -> list:
    rng = random.Random(seed)
    codes, weights = [c[0] for c in COUNTRIES], [c[1] for c in COUNTRIES]
    languages = {c[0]: c[2] for c in COUNTRIES}
    common = {"kind": "library", "path": "", "body": "", "body_line": 1, "lines": {}}
    libraries = []
    for i in range(count):
        country = rng.choices(codes, weights)[0]
        city = f"Town{i % (count // 3 + 1)}"
        seeking = None
        if rng.random() < seeking_share:
            seeking = Seeking(
                countries=tuple(rng.sample(codes, rng.choice([0, 1, 1, 2]))),
                interests=tuple(rng.sample(ACTIVITIES, rng.randint(1, 3))),
                last_confirmed=ContentDate(rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28)),
            )
        sisters = tuple(Place(f"Town{rng.randrange(count // 3)}", rng.choice(codes)) for _ in range(rng.random() < 0.1))
        libraries.append(
            Library(
                **common, slug=f"library-{i:05d}", title=f"Library {i}", name=f"Library {i}", city=city,
                country=country, type=rng.choice(TYPES), languages=languages[country],
                population_served=int(10 ** rng.uniform(3, 6.5)) if rng.random() < 0.7 else None,
                seeking=seeking, sister_cities=sisters,
            )
        )  # fmt: skip
    partnerships = []
    for i in range(count // 3):
        a, b = rng.sample(libraries, 2)
        partnerships.append(
            Partnership(
                kind="partnership", slug=f"p-{i:05d}", path="", body="", body_line=1, lines={}, title=f"P {i}",
                libraries=(a.slug, b.slug), status=rng.choice(["active", "dormant"]),
                activities=tuple(rng.sample(ACTIVITIES, rng.randint(1, 3))),
            )
        )  # fmt: skip
    activities = [
        Activity(kind="activity", slug=s, path="", body="", body_line=1, lines={}, title=s.replace("-", " ").capitalize())
        for s in ACTIVITIES
    ]
    return [*libraries, *partnerships, *activities]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--libraries", type=int, default=10000)
    parser.add_argument("--seeking", type=float, default=0.2, help="share of libraries seeking a partner (default 0.2)")
    args = parser.parse_args(argv)
    entries = corpus(args.libraries, args.seeking)
    freshness = Freshness(date(2026, 5, 28))
    started = time.perf_counter()
    found = suggest(entries, freshness)
    seconds = time.perf_counter() - started
    libraries = [e for e in entries if isinstance(e, Library)]
    site = SimpleNamespace(
        config=Config(),
        libraries=libraries,
        partnerships=[e for e in entries if isinstance(e, Partnership)],
        activities=[e for e in entries if isinstance(e, Activity)],
        freshness=freshness,
    )
    data = libraries_json(site)  # type: ignore[arg-type]
    seeking = sum(1 for lib in libraries if lib.seeking)
    result = {
        "libraries": len(libraries),
        "seeking": seeking,
        "pairs_if_compared_blindly": len(libraries) * seeking,
        "suggestion_seconds": round(seconds, 3),
        "with_suggestions": len(found),
        "suggestions": sum(len(v) for v in found.values()),
        "matcher_data_bytes": len(data),
        "matcher_data_gzip_bytes": len(gzip.compress(data, 9, mtime=0)),
    }
    print(
        f"suggestions for {result['libraries']:,} libraries ({seeking:,} seeking a partner): {seconds:.2f} s;"
        f" matcher data {len(data) / 1024:.0f} KB, {result['matcher_data_gzip_bytes'] / 1024:.0f} KB with gzip",
        file=sys.stderr,
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
