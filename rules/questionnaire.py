"""What a question and a step are: each question's kind, choices and limits read off the answer schema."""

from collections.abc import Callable
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
    # A number asked as a row of buttons, with the words at its two ends.
    scale: tuple[str, str] = ()
    # A number of weeks the patient may give in months instead.
    in_months_too: bool = False
    # Asked only when this holds of the answers so far; otherwise stored as `skipped_value`.
    asked_when: Callable[[dict], bool] | None = None
    skipped_value: object = None
    # How the doctor and the check-your-answers page read a number: "{} weeks", "{} out of 10".
    unit: str = ""

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

    def applies(self, answers: dict) -> bool:
        """True when the question is asked, given the (flat) answers so far."""
        return self.asked_when is None or self.asked_when(answers)


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
    # The heading the doctor's summary lists this step's answers under (short steps share one).
    summary_section: str = ""

    @property
    def section(self) -> str:
        """The summary's heading for this step's answers."""
        return self.summary_section or self.title
