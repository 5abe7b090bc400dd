"""What a patient reads for each kind of problem: whole sentences chosen by kind, never parsed."""

from rules import problems as kinds
from rules.questions import NONE_OF_THESE, Question
from rules.schema import CHOICE, DATE, MANY, NUMBER
from screening.patient import forms, parts

# Kinds worded the same whatever the question; {summary} is the question's short name.
BY_KIND = {
    kinds.TOO_SHORT: "{summary} must be {min_length} to {max_length} characters",
    kinds.CONTROL_CHARACTERS: "{summary} must not contain control characters",
    kinds.DIRECTION_CONTROLS: "{summary} must not contain hidden text-direction characters",
    kinds.BAD_CHARACTERS: "{summary} must be {allowed}",
    kinds.DUPLICATE: "Choose each answer only once",
    kinds.NOT_A_DATE: "Date of birth must be a real date. For example, 27 3 1948",
    kinds.IN_THE_FUTURE: "Date of birth must not be in the future",
    kinds.TOO_OLD: "Date of birth must give an age of at most {max_age} years",
    parts.DATE_INCOMPLETE: "Date of birth must include a day, a month and a year",
    parts.DATE_NOT_NUMBERS: "Date of birth must be written in numbers. For example, 27 3 1948",
    parts.YEAR_NOT_FOUR_DIGITS: "Year must have 4 numbers, for example 1948",
    parts.NOT_A_REAL_DATE: "Date of birth must be a real date. For example, 27 3 1948",
    parts.DURATION_NOT_A_NUMBER: "Enter how long as a whole number of weeks or months, for example 6",
    parts.DURATION_TOO_LONG: "Enter at most {high} weeks (120 months)",
    forms.NONE_AND_OTHERS: f"Choose the ones that apply, or “{NONE_OF_THESE}”, not both",
}
# What to do when a question has no usable answer (missing, or a value it does not offer).
ENTER = {
    "full_name": "Enter your full name",
    "date_of_birth": "Enter your date of birth",
}
CHOOSE_MANY = f"Choose the ones that apply, or “{NONE_OF_THESE}”"
CHOOSE_ONE_OF_MANY = "Choose one of the answers"
ENTER_NUMBER = "Enter a whole number from {low} to {high}"
CHOOSE_ON_SCALE = "Choose a number from {low} to {high}"
MOST_LABELS_LISTED = 3


def patient_message(question: Question, kind: str, params: dict | None = None) -> str:
    """The message shown by a question for one kind of problem with its answer."""
    spec = question.spec
    values = {"summary": question.summary, "allowed": spec.allowed(), **(params or {})}
    values.update(low=spec.low, high=spec.high, min_length=spec.min_length, max_length=spec.max_length)
    if question.kind == NUMBER and kind in BY_KIND:
        return BY_KIND[kind].format_map(values)
    if question.scale:
        return CHOOSE_ON_SCALE.format_map(values)
    if question.kind == NUMBER:
        return ENTER_NUMBER.format_map(values)
    if question.kind in (CHOICE, MANY) and kind not in (kinds.DUPLICATE, forms.NONE_AND_OTHERS):
        # Whatever went wrong with a choice, the patient's remedy is the same: choose from the list.
        return _what_to_do(question)
    if kind == kinds.TOO_LONG:
        return _too_long(question)
    if kind == kinds.TOO_SHORT and spec.min_length == 1:
        return ENTER.get(question.name, "Answer this question")
    if kind in BY_KIND:
        return BY_KIND[kind].format_map(values)
    return _what_to_do(question)


def summary_line(question: Question, message: str) -> str:
    """The error summary's line: generic messages ("Choose Yes or No") are prefixed with the question."""
    if question.kind in (CHOICE, MANY, NUMBER):
        return f"{question.text} – {message}"
    return message


def _too_long(question: Question) -> str:
    spec = question.spec
    if spec.min_length:
        return f"{question.summary} must be {spec.min_length} to {spec.max_length} characters"
    return f"{question.summary} must be at most {spec.max_length} characters"


def _what_to_do(question: Question) -> str:
    if question.kind == MANY:
        return CHOOSE_MANY
    if question.kind == CHOICE:
        labels = [label for _value, label in question.choices]
        if len(labels) > MOST_LABELS_LISTED:
            return CHOOSE_ONE_OF_MANY
        return "Choose " + ", ".join(labels[:-1]) + " or " + labels[-1]
    if question.kind == DATE:
        return ENTER["date_of_birth"]
    return ENTER.get(question.name, "Answer this question")
