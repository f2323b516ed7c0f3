"""On a pull request, every error lands on a file the pull request changed.

`check --changed-since REF` asks git which content files changed since REF (renames
followed; files not committed yet count too). An error in a changed file stays as it is. An
error in an untouched file that a change caused (a library renamed while stories still use
its old file name, a name changed while links still use it, a new alias that makes links
ambiguous, a second file for a library) is moved to the changed file, at the line that
caused it, and names the files it breaks: the contributor sees it in the pull request's
diff, on their own line. Errors are matched to causes by `ContentError.about`. An error in
an untouched file that no change explains was there before: it is kept as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .content.filenames import SLUG_RE
from .content.kinds import BY_FOLDER, KIND
from .content.model import Entry, Library
from .content.read import load_file
from .content.validate import validate_source
from .errors import ContentError, relative
from .resolve.names import fold, names_of


class GitError(Exception):
    pass


@dataclass
class Change:
    path: str  # the file now (loader form), or "" when it was deleted
    old_path: str  # the file at REF, or "" when it was added
    before: dict[str, tuple] = field(
        default_factory=dict
    )  # what it provided at REF ("entry:kind/slug", "name:<folded>") -> field
    after: dict[str, tuple] = field(default_factory=dict)  # what it provides now -> the field that says it
    entry: Entry | None = None  # the file now

    def line(self, at: tuple) -> int:
        return self.entry.line(*at) if self.entry is not None and at else 1


def changes_since(ref: str, content_dir: Path) -> list[Change]:
    """The content files changed since `ref` (committed or not), with what each provided then and now."""
    status = _git(content_dir, "diff", "--name-status", "-M", "--relative", ref, "--", ".")
    untracked = _git(content_dir, "ls-files", "--others", "--exclude-standard", "--", ".")
    changes: list[Change] = []
    for line in status.splitlines():
        parts = line.split("\t")
        kind, paths = parts[0][:1], parts[1:]
        old, new = (paths[0], paths[-1]) if kind == "R" else (paths[0], paths[0])
        changes.append(Change("" if kind == "D" else _loader(content_dir, new), "" if kind == "A" else old))
    changes += [Change(_loader(content_dir, rel), "") for rel in untracked.splitlines() if rel]
    with tempfile.TemporaryDirectory(prefix="sisterlib-base-") as base:
        for change in changes:
            if change.old_path:
                text = _git(content_dir, "show", f"{ref}:./{change.old_path}", check=False)
                change.before = _provides(_entry_of(Path(base) / change.old_path, text))
            if change.path:
                change.entry = _entry_of(Path(change.path), None)
                change.after = _provides(change.entry)
    return changes


def blame(errors: Sequence[ContentError], changes: Sequence[Change]) -> list[ContentError]:
    """The errors as a pull request should show them: each on a changed file."""
    changed = {c.path for c in changes if c.path}
    out: list[ContentError] = []
    broken: dict[tuple[str, int, str], list[ContentError]] = {}
    for error in errors:
        causes = [] if error.path in changed or not error.about else _causes(error.about, changes)
        if not causes:
            out.append(error)
        for change, line, what in causes:
            broken.setdefault((change.path or change.old_path, line, what), []).append(error)
    for (path, line, what), caused in broken.items():
        caused.sort()
        if len(caused) == 1:
            message, hint = f"{what} breaks {relative(caused[0].path)}:{caused[0].line}: {caused[0].message}", caused[0].hint
        else:
            places = ", ".join(f"{relative(e.path)}:{e.line} ({e.message})" for e in caused)
            message, hint = f"{what} breaks {places}", _HINTS[what]
        out.append(ContentError(path, line, message, hint))
    return sorted(set(out))


_HINTS = {
    "this change": "change those files to match, or undo this change",
    "deleting this file": "change those files, or keep this file",
    "this new name": "choose a name that no other entry has",
    "this file": "see the first of them",
}


def _causes(about: str, changes: Sequence[Change]) -> list[tuple[Change, int, str]]:
    found = []
    for change in changes:
        if about.startswith("file:"):
            if about[5:] in (change.path, change.old_path):
                found.append((change, 1, "this file"))
        elif about in change.before and about not in change.after:
            if not change.path:
                found.append((change, 1, "deleting this file"))
            else:  # renamed, or the name changed: at the line of the field that said it (1: the file name)
                found.append((change, change.line(change.before[about][:1]), "this change"))
        elif about in change.after and about not in change.before and about.startswith("name:"):
            found.append((change, change.line(change.after[about]), "this new name"))
    return found


def _provides(entry: Entry | None) -> dict[str, tuple]:
    """What other files can name an entry by, each with the field that says it (() for the file name)."""
    if entry is None:
        return {}
    fields: dict[str, tuple] = {name: () for name in names_of(entry)}
    fields[entry.title] = ("title",)
    if isinstance(entry, Library):
        fields[entry.name] = ("name",)
        fields.update({alias: ("aliases", i) for i, alias in enumerate(entry.aliases)})
    fields[entry.slug] = fields[f"{KIND[entry.kind].section}/{entry.slug}"] = ()
    provided = {f"name:{fold(name)}": at for name, at in fields.items() if name}
    provided[f"entry:{entry.kind}/{entry.slug}"] = ()
    return provided


def _entry_of(path: Path, text: str | None) -> Entry | None:
    """The entry (or placeholder) of a content file; `text`: its content at REF, written to `path` first."""
    folder, name = path.parent.name, path.name
    if folder not in BY_FOLDER or not name.endswith(".md") or not SLUG_RE.match(name[:-3]):
        return None
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    source, errors = load_file(path, folder)
    return validate_source(source, bool(errors)).entry if source is not None else None


def _loader(content_dir: Path, rel: str) -> str:
    return os.path.join(str(content_dir), *rel.split("/"))


def _git(content_dir: Path, *args: str, check: bool = True) -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("--changed-since needs git, and git is not installed")
    done = subprocess.run(
        [git, "-c", "core.quotepath=off", *args], cwd=content_dir, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != 0 and check:
        raise GitError(f"git {' '.join(args[:2])} failed: {' '.join(done.stderr.split())}")
    return done.stdout if done.returncode == 0 else ""
