"""Problems found in answers, typed (a field and a kind, never prose), and their English lines for the CLI."""

import json
from dataclasses import dataclass, field

from pydantic_core import PydanticCustomError

# The kinds of problem. Each reader (CLI, web form, a translation) words them from the kind and params.
MISSING = "missing"
UNKNOWN_FIELD = "unknown_field"
NOT_AN_OBJECT = "not_an_object"
NOT_ALLOWED = "not_allowed"  # a value of the wrong type, or not one of the allowed values
OUT_OF_RANGE = "out_of_range"
TOO_SHORT = "too_short"
TOO_LONG = "too_long"
BAD_CHARACTERS = "bad_characters"
CONTROL_CHARACTERS = "control_characters"
DIRECTION_CONTROLS = "direction_controls"
DUPLICATE = "duplicate"
NOT_A_DATE = "not_a_date"
IN_THE_FUTURE = "in_the_future"
TOO_OLD = "too_old"
KINDS = (
    MISSING,
    UNKNOWN_FIELD,
    NOT_AN_OBJECT,
    NOT_ALLOWED,
    OUT_OF_RANGE,
    TOO_SHORT,
    TOO_LONG,
    BAD_CHARACTERS,
    CONTROL_CHARACTERS,
    DIRECTION_CONTROLS,
    DUPLICATE,
    NOT_A_DATE,
    IN_THE_FUTURE,
    TOO_OLD,
)
# pydantic's own error types, as our kinds.
PYDANTIC_KINDS = {
    "missing": MISSING,
    "extra_forbidden": UNKNOWN_FIELD,
    "model_type": NOT_AN_OBJECT,
    "model_attributes_type": NOT_AN_OBJECT,
    "dict_type": NOT_AN_OBJECT,
    "greater_than_equal": OUT_OF_RANGE,
    "less_than_equal": OUT_OF_RANGE,
    "string_too_short": TOO_SHORT,
    "string_too_long": TOO_LONG,
    "string_pattern_mismatch": BAD_CHARACTERS,
}

ENGLISH = {
    MISSING: "is required; allowed: {allowed}",
    UNKNOWN_FIELD: "is not a known field",
    NOT_AN_OBJECT: "must be a JSON object ({allowed})",
    NOT_ALLOWED: "got {got}; allowed: {allowed}",
    OUT_OF_RANGE: "must be {allowed} (got {got})",
    TOO_SHORT: "must be {allowed} after trimming (got {got})",
    TOO_LONG: "must be {allowed} (got {length} characters)",
    BAD_CHARACTERS: "must be {allowed} (got {got})",
    CONTROL_CHARACTERS: "must contain no control characters; allowed: {allowed}",
    DIRECTION_CONTROLS: "must contain no hidden text-direction characters (such as U+202E); "
    "allowed: {allowed}",
    DUPLICATE: "lists {value} more than once; each value may appear at most once",
    NOT_A_DATE: "must be a real date written YYYY-MM-DD (got {got})",
    IN_THE_FUTURE: "must not be in the future (got {got})",
    TOO_OLD: "must give an age of at most {max_age} years (got {got})",
}


@dataclass(frozen=True)
class Problem:
    """One problem: the field's dotted path (list items as [i]), its kind, and values to word it with."""

    field: str
    kind: str
    params: dict = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        """The field without list positions ("nerve_symptoms[1]" -> "nerve_symptoms")."""
        return self.field.split("[", 1)[0]

    @property
    def flat(self) -> str:
        """The field as the questionnaire names it ("patient.full_name" -> "full_name")."""
        return self.name.rsplit(".", 1)[-1]

    def english(self) -> str:
        """The problem in English, naming what is allowed (the CLI's words)."""
        if self.field == "answers" and self.kind == NOT_AN_OBJECT:
            return "must be a JSON object of answers"
        return ENGLISH[self.kind].format_map(self.params)


def custom(kind: str, **params) -> PydanticCustomError:
    """A validator's problem of one of our kinds, carried through pydantic with its params."""
    return PydanticCustomError(kind, kind, params)


def shown(value: object) -> str:
    """A value as an error line quotes it: JSON, cut at 60 characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
