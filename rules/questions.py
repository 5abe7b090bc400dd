"""The questionnaire as data: steps, the plain-language questions and the words for each value.

A question's kind, choices, whether it is required and its limits come from the answer schema
(rules.answers); this table adds only what the patient and the doctor read.
"""

from datetime import date

from rules.checks import age_on
from rules.questionnaire import Question, Step, ask
from rules.words import ENGLISH, N_, Nn_, Translator

__all__ = ["NONE_OF_THESE", "QUESTIONS", "STEPS", "Question", "Step", "ask", "value_words", "with_skipped"]


YES_NO = {"yes": N_("Yes"), "no": N_("No")}
YES_NO_UNSURE = {**YES_NO, "unsure": N_("I don't know")}
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
        N_("About you"),
        (
            ask("full_name", N_("Your full name"), N_("Name"), autocomplete="name"),
            ask("date_of_birth", N_("Date of birth"), N_("Date of birth"), hint=N_("For example, 27 3 1948")),
            ask(
                "phone",
                N_("A phone number we can call you on"),
                N_("Phone"),
                hint=N_("For example, 07700 900123. We only use it to talk to you about your visit."),
                autocomplete="tel",
                inputmode="tel",
            ),
        ),
    ),
    Step(
        "broken-bone",
        N_("Your back bone"),
        (
            ask(
                "fracture_confirmed",
                N_("Has a doctor told you that a bone in your back is broken or has collapsed?"),
                N_("Fracture confirmed by a doctor or a scan"),
                hint=N_("They may have seen it on an X-ray or a scan."),
                labels=YES_NO_UNSURE,
            ),
        ),
        summary_section=N_("Fracture and pain"),
    ),
    # On a page of its own: it is not asked when no fracture has been found.
    Step(
        "cause",
        N_("What caused it"),
        (
            ask(
                "cause",
                N_("What do you think made the bone break?"),
                N_("Cause (patient's view)"),
                labels={
                    "osteoporosis": N_("Thin, weak bones (osteoporosis)"),
                    "injury": N_("A fall, an accident or an injury"),
                    "cancer": N_("A tumour or cancer"),
                    "unknown": N_("I don't know"),
                },
                asked_when=_fracture_not_ruled_out,
                skipped_value="unknown",
            ),
        ),
        summary_section=N_("Fracture and pain"),
    ),
    Step(
        "your-pain",
        N_("Your back pain"),
        (
            ask(
                "pain_weeks",
                N_("How long have you had this back pain?"),
                N_("Back pain for"),
                hint=N_("Write 0 if it is less than a week."),
                in_months_too=True,
                unit="weeks",
            ),
            ask(
                "pain_score",
                N_("How bad has the pain been at its worst in the last week?"),
                N_("Worst pain in the last week"),
                hint=N_("0 means no pain. 10 means the worst pain you can imagine."),
                scale=(N_("No pain"), N_("Worst pain you can imagine")),
                unit="out of 10",
            ),
            ask(
                "load_pain",
                N_("Does the pain get worse when you stand up, carry something, or get out of bed?"),
                N_("Worse when standing, carrying or getting up"),
                labels=YES_NO,
            ),
        ),
        summary_section=N_("Fracture and pain"),
    ),
    Step(
        "legs-and-back",
        N_("Your legs and your back"),
        (
            ask(
                "nerve_symptoms",
                N_("Since the pain began, have you had any of these?"),
                N_("Nerve symptoms since the pain began"),
                hint=N_("Choose all that apply."),
                labels={
                    "numbness": N_("Numbness or tingling in the legs"),
                    "weakness": N_("Weakness in the legs"),
                    "coordination": N_("Trouble keeping your balance, or walking unsteadily"),
                    "bladder_bowel": N_("New loss of bladder or bowel control"),
                },
            ),
            ask(
                "deformity",
                N_("Since the pain began, has your back become more bent forward?"),
                N_("Back more curved or lost height"),
                hint=N_("For example, you stoop more, or you have got shorter."),
                labels=YES_NO_UNSURE,
            ),
        ),
        summary_section=N_("Nerves and posture"),
    ),
    Step(
        "treatments-and-medicines",
        N_("Treatments and medicines"),
        (
            ask(
                "treatments_tried",
                N_("What have you already tried for the pain?"),
                N_("Treatments already tried"),
                hint=N_("Choose all that apply, or none."),
                labels={
                    "rest": N_("Rest"),
                    "pain_medication": N_("Pain medicine"),
                    "brace": N_("A back brace"),
                    "physiotherapy": N_("Physiotherapy (exercises with a therapist)"),
                },
            ),
            ask(
                "blood_thinners",
                N_("Do you take medicine that thins your blood?"),
                N_("Takes blood thinners"),
                hint=N_("For example warfarin, apixaban, clopidogrel or an aspirin every day."),
                labels=YES_NO_UNSURE,
            ),
            ask(
                "allergies",
                N_("Are you allergic to any medicines or anything else?"),
                N_("Allergies"),
                hint=N_(
                    "For example penicillin, latex, or the dye used for some X-rays and scans. "
                    "Leave this empty if you have no allergies."
                ),
            ),
        ),
        summary_section=N_("Treatments and health"),
    ),
    Step(
        "health-now",
        N_("Your health now"),
        (
            ask(
                "fever_or_infection",
                N_("Do you have a fever or an infection now?"),
                N_("Fever or infection now"),
                hint=N_("For example, you feel very hot, or you have a chest or urine infection."),
                labels=YES_NO,
            ),
            ask(
                "pregnant",
                N_("Are you pregnant, or could you be pregnant?"),
                N_("Pregnant or could be"),
                hint=N_("We ask because some X-rays are not safe in pregnancy."),
                labels={"yes": N_("Yes"), "no": N_("No"), "not_applicable": N_("This does not apply to me")},
                asked_when=_young_enough_for_pregnancy,
                skipped_value="not_applicable",
            ),
        ),
        summary_section=N_("Treatments and health"),
    ),
    Step(
        "if-you-need-treatment",
        N_("If the doctor suggests a treatment"),
        (
            ask(
                "can_lie_flat",
                N_("Could you lie on your front (on your tummy) for about an hour?"),
                N_("Can lie on the front for an hour"),
                labels=YES_NO,
            ),
            ask(
                "escort_home",
                N_("If you have a treatment at the clinic, could someone take you home afterwards?"),
                N_("Someone can take them home"),
                hint=N_("You would not be allowed to drive that day."),
                labels=YES_NO,
            ),
        ),
        summary_section=N_("If a procedure is planned"),
    ),
)

