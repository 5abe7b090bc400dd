"""The questionnaire as data: steps, the plain-language questions and the words for each value.

A question's kind, choices, whether it is required and its limits come from the answer schema
(rules.answers); this table adds only what the patient and the doctor read.
"""

from dataclasses import dataclass, field

from rules.answers import SPECS
from rules.schema import MANY, FieldSpec


@dataclass(frozen=True)
class Question:
    """One question: the schema field it fills, what the patient reads, how the doctor reads it."""

    name: str
    text: str
    summary: str
    spec: FieldSpec
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    autocomplete: str = ""
    inputmode: str = ""

    @property
    def kind(self) -> str:
        """choice, many, number, date, text or long_text, as the schema declares the field."""
        return self.spec.kind

    @property
    def many(self) -> bool:
        """True when several answers may be chosen."""
        return self.spec.kind == MANY

    @property
    def required(self) -> bool:
        """True when the schema requires an answer."""
        return self.spec.required


def ask(
    name: str,
    text: str,
    summary: str,
    *,
    labels: dict[str, str] | None = None,
    specs: dict[str, FieldSpec] = SPECS,
    **extra,
) -> Question:
    """A question for the schema field `name` (flat or dotted), with a label for each allowed value."""
    spec = specs[name] if name in specs else specs[f"patient.{name}"]
    labels = labels or {}
    if set(labels) != set(spec.choices):
        raise ValueError(
            f"{name}: labels {sorted(labels)} must match the schema's values {sorted(spec.choices)}"
        )
    choices = tuple((value, labels[value]) for value in spec.choices)
    return Question(spec.flat, text, summary, spec, choices=choices, **extra)


@dataclass(frozen=True)
class Step:
    """One page of the questionnaire: one topic."""

    slug: str
    title: str
    questions: tuple[Question, ...] = field(default_factory=tuple)


YES_NO = {"yes": "Yes", "no": "No"}
YES_NO_UNSURE = {**YES_NO, "unsure": "I don't know"}

STEPS = (
    Step(
        "about-you",
        "About you",
        (
            ask("full_name", "Your full name", "Name", autocomplete="name"),
            ask("date_of_birth", "Date of birth", "Date of birth", hint="For example, 27 3 1948"),
            ask(
                "phone",
                "Phone number the clinic can call",
                "Phone",
                hint="Optional. Digits, spaces and + - ( ) only.",
                autocomplete="tel",
                inputmode="tel",
            ),
        ),
    ),
    Step(
        "fracture-and-pain",
        "Your fracture and your pain",
        (
            ask(
                "fracture_confirmed",
                "Has a doctor or an X-ray, MRI or CT scan told you that a bone in your spine "
                "(a vertebra) is broken or collapsed?",
                "Fracture confirmed by a doctor or a scan",
                labels=YES_NO_UNSURE,
            ),
            ask(
                "cause",
                "What do you think caused it?",
                "Cause (patient's view)",
                labels={
                    "osteoporosis": "Thin bones (osteoporosis)",
                    "injury": "A fall, accident or injury",
                    "cancer": "A tumour or cancer",
                    "unknown": "I don't know",
                },
            ),
            ask(
                "pain_weeks",
                "For how many weeks have you had this back pain?",
                "Weeks of back pain",
                hint="Write 0 if it is less than a week.",
            ),
            ask(
                "pain_score",
                "How bad is the pain at its worst in the last week?",
                "Worst pain in the last week (0-10)",
                hint="0 means no pain, 10 means the worst pain you can imagine.",
            ),
            ask(
                "load_pain",
                "Does the pain get worse when you stand, carry something, or get up from bed?",
                "Worse when standing, carrying or getting up",
                labels=YES_NO,
            ),
        ),
    ),
    Step(
        "nerves-and-posture",
        "Nerve symptoms and posture",
        (
            ask(
                "nerve_symptoms",
                "Since the pain began, have you had any of these?",
                "Nerve symptoms since the pain began",
                hint="Choose all that apply.",
                labels={
                    "numbness": "Numbness or tingling in the legs",
                    "weakness": "Weakness in the legs",
                    "coordination": "Trouble with balance or coordination",
                    "bladder_bowel": "New loss of bladder or bowel control",
                },
            ),
            ask(
                "deformity",
                "Has your back become more curved or hunched, or have you lost height, since the pain began?",
                "Back more curved or lost height",
                labels=YES_NO_UNSURE,
            ),
        ),
    ),
    Step(
        "treatments-and-medicines",
        "Treatments and medicines",
        (
            ask(
                "treatments_tried",
                "What have you already tried for the pain?",
                "Treatments already tried",
                hint="Choose all that apply.",
                labels={
                    "rest": "Rest",
                    "pain_medication": "Pain medicine",
                    "brace": "A back brace",
                    "physiotherapy": "Physiotherapy",
                },
            ),
            ask(
                "blood_thinners",
                "Do you take medicine that thins the blood?",
                "Takes blood thinners",
                hint="For example warfarin, apixaban, clopidogrel or a daily aspirin.",
                labels=YES_NO_UNSURE,
            ),
            ask(
                "allergies",
                "Allergies to medicines, contrast dye, or anything else",
                "Allergies",
                hint="Optional. Leave empty if you have none.",
            ),
            ask(
                "fever_or_infection",
                "Do you have a fever or an infection now?",
                "Fever or infection now",
                labels=YES_NO,
            ),
            ask(
                "pregnant",
                "Are you or could you be pregnant?",
                "Pregnant or could be",
                labels={**YES_NO, "not_applicable": "Does not apply to me"},
            ),
        ),
    ),
    Step(
        "procedure-day",
        "The day of the procedure",
        (
            ask(
                "can_lie_flat",
                "Could you lie on your front for about an hour?",
                "Can lie on the front for an hour",
                labels=YES_NO,
            ),
            ask(
                "escort_home",
                "On the day of the procedure, can someone take you home? You should not drive that day.",
                "Someone can take them home",
                labels=YES_NO,
            ),
        ),
    ),
)

QUESTIONS = {q.name: q for step in STEPS for q in step.questions}
NONE_OF_THESE = "None of these"


def value_words(name: str, value: object) -> str:
    """An answer in plain words, as the doctor reads it (never the schema's spelling).

    Tolerant of answers stored under an older questionnaire: an unknown field or value is shown
    as it was stored rather than refused.
    """
    question = QUESTIONS.get(name)
    labels = dict(question.choices) if question else {}
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value) if value else NONE_OF_THESE
    if value in ("", None):
        return "None given"
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)
