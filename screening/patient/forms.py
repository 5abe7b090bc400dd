"""The step forms, built from rules.questions.STEPS, and the translation between form and answers."""

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    Form,
    FormField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from rules.questions import NONE_OF_THESE, Question, Step
from rules.schema import DATE, LONG_TEXT, NUMBER

NONE = "none"
# Problems only the three date boxes can have (the schema sees a whole date or none).
DATE_INCOMPLETE = "date_incomplete"
DATE_NOT_NUMBERS = "date_not_numbers"
YEAR_NOT_FOUR_DIGITS = "year_not_four_digits"
NOT_A_REAL_DATE = "not_a_real_date"
NONE_AND_OTHERS = "none_and_others"


class DateParts(Form):
    """Day, month and year boxes, posted as date_of_birth-day, date_of_birth-month, date_of_birth-year."""

    day = StringField("Day")
    month = StringField("Month")
    year = StringField("Year")


def _field(question: Question):
    if question.kind == DATE:
        return FormField(DateParts, label=question.text)
    # The validator, not WTForms, judges the values (validate_choice=False): one set of rules, one message.
    choices = [SelectChoice(value, label) for value, label in question.choices]
    if question.many:
        return SelectMultipleField(
            question.text, choices=[*choices, SelectChoice(NONE, NONE_OF_THESE)], validate_choice=False
        )
    if question.choices:
        return RadioField(question.text, choices=choices, validate_choice=False)
    if question.kind == LONG_TEXT:
        return TextAreaField(question.text)
    return StringField(question.text)


def step_form_class(step: Step) -> type[FlaskForm]:
    """A FlaskForm (CSRF included) whose fields are the step's questions, named as in the schema."""
    fields = {q.name: _field(q) for q in step.questions}
    return type(f"{step.slug.title().replace('-', '')}Form", (FlaskForm,), fields)


def form_data(step: Step, saved: dict) -> dict:
    """Saved answers in the shape the step's form fields expect, to pre-fill them."""
    data = {}
    for q in step.questions:
        if q.name not in saved:
            continue
        value = saved[q.name]
        if q.kind == DATE:
            born = date.fromisoformat(value)
            value = {"day": str(born.day), "month": str(born.month), "year": str(born.year)}
        elif q.many and q.required and value == []:
            value = [NONE]
        elif q.kind == NUMBER:
            value = str(value)
        data[q.name] = value
    return data


def _date_from_parts(parts: dict) -> tuple[str | None, str | None]:
    texts = [str(parts.get(key) or "").strip() for key in ("day", "month", "year")]
    if not any(texts):
        return None, None
    if not all(texts):
        return None, DATE_INCOMPLETE
    if not all(text.isascii() and text.isdigit() and len(text) <= 4 for text in texts):
        return None, DATE_NOT_NUMBERS
    if len(texts[2]) != 4:
        return None, YEAR_NOT_FOUR_DIGITS
    try:
        return date(int(texts[2]), int(texts[1]), int(texts[0])).isoformat(), None
    except ValueError:
        return None, NOT_A_REAL_DATE


def step_answers(step: Step, form: FlaskForm) -> tuple[dict, dict[str, str]]:
    """The step's posted answers, JSON-shaped for parse_answers, and problems only the form sees, by kind."""
    values: dict = {}
    problems: dict[str, str] = {}
    for q in step.questions:
        data = form[q.name].data
        if q.kind == DATE:
            iso, problem = _date_from_parts(data or {})
            if problem:
                problems[q.name] = problem
            elif iso:
                values[q.name] = iso
        elif q.many:
            chosen = [value for value in dict.fromkeys(data or [])]
            if NONE in chosen and len(chosen) > 1:
                problems[q.name] = NONE_AND_OTHERS
            elif chosen or not q.required:
                values[q.name] = [value for value in chosen if value != NONE]
        elif q.kind == NUMBER:
            text = (data or "").strip()
            if text:
                # Digits become a number; anything else goes on as text, for the validator to refuse.
                values[q.name] = int(text) if text.isascii() and text.isdigit() and len(text) < 7 else text
        elif q.choices:
            if data:
                values[q.name] = data
        else:
            # Trimmed as the validator trims them, so the review shows what will be stored.
            text = (data or "").strip()
            if text or not q.required:
                values[q.name] = text
    return values, problems
