"""What each answer field allows, read off the pydantic schema: the one place limits are declared."""

import types
from dataclasses import dataclass
from datetime import date
from typing import Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, StringConstraints

CHOICE, MANY, NUMBER, DATE, TEXT, LONG_TEXT, OBJECT = (
    "choice",
    "many",
    "number",
    "date",
    "text",
    "long_text",
    "object",
)


@dataclass(frozen=True)
class LongText:
    """Marks a text field asked in a multi-line box (line breaks kept)."""


@dataclass(frozen=True)
class Described:
    """What a field allows, in words, where its constraint cannot say it (a pattern, a date rule)."""

    words: str


@dataclass(frozen=True)
class FieldSpec:
    """One answer field as the schema declares it: its kind, whether required, and its limits."""

    name: str
    kind: str
    required: bool
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    words: str = ""

    @property
    def flat(self) -> str:
        """The name without its object prefix ("patient.full_name" -> "full_name")."""
        return self.name.rsplit(".", 1)[-1]

    def allowed(self) -> str:
        """What the field allows, in the words error lines use."""
        if self.kind == CHOICE:
            return "one of " + ", ".join(self.choices)
        if self.kind == MANY:
            return f"a list of {', '.join(self.choices)}, each at most once"
        if self.kind == NUMBER:
            return f"a whole number from {self.low} to {self.high}"
        if self.words:
            return self.words
        if self.min_length:
            return f"text of {self.min_length} to {self.max_length} characters"
        return f"text of at most {self.max_length} characters"


def field_specs(model: type[BaseModel], prefix: str = "") -> dict[str, FieldSpec]:
    """Every field of the model (nested objects flattened to dotted names), in declaration order."""
    specs: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        dotted = prefix + name
        annotation = _without_none(info.annotation)
        metadata = list(info.metadata)
        required = info.is_required()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            words = next((m.words for m in metadata if isinstance(m, Described)), "")
            specs[dotted] = FieldSpec(dotted, OBJECT, required, words=words)
            specs.update(field_specs(annotation, prefix=dotted + "."))
        else:
            specs[dotted] = _spec(dotted, annotation, metadata, required)
    return specs


def _without_none(annotation):
    if get_origin(annotation) in (Union, types.UnionType):
        return next(arg for arg in get_args(annotation) if arg is not type(None))
    return annotation


def _spec(name: str, annotation, metadata: list, required: bool) -> FieldSpec:
    words = next((m.words for m in metadata if isinstance(m, Described)), "")
    if get_origin(annotation) is Literal:
        return FieldSpec(name, CHOICE, required, choices=get_args(annotation))
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return FieldSpec(name, MANY, required, choices=get_args(item))
    if annotation is int:
        low = next(m.ge for m in metadata if isinstance(m, annotated_types.Ge))
        high = next(m.le for m in metadata if isinstance(m, annotated_types.Le))
        return FieldSpec(name, NUMBER, required, low=low, high=high)
    if annotation is date:
        return FieldSpec(name, DATE, required, words=words)
    if annotation is str:
        limits = next(m for m in metadata if isinstance(m, StringConstraints))
        kind = LONG_TEXT if any(isinstance(m, LongText) for m in metadata) else TEXT
        return FieldSpec(
            name, kind, required, min_length=limits.min_length, max_length=limits.max_length, words=words
        )
    raise TypeError(f"{name}: no field kind for {annotation!r}")
