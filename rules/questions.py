"""The questionnaire as data: steps, the plain-language questions and the words for each value.

A question's kind, choices, whether it is required and its limits come from the answer schema
(rules.answers); this table adds only what the patient and the doctor read.
"""

from datetime import date

from rules.checks import age_on
from rules.questionnaire import Question, Step, ask

__all__ = ["NONE_OF_THESE", "QUESTIONS", "STEPS", "Question", "Step", "ask", "value_words", "with_skipped"]


YES_NO = {"yes": "Yes", "no": "No"}
YES_NO_UNSURE = {**YES_NO, "unsure": "I don't know"}
# Pregnancy is asked only of people young enough for it to apply (kindly: with a way to say no).
PREGNANCY_ASKED_UNDER_AGE = 60


def _fracture_not_ruled_out(answers: dict) -> bool:
    return answers.get("fracture_confirmed") != "no"


def _young_enough_for_pregnancy(answers: dict) -> bool:
    try:
        born = date.fromisoformat(answers.get("date_of_birth", ""))
    except (TypeError, ValueError):
        return True
    return age_on(born, date.today()) < PREGNANCY_ASKED_UNDER_AGE


STEPS = (
    Step(
        "about-you",
        "About you",
        (
            ask("full_name", "Your full name", "Name", autocomplete="name"),
            ask("date_of_birth", "Date of birth", "Date of birth", hint="For example, 27 3 1948"),
            ask(
                "phone",
                "A phone number we can call you on",
                "Phone",
                hint="For example, 07700 900123. We only use it to talk to you about your visit.",
                autocomplete="tel",
                inputmode="tel",
            ),
        ),
    ),
    Step(
        "broken-bone",
        "Your back bone",
        (
            ask(
                "fracture_confirmed",
                "Has a doctor told you that a bone in your back is broken or has collapsed?",
                "Fracture confirmed by a doctor or a scan",
                hint="They may have seen it on an X-ray or a scan.",
                labels=YES_NO_UNSURE,
            ),
        ),
        summary_section="Fracture and pain",
    ),
    # On a page of its own: it is not asked when no fracture has been found.
    Step(
        "cause",
        "What caused it",
        (
            ask(
                "cause",
                "What do you think made the bone break?",
                "Cause (patient's view)",
                labels={
                    "osteoporosis": "Thin, weak bones (osteoporosis)",
                    "injury": "A fall, an accident or an injury",
                    "cancer": "A tumour or cancer",
                    "unknown": "I don't know",
                },
                asked_when=_fracture_not_ruled_out,
                skipped_value="unknown",
            ),
        ),
        summary_section="Fracture and pain",
    ),
    Step(
        "your-pain",
        "Your back pain",
        (
            ask(
                "pain_weeks",
                "How long have you had this back pain?",
                "Back pain for",
                hint="Write 0 if it is less than a week.",
                in_months_too=True,
                unit="weeks",
            ),
            ask(
                "pain_score",
                "How bad has the pain been at its worst in the last week?",
                "Worst pain in the last week",
                hint="0 means no pain. 10 means the worst pain you can imagine.",
                scale=("No pain", "Worst pain you can imagine"),
                unit="out of 10",
            ),
            ask(
                "load_pain",
                "Does the pain get worse when you stand up, carry something, or get out of bed?",
                "Worse when standing, carrying or getting up",
                labels=YES_NO,
            ),
        ),
        summary_section="Fracture and pain",
    ),
    Step(
        "legs-and-back",
        "Your legs and your back",
        (
            ask(
                "nerve_symptoms",
                "Since the pain began, have you had any of these?",
                "Nerve symptoms since the pain began",
                hint="Choose all that apply.",
                labels={
                    "numbness": "Numbness or tingling in the legs",
                    "weakness": "Weakness in the legs",
                    "coordination": "Trouble keeping your balance, or walking unsteadily",
                    "bladder_bowel": "New loss of bladder or bowel control",
                },
            ),
            ask(
                "deformity",
                "Since the pain began, has your back become more bent forward?",
                "Back more curved or lost height",
                hint="For example, you stoop more, or you have got shorter.",
                labels=YES_NO_UNSURE,
            ),
        ),
        summary_section="Nerves and posture",
    ),
    Step(
        "treatments-and-medicines",
        "Treatments and medicines",
        (
            ask(
                "treatments_tried",
                "What have you already tried for the pain?",
                "Treatments already tried",
                hint="Choose all that apply, or none.",
                labels={
                    "rest": "Rest",
                    "pain_medication": "Pain medicine",
                    "brace": "A back brace",
                    "physiotherapy": "Physiotherapy",
                },
            ),
            ask(
                "blood_thinners",
                "Do you take medicine that thins your blood?",
                "Takes blood thinners",
                hint="For example warfarin, apixaban, clopidogrel or an aspirin every day.",
                labels=YES_NO_UNSURE,
            ),
            ask(
                "allergies",
                "Are you allergic to any medicines or anything else?",
                "Allergies",
                hint="For example penicillin, latex, or the dye used for some X-rays and scans. "
                "Leave this empty if you have no allergies.",
            ),
        ),
        summary_section="Treatments and health",
    ),
    Step(
        "health-now",
        "Your health now",
        (
            ask(
                "fever_or_infection",
                "Do you have a fever or an infection at the moment?",
                "Fever or infection now",
                labels=YES_NO,
            ),
            ask(
                "pregnant",
                "Are you pregnant, or could you be pregnant?",
                "Pregnant or could be",
                hint="We ask because some X-rays are not safe in pregnancy.",
                labels={"yes": "Yes", "no": "No", "not_applicable": "This does not apply to me"},
                asked_when=_young_enough_for_pregnancy,
                skipped_value="not_applicable",
            ),
        ),
        summary_section="Treatments and health",
    ),
    Step(
        "if-you-need-treatment",
        "If the doctor suggests a treatment",
        (
            ask(
                "can_lie_flat",
                "Could you lie on your front (on your tummy) for about an hour?",
                "Can lie on the front for an hour",
                labels=YES_NO,
            ),
            ask(
                "escort_home",
                "If you have a treatment at the clinic, could someone take you home afterwards?",
                "Someone can take them home",
                hint="You would not be allowed to drive that day.",
                labels=YES_NO,
            ),
        ),
        summary_section="If a procedure is planned",
    ),
)

