"""A fixture site whose every field and body is hostile but valid, and checks that its pages are inert.

The site BUILDS: markup, script, event handlers and template syntax are legal text in a title
or a story. The promise is that they reach the visitor as text. `inert_problems` walks a parsed
page and lists everything that could run or load: a script that is not ours, an `on*`
attribute, an inline style, a URL with a scheme outside http/https/mailto, an element that only
content could have added. The tests assert that list is empty, and that the payloads are shown
as text (so escaping, not deletion, made them harmless).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from conftest import MINI_SITE
from html_tree import Node, parse

# The payload every front-matter text carries; FIELD is replaced by the field's name so a leak
# names its source. It holds markup, an event handler, quotes, an entity and template syntax.
PAYLOAD = "FIELD <img src=x onerror=alert(1)> <script>alert(1)</script> \"q' &amp; {{ 7*7 }}"


def payload(field: str) -> str:
    return PAYLOAD.replace("FIELD", field)


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def q(field: str) -> str:
    """The payload for `field`, as a double-quoted YAML value."""
    return yaml_quoted(payload(field))


BODY = r"""
Raw HTML stays text: <script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>
<b onmouseover="alert(1)">bold?</b> <svg onload=alert(1)></svg>

<div onclick="alert(1)">a block of HTML</div>

<iframe src="javascript:alert(1)"></iframe>

<!-- a comment --><style>body{display:none}</style><base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example/">

Template syntax is shown, never run: {{ 7*7 }} {% for x in range(3) %}{{ x }}{% endfor %} {{ cycler.__init__.__globals__.os.name }}

Entities decode to text: &lt;script&gt; &#x3C;img src=x onerror=alert(1)&#x3E; &#60;b&#62;