QUESTIONS = {q.name: q for step in STEPS for q in step.questions}
NONE_OF_THESE = N_("None of these")
NONE = N_("None")
NONE_GIVEN = N_("None given")
# Between the answers of a list ("Rest, Pain medicine"): Arabic uses its own comma.
LIST_SEPARATOR = N_(", ")
LESS_THAN_A_WEEK = N_("Less than a week")
# How a number reads with its unit; %(num)d is the number (plural forms come from the catalogue).
WEEKS = Nn_("%(num)d week", "%(num)d weeks")
OUT_OF_TEN = N_("%(num)d out of 10")


def _with_unit(value: int, unit: str, words: Translator) -> str:
    if unit == "weeks":
        if value == 0:
            return words.gettext(LESS_THAN_A_WEEK)
        return words.ngettext(*WEEKS, value) % {"num": value}
    if unit == "out of 10":
        return words.gettext(OUT_OF_TEN) % {"num": value}
    return f"{value} {unit}"


def with_skipped(flat: dict) -> dict:
    """Flat answers with every question that is not asked (given the others) set to its skipped value."""
    filled = dict(flat)
    for question in QUESTIONS.values():
        if not question.applies(flat):
            filled[question.name] = question.skipped_value
    return filled


def value_words(name: str, value: object, words: Translator = ENGLISH) -> str:
    """An answer in plain words, as the doctor reads it (never the schema's spelling), in `words`' language.

    Tolerant of answers stored under an older questionnaire: an unknown field or value is shown
    as it was stored rather than refused.
    """
    question = QUESTIONS.get(name)
    labels = {value: words.gettext(label) for value, label in question.choices} if question else {}
    if isinstance(value, list):
        if not value:
            # "None of these" is what a required list's patient ticked; an optional one may be skipped.
            return words.gettext(NONE_OF_THESE if question is None or question.required else NONE)
        return words.gettext(LIST_SEPARATOR).join(labels.get(v, str(v)) for v in value)
    if question is not None and question.unit and isinstance(value, int) and not isinstance(value, bool):
        return _with_unit(value, question.unit, words)
    if value in ("", None):
        return words.gettext(NONE_GIVEN)
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)
