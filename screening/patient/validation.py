"""Checking a patient's answers with the one shared validator, rules.parse_answers, in patient words."""

from rules import Answers, AnswersError, parse_answers
from rules.answers import ALLOWED
from rules.questions import NONE_OF_THESE, QUESTIONS, Question, Step
from screening.patient.forms import NUMBERS

PATIENT_FIELDS = ("full_name", "date_of_birth", "phone")
MISSING_TEXT = {"full_name": "Enter your full name", "date_of_birth": "Enter your date of birth"}


def answers_object(flat: dict) -> dict:
    """Flat saved answers nested as the schema has them (name, date of birth and phone under patient)."""
    nested = {name: value for name, value in flat.items() if name not in PATIENT_FIELDS}
    patient = {name: flat[name] for name in PATIENT_FIELDS if name in flat}
    if patient:
        nested["patient"] = patient
    return nested


def patient_message(question: Question, message: str) -> str:
    """The validator's message for a field, reworded for a patient (no schema spellings)."""
    if question.name in NUMBERS:
        return "Enter " + ALLOWED[question.name]
    if message.startswith(("is required", "got ")):
        if question.many:
            return f"Choose the ones that apply, or “{NONE_OF_THESE}”"
        if question.choices:
            labels = [label for _value, label in question.choices]
            if len(labels) > 3:
                return "Choose one of the answers"
            return "Choose " + ", ".join(labels[:-1]) + " or " + labels[-1]
        return MISSING_TEXT.get(question.name, "Answer this question")
    return f"{question.summary} {message.split(' (got ')[0]}"


def summary_line(question: Question, message: str) -> str:
    """The error summary's line: generic messages ("Choose Yes or No") are prefixed with the question."""
    if question.choices or question.name in NUMBERS:
        return f"{question.text} – {message}"
    return message


def _problems(error: AnswersError) -> dict[str, str]:
    """The validator's problems keyed by flat form field name (patient.full_name -> full_name)."""
    found: dict[str, str] = {}
    for field, message in error.by_field().items():
        name = field.removeprefix("patient.").split("[")[0]
        if name in QUESTIONS:
            found.setdefault(name, patient_message(QUESTIONS[name], message))
    return found


def check_step(step: Step, saved: dict, values: dict, form_problems: dict[str, str]) -> dict[str, str]:
    """Problems with one step's answers (checked together with those saved), in question order."""
    problems = dict(form_problems)
    try:
        parse_answers(answers_object({**saved, **values}))
    except AnswersError as error:
        for name, message in _problems(error).items():
            problems.setdefault(name, message)
    return {q.name: problems[q.name] for q in step.questions if q.name in problems}


def check_all(saved: dict) -> tuple[Answers | None, dict[str, str]]:
    """The whole questionnaire validated for submission, or the problems found, per field."""
    try:
        return parse_answers(answers_object(saved), require_patient=True), {}
    except AnswersError as error:
        return None, _problems(error) or {"full_name": MISSING_TEXT["full_name"]}
