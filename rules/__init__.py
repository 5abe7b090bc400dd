"""Screening decision logic: pure Python, no Flask, no I/O."""

from rules.answers import Answers, AnswersError, parse_answers
from rules.evaluate import Result, evaluate
from rules.table import RULES_VERSION, SUGGESTION_LABELS

__all__ = [
    "RULES_VERSION",
    "SUGGESTION_LABELS",
    "Answers",
    "AnswersError",
    "Result",
    "evaluate",
    "parse_answers",
]
