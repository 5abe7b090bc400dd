"""Evaluate a rules table on one set of answers: a small pure function returning a Result."""

from dataclasses import dataclass, field

from rules import tables
from rules.answers import Answers

UNFINISHED_LABEL = "Not finished — no suggestion yet"


@dataclass(frozen=True)
class Result:
    """What the rules make of the answers: never a diagnosis; the doctor decides."""

    suggestion: str
    urgent: bool
    matched: tuple[str, ...]
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    rules_version: str
    # The words shown with the result, as that rules version words them: stored so that a later
    # re-wording never changes how an old record reads.
    suggestion_label: str = field(default="", compare=False)
    urgent_reason: str = field(default="", compare=False)
    flag_lines: tuple[str, ...] = field(default=(), compare=False)
    no_rule_quote: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        """The suggestion's human label, e.g. "Kyphoplasty consult"."""
        return self.suggestion_label

    def to_dict(self) -> dict:
        """The JSON shape of spec §3 (what `screening evaluate` prints)."""
        return {
            "suggestion": self.suggestion,
            "urgent": self.urgent,
            "matched": list(self.matched),
            "reasons": list(self.reasons),
            "flags": list(self.flags),
            "rules_version": self.rules_version,
        }

    def to_record(self) -> dict:
        """The result with every word shown with it: what storage keeps, forever."""
        return {
            **self.to_dict(),
            "suggestion_label": self.suggestion_label,
            "urgent_reason": self.urgent_reason,
            "flags": [
                {"id": id_, "line": line} for id_, line in zip(self.flags, self.flag_lines, strict=True)
            ],
            "no_rule_quote": self.no_rule_quote,
        }


def evaluate(answers: Answers, version: str | None = None) -> Result:
    """Match every rule of the table (the newest unless `version` names another) in order."""
    table = tables.load(version)
    matched = [rule for rule in table.RULES if rule.holds(answers)]
    suggestion = matched[0].outcome if matched else table.CONSERVATIVE_CARE
    urgent = is_urgent(answers.nerve_symptoms, version)
    flags = [flag for flag in table.FLAGS if flag.holds(answers, suggestion)]
    return Result(
        suggestion=suggestion,
        urgent=urgent,
        matched=tuple(rule.id for rule in matched),
        reasons=tuple(rule.reason for rule in matched),
        flags=tuple(flag.id for flag in flags),
        rules_version=table.RULES_VERSION,
        suggestion_label=table.SUGGESTION_LABELS[suggestion],
        urgent_reason=table.URGENT_REASON if urgent else "",
        flag_lines=tuple(flag.line for flag in flags),
        no_rule_quote="" if matched else table.CONSERVATIVE_CARE_QUOTE,
    )


def unfinished_result(nerve_symptoms, version: str | None = None) -> Result:
    """The result of a questionnaire left unfinished after an urgent answer: urgent, nothing suggested.

    The rules need every answer to suggest a consult; the urgent mark needs only the symptoms, and
    the clinic must hear of it even if the patient never finishes.
    """
    table = tables.load(version)
    urgent = is_urgent(nerve_symptoms, version)
    return Result(
        suggestion="",
        urgent=urgent,
        matched=(),
        reasons=(),
        flags=(),
        rules_version=table.RULES_VERSION,
        suggestion_label=UNFINISHED_LABEL,
        urgent_reason=table.URGENT_REASON if urgent else "",
    )


def is_urgent(nerve_symptoms, version: str | None = None) -> bool:
    """True when the symptoms call for same-day attention (usable on a half-finished questionnaire)."""
    return bool(tables.load(version).URGENT_SYMPTOMS.intersection(nerve_symptoms or ()))
