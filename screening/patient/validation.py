"""Checking a patient's answers with the one shared validator, rules.parse_answers, in patient words."""

from rules import Answers, AnswersError, parse_answers
from rules.answers import PATIENT_FIELDS
from rules.questions import QUESTIONS, Step, with_skipped
from screening.patient.messages import patient_message


def answers_object(flat: dict) -> dict:
    """Flat saved answers nested as the schema has them (name, date of birth and phone under patient)."""
    flat = with_skipped(flat)
    nested = {name: value for name, value in flat.items() if name not in PATIENT_FIELDS}
    patient = {name: flat[name] for name in PATIENT_FIELDS if name in flat}
    if patient:
        nested["patient"] = patient
    return nested


def _problems(error: AnswersError) -> dict[str, str]:
    """The validator's problems keyed by flat form field name (patient.full_name -> full_name)."""
    found: dict[str, str] = {}
    for problem in error.problems:
        question = QUESTIONS.get(problem.flat)
        if question is not None and problem.flat not in found:
            found[problem.flat] = patient_message(question, problem.kind, problem.params)
    return found


def check_step(step: Step, saved: dict, values: dict, form_problems: dict[str, str]) -> dict[str, str]:
    """Problems with one step's answers (checked together with those saved), in question order.

    `form_problems` are the kinds of problem only the form can see, by field.
    """
    problems = {name: patient_message(QUESTIONS[name], kind) for name, kind in form_problems.items()}
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
        found = _problems(error)
        if not found:
            name = QUESTIONS["full_name"]
            found = {"full_name": patient_message(name, "missing")}
        return None, found
