"""`python build.py new KIND SLUG`: write a commented skeleton content file.

The skeleton is made from `validate.FIELDS`, so it lists exactly the fields `check` accepts,
with the same examples. Every value the contributor must write is the placeholder
`FILL-IN`, which `check` refuses: a skeleton cannot be published by mistake.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PureWindowsPath

from ..i18n.current import N_, _
from .fields import FIELDS, PLACEHOLDER, Field
from .filenames import SLUG_RE
from .kinds import BUNDLE_INDEX, BY_WORD, KIND, KINDS
from .slugs import suggest_slug

_BODY = {
    "story": N_("Write the story here. Who did what, when, and what came of it?"),
    "library": N_("Write about the library here: its town, its readers, what it is proud of."),
    "partnership": N_("Write here how the partnership started and what the libraries do together."),
    "activity": N_("Write here what this kind of cooperation is, with ideas and examples."),
    "page": N_("Write the guide here."),
}
# kinds.py's `about` texts, the first line of a skeleton: marked here so they are translated.
_ABOUT = (
    N_("One library."),
    N_("Two or more libraries working together."),
    N_("A success story: something partner libraries did together."),
    N_("A kind of cooperation, with ideas for doing it."),
    N_("A guide page."),
)


class ScaffoldError(Exception):
    """A reason `new` wrote nothing; the message is for the contributor."""


def new_entry(kind: str, slug: str, content_dir: Path, partnership: str | None = None, photos: bool = False) -> Path:
    """Write the skeleton for a new entry and return its path; never overwrites a file. With
    `photos`, the entry gets its own folder (<folder>/<slug>/index.md) to keep photos beside it."""
    folder = BY_WORD[kind].folder
    check_slug(slug, kind)
    if not content_dir.is_dir():
        raise ScaffoldError(
            _(
                "the content folder %(folder)s/ does not exist; run the command in the project folder, or pass --content DIR",
                folder=content_dir,
            )
        )
    values: dict[str, str] = {}
    if partnership is not None:
        if kind != "story":
            raise ScaffoldError(_("--partnership is only for a new story"))
        values["partnership"] = _existing(content_dir, KIND["partnership"].folder, partnership)
    for other in KINDS:
        taken = next((t for t in (content_dir / other.source(slug, b) for b in (False, True)) if t.is_file()), None)
        if other.folder != folder and taken is not None:
            raise ScaffoldError(
                _(
                    "%(taken)s already has the file name %(slug)s: with two, a wiki link [[%(slug)s]] would match both;"
                    " choose another name, for example: %(command)s",
                    taken=taken,
                    slug=slug,
                    command=f"python build.py new {kind} {slug}-{kind}",
                )
            )
    path = content_dir / BY_WORD[kind].source(slug, bundle=photos)
    other = content_dir / BY_WORD[kind].source(slug, bundle=not photos)  # the same entry in the other layout
    if other.exists():
        raise ScaffoldError(_exists(other))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as f:  # "x": fails if the file exists
            f.write(skeleton(kind, values))
    except FileExistsError:
        raise ScaffoldError(_exists(path)) from None
    return path


def check_slug(slug: str, kind: str = "story") -> None:
    reserved = PureWindowsPath(slug).is_reserved() or slug.upper() in {"CON", "PRN", "AUX", "NUL"}
    if SLUG_RE.match(slug) and not reserved:
        return
    suggestion = suggest_slug(slug) + ("-1" if reserved else "")
    raise ScaffoldError(
        _(
            "'%(slug)s' cannot be a file name: use only lowercase letters a-z, digits and hyphens"
            " (it becomes the page's web address); try: %(command)s",
            slug=slug,
            command=f"python build.py new {kind} {suggestion}",
        )
    )


def _existing(content_dir: Path, folder: str, slug: str) -> str:
    """`slug` if content/<folder>/<slug>.md exists; the slug is checked before it touches a path."""
    found = [*(content_dir / folder).glob("*.md"), *(p.parent for p in (content_dir / folder).glob(f"*/{BUNDLE_INDEX}"))]
    known = sorted(p.stem if p.suffix == ".md" else p.name for p in found)
    if SLUG_RE.match(slug) and slug in known:
        return slug
    close = difflib.get_close_matches(slug, known, n=1, cutoff=0.6)
    if close:
        raise ScaffoldError(_("there is no partnership '%(slug)s'; did you mean %(close)s?", slug=slug, close=close[0]))
    raise ScaffoldError(
        _(
            "there is no partnership '%(slug)s'; the file %(path)s must exist first",
            slug=slug,
            path=f"{content_dir}/{folder}/{slug}.md",
        )
    )


def _exists(path: Path) -> str:
    return _("%(path)s already exists; open it to edit it, or choose another name", path=path)


def photos_note(path: Path) -> str:
    """What to do next with an entry's own folder."""
    return _(
        "put the photos in %(folder)s/, beside index.md, and name each one in the text: ![what it shows](photo.jpg)",
        folder=path.parent,
    )