Wiki links with markup labels: [[alpha-library|<img src=x onerror=alert(1)> label]] and [[beta-library|"><script>alert(1)</script>]]

[a good link](https://example.org/page "title\" onmouseover=\"alert(1)")

- [ ] a task <script>alert(1)</script>
- [x] a done task <img src=x onerror=alert(1)>

| left | center | right |
|:--|:-:|--:|
| <b>1</b> | 2 | 3 |

```"><script>alert(1)</script>
<script>alert(1)</script>
```

# main

## search

## header-q

## h-main

## main
"""


def entry(front: str, more: str = "") -> str:
    """A content file: the (indented) front matter, then BODY."""
    return textwrap.dedent(front).strip("\n") + "\n" + BODY + more


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    """A small real PNG, made here (photos beside a story)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


# A photo with a hostile description and title (the title is not published).
PHOTO_LINE = '\n![a picture <script>](hostile-photo.png "t\\" onerror=\\"alert(1)")\n'


HOSTILE_SITE: dict[str, str | bytes] = {
    **MINI_SITE,
    # NO is Norway (not false); the other values look like YAML 1.1 booleans and numbers.
    "content/libraries/hostile-library.md": entry(
        f"""
        ---
        name: {q("name")}
        city: {q("city")}
        country: NO
        type: public
        region: {q("region")}
        aliases: [{q("alias")}, yes, on, off, 0o17, 1e3, "0888123456", 1:20]
        website: "https://example.org/?a=%22%3E&b=\\"><script>alert(1)</script>"
        contacts:
          - {{name: {q("contact")}, role: {q("role")}}}
        seeking:
          countries: [BG]
          interests: [hostile-activity]
          note: {q("note")}
        last_confirmed: 2025-01-02
        ---
        """
    ),
    "content/partnerships/hostile-partnership.md": entry(
        f"""
        ---
        libraries: [hostile-library, alpha-library]
        status: active
        title: {q("ptitle")}
        summary: {q("psummary")}
        via: {q("via")}
        activities: [hostile-activity]
        since: 2010
        ---
        """
    ),
    "content/stories/hostile-story/index.md": entry(
        f"""
        ---
        title: {yaml_quoted(payload("stitle") + " zebrafinch")}
        date: 2022-03-04
        partnership: hostile-partnership
        activities: [hostile-activity]
        summary: {q("ssummary")}
        image: hostile-photo.png
        image_alt: {q("image_alt")}
        video: {{url: "https://www.youtube.com/watch?v=M7lc1UVf-VE", title: {q("video")}}}
        ---
        """,
        PHOTO_LINE,
    ),
    "content/stories/hostile-story/hostile-photo.png": png(),
    "content/activities/hostile-activity.md": entry(
        f"""
        ---
        title: {q("atitle")}
        summary: {q("asummary")}
        order: 2
        ---
        """
    ),
    "content/pages/hostile-guide.md": entry(
        f"""
        ---
        title: {q("gtitle")}
        summary: {q("gsummary")}
        order: 2
        ---
        """
    ),
}

# Every front-matter text above, as the visitor must see it (entities are not decoded: `&amp;` stays).
FIELD_TEXTS = {f: payload(f) for f in ("name", "city", "region", "alias", "contact", "role", "note", "ptitle", "psummary", "via")}
FIELD_TEXTS |= {f: payload(f) for f in ("ssummary", "atitle", "asummary", "gtitle", "gsummary", "video")}
FIELD_TEXTS["stitle"] = payload("stitle") + " zebrafinch"

ENTRY_PAGES = {
    "library": "libraries/hostile-library/index.html",
    "partnership": "partnerships/hostile-partnership/index.html",
    "story": "stories/hostile-story/index.html",
    "activity": "activities/hostile-activity/index.html",
    "guide": "guides/hostile-guide/index.html",
}

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "background", "xlink:href", "srcset", "ping"}
# Elements no template uses and only content could bring.
FOREIGN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "style", "template", "portal"}
OUR_SCRIPT_TYPES = {"application/ld+json", "application/json"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_problem(url: str) -> str | None:
    """Why a URL in the output is unsafe, or None: http(s) with a host, mailto, or a same-site path."""
    url = url.strip()
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return "protocol-relative"
    m = _SCHEME.match(url)
    if m is None:
        return None
    scheme = m.group(1).lower()
    if scheme in ("http", "https"):
        return None if url[m.end() :].startswith("//") else "http(s) without //host"
    return None if scheme == "mailto" else f"scheme {scheme}:"


def _our_map(node: Node) -> bool:
    """The maps' <svg> (templates/_map.html): Markdown cannot make an element with a class.
    What is inside it is checked like everything else (links, scripts, handlers, styles)."""
    return node.tag == "svg" and node.attrs.get("class") == "map-svg"


def inert_problems(tree: Node, where: str = "") -> list[str]:
    """Everything on a page that could run script or load from elsewhere."""
    problems = []
    for node in tree.iter():
        tag = f"{where} <{node.tag}>"
        if node.tag in FOREIGN_TAGS and not _our_map(node):
            problems.append(f"{tag}: element only content could add")
        if node.tag == "script":
            src, kind = node.attrs.get("src"), node.attrs.get("type")
            if src is None and kind not in OUR_SCRIPT_TYPES:
                problems.append(f"{tag}: inline script")
            if src is not None and (url_problem(src) or not src.startswith("/")):
                problems.append(f"{tag}: script from {src}")
            if "<" in node.text:
                problems.append(f"{tag}: markup inside a data script: {node.text[:80]}")
        if node.tag == "meta" and (node.attrs.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"{tag}: meta refresh")
        for name, value in node.attrs.items():
            if name.startswith("on"):
                problems.append(f"{tag}: event handler {name}={value!r}")
            if name == "style":
                problems.append(f"{tag}: inline style {value!r}")
            if name in URL_ATTRIBUTES and value is not None:
                for url in value.split(",") if name == "srcset" else [value]:
                    why = url_problem(url.strip().split(" ")[0])
                    if why:
                        problems.append(f"{tag}: {name}={value!r} ({why})")
    return problems


def html_pages(site: Path) -> dict[str, Node]:
    return {str(p.relative_to(site)): parse(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def check_errors(root: Path, run_cli) -> tuple[dict[str, list[tuple[int, str]]], str]:  # type: ignore[no-untyped-def]
    """Run `check` in `root`; return {relative path: [(line, "message; hint"), ...]} and stderr.

    Fails on a traceback or on any line not in `path:line: message` form.
    """
    result = run_cli("check", "--content", "content", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors: dict[str, list[tuple[int, str]]] = {}
    *lines, summary = result.stderr.splitlines()
    assert re.fullmatch(r"\d+ errors? in \d+ files?", summary), summary
    for line in lines:
        m = re.fullmatch(r"(content/[^:]+):(\d+): (.+)", line)
        assert m, f"not a path:line: message line: {line!r}"
        errors.setdefault(m.group(1), []).append((int(m.group(2)), m.group(3)))
    return errors, result.stderr
