"""Rules that look at the whole Site, registered by the features that need them.

- *Warning rules* run with every `check` and `build`: their findings are printed (and
  annotated on GitHub as `::warning`) but never fail the build.
- *Report rules* make the maintainers' report, `python build.py check --stale`: what to
  follow up (a library not confirmed for years). The report always exits 0.

A feature adds a rule with a decorator in a module of this package, and one import line in
report/__init__.py. A rule gets the Site and "today" (content/today.py: never the clock)
and yields `Finding`s: an entry, the field it is about, a message and a hint, printed like
errors (`path:line: message; hint`) with the field's line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..content.model import Entry
from ..errors import ContentError
from ..resolve.site import Site


@dataclass(frozen=True)
class Finding:
    entry: Entry
    at: tuple  # the field it is about: ("last_confirmed",), ("aliases", 1); () for the file's first line
    message: str
    hint: str = ""


RuleFunction = Callable[[Site, date], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    about: str  # what it finds, in one line (the report's header lists them)
    run: RuleFunction


WARNING_RULES: list[Rule] = []
REPORT_RULES: list[Rule] = []


def warning_rule(name: str, about: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(run: RuleFunction) -> RuleFunction:
        WARNING_RULES.append(Rule(name, about, run))
        return run

    return register


def report_rule(name: str, about: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(run: RuleFunction) -> RuleFunction:
        REPORT_RULES.append(Rule(name, about, run))
        return run

    return register


def run_rules(
    rules: Iterable[Rule], site: Site, today: date, with_lines: Mapping[tuple[str, str], Entry] | None = None
) -> list[ContentError]:
    """Every finding of `rules` as a `path:line:` line, sorted as errors are. `with_lines`: the
    entries as loaded, when the Site's have let their field lines go (a build)."""
    entries = with_lines if with_lines is not None else site.entries
    found = set()
    for rule in rules:
        for f in rule.run(site, today):
            entry = entries.get(f.entry.key, f.entry)
            found.add(ContentError(entry.path, entry.line(*f.at) if f.at else 1, f.message, f.hint))
    return sorted(found)
