"""Evaluate the rules table on one set of answers: a small pure function returning a Result."""

from dataclasses import asdict, dataclass

from rules.answers import Answers
from rules.table import (
    CONSERVATIVE_CARE,
    FLAGS,
    RULES,
    RULES_VERSION,
    SUGGESTION_LABELS,
    URGENT_SYMPTOMS,
)


@dataclass(frozen=True)
class Result:
    """What the rules make of the answers: never a diagnosis; the doctor decides."""

    suggestion: str
    urgent: bool
    matched: tuple[str, ...]
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    rules_version: str = RULES_VERSION

    @property
    def label(self) -> str:
        """The suggestion's human label, e.g. "Kyphoplasty consult"."""
        return SUGGESTION_LABELS[self.suggestion]

    def to_dict(self) -> dict:
        """The JSON shape of spec §3."""
        data = asdict(self)
        return {key: list(v) if isinstance(v, tuple) else v for key, v in data.items()}


def evaluate(answers: Answers) -> Result:
    """Match every rule in table order; the first match's outcome is the suggestion."""
    matched = [rule for rule in RULES if rule.holds(answers)]
    suggestion = matched[0].outcome if matched else CONSERVATIVE_CARE
    return Result(
        suggestion=suggestion,
        urgent=bool(URGENT_SYMPTOMS.intersection(answers.nerve_symptoms)),
        matched=tuple(rule.id for rule in matched),
        reasons=tuple(rule.reason for rule in matched),
        flags=tuple(flag.id for flag in FLAGS if flag.holds(answers, suggestion)),
    )
