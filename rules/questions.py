"""The questionnaire as data: steps, the plain-language questions and the words for each value."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Question:
    """One question: the schema field it fills, what the patient reads, how the doctor reads it."""

    name: str
    text: str
    summary: str
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    many: bool = False
    required: bool = True


@dataclass(frozen=True)
class Step:
    """One page of the questionnaire: one topic."""

    slug: str
    title: str
    questions: tuple[Question, ...] = field(default_factory=tuple)


YES_NO = (("yes", "Yes"), ("no", "No"))
YES_NO_UNSURE = (*YES_NO, ("unsure", "I don't know"))

STEPS = (
    Step(
        "about-you",
        "About you",
        (
            Question("full_name", "Your full name", "Name"),
            Question("date_of_birth", "Date of birth", "Date of birth", hint="For example, 1948-03-27"),
            Question(
                "phone",
                "Phone number the clinic can call",
                "Phone",
                hint="Optional. Digits, spaces and + - ( ) only.",
                required=False,
            ),
        ),
    ),
    Step(
        "fracture-and-pain",
        "Your fracture and your pain",
        (
            Question(
                "fracture_confirmed",
                "Has a doctor or an X-ray, MRI or CT scan told you that a bone in your spine "
                "(a vertebra) is broken or collapsed?",
                "Fracture confirmed by a doctor or a scan",
                choices=YES_NO_UNSURE,
            ),
            Question(
                "cause",
                "What do you think caused it?",
                "Cause (patient's view)",
                choices=(
                    ("osteoporosis", "Thin bones (osteoporosis)"),
                    ("injury", "A fall, accident or injury"),
                    ("cancer", "A tumour or cancer"),
                    ("unknown", "I don't know"),
                ),
            ),
            Question(
                "pain_weeks",
                "For how many weeks have you had this back pain?",
                "Weeks of back pain",
                hint="Write 0 if it is less than a week.",
            ),
            Question(
                "pain_score",
                "How bad is the pain at its worst in the last week?",
                "Worst pain in the last week (0-10)",
                hint="0 means no pain, 10 means the worst pain you can imagine.",
            ),
            Question(
                "load_pain",
                "Does the pain get worse when you stand, carry something, or get up from bed?",
                "Worse when standing, carrying or getting up",
                choices=YES_NO,
            ),
        ),
    ),
    Step(
        "nerves-and-posture",
        "Nerve symptoms and posture",
        (
            Question(
                "nerve_symptoms",
                "Since the pain began, have you had any of these?",
                "Nerve symptoms since the pain began",
                hint="Choose all that apply.",
                choices=(
                    ("numbness", "Numbness or tingling in the legs"),
                    ("weakness", "Weakness in the legs"),
                    ("coordination", "Trouble with balance or coordination"),
                    ("bladder_bowel", "New loss of bladder or bowel control"),
                ),
                many=True,
            ),
            Question(
                "deformity",
                "Has your back become more curved or hunched, or have you lost height, since the pain began?",
                "Back more curved or lost height",
                choices=YES_NO_UNSURE,
            ),
        ),
    ),
    Step(
        "treatments-and-medicines",
        "Treatments and medicines",
        (
            Question(
                "treatments_tried",
                "What have you already tried for the pain?",
                "Treatments already tried",
                hint="Choose all that apply.",
                choices=(
                    ("rest", "Rest"),
                    ("pain_medication", "Pain medicine"),
                    ("brace", "A back brace"),
                    ("physiotherapy", "Physiotherapy"),
                ),
                many=True,
                required=False,
            ),
            Question(
                "blood_thinners",
                "Do you take medicine that thins the blood?",
                "Takes blood thinners",
                hint="For example warfarin, apixaban, clopidogrel or a daily aspirin.",
                choices=YES_NO_UNSURE,
            ),
            Question(
                "allergies",
                "Allergies to medicines, contrast dye, or anything else",
                "Allergies",
                hint="Optional. Leave empty if you have none.",
                required=False,
            ),
            Question(
                "fever_or_infection",
                "Do you have a fever or an infection now?",
                "Fever or infection now",
                choices=YES_NO,
            ),
            Question(
                "pregnant",
                "Are you or could you be pregnant?",
                "Pregnant or could be",
                choices=(*YES_NO, ("not_applicable", "Does not apply to me")),
            ),
        ),
    ),
    Step(
        "procedure-day",
        "The day of the procedure",
        (
            Question(
                "can_lie_flat",
                "Could you lie on your front for about an hour?",
                "Can lie on the front for an hour",
                choices=YES_NO,
            ),
            Question(
                "escort_home",
                "On the day of the procedure, can someone take you home? You should not drive that day.",
                "Someone can take them home",
                choices=YES_NO,
            ),
        ),
    ),
)

QUESTIONS = {q.name: q for step in STEPS for q in step.questions}
NONE_OF_THESE = "None of these"


def value_words(name: str, value: object) -> str:
    """An answer in plain words, as the doctor reads it (never the schema's spelling)."""
    question = QUESTIONS[name]
    labels = dict(question.choices)
    if question.many:
        return ", ".join(labels[v] for v in value) if value else NONE_OF_THESE
    if labels:
        return labels[value]
    if value in ("", None):
        return "None given"
    return str(value)
