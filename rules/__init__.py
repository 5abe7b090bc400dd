"""Screening decision logic: pure Python, no Flask, no I/O."""

from rules.answers import SCHEMA_VERSION, Answers, AnswersError, parse_answers
from rules.evaluate import Result, evaluate, is_urgent, unfinished_result
from rules.problems import Problem
from rules.table import RULES_VERSION, SUGGESTION_LABELS

__all__ = [
    "RULES_VERSION",
    "SCHEMA_VERSION",
    "SUGGESTION_LABELS",
    "Answers",
    "AnswersError",
    "Problem",
    "Result",
    "evaluate",
    "is_urgent",
    "parse_answers",
    "unfinished_result",
]
