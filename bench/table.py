"""The benchmark's one table: every figure of issue 17, each beside its target, with the ratios
to the 2-process floor and to Hugo measured in the same run."""

from __future__ import annotations

import os

from measure import Measured

STAGES = {"read": "read and validate", "markdown": "Markdown", "photos": "photos", "resolve": "links and views",
          "plan": "plan", "render": "render and write", "sync": "swap into place"}  # fmt: skip


def _s(x: float | None) -> str:
    return "" if x is None else f"{x:.2f} s"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def _x(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _met(value: float | None, limit: float) -> str:
    return "n/a" if value is None else ("yes" if value <= limit else "NO")


def report(
    rows: dict[str, Measured],
    stories: int,
    seconds: float,
    command: str,
    hugo_name: str = "Hugo",
    load: tuple[float, float] | None = None,
) -> str:
    floor1, floor, hugo, clean = rows["floor1"], rows["floor"], rows["hugo"], rows["clean"]
    search, pagefind, again, one = rows["search"], rows["pagefind"], rows["again"], rows["one"]
    first, preview = rows.get("preview_first"), rows.get("preview")
    lines = [
        f"## sisterlib benchmark: {stories:,} stories, {os.cpu_count()} cores",
        "",
        f"`{command}`",
        "",
        f"| figure | measured | target | met? | × floor ({floor.label.split(', ')[-1]}) | × {hugo_name} | notes |",
        "| --- | ---: | --- | --- | ---: | ---: | --- |",
    ]

    def row(figure: str, measured: str, target: str = "", met: str = "", m: Measured | None = None, note: str = "") -> None:
        r_floor = _x(_ratio(m.seconds, floor.seconds)) if m else ""
        r_hugo = _x(_ratio(m.seconds, hugo.seconds)) if m else ""
        lines.append(f"| {figure} | {measured} | {target} | {met} | {r_floor} | {r_hugo} | {note} |")

    def memory(m: Measured) -> str:
        return f"largest process {m.rss_mb:.0f} MB" if m.rss_mb else ""

    row(floor1.label, _s(floor1.seconds), m=floor1, note=floor1.note)
    row(floor.label, _s(floor.seconds), "the reference", m=floor, note=floor.note)
    if hugo.seconds is None:
        row(f"{hugo_name}, minimal layouts, same stories", "not run", note=hugo.note)
    else:
        row(
            f"{hugo_name}, minimal layouts, same stories",
            _s(hugo.seconds),
            "about 1.05 × the floor (issue)",
            m=hugo,
            note=hugo.note,
        )
    r_hugo = _ratio(clean.seconds, hugo.seconds)
    if r_hugo is not None:
        target, met = f"faster than {hugo_name}", _met(r_hugo, 1.0)
    else:  # no Hugo here: the stand-in, Hugo at about 1.05 × the floor
        target, met = "within 1.05 × the floor (Hugo absent)", _met(_ratio(clean.seconds, floor.seconds), 1.05)
    row(
        "clean build, no search (`build --no-search`)",
        _s(clean.seconds),
        target,
        met,
        clean,
        "; ".join(filter(None, [clean.note, memory(clean)])),
    )
    timings = clean.data.get("timings", {})
    for key, name in STAGES.items():
        if key in timings:
            row(f"· stage: {name}", _s(timings[key]), m=Measured(name, timings[key]))
    one_lang = rows.get("clean_one")  # issue 19: the same build in one interface language
    if one_lang is not None and one_lang.seconds:
        t1 = one_lang.data.get("timings", {})
        r_hugo1 = _ratio(one_lang.seconds, hugo.seconds)
        pages = f"{clean.data.get('pages', 0):,} pages against {one_lang.data.get('pages', 0):,}"
        row("clean build, no search, one interface language", _s(one_lang.seconds), f"faster than {hugo_name} (issue 17)",
            _met(r_hugo1, 1.0) if r_hugo1 else "n/a", one_lang, memory(one_lang))  # fmt: skip
        r = _ratio(timings.get("render"), t1.get("render"))
        row("render and write: all languages / one language", f"{_x(r)} ×", "≤ 3.3 × (issue 19)", _met(r, 3.3), note=pages)
        row("Markdown stage: all languages / one language", f"{_s(timings.get('markdown'))} / {_s(t1.get('markdown'))}",
            "the same when no story is translated (issue 19)", note="the bench corpus has no translations")  # fmt: skip
    limit = clean.seconds + pagefind.seconds if clean.seconds and pagefind.seconds else None
    row("clean build, with search", _s(search.seconds), f"≤ no search + Pagefind's CLI alone ({_s(limit)})",
        _met(search.seconds, limit) if limit else "n/a", search, memory(search))  # fmt: skip
    row(
        "Pagefind's CLI alone, same pages",
        _s(pagefind.seconds),
        m=pagefind,
        note=f"Pagefind's peak {_mb(pagefind.indexer_mb)} (PSS)",
    )
    t = search.data.get("timings", {})
    step, index = t.get("search"), t.get("search_index")
    r_index = _ratio(step, pagefind.seconds)
    row("search step of the build (ours and Pagefind's)", f"{_s(step)} = {_x(r_index)} × the CLI alone", "≤ 0.70 × Pagefind's CLI alone (30% cheaper)",
        _met(r_index, 0.7), note=f"of which the Pagefind runs and their lists {_s(index)}")  # fmt: skip
    # On a tiny corpus every Pagefind run can end between two samples (0.1 s apart): say so, not a blank
    caught = _mb(search.indexer_mb) or "not caught: each run ended within the 0.1 s sampling interval"
    row("Pagefind's peak memory in the build (all runs in flight, PSS)", caught, "< 2 GB at any size",
        _met(search.indexer_mb, 2048), note="other sizes: bench/search_index.py --stories 10000 20000 40000")  # fmt: skip
    r = _ratio(again.seconds, clean.seconds)
    row(
        "second build, nothing changed",
        f"{_s(again.seconds)} = {_pct(r)} of clean",
        "< 10% of clean",
        _met(r, 0.10),
        note=again.note,
    )
    r = _ratio(one.seconds, clean.seconds)
    row(
        "build after one story changed (CLI)",
        f"{_s(one.seconds)} = {_pct(r)} of clean",
        "< 15% of clean",
        _met(r, 0.15),
        note=_one_note(one),
    )
    row("peak memory, clean build no search (all processes, PSS)", _mb(clean.pss_mb), "< 500 MB", _met(clean.pss_mb, 500))
    row("peak memory, clean build with search, Pagefind apart (PSS)", _mb(search.pss_mb), "< 500 MB", _met(search.pss_mb, 500))
    if first is not None and preview is not None:
        r = _ratio(first.seconds, clean.seconds)
        row(
            "preview: first build, as `serve` runs it",
            f"{_s(first.seconds)} = {_x(r)} × build --no-search",
            "≤ 1.15 × build --no-search",
            _met(r, 1.15),
        )
        ms = preview.seconds * 1000 if preview.seconds else None
        row(
            "preview: one-story edit, open page ready",
            f"{ms:.0f} ms" if ms else "",
            "< 150 ms (issue 8)",
            _met(ms, 150),
            note=preview.note,
        )
    else:
        row("preview", "not available", note="no sisterlib/preview/state.py")
    partners = rows.get("partners")  # issue 14: suggestions for 10,000 libraries, the matcher's data
    if partners is not None:
        size = partners.data.get("matcher_data_gzip_bytes")
        row(
            "partner suggestions, 10,000 libraries",
            _s(partners.seconds),
            "< 2 s",
            _met(partners.seconds, 2.0),
            note=partners.note,
        )
        row("matcher data at 10,000 libraries (gzip)", f"{size / 1024:.0f} KB" if size else "", "< 300 KB",
            _met(size / 1024 if size else None, 300))  # fmt: skip
    lines += ["", f"Whole benchmark: {seconds:.0f} s."]
    if load is not None:  # other work on the machine slows some steps more than others: ratios of a busy run are rough
        lines[-1] += f" Load average (1 minute) {load[0]:.1f} at the start, {load[1]:.1f} at the end, on {os.cpu_count()} cores."
    return "\n".join(lines)


def _mb(x: float | None) -> str:
    return "" if x is None else f"{x:.0f} MB"


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x * 100:.1f}%"


def _one_note(m: Measured) -> str:
    t = m.data.get("timings", {})
    parts = [f"{name} {t[key]:.2f}" for key, name in STAGES.items() if key in t]
    hits, misses = m.data.get("markdown_cache", (0, 0))
    entries = m.data.get("entries_cache", (0, 0))
    cached = f"Markdown from the cache: {hits} of {hits + misses} bodies"
    if sum(entries):
        cached += f"; entries from the cache: {entries[0]} of {sum(entries)} files"
    memo = m.data.get("pages_memo")
    if memo:
        cached += f"; pages rendered: {memo[1]}, kept as the last build made them: {memo[0]}"
    if m.data.get("first_over") is not None:
        cached += f"; the build before it (the first over a fresh build, remembering every page): {m.data['first_over']:.2f} s"
    return f"{cached}; stages (s): {', '.join(parts)}"