def skeleton(kind: str, values: dict[str, str] | None = None) -> str:
    """The text of a new file: required fields first, then the optional ones commented out."""
    values = values or {}
    model_kind, about = BY_WORD[kind].name, BY_WORD[kind].about
    table = FIELDS[model_kind]
    required = [(k, f) for k, f in table.items() if f.required]
    optional = [(k, f) for k, f in table.items() if not f.required]
    if model_kind == "story":  # a story needs a partnership or libraries: offer the partnership first
        required.append(("partnership", table["partnership"]))
        optional = [(k, f) for k, f in optional if k != "partnership"]
    lines = [
        "---",
        f"# {_(about)}",
        "# "
        + _("Replace every %(placeholder)s with your text. Lines that start with # are notes for you:", placeholder=PLACEHOLDER),
        "# " + _("they are not published, and you may delete them."),
        "#",
        "# " + _("Required: fill in all of these."),
    ]
    for key, spec in required:
        lines += [_comment(spec), f"{key}: {values.get(key) or _blank(spec.example)}"]
    lines += ["#", "# " + _("Optional: to use one, delete the # at the start of its line and fill it in.")]
    for key, spec in optional:
        lines += [_comment(spec), f"# {key}: {_blank(spec.example)}"]
    lines += ["---", f"{PLACEHOLDER}: {_(_BODY[kind])}", ""]
    return "\n".join(lines)


def describe(spec: Field) -> str:
    """'The country. Allowed: a two-letter ISO 3166 code such as BG, US, GB, IT or NO.' (skeletons, CONTRIBUTING.md)"""
    text = _sentence(_(spec.help))
    return _("%(help)s Allowed: %(allowed)s.", help=text, allowed=_(spec.allowed)) if spec.allowed else text


def _comment(spec: Field) -> str:
    return "# " + _("%(description)s Example: %(example)s", description=describe(spec), example=spec.example)


def _sentence(text: str) -> str:
    return (text[:1].upper() + text[1:]).rstrip(".?") + ("?" if text.endswith("?") else ".")


def _blank(example: str) -> str:
    """The placeholder in the shape of the example: a list stays a list, a block stays a block."""
    if example.startswith("[{"):
        return "[" + _blank(example[1:-1]) + "]"
    if example.startswith("["):
        return f"[{PLACEHOLDER}, {PLACEHOLDER}]" if "," in example else f"[{PLACEHOLDER}]"
    if example.startswith("{") and example[1:].split(": ", 1)[-1].startswith("{"):  # a block of blocks: keep the inner one
        key, inner = example[1:-1].split(": ", 1)
        return "{" + f"{key}: {_blank(inner)}" + "}"
    if example.startswith("{"):
        pairs = re.findall(r"(\w+): (\[[^\]]*\]|[^,}]*)", example)
        return "{" + ", ".join(f"{k}: {_blank(v)}" for k, v in pairs) + "}"
    return PLACEHOLDER
