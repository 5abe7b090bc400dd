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

from rules import Answers
from rules.questions import NONE_OF_THESE, Question, Step

NONE = "none"
NUMBERS = {name for name, info in Answers.model_fields.items() if info.annotation is int}
# How each text question is typed: widget kind and the browser's autofill/keyboard hints.
TEXT_INPUTS = {
    "full_name": {"kind": "text", "autocomplete": "name", "maxlength": 120, "spellcheck": "false"},
    "phone": {"kind": "tel", "autocomplete": "tel", "maxlength": 30, "inputmode": "tel"},
    "allergies": {"kind": "textarea", "maxlength": 500},
}
NUMBER_RANGES = {"pain_weeks": (0, 520), "pain_score": (0, 10)}
# The date is asked as three boxes, so its hint describes them (rules.questions describes the ISO form).
DATE_HINT = "For example, 27 3 1948"


class DateParts(Form):
    """Day, month and year boxes, posted as date_of_birth-day, date_of_birth-month, date_of_birth-year."""

    day = StringField("Day")
    month = StringField("Month")
    year = StringField("Year")


def _field(question: Question):
    if question.name == "date_of_birth":
        return FormField(DateParts, label=question.text)
    # The validator, not WTForms, judges the values (validate_choice=False): one set of rules, one message.
    choices = [SelectChoice(value, label) for value, label in question.choices]
    if question.many:
        return SelectMultipleField(
            question.text, choices=[*choices, SelectChoice(NONE, NONE_OF_THESE)], validate_choice=False
        )
    if question.choices:
        return RadioField(question.text, choices=choices, validate_choice=False)
    if TEXT_INPUTS.get(question.name, {}).get("kind") == "textarea":
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
        if q.name == "date_of_birth":
            born = date.fromisoformat(value)
            value = {"day": str(born.day), "month": str(born.month), "year": str(born.year)}
        elif q.many and q.required and value == []:
            value = [NONE]
        elif q.name in NUMBERS:
            value = str(value)
        data[q.name] = value
    return data


def _date_from_parts(parts: dict) -> tuple[str | None, str | None]:
    texts = [str(parts.get(key) or "").strip() for key in ("day", "month", "year")]
    if not any(texts):
        return None, None
    if not all(texts):
        return None, "Date of birth must include a day, a month and a year"
    if not all(text.isascii() and text.isdigit() for text in texts):
        return None, f"Date of birth must be written in numbers. {DATE_HINT}"
    if len(texts[2]) != 4:
        return None, "Year must have 4 numbers, for example 1948"
    try:
        return date(int(texts[2]), int(texts[1]), int(texts[0])).isoformat(), None
    except ValueError:
        return None, f"Date of birth must be a real date. {DATE_HINT}"


def step_answers(step: Step, form: FlaskForm) -> tuple[dict, dict[str, str]]:
    """The step's posted answers, JSON-shaped for parse_answers, and problems only the form can see."""
    values: dict = {}
    problems: dict[str, str] = {}
    for q in step.questions:
        data = form[q.name].data
        if q.name == "date_of_birth":
            iso, problem = _date_from_parts(data or {})
            if problem:
                problems[q.name] = problem
            elif iso:
                values[q.name] = iso
        elif q.many:
            chosen = [value for value in dict.fromkeys(data or [])]
            if NONE in chosen and len(chosen) > 1:
                problems[q.name] = f"Choose the ones that apply, or “{NONE_OF_THESE}”, not both"
            elif chosen or not q.required:
                values[q.name] = [value for value in chosen if value != NONE]
        elif q.name in NUMBERS:
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
