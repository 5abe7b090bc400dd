"""What a patient reads for each kind of problem: whole sentences chosen by kind, in their language."""

from flask_babel import get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from rules import problems as kinds
from rules.questions import LIST_SEPARATOR, NONE_OF_THESE, Question
from rules.schema import CHOICE, DATE, MANY, NUMBER
from screening.patient import forms, parts

# Kinds worded the same whatever the question; %(summary)s is the question's short name.
BY_KIND = {
    kinds.TOO_SHORT: _l("%(summary)s must be %(min_length)s to %(max_length)s characters"),
    kinds.CONTROL_CHARACTERS: _l("%(summary)s must not contain control characters"),
    kinds.DIRECTION_CONTROLS: _l("%(summary)s must not contain hidden text-direction characters"),
    kinds.BAD_CHARACTERS: _l("%(summary)s must be %(allowed)s"),
    kinds.DUPLICATE: _l("Choose each answer only once"),
    kinds.NOT_A_DATE: _l("Date of birth must be a real date. For example, 27 3 1948"),
    kinds.IN_THE_FUTURE: _l("Date of birth must not be in the future"),
    kinds.TOO_OLD: _l("Date of birth must give an age of at most %(max_age)s years"),
    parts.DATE_INCOMPLETE: _l("Date of birth must include a day, a month and a year"),
    parts.DATE_NOT_NUMBERS: _l("Date of birth must be written in numbers. For example, 27 3 1948"),
    parts.YEAR_NOT_FOUR_DIGITS: _l("Year must have 4 numbers, for example 1948"),
    parts.NOT_A_REAL_DATE: _l("Date of birth must be a real date. For example, 27 3 1948"),
    parts.DURATION_NOT_A_NUMBER: _l("Enter how long as a whole number of weeks or months, for example 6"),
    parts.DURATION_TOO_LONG: _l("Enter at most %(high)s weeks (120 months)"),
    forms.NONE_AND_OTHERS: _l("Choose the ones that apply, or “%(none)s”, not both"),
}
# What to do when a question has no usable answer (missing, or a value it does not offer).
ENTER = {
    "full_name": _l("Enter your full name"),
    "date_of_birth": _l("Enter your date of birth"),
}
ANSWER_THIS = _l("Answer this question")
CHOOSE_MANY = _l("Choose the ones that apply, or “%(none)s”")
CHOOSE_ONE_OF_MANY = _l("Choose one of the answers")
CHOOSE_ONE_OF = _l("Choose %(choices)s or %(last)s")
ENTER_NUMBER = _l("Enter a whole number from %(low)s to %(high)s")
CHOOSE_ON_SCALE = _l("Choose a number from %(low)s to %(high)s")
TOO_LONG_RANGE = _l("%(summary)s must be %(min_length)s to %(max_length)s characters")
TOO_LONG = _l("%(summary)s must be at most %(max_length)s characters")
MOST_LABELS_LISTED = 3


def patient_message(question: Question, kind: str, params: dict | None = None) -> str:
    """The message shown by a question for one kind of problem with its answer."""
    spec = question.spec
    values = {"summary": _(question.summary), "allowed": _(spec.allowed()), "none": _(NONE_OF_THESE)}
    values.update(params or {})
    values.update(low=spec.low, high=spec.high, min_length=spec.min_length, max_length=spec.max_length)
    if question.kind == NUMBER and kind in BY_KIND:
        return BY_KIND[kind] % values
    if question.scale:
        return CHOOSE_ON_SCALE % values
    if question.kind == NUMBER:
        return ENTER_NUMBER % values
    if question.kind in (CHOICE, MANY) and kind not in (kinds.DUPLICATE, forms.NONE_AND_OTHERS):
        # Whatever went wrong with a choice, the patient's remedy is the same: choose from the list.
        return _what_to_do(question)
    if kind == kinds.TOO_LONG:
        return (TOO_LONG_RANGE if spec.min_length else TOO_LONG) % values
    if kind == kinds.TOO_SHORT and spec.min_length == 1:
        return str(ENTER.get(question.name, ANSWER_THIS))
    if kind in BY_KIND:
        return BY_KIND[kind] % values
    return _what_to_do(question)


def summary_line(question: Question, message: str) -> str:
    """The error summary's line: generic messages ("Choose Yes or No") are prefixed with the question."""
    if question.kind in (CHOICE, MANY, NUMBER):
        return f"{_(question.text)} – {message}"
    return message


def _what_to_do(question: Question) -> str:
    if question.kind == MANY:
        return CHOOSE_MANY % {"none": _(NONE_OF_THESE)}
    if question.kind == CHOICE:
        labels = [_(label) for _value, label in question.choices]
        if len(labels) > MOST_LABELS_LISTED:
            return str(CHOOSE_ONE_OF_MANY)
        separator = get_translations().gettext(LIST_SEPARATOR)
        return CHOOSE_ONE_OF % {"choices": separator.join(labels[:-1]), "last": labels[-1]}
    if question.kind == DATE:
        return str(ENTER["date_of_birth"])
    return str(ENTER.get(question.name, ANSWER_THIS))
