"""Warning rules and the maintainers' report (registry.py). Each module below registers its
rules when imported; a feature with rules of its own adds its module here."""

from . import future_dates, partnerships, seeking, stale  # noqa: F401  (they register their rules)
from .registry import REPORT_RULES, WARNING_RULES, Finding, report_rule, run_rules, warning_rule

__all__ = ["REPORT_RULES", "WARNING_RULES", "Finding", "report_rule", "run_rules", "warning_rule"]
