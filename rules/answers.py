"""The answer schema v1 (spec §1): one typed value, each field's limits declared once, one validator."""

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from rules import checks
from rules import problems as kinds
from rules.checks import MAX_AGE_YEARS
from rules.problems import Problem, shown
from rules.schema import Described, LongText, field_specs
from rules.words import N_

SCHEMA_VERSION = "1"

YesNo = Literal["yes", "no"]
YesNoUnsure = Literal["yes", "no", "unsure"]
Cause = Literal["osteoporosis", "injury", "cancer", "unknown"]
Pregnant = Literal["yes", "no", "not_applicable"]
NerveSymptom = Literal["numbness", "weakness", "coordination", "bladder_bowel"]
Treatment = Literal["rest", "pain_medication", "brace", "physiotherapy"]

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(checks.no_control),
    AfterValidator(checks.no_direction_controls),
]
BirthDate = Annotated[
    date,
    BeforeValidator(checks.iso_date),
    AfterValidator(checks.lived),
    Described(f"a real date written YYYY-MM-DD, not in the future, age at most {MAX_AGE_YEARS}"),
]
Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=30, pattern=r"^[0-9 +\-()]*$"),
    Described(N_("at most 30 characters of digits, spaces and + - ( )")),
]
Score = Annotated[int, Field(ge=0, le=10)]
Weeks = Annotated[int, Field(ge=0, le=520)]
LongAnswer = Annotated[
    str,
    BeforeValidator(checks.unix_newlines),
    StringConstraints(strip_whitespace=True, max_length=500),
    AfterValidator(checks.no_control_except_newline),
    LongText(),
]


class Patient(BaseModel):
    """Who the answers belong to."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    full_name: Name
    date_of_birth: BirthDate
    phone: Phone = ""


class Answers(BaseModel):
    """One patient's answers, validated: the single value that flows to rules, storage and PDF."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    patient: Annotated[
        Patient | None, Described("an object with full_name, date_of_birth and optionally phone")
    ] = None
    fracture_confirmed: YesNoUnsure
    cause: Cause
    pain_weeks: Weeks
    pain_score: Score
    load_pain: YesNo
    nerve_symptoms: Annotated[list[NerveSymptom], AfterValidator(checks.unique)]
    deformity: YesNoUnsure
    treatments_tried: Annotated[list[Treatment], AfterValidator(checks.unique)] = []
    blood_thinners: YesNoUnsure
    fever_or_infection: YesNo
    pregnant: Pregnant
    allergies: LongAnswer = ""
    can_lie_flat: YesNo
    escort_home: YesNo


SPECS = field_specs(Answers)
FIELDS = tuple(name for name in Answers.model_fields if name != "patient")
PATIENT_FIELDS = tuple(Patient.model_fields)


class AnswersError(ValueError):
    """Every problem found in one set of answers, each a typed Problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(self.lines()))

    def lines(self) -> list[str]:
        """One English line per problem, field first (what the CLI prints)."""
        return [f"{problem.field}: {problem.english()}" for problem in self.problems]

    def by_field(self) -> dict[str, str]:
        """The first English message for each field, keyed by the field's dotted name."""
        found: dict[str, str] = {}
        for problem in self.problems:
            found.setdefault(problem.field, problem.english())
        return found


def parse_answers(data: object, *, require_patient: bool = False) -> Answers:
    """Validate JSON-shaped data into Answers, or raise AnswersError listing every problem."""
    try:
        answers = Answers.model_validate(data)
    except ValidationError as error:
        raise AnswersError(problems_from(error, SPECS)) from None
    if require_patient and answers.patient is None:
        raise AnswersError([missing_patient()])
    return answers


def missing_patient() -> Problem:
    """The problem of answers submitted without the patient's details."""
    return Problem("patient", kinds.MISSING, {"allowed": SPECS["patient"].allowed()})


def problems_from(error: ValidationError, specs: dict) -> list[Problem]:
    """pydantic's errors as typed Problems, each with what its field allows (from `specs`)."""
    return [_problem(detail, specs) for detail in error.errors()]


def _problem(error: dict, specs: dict) -> Problem:
    loc = error["loc"]
    name = ".".join(str(part) for part in loc if isinstance(part, str)) or "answers"
    field = name + "".join(f"[{part}]" for part in loc if isinstance(part, int))
    spec = specs.get(name)
    kind = kinds.PYDANTIC_KINDS.get(error["type"], error["type"])
    if kind not in kinds.KINDS:
        kind = kinds.NOT_ALLOWED
    if name == "answers" or (spec is not None and spec.kind == "object" and kind != kinds.MISSING):
        kind = kinds.NOT_AN_OBJECT
    params = dict(error.get("ctx") or {})
    value = error.get("input")
    params.update(got=shown(value), allowed=spec.allowed() if spec else "")
    if isinstance(value, str):
        params["length"] = len(value)
    if spec is not None:
        params.update(low=spec.low, high=spec.high, max_length=spec.max_length, min_length=spec.min_length)
    return Problem(field, kind, params)
