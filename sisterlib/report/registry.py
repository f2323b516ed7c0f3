"""Rules that look at the whole Site, registered by the features that need them.

- *Warning rules* run with every `check` and `build`: their findings are printed (and
  annotated on GitHub as `::warning`) but never fail the build.
- *Report rules* make the maintainers' report, `python build.py check --stale`: what to
  follow up (a library not confirmed for years). The report always exits 0.

A feature adds a rule with a decorator in a module of this package, and one import line in
report/__init__.py. A rule gets the Site and "today" (content/today.py: never the clock)
and yields `ContentError`s (path, line, message, hint), printed like errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import ContentError
from ..resolve.site import Site

RuleFunction = Callable[[Site, date], Iterable[ContentError]]


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


def run_rules(rules: Iterable[Rule], site: Site, today: date) -> list[ContentError]:
    """Every finding of `rules`, sorted as errors are (path, line, message)."""
    return sorted({finding for rule in rules for finding in rule.run(site, today)})
