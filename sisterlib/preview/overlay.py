"""The preview's error overlay: while the content has errors, every page shows them on top.

The preview server adds `<script src="/__sisterlib/errors.js">` to each HTML page it sends
(the files in the output folder stay as the build wrote them). The script asks
`/__sisterlib/errors.json` for the current errors and shows them with `textContent`, so an
error message quoting content can never become markup. The server reloads open pages when
the errors appear and when they are fixed.
"""

from __future__ import annotations

import json
from html import escape

from ..errors import ContentError, count_line, relative

PREFIX = "/__sisterlib/"
SCRIPT_TAG = f'<script src="{PREFIX}errors.js" defer></script>'.encode()

SCRIPT = b"""(function () {
  "use strict";
  var ID = "sisterlib-preview-errors";

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function show(data) {
    var old = document.getElementById(ID);
    if (old) old.remove();
    if (!data || !data.errors || !data.errors.length) return;
    var box = el("section");
    box.id = ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", ID + "-title");
    var s = box.style;
    s.position = "fixed"; s.top = "0"; s.right = "0"; s.bottom = "0"; s.left = "0";
    s.zIndex = "2147483647"; s.overflow = "auto"; s.padding = "2rem";
    s.background = "rgba(30, 0, 0, 0.94)"; s.color = "#fff";
    s.font = "16px/1.5 system-ui, sans-serif";
    var title = el("h2", data.title);
    title.id = ID + "-title";
    title.style.color = "#ffb4b4";
    var list = el("ul");
    list.style.fontFamily = "ui-monospace, monospace";
    list.style.whiteSpace = "pre-wrap";
    data.errors.forEach(function (text) { list.appendChild(el("li", text)); });
    var hide = el("button", "Hide this message");
    hide.type = "button";
    hide.addEventListener("click", function () { box.remove(); });
    box.appendChild(title);
    box.appendChild(el("p", data.help));
    box.appendChild(list);
    box.appendChild(hide);
    document.body.appendChild(box);
  }

  function check() {
    fetch("/__sisterlib/errors.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(show)
      .catch(function () {});
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", check);
  else check();
})();
"""


def payload(errors: list[ContentError]) -> bytes:
    """errors.json: the errors as `path:line: message; hint` lines, paths as `check` prints them."""
    data = {
        "title": f"{count_line(errors)}: this page shows the last version without errors" if errors else "",
        "help": "Fix the file and save it. The page reloads by itself when the content is correct again.",
        "errors": [e.format(relative(e.path)) for e in errors],
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def with_script(html: bytes) -> bytes:
    """The page with the overlay script before </head> (unchanged if it has no </head>)."""
    return html.replace(b"</head>", SCRIPT_TAG + b"</head>", 1)


def fallback_page(title: str, text: str) -> bytes:
    """A page for addresses with no file (or before the first good build), with the overlay."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>"
    ).encode()
