"""The answer schema v1 (spec §1): one typed value and the one validator every entry point uses."""

import json
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator

YesNo = Literal["yes", "no"]
YesNoUnsure = Literal["yes", "no", "unsure"]
Cause = Literal["osteoporosis", "injury", "cancer", "unknown"]
Pregnant = Literal["yes", "no", "not_applicable"]
NerveSymptom = Literal["numbness", "weakness", "coordination", "bladder_bowel"]
Treatment = Literal["rest", "pain_medication", "brace", "physiotherapy"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PHONE = re.compile(r"[0-9 +\-()]{0,30}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_AGE_YEARS = 120


def _unique(items: list) -> list:
    seen = set()
    for item in items:
        if item in seen:
            raise ValueError(f"lists {item!r} more than once; each value may appear at most once")
        seen.add(item)
    return items


class Patient(BaseModel):
    """Who the answers belong to."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    full_name: str
    date_of_birth: date
    phone: str = ""

    @field_validator("full_name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        value = value.strip()
        if not 1 <= len(value) <= 120 or _CONTROL.search(value):
            raise ValueError("must be 1 to 120 characters after trimming, with no control characters")
        return value

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _parse_date(cls, value: object) -> date:
        if isinstance(value, date):
            return value
        try:
            if not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
                raise ValueError
            born = date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a real date written YYYY-MM-DD") from None
        return born

    @field_validator("date_of_birth")
    @classmethod
    def _check_age(cls, born: date) -> date:
        today = date.today()
        if born > today:
            raise ValueError("must not be in the future")
        if age_on(born, today) > MAX_AGE_YEARS:
            raise ValueError(f"must give an age of at most {MAX_AGE_YEARS} years")
        return born

    @field_validator("phone")
    @classmethod
    def _check_phone(cls, value: str) -> str:
        value = value.strip()
        if not _PHONE.fullmatch(value):
            raise ValueError("must be at most 30 characters of digits, spaces and + - ( )")
        return value


class Answers(BaseModel):
    """One patient's answers, validated: the single value that flows to rules, storage and PDF."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    patient: Patient | None = None
    fracture_confirmed: YesNoUnsure
    cause: Cause
    pain_weeks: Annotated[int, AfterValidator(lambda v: _in_range(v, 0, 520))]
    pain_score: Annotated[int, AfterValidator(lambda v: _in_range(v, 0, 10))]
    load_pain: YesNo
    nerve_symptoms: Annotated[list[NerveSymptom], AfterValidator(_unique)]
    deformity: YesNoUnsure
    treatments_tried: Annotated[list[Treatment], AfterValidator(_unique)] = []
    blood_thinners: YesNoUnsure
    fever_or_infection: YesNo
    pregnant: Pregnant
    allergies: str = ""
    can_lie_flat: YesNo
    escort_home: YesNo

    @field_validator("allergies")
    @classmethod
    def _check_allergies(cls, value: str) -> str:
        # Browsers send a textarea's line breaks as CRLF: stored as LF, and counted as one character.
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(value) > 500 or _CONTROL_EXCEPT_NEWLINE.search(value):
            raise ValueError("must be at most 500 characters, with no control characters")
        return value


def _in_range(value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise ValueError(f"must be a whole number from {low} to {high}")
    return value


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# What each field allows, in the words the error lines use.
ALLOWED = {
    "patient": "an object with full_name, date_of_birth and optionally phone",
    "patient.full_name": "text of 1 to 120 characters",
    "patient.date_of_birth": "a real date written YYYY-MM-DD, not in the future, age at most 120",
    "patient.phone": "at most 30 characters of digits, spaces and + - ( )",
    "fracture_confirmed": "one of yes, no, unsure",
    "cause": "one of osteoporosis, injury, cancer, unknown",
    "pain_weeks": "a whole number from 0 to 520",
    "pain_score": "a whole number from 0 to 10",
    "load_pain": "one of yes, no",
    "nerve_symptoms": "a list of numbness, weakness, coordination, bladder_bowel, each at most once",
    "deformity": "one of yes, no, unsure",
    "treatments_tried": "a list of rest, pain_medication, brace, physiotherapy, each at most once",
    "blood_thinners": "one of yes, no, unsure",
    "fever_or_infection": "one of yes, no",
    "pregnant": "one of yes, no, not_applicable",
    "allergies": "text of at most 500 characters",
    "can_lie_flat": "one of yes, no",
    "escort_home": "one of yes, no",
}
FIELDS = tuple(name for name in Answers.model_fields if name != "patient")
PATIENT_FIELDS = tuple(Patient.model_fields)


class AnswersError(ValueError):
    """Every problem found in one set of answers, each as (field, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems))

    def lines(self) -> list[str]:
        """One line per problem, field first."""
        return [f"{field}: {message}" for field, message in self.problems]

    def by_field(self) -> dict[str, str]:
        """The first message for each field, keyed by the field's dotted name."""
        found: dict[str, str] = {}
        for field, message in self.problems:
            found.setdefault(field, message)
        return found


def parse_answers(data: object, *, require_patient: bool = False) -> Answers:
    """Validate JSON-shaped data into Answers, or raise AnswersError listing every problem."""
    try:
        answers = Answers.model_validate(data)
    except ValidationError as error:
        raise AnswersError([_describe(e) for e in error.errors()]) from None
    if require_patient and answers.patient is None:
        raise AnswersError([("patient", f"is required; allowed: {ALLOWED['patient']}")])
    return answers


def _describe(error: dict) -> tuple[str, str]:
    loc = error["loc"]
    top = ".".join(str(part) for part in loc if isinstance(part, str)) or "answers"
    field = top + "".join(f"[{part}]" for part in loc if isinstance(part, int))
    allowed = ALLOWED.get(top, "")
    kind = error["type"]
    if kind == "missing":
        return field, f"is required; allowed: {allowed}"
    if kind == "extra_forbidden":
        return field, "is not a known field"
    if top == "answers":
        return field, "must be a JSON object of answers"
    if kind == "value_error":
        return field, f"{error['msg'].removeprefix('Value error, ')} (got {_shown(error['input'])})"
    return field, f"got {_shown(error['input'])}; allowed: {allowed}"


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
