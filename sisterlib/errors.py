"""The one error type content can cause, and the exception that carries a build's errors."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .i18n.current import _, ngettext


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem in a content file, reported as `path:line: message; hint`."""

    path: str  # as given to the loader; the CLI makes it relative to the current folder
    line: int
    message: str
    hint: str = ""
    # What in another file the error is about, when it is about one ("entry:library/x",
    # "name:<folded name>", "file:<path>"): on a pull request, blame.py puts an error in an
    # untouched file on the changed file that caused it. Not part of the error's identity.
    about: str = field(default="", compare=False)

    def format(self, path: str | None = None) -> str:
        text = f"{path or self.path}:{self.line}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class BuildFailed(Exception):
    """Raised once, before anything is written, with every error of the build."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None):
        self.errors = sorted(set(errors), key=_sort_key)
        self.warnings = sorted(set(warnings or ()), key=_sort_key)  # printed too; they never fail a build
        super().__init__(f"{len(self.errors)} error(s)")


def _sort_key(error: ContentError) -> tuple:
    return (error.path, error.line, error.message, error.hint)


def show(text: str) -> str:
    """Show invisible and control characters escaped, so a message never hides them."""
    out = []
    for ch in text:
        if ch.isprintable() and ch not in "\u200b\u200c\u200d\u2060\ufeff":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def relative(path: str) -> str:
    """A path as a contributor reads it: relative to the current folder when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path


def count_line(errors: list[ContentError], warnings: list[ContentError] | None = None) -> str:
    """ "3 errors in 2 files", "3 errors in 2 files and 1 warning"."""
    files = len({e.path for e in errors})
    line = _(
        "%(errors)s in %(files)s",
        errors=ngettext("%(num)s error", "%(num)s errors", len(errors)),
        files=ngettext("%(num)s file", "%(num)s files", files),
    )
    return _("%(errors)s and %(warnings)s", errors=line, warnings=warning_count(warnings)) if warnings else line


def warning_count(warnings: list[ContentError]) -> str:
    return ngettext("%(num)s warning", "%(num)s warnings", len(warnings))