QUESTIONS = {q.name: q for step in STEPS for q in step.questions}
NONE_OF_THESE = "None of these"
NONE = "None"


def _with_unit(value: int, unit: str) -> str:
    if unit == "weeks":
        return "Less than a week" if value == 0 else f"{value} week{'' if value == 1 else 's'}"
    return f"{value} {unit}"


def with_skipped(flat: dict) -> dict:
    """Flat answers with every question that is not asked (given the others) set to its skipped value."""
    filled = dict(flat)
    for question in QUESTIONS.values():
        if not question.applies(flat):
            filled[question.name] = question.skipped_value
    return filled


def value_words(name: str, value: object) -> str:
    """An answer in plain words, as the doctor reads it (never the schema's spelling).

    Tolerant of answers stored under an older questionnaire: an unknown field or value is shown
    as it was stored rather than refused.
    """
    question = QUESTIONS.get(name)
    labels = dict(question.choices) if question else {}
    if isinstance(value, list):
        if not value:
            # "None of these" is what a required list's patient ticked; an optional one may be skipped.
            return NONE_OF_THESE if question is None or question.required else NONE
        return ", ".join(labels.get(v, str(v)) for v in value)
    if question is not None and question.unit and isinstance(value, int) and not isinstance(value, bool):
        return _with_unit(value, question.unit)
    if value in ("", None):
        return "None given"
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)
