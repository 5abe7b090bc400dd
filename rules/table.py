"""The newest rules table: what new answers are evaluated with (released versions live in rules/tables/)."""

from rules.tables.v2026_1 import (
    CONSERVATIVE_CARE,
    CONSERVATIVE_CARE_QUOTE,
    FLAG_LINES,
    FLAGS,
    RULES,
    RULES_VERSION,
    SUGGESTION_LABELS,
    SUGGESTION_PRIORITY,
    URGENT_REASON,
    URGENT_SYMPTOMS,
    Flag,
    Rule,
)

__all__ = [
    "CONSERVATIVE_CARE",
    "CONSERVATIVE_CARE_QUOTE",
    "FLAGS",
    "FLAG_LINES",
    "RULES",
    "RULES_VERSION",
    "SUGGESTION_LABELS",
    "SUGGESTION_PRIORITY",
    "URGENT_REASON",
    "URGENT_SYMPTOMS",
    "Flag",
    "Rule",
]
