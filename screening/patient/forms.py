"""The step forms, built from rules.questions.STEPS, and the translation between form and answers."""

from flask_wtf import FlaskForm
from wtforms import (
    FormField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

from rules.checks import ascii_digits, whole_number
from rules.questions import NONE_OF_THESE, Question, Step
from rules.schema import DATE, LONG_TEXT, NUMBER
from screening.patient import parts

NONE = "none"
NONE_AND_OTHERS = "none_and_others"


def _field(question: Question):
    if question.kind == DATE:
        return FormField(parts.DateParts, label=question.text)
    if question.in_months_too:
        return FormField(parts.DurationParts, label=question.text)
    if question.scale:
        points = range(question.spec.low, question.spec.high + 1)
        choices = [SelectChoice(str(point), str(point)) for point in points]
        return RadioField(question.text, choices=choices, validate_choice=False)
    # The validator, not WTForms, judges the values (validate_choice=False): one set of rules, one message.
    choices = [SelectChoice(value, label) for value, label in question.choices]
    if question.many:
        # "None of these" is a choice of its own only where an answer is required.
        none = [SelectChoice(NONE, NONE_OF_THESE)] if question.required else []
        return SelectMultipleField(question.text, choices=[*choices, *none], validate_choice=False)
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
            value = parts.date_parts(value)
        elif q.in_months_too:
            value = parts.duration_parts(value)
        elif q.many and q.required and value == []:
            value = [NONE]
        elif q.kind == NUMBER:
            value = str(value)
        data[q.name] = value
    return data


def step_answers(step: Step, form: FlaskForm, saved: dict) -> tuple[dict, dict[str, str]]:
    """The step's posted answers, JSON-shaped for parse_answers, and problems only the form sees, by kind."""
    values: dict = {}
    problems: dict[str, str] = {}
    for q in step.questions:
        if not q.applies(saved):
            continue
        data = form[q.name].data
        if q.kind == DATE or q.in_months_too:
            if q.kind == DATE:
                value, problem = parts.date_from_parts(data or {})
            else:
                value, problem = parts.weeks_from_parts(data or {}, q.spec.high)
            if problem:
                problems[q.name] = problem
            elif value is not None:
                values[q.name] = value
        elif q.many:
            chosen = [value for value in dict.fromkeys(data or [])]
            if NONE in chosen and len(chosen) > 1:
                problems[q.name] = NONE_AND_OTHERS
            elif chosen or not q.required:
                values[q.name] = [value for value in chosen if value != NONE]
        elif q.kind == NUMBER:
            text = (data or "").strip()
            if text:
                # Digits (ASCII or Arabic-Indic) become a number; anything else goes on as text, for
                # the validator to refuse.
                number = whole_number(text, most_digits=6)
                values[q.name] = text if number is None else number
        elif q.choices:
            if data:
                values[q.name] = data
        else:
            # Trimmed as the validator trims them, so the review shows what will be stored.
            text = (data or "").strip()
            if q.inputmode == "tel":
                # A phone number typed in Arabic-Indic digits is stored (and dialled) in ASCII.
                text = ascii_digits(text)
            if text or not q.required:
                values[q.name] = text
    return values, problems
